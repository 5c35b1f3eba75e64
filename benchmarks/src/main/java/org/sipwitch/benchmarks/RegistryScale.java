package org.sipwitch.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.sipwitch.config.UserDirectory;
import org.sipwitch.sip.location.Binding;
import org.sipwitch.sip.location.BindingListener;
import org.sipwitch.sip.location.InMemoryLocationService;
import org.sipwitch.sip.location.LocationService;
import org.sipwitch.sip.location.store.JournaledLocationService;
import org.sipwitch.sip.net.Peer;
import org.sipwitch.sip.net.Transport;

/**
 * A registry of a million registrations, in process (no network, no sipp: the CPU and
 * the heap of the location service and its journal alone): the time to bind them
 * through the journalled location service the daemon uses, the heap they hold, the
 * journal and snapshot sizes, the Registry MBean's answers ({@code RegistrationCount},
 * one page, the whole list) and a restart's restore time.
 * {@code java -Xmx2g -cp benchmarks/target/benchmarks.jar org.sipwitch.benchmarks.RegistryScale [count] [state-dir]}.
 */
public final class RegistryScale {
    private RegistryScale() {
    }

    public static void main(String[] args) throws Exception {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        Path state = Files.createDirectories(args.length > 1 ? Path.of(args[1]) : Files.createTempDirectory("registry-scale"));
        Clock clock = Clock.systemUTC();
        long heap0 = usedAfterGc();
        InMemoryLocationService memory = new InMemoryLocationService(clock, 10);
        JournaledLocationService store = JournaledLocationService.open(memory, state, clock);
        Peer peer = new Peer(Transport.UDP, new InetSocketAddress("127.0.0.1", 5062));
        long t0 = System.nanoTime();
        long expires = clock.millis() + 3_600_000L;
        for (int i = 0; i < count; i++) {
            String user = Integer.toString(100_000 + i);
            Binding b = new Binding(user, null, "sip:" + user + "@127.0.0.1:5062", peer, i + "-1@127.0.0.1", 2,
                    expires, Binding.NO_Q, "SIPp", null, clock.millis(), false);
            store.update(user, current -> List.of(b), BindingListener.Cause.REPLACED);
        }
        double bindSeconds = (System.nanoTime() - t0) / 1e9;
        store.maintain(); // flush and compact, as the daemon's housekeeping does each second
        System.out.printf("bound %,d registrations through the journal in %.1f s (%,.0f/s, one thread)%n", count,
                bindSeconds, count / bindSeconds);
        System.out.printf("heap held by them: %.1f MiB%n", (usedAfterGc() - heap0) / 1048576.0);
        try (Stream<Path> files = Files.list(state)) {
            files.forEach(f -> System.out.printf("  %s: %.1f MiB%n", f.getFileName(), f.toFile().length() / 1048576.0));
        }

        Object registry = locationRegistry(store);
        Method countM = registry.getClass().getMethod("count");
        Method page = registry.getClass().getMethod("page", int.class, int.class);
        Method all = registry.getClass().getMethod("registrations");
        countM.setAccessible(true);
        page.setAccessible(true);
        all.setAccessible(true);
        time("RegistrationCount", () -> countM.invoke(registry));
        time("registrationPage(0, 100)", () -> page.invoke(registry, 0, 100));
        time("registrationPage(" + (count - 100) + ", 100)", () -> page.invoke(registry, count - 100, 100));
        time("Registrations (every row)", () -> all.invoke(registry));
        store.close();

        long r0 = System.nanoTime();
        InMemoryLocationService again = new InMemoryLocationService(clock, 10);
        JournaledLocationService reopened = JournaledLocationService.open(again, state, clock);
        System.out.printf("restart: %,d registrations restored in %.1f s%n", again.count(), (System.nanoTime() - r0) / 1e9);
        reopened.close();
    }

    private interface Call {
        Object run() throws Exception;
    }

    private static void time(String what, Call call) throws Exception {
        long best = Long.MAX_VALUE;
        Object result = null;
        for (int i = 0; i < 3; i++) {
            long t = System.nanoTime();
            result = call.run();
            best = Math.min(best, System.nanoTime() - t);
        }
        String size = result instanceof List<?> l ? l.size() + " rows" : String.valueOf(result);
        System.out.printf("%s: %.1f ms (best of 3; %s)%n", what, best / 1e6, size);
    }

    /** The wiring's adapter, as the Registry MBean reaches it (package-private there). */
    private static Object locationRegistry(LocationService location) throws Exception {
        Class<?> c = Class.forName("org.sipwitch.wiring.LocationRegistry");
        Constructor<?> k = c.getDeclaredConstructor(LocationService.class, Supplier.class, Supplier.class, Supplier.class,
                Class.forName("org.sipwitch.sip.server.RecentUsers"), Supplier.class);
        k.setAccessible(true);
        Object recent = Class.forName("org.sipwitch.sip.server.RecentUsers").getConstructor(int.class).newInstance(10);
        Supplier<UserDirectory> users = UserDirectory::empty;
        Supplier<Optional<Object>> none = Optional::empty;
        Supplier<String> node = () -> ""; // no cluster: this node has no name
        return k.newInstance(location, users, none, (Supplier<List<InetSocketAddress>>) List::of, recent, node);
    }

    private static long usedAfterGc() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
