package org.sipwitch.control;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** Daemon threads and bounded pools for the bridge; none of them keeps the JVM alive. */
final class Threads {

    private Threads() {
    }

    static ThreadFactory daemon(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, n.getAndIncrement() == 0 ? name : name + "-" + n.get());
            t.setDaemon(true);
            return t;
        };
    }

    /** Up to {@code threads} threads, a queue of {@code queue} (0: none); rejects beyond. */
    static ExecutorService pool(int threads, int queue, String name) {
        BlockingQueue<Runnable> q = queue > 0 ? new ArrayBlockingQueue<>(queue) : new SynchronousQueue<>();
        ThreadPoolExecutor pool = new ThreadPoolExecutor(queue > 0 ? threads : 0, threads, 30, TimeUnit.SECONDS,
                q, daemon(name));
        if (queue > 0) {
            pool.allowCoreThreadTimeOut(true);
        }
        return pool;
    }

    static void stop(ExecutorService pool, long millis) {
        pool.shutdown();
        try {
            if (!pool.awaitTermination(millis, TimeUnit.MILLISECONDS)) {
                pool.shutdownNow();   // interrupts blocked FIFO writes, which closes them
            }
        } catch (InterruptedException e) {
            pool.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    static void join(Thread t, long millis) {
        try {
            t.join(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
