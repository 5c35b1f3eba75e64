package org.sipwitch.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Merges the root elements of the main file and the drop-ins (in that order) into one
 * {@code <sipwitch>} tree. Two rules, chosen so that a drop-in can add to lists without
 * repeating them and change one setting without repeating its whole section:
 *
 * <ul>
 *   <li><b>list sections</b> ({@code <provision>}, {@code <access>}, {@code <routing>}):
 *       the children of every file are appended;</li>
 *   <li><b>setting sections</b> (all others): a child element in a later file replaces all
 *       same-named children of earlier files ({@code <port>} in a drop-in replaces the
 *       main file's {@code <port>}; its {@code <interface>}s replace all earlier ones;
 *       a {@code <tls>} block replaces the earlier block as a whole).</li>
 * </ul>
 *
 * Merged children keep their own file and line, so errors found later still point at
 * the file that said it.
 */
final class ConfigMerger {

    static final String ROOT = "sipwitch";
    static final Set<String> LIST_SECTIONS = Set.of("provision", "access", "routing");
    static final Set<String> SETTING_SECTIONS = Set.of("stack", "registry", "timers", "jmx", "security", "metrics",
            "cdr", "templates", "cluster");

    private ConfigMerger() {
    }

    static XmlElement merge(List<XmlElement> roots) throws ConfigException {
        Map<String, XmlElement> sections = new LinkedHashMap<>();
        for (XmlElement root : roots) {
            checkRoot(root);
            Map<String, XmlElement> seenInThisFile = new LinkedHashMap<>();
            for (XmlElement section : root.children()) {
                String name = section.name();
                boolean list = LIST_SECTIONS.contains(name);
                if (!list && !SETTING_SECTIONS.contains(name)) {
                    List<String> known = new ArrayList<>(LIST_SECTIONS);
                    known.addAll(SETTING_SECTIONS);
                    known.sort(null);
                    throw section.error("unknown section " + section.tag() + " in <sipwitch>; expected one of: "
                            + String.join(", ", known));
                }
                XmlElement earlierHere = seenInThisFile.putIfAbsent(name, section);
                if (earlierHere != null && !list) {
                    throw section.error(section.tag() + " given twice in one file (first at "
                            + earlierHere.position() + "); settings of one section belong together");
                }
                ElementReader.checkAttributes(section, Set.of());
                if (!section.text().isEmpty()) {
                    throw section.error(section.tag() + " holds elements, not text");
                }
                XmlElement merged = sections.get(name);
                sections.put(name, merged == null ? section
                        : merged.withChildren(list ? append(merged, section) : override(merged, section)));
            }
        }
        XmlElement first = roots.get(0);
        return new XmlElement(ROOT, Map.of(), "", new ArrayList<>(sections.values()), first.position());
    }

    private static void checkRoot(XmlElement root) throws ConfigException {
        if (!root.name().equals(ROOT)) {
            throw root.error("the root element must be <sipwitch>, found " + root.tag());
        }
        ElementReader.checkAttributes(root, Set.of());
        if (!root.text().isEmpty()) {
            throw root.error("<sipwitch> holds sections, not text; found \"" + ElementReader.abbreviate(root.text()) + "\"");
        }
    }

    private static List<XmlElement> append(XmlElement earlier, XmlElement later) {
        List<XmlElement> children = new ArrayList<>(earlier.children());
        children.addAll(later.children());
        return children;
    }

    private static List<XmlElement> override(XmlElement earlier, XmlElement later) {
        Set<String> replaced = new java.util.HashSet<>();
        for (XmlElement child : later.children()) {
            replaced.add(child.name());
        }
        List<XmlElement> children = new ArrayList<>();
        for (XmlElement child : earlier.children()) {
            if (!replaced.contains(child.name())) {
                children.add(child);
            }
        }
        children.addAll(later.children());
        return children;
    }
}
