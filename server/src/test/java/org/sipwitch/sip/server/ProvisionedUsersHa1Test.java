package org.sipwitch.sip.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sipwitch.config.LiveConfig;
import org.sipwitch.digest.DigestAlgorithm;

/** The HA1 cache: same answers as computing each time, and nothing old after a reload or realm change. */
class ProvisionedUsersHa1Test {
    @TempDir
    Path dir;

    private Path write(String secret) throws Exception {
        return Files.writeString(dir.resolve("sipwitch.xml"), "<sipwitch><provision><user id=\"alice\"><secret>"
                + secret + "</secret></user></provision></sipwitch>");
    }

    @Test
    void cachedHa1FollowsReloadsAndRealms() throws Exception {
        LiveConfig live = new LiveConfig(write("one"));
        ProvisionedUsers users = new ProvisionedUsers(live);
        String md5 = DigestAlgorithm.MD5.ha1("alice", "r1", "one".toCharArray());
        assertThat(users.ha1("alice", "r1", DigestAlgorithm.MD5)).contains(md5);
        assertThat(users.ha1("alice", "r1", DigestAlgorithm.MD5)).contains(md5);
        assertThat(users.ha1("alice", "r1", DigestAlgorithm.SHA_256))
                .contains(DigestAlgorithm.SHA_256.ha1("alice", "r1", "one".toCharArray()));
        assertThat(users.ha1("alice", "r2", DigestAlgorithm.MD5))
                .contains(DigestAlgorithm.MD5.ha1("alice", "r2", "one".toCharArray()));
        assertThat(users.ha1("bob", "r1", DigestAlgorithm.MD5)).isEmpty();

        write("two");
        live.reload();
        assertThat(users.ha1("alice", "r2", DigestAlgorithm.MD5))
                .contains(DigestAlgorithm.MD5.ha1("alice", "r2", "two".toCharArray()));
    }
}
