package org.sipwitch.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's headless Chromium driven by Debian's chromedriver, both named by path so that
 * Selenium Manager never looks for (or downloads) a browser or driver. With fake audio
 * devices and auto-granted microphone, loopback ICE candidates allowed, no mDNS hiding of
 * them. In a {@link LoopbackNamespace} the browser is started through nsenter, talking to
 * chromedriver over a pipe (chromedriver stays outside: it listens on the host's loopback).
 */
final class HeadlessChromium {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    private HeadlessChromium() {
    }

    static boolean available() {
        return Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    }

    /**
     * @param namespace where the browser runs, or null for the host's network
     * @param trustedSpki the base64 SHA-256 of a public key whose certificate the browser trusts (the test's WSS)
     */
    static ChromeDriver start(LoopbackNamespace namespace, String trustedSpki, Path workDir) throws IOException {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(binary(namespace, workDir).toFile());
        List<String> args = new ArrayList<>(List.of("--headless=new", "--no-sandbox", "--disable-dev-shm-usage",
                "--remote-debugging-pipe", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync",
                "--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream",
                "--autoplay-policy=no-user-gesture-required",
                "--allow-loopback-in-peer-connection", "--disable-features=WebRtcHideLocalIpsWithMdns",
                "--user-data-dir=" + Files.createTempDirectory(workDir, "chromium-profile")));
        if (trustedSpki != null) {
            args.add("--ignore-certificate-errors-spki-list=" + trustedSpki);
        }
        options.addArguments(args);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .withLogFile(workDir.resolve("chromedriver.log").toFile())
                .build();
        return new ChromeDriver(service, options);
    }

    /** The browser itself, or a script that starts it inside the namespace. */
    private static Path binary(LoopbackNamespace namespace, Path workDir) throws IOException {
        if (namespace == null) {
            return CHROMIUM;
        }
        Path script = workDir.resolve("chromium-in-namespace.sh");
        Files.writeString(script, "#!/bin/sh\nexec " + String.join(" ", namespace.prefix()) + " " + CHROMIUM
                + " \"$@\"\n", StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        return script;
    }
}
