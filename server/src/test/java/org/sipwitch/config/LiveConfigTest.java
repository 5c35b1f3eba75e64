package org.sipwitch.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.sipwitch.config.ConfigFiles.main;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reload: a bad file is reported and the old config stays in force. */
class LiveConfigTest {

    @TempDir
    Path dir;

    @Test
    void badReloadKeepsOldGoodReloadSwaps() throws Exception {
        Path file = main(dir, "<sipwitch><timers><ring>4</ring></timers></sipwitch>");
        LiveConfig live = new LiveConfig(file);
        List<SipwitchConfig> seen = new ArrayList<>();
        live.onChange(seen::add);
        SipwitchConfig first = live.current();

        main(dir, "<sipwitch>\n<timers><ring>x</ring></timers></sipwitch>");
        assertThatThrownBy(live::reload).isInstanceOf(ConfigException.class).hasMessageStartingWith(file + ":2: ");
        assertThat(live.current()).isSameAs(first);
        assertThat(live.generation()).isEqualTo(1);
        assertThat(seen).isEmpty();

        main(dir, "<sipwitch><timers><ring>6</ring></timers></sipwitch>");
        SipwitchConfig next = live.reload();
        assertThat(live.current()).isSameAs(next);
        assertThat(next.timers().ring()).isEqualTo(6);
        assertThat(live.generation()).isEqualTo(2);
        assertThat(seen).containsExactly(next);
    }

    @Test
    void badDropInEnabledKeepsOld() throws Exception {
        Path file = main(dir, "<sipwitch/>");
        ConfigFiles.dropIn(dir, "lab.xml.disabled", "<sipwitch><stack><port>99999</port></stack></sipwitch>");
        LiveConfig live = new LiveConfig(file);
        live.dropIns().enable("lab");
        assertThatThrownBy(live::reload).hasMessageContaining("lab.xml:1: <port>");
        assertThat(live.current().stack().port()).isEqualTo(5060);
    }

    @Test
    void badInitialConfigFailsConstruction() {
        Path file = main(dir, "<sipwitch><bogus/></sipwitch>");
        assertThatThrownBy(() -> new LiveConfig(file)).isInstanceOf(ConfigException.class);
    }
}
