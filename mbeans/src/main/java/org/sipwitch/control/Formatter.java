package org.sipwitch.control;

import java.util.List;

/** Turns the open-type value an attribute or operation returned into reply text. */
@FunctionalInterface
public interface Formatter {
    Reply format(Object value, List<String> args);

    /** Prints nothing: the verb's success is its exit status. */
    Formatter SILENT = (value, args) -> Reply.ok();
}
