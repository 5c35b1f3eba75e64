package org.sipwitch.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.sipwitch.mbeans.ObjectNames;

/** The verb table against the seed man page, its MBeans, our man page and the script. */
class VerbTableTest {

    private final VerbTable table = VerbTable.standard();

    @Test
    void everyVerbOfTheSeedManPageIsInTheTable() throws Exception {
        List<String> seed = seedVerbs();
        assertThat(seed).hasSize(34).contains("abort", "verbose", "digest", "message");
        List<String> names = table.verbs().stream().map(Verb::name).toList();
        // beyond the seed: help and version of the bridge, unblock (issue 14: lifting abuse blocks),
        // forward (issue 13), cluster (issue 19)
        assertThat(names).containsAll(seed).contains("help", "version", "unblock", "forward", "cluster")
                .hasSize(seed.size() + 5);
    }

    @Test
    void everyVerbMapsToOneExistingAttributeOrOperation() {
        for (Verb v : table.verbs()) {
            if (v.kind() == Verb.Kind.BRIDGE) {
                assertThat(v.target()).isNull();
                continue;
            }
            Class<?> type = ObjectNames.interfaceOf(v.target());
            boolean found = Arrays.stream(type.getMethods()).map(Method::getName).anyMatch(n ->
                    v.kind() == Verb.Kind.ATTRIBUTE
                            ? n.equals("get" + v.member()) || n.equals("set" + v.member())
                            : n.equals(v.member()));
            assertThat(found).as(v.name() + " -> " + type.getSimpleName() + "." + v.member()).isTrue();
            assertThat(v.help()).isNotBlank();
        }
    }

    @Test
    void manPageVerbListIsTheTablesRendering() throws Exception {
        String page = Files.readString(Path.of("../docs/sipwitchctl.1"));
        Matcher m = Pattern.compile("(?s)\\.\\\\\" BEGIN VERBS\n(.*?)\\.\\\\\" END VERBS").matcher(page);
        assertThat(m.find()).as("BEGIN/END VERBS markers in docs/sipwitchctl.1").isTrue();
        assertThat(m.group(1)).isEqualTo(String.join("\n", table.manPageVerbs()) + "\n");
    }

    @Test
    void scriptKnowsExactlyTheTablesVerbs() throws Exception {
        String script = Files.readString(Sipwitchctl.SCRIPT);
        Matcher m = Pattern.compile("(?m)^VERBS=\"([^\"]*)\"").matcher(script);
        assertThat(m.find()).isTrue();
        assertThat(List.of(m.group(1).split(" ")))
                .containsExactlyElementsOf(table.verbs().stream().map(Verb::name).toList());
    }

    @Test
    void scriptOffersJsonForExactlyTheTablesDataVerbs() throws Exception {
        String script = Files.readString(Sipwitchctl.SCRIPT);
        Matcher m = Pattern.compile("(?m)^JSON_VERBS=\"([^\"]*)\"").matcher(script);
        assertThat(m.find()).isTrue();
        assertThat(List.of(m.group(1).split(" "))).containsExactlyElementsOf(
                table.verbs().stream().filter(Verb::hasJson).map(Verb::name).toList());
        // the list of data verbs, the event stream, and issue 19's cluster
        assertThat(List.of(m.group(1).split(" "))).containsExactlyInAnyOrder("registry", "calls", "stats",
                "pstats", "status", "policy", "usercache", "history", "dump", "check", "siplog", "events", "cluster");
    }

    @Test
    void bridgeChecksArityAndArguments() {
        Verb trace = table.find("trace").orElseThrow();
        assertThat(trace.checkArgs(List.of("on"))).isNull();
        assertThat(trace.checkArgs(List.of("maybe"))).contains("on|off|clear");
        assertThat(trace.checkArgs(List.of())).contains("takes 1 argument");
        assertThat(table.find("enable").orElseThrow().checkArgs(List.of("a", "b", "c"))).isNull();
        assertThat(table.find("verbose").orElseThrow().checkArgs(List.of("10"))).contains("0..9");
    }

    /** Verbs of seed/sipwitchctl.1.txt: first word of each block after DESCRIPTION's paragraph. */
    static List<String> seedVerbs() throws Exception {
        String text;
        try (InputStream in = VerbTableTest.class.getResourceAsStream("/seed-sipwitchctl.1.txt")) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String description = text.substring(text.indexOf("\nDESCRIPTION"), text.indexOf("\nEXIT STATUS"));
        String[] blocks = description.split("\n\\s*\n");
        List<String> verbs = new ArrayList<>();
        for (int i = 1; i < blocks.length; i++) {
            String first = blocks[i].strip().split("\\s+")[0];
            if (!first.isEmpty()) {
                verbs.add(first);
            }
        }
        return verbs;
    }
}
