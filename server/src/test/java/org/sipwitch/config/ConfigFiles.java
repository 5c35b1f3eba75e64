package org.sipwitch.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.assertj.core.api.AbstractThrowableAssert;

/** Writing config files into a test directory, and asserting on load errors. */
final class ConfigFiles {

    private ConfigFiles() {
    }

    static Path write(Path file, String content) {
        try {
            Files.createDirectories(file.getParent());
            return Files.writeString(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code <dir>/sipwitch.xml} with this content. */
    static Path main(Path dir, String content) {
        return write(dir.resolve("sipwitch.xml"), content);
    }

    /** {@code <dir>/sipwitch.d/<name>} with this content. */
    static Path dropIn(Path dir, String name, String content) {
        return write(dir.resolve("sipwitch.d").resolve(name), content);
    }

    /**
     * Loading the config that {@code file} belongs to (itself, or the sipwitch.xml of the
     * drop-in directory it is in) fails with a message that starts with {@code file:line: }.
     */
    static AbstractThrowableAssert<?, ? extends Throwable> failsAt(Path file, int line) {
        Path dir = file.getParent();
        Path mainFile = dir.getFileName().toString().equals(ConfigStore.DIRECTORY)
                ? dir.resolveSibling("sipwitch.xml") : dir.resolve("sipwitch.xml");
        return assertThatThrownBy(() -> ConfigLoader.load(mainFile))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(file + ":" + line + ": ");
    }
}
