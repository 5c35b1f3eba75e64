package org.sipwitch.it;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real Kamailio (Debian package {@code kamailio}) playing an Internet telephony
 * provider on 127.0.0.1: a registrar that challenges REGISTER (401), a proxy that
 * challenges INVITEs from our trunk account (407), record-routes and relays calls to
 * whoever is registered. Accounts: our trunk {@value #TRUNK_USER}, and a "PSTN" phone
 * {@value #PSTN_USER}. It writes {@code ITSP-…} lines to its log for the tests to read.
 * Started and stopped by PID; the port is fixed for its lifetime so that a restart
 * (the provider "coming back") is at the same address.
 */
final class KamailioProvider implements AutoCloseable {
    static final String DOMAIN = "itsp.test";
    static final String TRUNK_USER = "15551230000";
    /** A test fixture: the provider-side password of our trunk account. Must never show up in our daemon's output. */
    static final String TRUNK_SECRET = "gw-provider-pass-7Qx";
    static final String PSTN_USER = "15557654321";
    static final String PSTN_SECRET = "pstn-pass";
    /** A second PSTN number, for the jain-sip phone (the sipp one holds the first). */
    static final String PSTN2_USER = "15557650002";

    private final Path dir;
    private final int port;
    /** Whether in-dialog INVITEs from our trunk are challenged too, as many providers do with every re-INVITE. */
    private final boolean challengeReInvites;
    private Process process;
    private int runs;

    private KamailioProvider(Path dir, int port, boolean challengeReInvites) {
        this.dir = dir;
        this.port = port;
        this.challengeReInvites = challengeReInvites;
    }

    static void assumeAvailable() {
        assumeTrue(Files.isExecutable(Path.of("/usr/sbin/kamailio")), "kamailio is not installed (apt-get install kamailio)");
    }

    /** Starts on a free UDP port; tries another port if someone took it between the probe and the bind. */
    static KamailioProvider start(Path workDir) throws Exception {
        return start(workDir, false);
    }

    /**
     * A provider that also challenges every re-INVITE of our trunk (407, logged as
     * {@code ITSP-CHALLENGE REINVITE}), and relays the answered one with its credentials
     * left in, so that the far phone can see which request got through.
     */
    static KamailioProvider startChallengingReInvites(Path workDir) throws Exception {
        return start(workDir, true);
    }

    private static KamailioProvider start(Path workDir, boolean challengeReInvites) throws Exception {
        Exception last = null;
        for (int i = 0; i < 3; i++) {
            KamailioProvider k = new KamailioProvider(Files.createDirectories(workDir.resolve("kamailio")),
                    probeFreePort(), challengeReInvites);
            try {
                k.startAgain();
                return k;
            } catch (IllegalStateException e) {
                last = e;
                k.close();
            }
        }
        throw last;
    }

    /**
     * Kamailio must be told its port in its config (it writes it into Via and
     * Record-Route), so it cannot bind port 0 and report back: take a port that is free
     * now; {@link #start} tries another when someone took it before Kamailio bound it.
     */
    private static int probeFreePort() throws IOException {
        try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            return s.getLocalPort();
        }
    }

    int port() {
        return port;
    }

    /** (Re)starts the process on the same port; returns once it answers SIP. */
    void startAgain() throws Exception {
        Path cfg = dir.resolve("kamailio.cfg");
        Files.writeString(cfg, config(), StandardCharsets.UTF_8);
        Path run = Files.createDirectories(dir.resolve("run"));
        Path log = dir.resolve("kamailio-" + (++runs) + ".log");
        process = new ProcessBuilder("/usr/sbin/kamailio", "-f", cfg.toString(), "-DD", "-E", "-m", "32", "-M", "8",
                "-Y", run.toString(), "-P", run.resolve("kamailio.pid").toString(), "-w", dir.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!answers(15)) {
            String text = Files.readString(log, StandardCharsets.UTF_8);
            close();
            throw new IllegalStateException("kamailio did not answer on udp 127.0.0.1:" + port + "\n" + text);
        }
    }

    /** Polls with OPTIONS until any response comes back (the config answers OPTIONS with 404): the signal it runs. */
    private boolean answers(int seconds) throws IOException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            s.setSoTimeout(200);
            while (System.nanoTime() < deadline) {
                if (!process.isAlive()) {
                    return false;
                }
                String options = "OPTIONS sip:" + DOMAIN + " SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:" + s.getLocalPort()
                        + ";branch=z9hG4bKprobe" + System.nanoTime() + "\r\nFrom: <sip:probe@127.0.0.1>;tag=p\r\n"
                        + "To: <sip:" + DOMAIN + ">\r\nCall-ID: probe" + System.nanoTime() + "\r\nCSeq: 1 OPTIONS\r\n"
                        + "Max-Forwards: 70\r\nContent-Length: 0\r\n\r\n";
                byte[] b = options.getBytes(StandardCharsets.US_ASCII);
                s.send(new DatagramPacket(b, b.length, new InetSocketAddress(InetAddress.getLoopbackAddress(), port)));
                try {
                    s.receive(new DatagramPacket(new byte[4096], 4096));
                    return true;
                } catch (SocketTimeoutException e) {
                    // not up yet
                }
            }
        }
        return false;
    }

    /** Everything Kamailio logged, all runs. */
    String log() throws IOException {
        StringBuilder b = new StringBuilder();
        for (int i = 1; i <= runs; i++) {
            Path p = dir.resolve("kamailio-" + i + ".log");
            if (Files.exists(p)) {
                b.append(Files.readString(p, StandardCharsets.UTF_8));
            }
        }
        return b.toString();
    }

    long count(String marker) throws IOException {
        return log().lines().filter(l -> l.contains(marker)).count();
    }

    /**
     * Stops the provider (by its PID), as an outage would, and then its worker processes:
     * they block SIGTERM and wait for the main process to end them, so when it had to be
     * killed they were left running with no parent, holding the port.
     */
    void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            List<ProcessHandle> workers = process.descendants().toList();
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
            for (ProcessHandle w : workers) {
                if (w.isAlive()) {
                    w.destroyForcibly();
                    w.onExit().orTimeout(5, TimeUnit.SECONDS).exceptionally(e -> w).join(); // the port is free again
                }
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }

    /** Where the Debian package put the modules (the multiarch directory differs per architecture). */
    private static String modules() {
        try (var dirs = Files.newDirectoryStream(Path.of("/usr/lib"))) {
            for (Path d : dirs) {
                Path m = d.resolve("kamailio/modules");
                if (Files.exists(m.resolve("tm.so"))) {
                    return m + "/";
                }
            }
        } catch (IOException e) {
            // fall through to the usual place
        }
        return "/usr/lib/x86_64-linux-gnu/kamailio/modules/";
    }

    private String config() {
        // stateful 407 (t_newtran) so that t_check_trans absorbs its hop-by-hop ACK instead of loose_route relaying it
        String reInvites = challengeReInvites ? String.join("\n",
                "        if (is_method(\"ACK\")) { t_check_trans(); }",
                "        if (is_method(\"INVITE\") && $fU == \"" + TRUNK_USER + "\") {",
                "            route(ACCOUNT);",
                "            if (!pv_proxy_authenticate(\"" + DOMAIN + "\", \"$var(pw)\", \"0\")) {",
                "                xlog(\"L_NOTICE\", \"ITSP-CHALLENGE REINVITE $fU cseq $cs\\n\");",
                "                t_newtran(); proxy_challenge(\"" + DOMAIN + "\", \"0\"); exit;",
                "            }",
                "            xlog(\"L_NOTICE\", \"ITSP-AUTHORIZED REINVITE from $fu cseq $cs\\n\");",
                "        }") : "";
        return String.join("\n", List.of(
                "#!KAMAILIO",
                "debug=2",
                "log_stderror=yes",
                "children=2",
                "auto_aliases=no",
                "listen=udp:127.0.0.1:" + port,
                "alias=\"" + DOMAIN + "\"",
                "mpath=\"" + modules() + "\"",
                "loadmodule \"tm.so\"", "loadmodule \"sl.so\"", "loadmodule \"rr.so\"", "loadmodule \"pv.so\"",
                "loadmodule \"maxfwd.so\"", "loadmodule \"usrloc.so\"", "loadmodule \"registrar.so\"",
                "loadmodule \"textops.so\"", "loadmodule \"siputils.so\"", "loadmodule \"xlog.so\"",
                "loadmodule \"auth.so\"", "loadmodule \"kex.so\"", "loadmodule \"corex.so\"",
                "modparam(\"usrloc\", \"db_mode\", 0)",
                "modparam(\"registrar\", \"min_expires\", 5)",
                "modparam(\"registrar\", \"default_expires\", 60)",
                "request_route {",
                "    xlog(\"L_NOTICE\", \"ITSP-IN $rm $ru from $fu src $si:$sp\\n\");",
                "    if (!mf_process_maxfwd_header(\"10\")) { sl_send_reply(\"483\", \"Too Many Hops\"); exit; }",
                "    if (has_totag()) {",
                reInvites,
                "        if (loose_route()) { xlog(\"L_NOTICE\", \"ITSP-ROUTED $rm\\n\"); t_relay(); exit; }",
                "        if (is_method(\"ACK\")) { if (t_check_trans()) { t_relay(); } exit; }",
                "        sl_send_reply(\"404\", \"Not here\"); exit;",
                "    }",
                "    if (is_method(\"CANCEL\")) { if (t_check_trans()) { t_relay(); } exit; }",
                "    t_check_trans();",
                "    if (is_method(\"REGISTER\")) {",
                "        route(ACCOUNT);",
                "        if (!pv_www_authenticate(\"" + DOMAIN + "\", \"$var(pw)\", \"0\")) {",
                "            xlog(\"L_NOTICE\", \"ITSP-CHALLENGE REGISTER $fU\\n\"); www_challenge(\"" + DOMAIN + "\", \"0\"); exit;",
                "        }",
                "        consume_credentials();",
                "        if (!save(\"location\")) { sl_reply_error(); exit; }",
                "        xlog(\"L_NOTICE\", \"ITSP-REGISTERED $tU contact $ct expires $hdr(Expires)\\n\");",
                "        exit;",
                "    }",
                "    if (is_method(\"INVITE\") && $fU == \"" + TRUNK_USER + "\") {",
                "        route(ACCOUNT);",
                "        if (!pv_proxy_authenticate(\"" + DOMAIN + "\", \"$var(pw)\", \"0\")) {",
                "            xlog(\"L_NOTICE\", \"ITSP-CHALLENGE INVITE $fU\\n\"); proxy_challenge(\"" + DOMAIN + "\", \"0\"); exit;",
                "        }",
                "        consume_credentials();",
                "        xlog(\"L_NOTICE\", \"ITSP-AUTHORIZED INVITE from $fu to $ru\\n\");",
                "    }",
                "    if (is_method(\"INVITE\")) { record_route(); }",
                "    if (!lookup(\"location\")) { sl_send_reply(\"404\", \"Not Found\"); exit; }",
                "    t_relay();",
                "}",
                "route[ACCOUNT] {",
                "    if ($fU == \"" + TRUNK_USER + "\") { $var(pw) = \"" + TRUNK_SECRET + "\"; }",
                "    else if ($fU =~ \"^1555765\") { $var(pw) = \"" + PSTN_SECRET + "\"; }",
                "    else { sl_send_reply(\"403\", \"Unknown account\"); exit; }",
                "}",
                ""));
    }
}
