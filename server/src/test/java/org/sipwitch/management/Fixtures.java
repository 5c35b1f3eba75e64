package org.sipwitch.management;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.sipwitch.config.LiveConfig;

/** A config with a known secret, and a daemon context around it, in a test directory. */
final class Fixtures {

    static final String SECRET = "s3cret-never-shown";
    static final String TLS_PASSWORD = "tls-pass-never-shown";

    private Fixtures() {
    }

    static Path config(Path dir) throws IOException {
        return Files.writeString(dir.resolve("sipwitch.xml"), "<?xml version=\"1.0\"?>\n<sipwitch>\n"
                + "  <stack><interface>127.0.0.1</interface><port>5099</port></stack>\n"
                + "  <registry><realm>example.net</realm><digest>md5</digest><prefix>200</prefix><range>100</range></registry>\n"
                + "  <provision><user id=\"alice\"><extension>201</extension><secret>" + SECRET + "</secret></user></provision>\n"
                + "  <access><trusted>127.0.0.0/8</trusted><restricted>10.0.0.0/8</restricted></access>\n"
                + "</sipwitch>\n");
    }

    static LiveConfig live(Path dir) throws Exception {
        return new LiveConfig(config(dir));
    }

    static ManagementContext context(Path dir, java.util.function.IntConsumer stopper) throws Exception {
        return new ManagementContext(live(dir), Files.createDirectories(dir.resolve("run")),
                Files.createDirectories(dir.resolve("state")), line -> { }, stopper);
    }
}
