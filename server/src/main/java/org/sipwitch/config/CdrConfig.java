package org.sipwitch.config;

import java.util.Objects;
import java.util.Optional;

/**
 * {@code <cdr>}: call detail records, one JSON line per ended call in
 * {@code <state-dir>/cdr/YYYY-MM-DD.jsonl}, and optionally a database table.
 *
 * @param enabled       write records at all (default true)
 * @param retentionDays days of daily files kept; older ones are deleted; 0 keeps them all
 * @param recent        how many recent records the History MBean's {@code Cdr} view holds
 * @param jdbc          also insert each record into a database table
 */
public record CdrConfig(boolean enabled, int retentionDays, int recent, Optional<Jdbc> jdbc) {

    public CdrConfig {
        Objects.requireNonNull(jdbc, "jdbc");
    }

    /**
     * {@code <cdr><jdbc>}: where records are inserted besides the files.
     *
     * @param url      a JDBC URL, e.g. {@code jdbc:postgresql://127.0.0.1:5432/sipwitch}
     * @param user     database user, may be empty (then the URL or the driver decides)
     * @param password its password; never printed
     * @param table    table name, a plain SQL identifier (optionally schema-qualified)
     */
    public record Jdbc(String url, String user, Secret password, String table) {
        public Jdbc {
            Objects.requireNonNull(url, "url");
            Objects.requireNonNull(user, "user");
            Objects.requireNonNull(password, "password");
            Objects.requireNonNull(table, "table");
        }
    }
}
