package org.sipwitch.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sipwitch.config.ConfigFiles.main;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sipwitch.digest.DigestAlgorithm;
import org.sipwitch.sip.net.Transport;

/** Values and defaults of the sections other tests do not cover. */
class SectionsTest {

    @TempDir
    Path dir;

    private SipwitchConfig load(String body) throws ConfigException {
        return ConfigLoader.load(main(dir, "<sipwitch>" + body + "</sipwitch>"));
    }

    @Test
    void defaultsOfAnEmptyConfig() throws Exception {
        SipwitchConfig config = load("");
        StackConfig stack = config.stack();
        assertThat(stack.allInterfaces()).isTrue();
        assertThat(stack.port()).isEqualTo(5060);
        assertThat(stack.tlsPort()).isEqualTo(5061);
        assertThat(stack.transports()).containsExactlyInAnyOrder(Transport.UDP, Transport.TCP);
        assertThat(stack.tls()).isEmpty();
        assertThat(stack.mapped()).isEqualTo(200);
        assertThat(stack.concurrency()).isGreaterThanOrEqualTo(2);
        assertThat(stack.maxMessageSize()).isEqualTo(65535);
        RegistryConfig registry = config.registry();
        assertThat(registry.realm()).isEqualTo("sipwitch");
        assertThat(registry.digest()).isEqualTo(DigestAlgorithm.MD5);
        assertThat(registry.defaultExpires()).isEqualTo(3600);
        assertThat(registry.minExpires()).isEqualTo(60);
        assertThat(registry.unknownUserStatus()).isEqualTo(403);
        assertThat(config.users().size()).isZero();
        assertThat(config.access().restricted()).isEmpty();
        assertThat(config.timers().noAnswer()).isEqualTo(Duration.ofSeconds(16));
        assertThat(config.jmx()).isEmpty();
        assertThat(config.routing()).isEmpty();
        assertThat(config.security().authFailures()).isEqualTo(10);
        assertThat(config.security().blockAction()).isEqualTo(SecurityConfig.BlockAction.DROP);
        assertThat(config).isEqualTo(config); // records compare by value, used to spot what a reload changed
    }

    @Test
    void stackValues() throws Exception {
        StackConfig stack = load("""
                <stack>
                  <interface>127.0.0.1 [::1]</interface>
                  <interface>0:0:0:0:0:0:0:1</interface>
                  <port>0</port>
                  <transport>UDP, tcp</transport>
                  <published>pbx.example.net</published>
                  <mapped>10</mapped><threads>2</threads><concurrency>3</concurrency>
                  <max-message>4096</max-message>
                </stack>""").stack();
        assertThat(stack.interfaces()).containsExactly("127.0.0.1", "::1");
        assertThat(stack.port()).isZero();
        assertThat(stack.published()).contains("pbx.example.net");
        assertThat(stack.concurrency()).isEqualTo(3);
        assertThat(stack.maxMessageSize()).isEqualTo(4096);
    }

    @Test
    void tlsWithoutKeystoreWarnsAndStaysOff() throws Exception {
        SipwitchConfig config = load("\n<stack><transport>udp tls</transport></stack>");
        assertThat(config.stack().tlsEnabled()).isFalse();
        assertThat(config.warnings()).singleElement().asString().startsWith(dir.resolve("sipwitch.xml") + ":2: ")
                .contains("TLS stays off");
    }

    @Test
    void tlsKeystoreRelativeToTheConfigFile() throws Exception {
        ConfigFiles.write(dir.resolve("tls/server.p12"), "x");
        StackConfig stack = load("""
                <stack><transport>tls</transport>
                  <tls><port>0</port><keystore>tls/server.p12</keystore><password>pw</password><type>JKS</type></tls>
                </stack>""").stack();
        assertThat(stack.tlsEnabled()).isTrue();
        assertThat(stack.tlsPort()).isZero();
        TlsConfig tls = stack.tls().orElseThrow();
        assertThat(tls.keystore()).isEqualTo(dir.resolve("tls/server.p12"));
        assertThat(tls.keystoreType()).isEqualTo("JKS");
        assertThat(new String(tls.keystorePassword().reveal())).isEqualTo("pw");
        assertThat(tls.truststore()).isEmpty();
    }

    @Test
    void webSocketsWithTheirPortsAndOrigins() throws Exception {
        ConfigFiles.write(dir.resolve("tls/server.p12"), "x");
        StackConfig stack = load("""
                <stack><transport>udp ws WSS</transport>
                  <ws><port>8080</port><origin>https://phones.example.org</origin>
                      <origin>http://127.0.0.1:8000</origin></ws>
                  <wss><port>0</port></wss>
                  <tls><keystore>tls/server.p12</keystore></tls>
                </stack>""").stack();
        assertThat(stack.transports()).contains(org.sipwitch.sip.net.Transport.WS, org.sipwitch.sip.net.Transport.WSS);
        assertThat(stack.webSockets().wsPort()).isEqualTo(8080);
        assertThat(stack.webSockets().wssPort()).isZero();
        assertThat(stack.webSockets().origins()).containsExactly("https://phones.example.org", "http://127.0.0.1:8000");
        assertThat(stack.wssEnabled()).isTrue();
        assertThat(stack.tlsEnabled()).isFalse(); // the keystore serves WSS; SIP over TLS is not listed
    }

    @Test
    void webSocketDefaultsAndWssWithoutKeystoreWarns() throws Exception {
        SipwitchConfig config = load("\n<stack><transport>ws wss</transport></stack>");
        assertThat(config.stack().webSockets()).isEqualTo(WebSocketConfig.defaults());
        assertThat(config.stack().wssEnabled()).isFalse();
        assertThat(config.warnings()).singleElement().asString().startsWith(dir.resolve("sipwitch.xml") + ":2: ")
                .contains("WSS stays off");
    }

    @Test
    void jmxOnWithDefaultsAndWarnsWhenExposed() throws Exception {
        SipwitchConfig loopback = load("<jmx/>");
        JmxConfig jmx = loopback.jmx().orElseThrow();
        assertThat(jmx.interfaceAddress()).isEqualTo("127.0.0.1");
        assertThat(jmx.port()).isEqualTo(9010);
        assertThat(jmx.passwordFile()).isEqualTo(dir.resolve("jmxremote.password"));
        assertThat(loopback.warnings()).isEmpty();

        SipwitchConfig exposed = load("<jmx><interface>0.0.0.0</interface></jmx>");
        assertThat(exposed.warnings()).singleElement().asString().contains("without TLS");
    }

    @Test
    void routingRules() throws Exception {
        var rules = load("""
                <provision><user id="carol"><secret>x</secret><alias>reception</alias></user></provision>
                <routing>
                  <route><pattern>9*</pattern><target>sip:gw@192.0.2.1</target></route>
                  <route><pattern>0</pattern><target>reception</target></route>
                </routing>""").routing();
        assertThat(rules).hasSize(2);
        // what the patterns match is the dial plan's (sip.routing RuleTest); here: read in order, as written
        assertThat(rules).extracting(RouteRule::pattern).containsExactly("9*", "0");
        assertThat(rules).extracting(RouteRule::target).containsExactly("sip:gw@192.0.2.1", "reception");
    }

    @Test
    void securityValues() throws Exception {
        SecurityConfig s = load("""
                <security><auth-failures>3</auth-failures><auth-window>30</auth-window><block-time>60</block-time>
                  <block-action>reject</block-action><rate-limit>0</rate-limit></security>""").security();
        assertThat(s.authFailures()).isEqualTo(3);
        assertThat(s.authWindow()).isEqualTo(30);
        assertThat(s.blockTime()).isEqualTo(60);
        assertThat(s.blockAction()).isEqualTo(SecurityConfig.BlockAction.REJECT);
        assertThat(s.rateLimit()).isZero();
    }

    @Test
    void registryValues() throws Exception {
        RegistryConfig r = load("""
                <registry><realm>pbx.example.net</realm><digest>SHA-256</digest><prefix>1000</prefix><range>0</range>
                  <expires>600</expires><min-expires>30</min-expires><max-expires>900</max-expires>
                  <max-bindings>2</max-bindings><unknown-user>404</unknown-user><nonce-lifetime>60</nonce-lifetime>
                </registry>""").registry();
        assertThat(r.digest()).isEqualTo(DigestAlgorithm.SHA_256);
        assertThat(r.range()).isZero();
        assertThat(r.inRange(1000)).isFalse();
        assertThat(r.defaultExpires()).isEqualTo(600);
        assertThat(r.maxBindings()).isEqualTo(2);
        assertThat(r.unknownUserStatus()).isEqualTo(404);
        assertThat(r.nonceLifetime()).isEqualTo(60);
    }
}
