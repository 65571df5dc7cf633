package org.gstdff.cli;

import java.lang.reflect.Method;
import java.util.Arrays;

/** {@code dff example NAME ARGS}: runs one of the programs in {@code examples/} (package org.gstdff.examples). */
final class ExampleCommand implements Main.Command {

    @Override
    public int run(String[] args) throws Exception {
        if (args.length < 1) {
            throw new Main.UsageException("usage: dff example FileToAnnotatedMp4|CountPeople|RtspToJsonLines ARGS");
        }
        Class<?> c;
        try {
            c = Class.forName("org.gstdff.examples." + args[0]);
        } catch (ClassNotFoundException e) {
            throw new Main.UsageException("no example '" + args[0] + "' (FileToAnnotatedMp4, CountPeople, "
                    + "RtspToJsonLines)");
        }
        Method m = c.getMethod("run", String[].class);
        return (Integer) m.invoke(null, (Object) Arrays.copyOfRange(args, 1, args.length));
    }
}
