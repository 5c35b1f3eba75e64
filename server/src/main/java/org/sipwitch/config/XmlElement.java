package org.sipwitch.config;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One element of a config file, as far as the config needs it: name, attributes,
 * trimmed text and children, plus where it starts. A tiny DOM of our own because the
 * JDK's DOM loses line numbers, and every error must name its line.
 *
 * <p>Children of a merged section may come from different files; each keeps its own
 * {@link #position()}.
 */
record XmlElement(String name, Map<String, String> attributes, String text,
                  List<XmlElement> children, SourcePosition position) {

    XmlElement {
        Objects.requireNonNull(name, "name");
        attributes = Map.copyOf(attributes);
        text = text == null ? "" : text.strip();
        children = List.copyOf(children);
        Objects.requireNonNull(position, "position");
    }

    XmlElement withChildren(List<XmlElement> newChildren) {
        return new XmlElement(name, attributes, text, newChildren, position);
    }

    /** {@code <name>} as operators see it in the file, used in every message. */
    String tag() {
        return "<" + name + ">";
    }

    /** Never the text: a {@code <secret>} element must not end up in a log by accident. */
    @Override
    public String toString() {
        return tag() + " at " + position;
    }

    ConfigException error(String problem) {
        return new ConfigException(position, problem);
    }
}
