package org.sipwitch.metrics;

import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.net.InetAddress;
import java.util.Optional;
import java.util.function.Consumer;
import org.sipwitch.config.MetricsConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Prometheus endpoint, {@code http://<interface>:<port>/metrics}, served by the
 * official client library's HTTP server from a registry of its own (never the
 * library's global one): the sipwitch metrics and the JVM's standard ones. Without a
 * {@code <metrics>} section it does nothing. Listening is read-only and unauthenticated,
 * which is why it binds to the loopback address unless told otherwise.
 */
public final class MetricsEndpoint {
    private static final Logger LOG = LoggerFactory.getLogger(MetricsEndpoint.class);

    private final Optional<MetricsConfig> config;
    private final MetricsSource source;
    private final Consumer<String> listening;
    private HTTPServer server;

    /**
     * @param listening told {@code http://127.0.0.1:PORT/metrics} once bound (the port
     *                  really bound, which matters for {@code <port>0</port>})
     */
    public MetricsEndpoint(Optional<MetricsConfig> config, MetricsSource source, Consumer<String> listening) {
        this.config = config;
        this.source = source;
        this.listening = listening;
    }

    public synchronized void start() throws IOException {
        if (config.isEmpty() || server != null) {
            return;
        }
        MetricsConfig c = config.get();
        PrometheusRegistry registry = new PrometheusRegistry();
        registry.register(new SipwitchCollector(source));
        JvmMetrics.builder().register(registry);
        server = HTTPServer.builder().inetAddress(InetAddress.getByName(c.interfaceAddress())).port(c.port())
                .registry(registry).buildAndStart();
        String url = "http://" + host(c.interfaceAddress()) + ":" + server.getPort() + "/metrics";
        LOG.info("Prometheus metrics on {}", url);
        listening.accept(url);
    }

    /** The bound port, or -1 when not serving. */
    public synchronized int port() {
        return server == null ? -1 : server.getPort();
    }

    public synchronized void stop() {
        if (server != null) {
            server.stop();
            server = null;
        }
    }

    private static String host(String address) {
        return address.indexOf(':') >= 0 ? "[" + address + "]" : address;
    }
}
