package org.sipwitch.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Typed, checked access to the children of one container element (a section such as
 * {@code <stack>}, or a {@code <user>}). Construction enforces the rules every section
 * shares, so section parsers only say what they expect:
 *
 * <ul>
 *   <li>an unknown child element is an error naming it and what is allowed, so a typo
 *       such as {@code <prot>} cannot silently fall back to a default;</li>
 *   <li>a single-valued child given twice is an error naming both lines;</li>
 *   <li>stray text between child elements, and attributes not asked for, are errors.</li>
 * </ul>
 *
 * An absent section reads as empty, so every getter falls back to its default.
 */
final class ElementReader {

    private final XmlElement element;
    private final Map<String, List<XmlElement>> byName = new LinkedHashMap<>();

    private ElementReader(XmlElement element) {
        this.element = element;
    }

    /**
     * @param element    the container, or null when it is absent from the config
     * @param single     child names that may appear at most once
     * @param repeatable child names that may appear any number of times
     * @param attributes attribute names the container may carry
     */
    static ElementReader of(XmlElement element, Set<String> single, Set<String> repeatable,
                            Set<String> attributes) throws ConfigException {
        ElementReader reader = new ElementReader(element);
        if (element == null) {
            return reader;
        }
        checkAttributes(element, attributes);
        if (!element.text().isEmpty()) {
            throw element.error(element.tag() + " holds elements, not text; found text \""
                    + abbreviate(element.text()) + "\"");
        }
        for (XmlElement child : element.children()) {
            String name = child.name();
            if (!single.contains(name) && !repeatable.contains(name)) {
                List<String> known = new ArrayList<>(single);
                known.addAll(repeatable);
                known.sort(null);
                throw child.error("unknown element " + child.tag() + " in " + element.tag()
                        + "; expected one of: " + String.join(", ", known));
            }
            List<XmlElement> seen = reader.byName.computeIfAbsent(name, n -> new ArrayList<>());
            if (single.contains(name) && !seen.isEmpty()) {
                throw child.error(child.tag() + " given twice in " + element.tag()
                        + " (first at " + seen.get(0).position() + ")");
            }
            seen.add(child);
        }
        return reader;
    }

    static ElementReader of(XmlElement element, Set<String> single) throws ConfigException {
        return of(element, single, Set.of(), Set.of());
    }

    static void checkAttributes(XmlElement element, Set<String> allowed) throws ConfigException {
        for (String attribute : element.attributes().keySet()) {
            if (!allowed.contains(attribute)) {
                throw element.error("unknown attribute " + attribute + "=\"…\" on " + element.tag()
                        + (allowed.isEmpty() ? "; it takes none" : "; allowed: " + String.join(", ", allowed)));
            }
        }
    }

    Optional<XmlElement> element() {
        return Optional.ofNullable(element);
    }

    Optional<XmlElement> child(String name) {
        List<XmlElement> list = byName.get(name);
        return list == null ? Optional.empty() : Optional.of(list.get(0));
    }

    List<XmlElement> children(String name) {
        return List.copyOf(byName.getOrDefault(name, List.of()));
    }

    boolean has(String name) {
        return byName.containsKey(name);
    }

    Optional<String> text(String name) throws ConfigException {
        Optional<XmlElement> child = child(name);
        if (child.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(leafText(child.get()));
    }

    String text(String name, String fallback) throws ConfigException {
        return text(name).orElse(fallback);
    }

    int integer(String name, int min, int max, int fallback) throws ConfigException {
        Optional<XmlElement> child = child(name);
        return child.isEmpty() ? fallback : parseInt(child.get(), min, max);
    }

    boolean bool(String name, boolean fallback) throws ConfigException {
        Optional<XmlElement> child = child(name);
        if (child.isEmpty()) {
            return fallback;
        }
        String value = leafText(child.get()).toLowerCase(Locale.ROOT);
        switch (value) {
            case "true": case "yes": case "on": case "1":
                return true;
            case "false": case "no": case "off": case "0":
                return false;
            default:
                throw child.get().error(child.get().tag() + " must be true or false, got \""
                        + abbreviate(value) + "\"");
        }
    }

    /** The text of an element that must hold a value, not elements or attributes. */
    static String leafText(XmlElement leaf) throws ConfigException {
        checkAttributes(leaf, Set.of());
        if (!leaf.children().isEmpty()) {
            // inside a secret, markup is most likely part of a mistyped password: do not name it
            throw leaf.error(leaf.tag() + " takes a value, not elements; found "
                    + (SecretElements.isSecret(leaf.name()) ? "an element" : leaf.children().get(0).tag()));
        }
        return leaf.text();
    }

    static int parseInt(XmlElement leaf, int min, int max) throws ConfigException {
        String text = leafText(leaf);
        long value;
        try {
            // digits only: "+5", "0x10", "1e3" are typos here, not numbers
            if (text.isEmpty() || text.length() > 10 || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
                throw new NumberFormatException();
            }
            value = Long.parseLong(text);
        } catch (NumberFormatException e) {
            value = Long.MIN_VALUE;
        }
        if (value < min || value > max) {
            throw leaf.error(leaf.tag() + " must be a number from " + min + " to " + max
                    + ", got \"" + abbreviate(text) + "\"");
        }
        return (int) value;
    }

    /** Splits a list value on whitespace and commas: {@code "udp tcp"}, {@code "a, b"}. */
    static List<String> words(String text) {
        List<String> words = new ArrayList<>();
        for (String word : text.split("[\\s,]+")) {
            if (!word.isEmpty()) {
                words.add(word);
            }
        }
        return words;
    }

    /** Keeps messages one line long even when a value is a paragraph of junk. */
    static String abbreviate(String text) {
        String oneLine = text.replaceAll("\\s+", " ");
        return oneLine.length() <= 40 ? oneLine : oneLine.substring(0, 37) + "...";
    }
}
