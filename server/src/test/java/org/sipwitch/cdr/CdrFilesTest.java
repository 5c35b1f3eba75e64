package org.sipwitch.cdr;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sipwitch.testing.MutableClock;

/** Daily files by the UTC date, appended across restarts, and old days deleted past the retention. */
class CdrFilesTest {

    @TempDir
    Path dir;

    @Test
    void aNewDayOpensANewFileAndDeletesDaysPastTheRetention() throws Exception {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("2026-11-01.jsonl"), "{}\n");    // 34 days before: deleted
        Files.writeString(dir.resolve("2026-12-03.jsonl"), "{}\n");    // 2 days before: kept
        Files.writeString(dir.resolve("notes.txt"), "mine\n");          // not a record file: kept
        MutableClock clock = new MutableClock(Instant.parse("2026-12-04T23:59:59Z").toEpochMilli());
        try (CdrFiles files = new CdrFiles(dir, 3, clock)) {
            files.append("{\"n\":1}");
            assertThat(dir.resolve("2026-11-01.jsonl")).doesNotExist();
            assertThat(dir.resolve("2026-12-03.jsonl")).exists();
            clock.advance(Duration.ofSeconds(2));
            files.append("{\"n\":2}");
            assertThat(Files.readString(files.file(LocalDate.of(2026, 12, 4)))).isEqualTo("{\"n\":1}\n");
            assertThat(Files.readString(files.file(LocalDate.of(2026, 12, 5)))).isEqualTo("{\"n\":2}\n");
            assertThat(dir.resolve("2026-12-03.jsonl")).exists();
        }
        // a restart the same day appends to that day's file
        try (CdrFiles files = new CdrFiles(dir, 0, Clock.fixed(Instant.parse("2026-12-05T10:00:00Z"),
                ZoneId.of("Asia/Tokyo")))) {
            files.append("{\"n\":3}");
        }
        assertThat(Files.readAllLines(dir.resolve("2026-12-05.jsonl"))).containsExactly("{\"n\":2}", "{\"n\":3}");
        assertThat(dir.resolve("notes.txt")).exists();
    }
}
