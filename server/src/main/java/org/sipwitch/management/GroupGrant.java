package org.sipwitch.management;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.UserPrincipalNotFoundException;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code grant} verb: hands the run directory (with its control FIFO) and the state
 * directory to a system group, group read-write-search, so its members can use
 * sipwitchctl and read snapshots. Others still get nothing. Files inside the state
 * directory keep their own modes (credentials stay 0600).
 */
final class GroupGrant {

    private static final Logger LOG = LoggerFactory.getLogger(GroupGrant.class);

    private final Path runDir;
    private final Path stateDir;

    GroupGrant(Path runDir, Path stateDir) {
        this.runDir = runDir;
        this.stateDir = stateDir;
    }

    void grant(String group) {
        GroupPrincipal principal;
        try {
            principal = FileSystems.getDefault().getUserPrincipalLookupService().lookupPrincipalByGroupName(group);
        } catch (UserPrincipalNotFoundException e) {
            throw new IllegalArgumentException("unknown group '" + group + "'");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot look up group '" + group + "': " + e.getMessage(), e);
        }
        for (Path path : List.of(runDir, runDir.resolve("control"), stateDir)) {
            if (Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
                apply(path, principal, Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS));
            }
        }
        LOG.info("granted group {} access to {} and {}", group, runDir, stateDir);
    }

    private static void apply(Path path, GroupPrincipal group, boolean directory) {
        PosixFileAttributeView view = Files.getFileAttributeView(path, PosixFileAttributeView.class,
                LinkOption.NOFOLLOW_LINKS);
        if (view == null) {
            throw new IllegalArgumentException(path + " is not on a POSIX file system");
        }
        try {
            view.setGroup(group);
            Set<PosixFilePermission> perms = view.readAttributes().permissions();
            perms.add(PosixFilePermission.GROUP_READ);
            perms.add(PosixFilePermission.GROUP_WRITE);
            if (directory) {
                perms.add(PosixFilePermission.GROUP_EXECUTE);
            }
            view.setPermissions(perms);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot grant access to " + path + ": " + e.getMessage(), e);
        }
    }
}
