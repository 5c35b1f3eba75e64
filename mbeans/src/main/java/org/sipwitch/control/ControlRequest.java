package org.sipwitch.control;

import java.util.List;

/**
 * One request line of the control protocol (docs/control-protocol.md):
 * {@code sipwitchctl/1[;option]... TAB reply-path TAB verb [TAB arg]... LF}.
 * The one option so far is {@code json}: answer JSON instead of text.
 *
 * @param badOption an option this bridge does not know, to refuse with a reply; {@code null} when none
 */
record ControlRequest(String replyPath, String verb, List<String> args, Format format, String badOption) {

    static final String MAGIC = "sipwitchctl/1";

    /** How the reply's output lines are written. */
    enum Format { TEXT, JSON }

    /** PIPE_BUF on Linux: writes up to this size into a FIFO are atomic, so requests never interleave. */
    static final int MAX_LINE = 4096;

    /** Thrown for a line that is not a request at all: it has no reply path we could trust. */
    static final class Malformed extends Exception {
        private static final long serialVersionUID = 1L;

        Malformed(String message) {
            super(message);
        }
    }

    static ControlRequest parse(String line) throws Malformed {
        String[] fields = line.split("\t", -1);
        String[] head = fields[0].split(";", -1);
        if (!head[0].equals(MAGIC)) {
            throw new Malformed("not a " + MAGIC + " request");
        }
        if (fields.length < 3) {
            throw new Malformed("missing reply path or verb");
        }
        Format format = Format.TEXT;
        String badOption = null;
        for (int i = 1; i < head.length; i++) {
            if (head[i].equals("json")) {
                format = Format.JSON;
            } else if (badOption == null) {
                badOption = head[i];
            }
        }
        return new ControlRequest(fields[1], fields[2], List.of(fields).subList(3, fields.length), format,
                badOption);
    }

    /** Arguments are text fields: no control characters (the tool refuses them too). */
    String badArgument() {
        for (String a : args) {
            for (int i = 0; i < a.length(); i++) {
                if (Character.isISOControl(a.charAt(i))) {
                    return "arguments must not contain control characters";
                }
            }
        }
        return null;
    }
}
