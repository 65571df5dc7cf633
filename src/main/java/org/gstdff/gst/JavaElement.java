package org.gstdff.gst;

/** What the launcher needs from the project's Java elements beyond being a {@code Bin}. */
public interface JavaElement {

    /** Sets a property from its text form; throws IllegalArgumentException naming property and range. */
    void setProperty(String name, String value);

    Object getProperty(String name);

    /** Acquires resources (models, files) now so that bad settings fail before the pipeline starts. */
    void prepare();

    /** Releases the resources; called after the pipeline reached NULL. */
    void close();

    /** One line for the end-of-run report, or null. */
    String summary();
}
