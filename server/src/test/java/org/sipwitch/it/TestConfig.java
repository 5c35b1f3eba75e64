package org.sipwitch.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a sipwitch.xml for a test daemon: loopback, port 0 (a free port, so tests
 * can run side by side), and the users a test needs. Secrets here are test fixtures.
 */
public final class TestConfig {
    private final StringBuilder users = new StringBuilder();
    private String registryExtra = "";
    private String extraSections = "";
    private String digest = "md5";
    private String transports = "udp tcp";
    private String stackExtra = "";
    private String access = "<trusted>127.0.0.0/8</trusted>";
    private int port;

    /** A fixed port instead of a free one (for tests about a port that is taken). */
    public TestConfig port(int fixed) {
        this.port = fixed;
        return this;
    }

    /** A user with its own display name (any characters; XML-escaped here). */
    public TestConfig user(String id, String extension, String display, String secret) {
        users.append("    <user id=\"").append(id).append("\">");
        if (extension != null) {
            users.append("<extension>").append(extension).append("</extension>");
        }
        users.append("<display>").append(display.replace("&", "&amp;").replace("<", "&lt;")).append("</display><secret>")
                .append(secret).append("</secret></user>\n");
        return this;
    }

    public TestConfig user(String id, String extension, String secret) {
        users.append("    <user id=\"").append(id).append("\">");
        if (extension != null) {
            users.append("<extension>").append(extension).append("</extension>");
        }
        users.append("<display>").append(id).append("</display><secret>").append(secret).append("</secret></user>\n");
        return this;
    }

    /** Raw elements inside {@code <provision>}: users with more than the basics, groups, gateways. */
    public TestConfig provision(String xml) {
        users.append("    ").append(xml).append('\n');
        return this;
    }

    public TestConfig digest(String algorithm) {
        this.digest = algorithm;
        return this;
    }

    public TestConfig transports(String list) {
        this.transports = list;
        return this;
    }

    /** Extra elements inside {@code <stack>}, e.g. {@code <tls>}. */
    public TestConfig stack(String xml) {
        this.stackExtra += xml;
        return this;
    }

    /** The {@code <access>} children; by default all of 127.0.0.0/8 is trusted. */
    public TestConfig access(String xml) {
        this.access = xml;
        return this;
    }

    /** Extra elements inside {@code <registry>}, e.g. expiry knobs. */
    public TestConfig registry(String xml) {
        this.registryExtra += xml;
        return this;
    }

    /** Extra top-level sections, e.g. {@code <timers>} or {@code <jmx>}. */
    public TestConfig section(String xml) {
        this.extraSections += xml;
        return this;
    }

    public String xml() {
        return "<?xml version=\"1.0\"?>\n<sipwitch>\n"
                + "  <stack><interface>127.0.0.1</interface><port>" + port + "</port><transport>" + transports
                + "</transport>" + stackExtra + "</stack>\n"
                + "  <registry><realm>test</realm><digest>" + digest + "</digest><prefix>200</prefix><range>100</range>"
                + registryExtra + "</registry>\n"
                + "  <provision>\n" + users + "  </provision>\n"
                + "  <access>" + access + "</access>\n"
                + extraSections
                + "</sipwitch>\n";
    }

    public Path write(Path dir) throws IOException {
        Path file = dir.resolve("sipwitch.xml");
        Files.writeString(file, xml(), StandardCharsets.UTF_8);
        return file;
    }
}
