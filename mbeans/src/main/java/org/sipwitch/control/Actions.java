package org.sipwitch.control;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import javax.management.Attribute;
import javax.management.ObjectName;

/** The few shapes a verb's action takes: read, write, invoke, invoke once per argument. */
final class Actions {

    private Actions() {
    }

    static Action read(ObjectName name, String attribute, Formatter format) {
        return (server, args) -> format.format(server.getAttribute(name, attribute), args);
    }

    /**
     * Without an argument: print the attribute's value in force; with one: set it (an
     * integer when {@code integer}) and print nothing, or what {@code then} prints.
     */
    static Action readOrWrite(ObjectName name, String attribute, boolean integer, Action then) {
        return (server, args) -> {
            if (args.isEmpty()) {
                return Formats.value(server.getAttribute(name, attribute), args);
            }
            Object value = integer ? (Object) Integer.parseInt(args.get(0)) : args.get(0);
            server.setAttribute(name, new Attribute(attribute, value));
            return then == null ? Reply.ok() : then.perform(server, args);
        };
    }

    /** invoke {@code operation} with string parameters taken from the arguments, in order. */
    static Action invokeText(ObjectName name, String operation, int params, Formatter format) {
        return invoke(name, operation, stringSignature(params), args -> {
            Object[] p = new Object[params];
            for (int i = 0; i < params; i++) {
                p[i] = i < args.size() ? args.get(i) : "";   // missing optional arguments: ""
            }
            return p;
        }, format);
    }

    static Action invoke(ObjectName name, String operation, String[] signature,
                         Function<List<String>, Object[]> params, Formatter format) {
        return (server, args) -> format.format(server.invoke(name, operation, params.apply(args), signature), args);
    }

    /**
     * invoke {@code operation(String)} once per argument; report each failure on stderr
     * and fail overall if any failed (enable/disable take several conf-ids).
     */
    static Action each(ObjectName name, String operation) {
        return (server, args) -> {
            List<String> err = new ArrayList<>();
            for (String arg : args) {
                try {
                    server.invoke(name, operation, new Object[] {arg}, stringSignature(1));
                } catch (Exception e) {
                    err.add(arg + ": " + Failures.reason(e));
                }
            }
            if (err.isEmpty()) {
                return Reply.ok();
            }
            return new Reply(Reply.FAILED, operation + " failed for " + err.size() + " of " + args.size(),
                    List.of(), err);
        };
    }

    static String[] stringSignature(int n) {
        String[] s = new String[n];
        java.util.Arrays.fill(s, String.class.getName());
        return s;
    }
}
