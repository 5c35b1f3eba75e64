package org.sipwitch.sip.location.store;

import java.nio.file.Path;

/**
 * The files of the registration store in the state directory. The snapshot is the
 * whole state at one moment; the journals hold what changed after it, oldest first.
 */
record StoreFiles(Path dir) {
    static final String PREFIX = "registrations";

    Path snapshot() {
        return dir.resolve(PREFIX + ".snapshot");
    }

    /** A snapshot being written; renamed over {@link #snapshot()} once complete. */
    Path snapshotTemp() {
        return dir.resolve(PREFIX + ".snapshot.tmp");
    }

    /** The journal of a compaction in progress: folded into the next snapshot, then deleted. */
    Path oldJournal() {
        return dir.resolve(PREFIX + ".journal.old");
    }

    Path journal() {
        return dir.resolve(PREFIX + ".journal");
    }

    /** Creates the state directory, private as the daemon makes it at start, when it is missing. */
    static void createPrivateDir(Path dir) throws java.io.IOException {
        if (java.nio.file.Files.isDirectory(dir)) {
            return;
        }
        try {
            java.nio.file.Files.createDirectories(dir, java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                    java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-x---")));
        } catch (UnsupportedOperationException e) {
            java.nio.file.Files.createDirectories(dir); // not a POSIX file system
        }
    }

    /** Where a file with damaged lines is copied for the operator, before compaction rewrites it. */
    Path damaged(Path file) {
        return file.resolveSibling(file.getFileName() + ".damaged");
    }
}
