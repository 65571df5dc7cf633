/** The {@code ./dff} command line: one class per subcommand, dispatched by {@link org.gstdff.cli.Main}. */
package org.gstdff.cli;
