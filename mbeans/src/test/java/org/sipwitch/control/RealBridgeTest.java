package org.sipwitch.control;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real FifoBridge over in-memory MXBeans in a run directory of its own, started
 * before and closed after each test, for the tests that talk to it through the real
 * scripts/sipwitchctl or its FIFO.
 */
abstract class RealBridgeTest {

    @TempDir
    Path temp;
    InMemoryDaemon daemon;
    FifoBridge bridge;
    Path runDir;
    /** Where sipwitchctl makes its private reply directory, the one root the bridge accepts. */
    Path tmp;

    /** The bridge's settings for these tests; the reply roots are set afterwards. */
    BridgeSettings settings() {
        return BridgeSettings.defaults();
    }

    @BeforeEach
    void startBridge() throws Exception {
        runDir = Files.createDirectory(temp.resolve("run"));
        tmp = Files.createDirectory(temp.resolve("tmp")).toRealPath();
        daemon = new InMemoryDaemon();
        bridge = new FifoBridge(runDir, daemon.server, VerbTable.standard(),
                settings().withReplyRoots(List.of(tmp))).start();
    }

    @AfterEach
    void stopBridge() {
        bridge.close();
    }

    Sipwitchctl ctl(String shell) {
        return new Sipwitchctl(shell, runDir, tmp);
    }
}
