package org.sipwitch.cdr;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.Arrays;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.sipwitch.config.CdrConfig;
import org.sipwitch.mbeans.CallRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code <cdr><jdbc>}: each record also inserted into a table (created when missing;
 * the DDL is in docs/operations.md), by one thread of its own so that a slow or absent
 * database never holds up a call. The files stay the record of truth: when the queue
 * is full or the database refuses, the record is logged as not inserted and the
 * daemon goes on. The password is never logged.
 */
final class CdrDatabase implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CdrDatabase.class);
    private static final CallRecord STOP = new CallRecord("", "", "", "", "", "", "", "", 0, 0, "", "", "");

    private final CdrConfig.Jdbc config;
    private final BlockingQueue<CallRecord> queue = new ArrayBlockingQueue<>(10_000);
    private final Thread thread;
    private Connection connection;

    CdrDatabase(CdrConfig.Jdbc config) {
        this.config = config;
        this.thread = new Thread(this::run, "sipwitch-cdr-jdbc");
        thread.setDaemon(true);
        thread.start();
    }

    /** The table for {@code name}; {@code started} and {@code ended} are never null. */
    static String ddl(String table) {
        return "CREATE TABLE IF NOT EXISTS " + table + " ("
                + "call_id text NOT NULL, caller text NOT NULL, callee text NOT NULL, dialled text NOT NULL, "
                + "gateway text, started timestamptz NOT NULL, answered timestamptz, ended timestamptz NOT NULL, "
                + "duration integer NOT NULL, status integer NOT NULL, reason text NOT NULL, "
                + "caller_address text NOT NULL, callee_address text)";
    }

    void offer(CallRecord record) {
        if (!queue.offer(record)) {
            LOG.warn("call detail record {} not inserted into {}: {} records wait already", record.callId(),
                    config.table(), queue.size());
        }
    }

    private void run() {
        while (true) {
            CallRecord r;
            try {
                r = queue.take();
            } catch (InterruptedException e) {
                return;
            }
            if (r == STOP) {
                closeConnection();
                return;
            }
            try {
                insert(r);
            } catch (SQLException e) {
                LOG.warn("call detail record {} not inserted into {}: {}", r.callId(), config.table(), e.getMessage());
                closeConnection(); // connect again for the next one
            }
        }
    }

    private void insert(CallRecord r) throws SQLException {
        if (connection == null) {
            char[] password = config.password().reveal();
            try {
                connection = DriverManager.getConnection(config.url(), config.user(), new String(password));
            } finally {
                Arrays.fill(password, '\0');
            }
            try (Statement s = connection.createStatement()) {
                s.execute(ddl(config.table()));
            }
        }
        try (PreparedStatement p = connection.prepareStatement("INSERT INTO " + config.table()
                + " (call_id, caller, callee, dialled, gateway, started, answered, ended, duration, status, reason,"
                + " caller_address, callee_address) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            p.setString(1, r.callId());
            p.setString(2, r.caller());
            p.setString(3, r.callee());
            p.setString(4, r.dialled());
            nullable(p, 5, r.gateway());
            p.setTimestamp(6, Timestamp.from(Instant.parse(r.started())));
            if (r.answered().isEmpty()) {
                p.setNull(7, Types.TIMESTAMP_WITH_TIMEZONE);
            } else {
                p.setTimestamp(7, Timestamp.from(Instant.parse(r.answered())));
            }
            p.setTimestamp(8, Timestamp.from(Instant.parse(r.ended())));
            p.setLong(9, r.duration());
            p.setInt(10, r.status());
            p.setString(11, r.reason());
            p.setString(12, r.callerAddress());
            nullable(p, 13, r.calleeAddress());
            p.executeUpdate();
        }
    }

    private static void nullable(PreparedStatement p, int index, String value) throws SQLException {
        if (value.isEmpty()) {
            p.setNull(index, Types.VARCHAR);
        } else {
            p.setString(index, value);
        }
    }

    private void closeConnection() {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // going anyway
            }
            connection = null;
        }
    }

    /** Inserts what is queued (for at most 2 s, the daemon's stop must be prompt), then disconnects. */
    @Override
    public void close() {
        if (!queue.offer(STOP)) {
            LOG.warn("call detail records: {} records not inserted into {} at stop", queue.size(), config.table());
            queue.clear();
            queue.offer(STOP);
        }
        try {
            thread.join(TimeUnit.SECONDS.toMillis(2));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            // its connection stays with it: closing it from here would race the insert under way
            LOG.warn("call detail records: the database did not take the last records within 2 s");
        }
    }
}
