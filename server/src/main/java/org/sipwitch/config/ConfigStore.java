package org.sipwitch.config;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The drop-in directory {@code sipwitch.d/} next to the config file, and the
 * {@code enable}/{@code disable} verbs on it.
 *
 * <ul>
 *   <li>{@code <id>.xml} is an enabled drop-in, {@code <id>.xml.disabled} a disabled one;
 *       enabling and disabling rename one into the other, nothing else.</li>
 *   <li>An id is 1 to 64 of {@code A-Z a-z 0-9 . _ -}, not starting with a dot and
 *       without {@code ..}: it can never name a file outside the directory.</li>
 *   <li>Files starting with a dot (editor swap files) and files with other endings
 *       (README, backups ending in {@code ~}) are not drop-ins and are ignored.</li>
 *   <li>Enabled drop-ins are merged in id order ({@link String#compareTo}), so a later id
 *       overrides an earlier one; {@code 10-site.xml}, {@code 20-lab.xml} make the order visible.</li>
 * </ul>
 *
 * Changing the files does not change the running daemon: {@code reload} does.
 */
public final class ConfigStore {

    public static final String DIRECTORY = "sipwitch.d";
    public static final String ENABLED_SUFFIX = ".xml";
    public static final String DISABLED_SUFFIX = ".xml.disabled";

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]{0,63}");

    private final Path directory;

    /** @param configFile the main config file; the drop-ins live in {@code sipwitch.d/} beside it */
    public ConfigStore(Path configFile) {
        this.directory = configFile.resolveSibling(DIRECTORY);
    }

    public Path directory() {
        return directory;
    }

    public static boolean isValidId(String id) {
        return id != null && ID.matcher(id).matches() && !id.contains("..");
    }

    /** All drop-ins, enabled or not, by id; an empty list when the directory does not exist. */
    public List<DropIn> list() throws IOException {
        List<DropIn> result = new ArrayList<>();
        if (!Files.isDirectory(directory)) {
            return result;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory)) {
            for (Path file : files) {
                String name = file.getFileName().toString();
                if (name.startsWith(".")) {
                    continue;
                }
                if (name.endsWith(DISABLED_SUFFIX)) {
                    result.add(new DropIn(name.substring(0, name.length() - DISABLED_SUFFIX.length()), false, file));
                } else if (name.endsWith(ENABLED_SUFFIX)) {
                    result.add(new DropIn(name.substring(0, name.length() - ENABLED_SUFFIX.length()), true, file));
                }
            }
        }
        result.sort(Comparator.comparing(DropIn::id).thenComparing(DropIn::enabled));
        return result;
    }

    /**
     * The enabled drop-ins in merge order. A file that looks like a drop-in but whose id
     * is invalid is an error rather than silently skipped: the operator meant something by it.
     */
    List<Path> enabledFiles() throws ConfigException {
        List<Path> files = new ArrayList<>();
        try {
            for (DropIn dropIn : list()) {
                if (!dropIn.enabled()) {
                    continue;
                }
                if (!isValidId(dropIn.id())) {
                    throw new ConfigException(SourcePosition.of(dropIn.path()), "a drop-in's name must be <id>.xml with"
                            + " an id of letters, digits, '.', '_' or '-'; rename or remove this file");
                }
                files.add(dropIn.path());
            }
        } catch (IOException e) {
            throw new ConfigException(SourcePosition.of(directory), "cannot list drop-ins: " + e, e);
        }
        return files;
    }

    /** Renames {@code <id>.xml.disabled} to {@code <id>.xml}; false when it was enabled already. */
    public boolean enable(String id) throws DropInException {
        return rename(id, true);
    }

    /** Renames {@code <id>.xml} to {@code <id>.xml.disabled}; false when it was disabled already. */
    public boolean disable(String id) throws DropInException {
        return rename(id, false);
    }

    private boolean rename(String id, boolean enable) throws DropInException {
        if (!isValidId(id)) {
            throw new DropInException("invalid drop-in id \"" + (id == null ? "" : ElementReader.abbreviate(id))
                    + "\": use letters, digits, '.', '_' or '-', not starting with '.', without '..' or '/'");
        }
        Path enabled = directory.resolve(id + ENABLED_SUFFIX);
        Path disabled = directory.resolve(id + DISABLED_SUFFIX);
        boolean isEnabled = Files.exists(enabled);
        boolean isDisabled = Files.exists(disabled);
        if (isEnabled && isDisabled) {
            throw new DropInException("both " + enabled + " and " + disabled + " exist; remove one of them");
        }
        if (!isEnabled && !isDisabled) {
            throw new DropInException("no drop-in \"" + id + "\" in " + directory + knownIds());
        }
        if (isEnabled == enable) {
            return false;
        }
        try {
            // no REPLACE_EXISTING: a file appearing in between makes this fail rather than clobber it
            if (enable) {
                Files.move(disabled, enabled);
            } else {
                Files.move(enabled, disabled);
            }
            return true;
        } catch (FileAlreadyExistsException e) {
            throw new DropInException("both " + enabled + " and " + disabled + " exist; remove one of them", e);
        } catch (NoSuchFileException e) {
            throw new DropInException("drop-in \"" + id + "\" disappeared while " + (enable ? "enabling" : "disabling"), e);
        } catch (IOException e) {
            throw new DropInException("cannot " + (enable ? "enable" : "disable") + " drop-in \"" + id + "\": " + e, e);
        }
    }

    private String knownIds() {
        try {
            List<String> ids = list().stream().filter(d -> isValidId(d.id()))
                    .map(d -> d.id() + (d.enabled() ? "" : " (disabled)")).toList();
            return ids.isEmpty() ? " (there are none)" : "; known: " + String.join(", ", ids);
        } catch (IOException e) {
            return "";
        }
    }
}
