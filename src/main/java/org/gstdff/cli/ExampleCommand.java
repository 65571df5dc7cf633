package org.gstdff.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import java.util.List;
import java.util.ArrayList;
import java.lang.reflect.Method;

/** {@code dff example NAME ARGS}: runs one of the programs in {@code examples/} (package org.gstdff.examples). */
@Command(name = "example", mixinStandardHelpOptions = true,
        description = "Run one of the programs in examples/ with its own arguments.")
final class ExampleCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "NAME", description = "FileToAnnotatedMp4, CountPeople or RtspToJsonLines")
    String name;

    @Parameters(index = "1..*", arity = "0..*", paramLabel = "ARGS", description = "the example's arguments")
    List<String> args = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        Class<?> c;
        try {
            c = Class.forName("org.gstdff.examples." + name);
        } catch (ClassNotFoundException e) {
            throw new Main.UsageException("no example '" + name + "' (FileToAnnotatedMp4, CountPeople, "
                    + "RtspToJsonLines)");
        }
        Method m = c.getMethod("run", String[].class);
        return (Integer) m.invoke(null, (Object) args.toArray(new String[0]));
    }
}
