package org.sipwitch.control;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Decides whether a reply path named in a request may be written. The daemon may run
 * with more rights than whoever wrote the request, so the path must not be able to
 * point at anything but a FIFO its requester made for the purpose:
 *
 * <ul>
 *   <li>absolute, normalized (no {@code .}, {@code ..}, {@code //}), no control characters;</li>
 *   <li>{@code <root>/sipwitchctl.<anything>/<name>} where {@code <root>} is one of the
 *       configured reply roots (compared by real path);</li>
 *   <li>the private directory is a real directory (not a symlink), with no permission
 *       bits for group or others, owned by the FIFO's owner;</li>
 *   <li>the reply itself is a FIFO, not a symlink (checked without following links, and
 *       opened with NOFOLLOW_LINKS by {@link ReplyChannel}).</li>
 * </ul>
 */
final class ReplyPolicy {

    static final String DIR_PREFIX = "sipwitchctl.";
    private static final int S_IFMT = 0170000;
    private static final int S_IFIFO = 0010000;
    private static final int S_IFDIR = 0040000;

    private final List<Path> roots = new ArrayList<>();

    ReplyPolicy(List<Path> replyRoots) {
        for (Path root : replyRoots) {
            try {
                roots.add(root.toRealPath());
            } catch (IOException e) {
                // a root that does not exist cannot hold replies; skip it
            }
        }
    }

    /** Thrown when a reply path is refused; the message says why (for the log only). */
    static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;

        Refused(String message) {
            super(message);
        }
    }

    /** The accepted path, or {@link Refused}. */
    Path check(String replyPath) throws Refused {
        for (int i = 0; i < replyPath.length(); i++) {
            if (Character.isISOControl(replyPath.charAt(i))) {
                throw new Refused("control character in reply path");
            }
        }
        if (!replyPath.startsWith("/")) {
            throw new Refused("reply path is not absolute");
        }
        Path path = Path.of(replyPath);
        if (!path.normalize().toString().equals(replyPath) || replyPath.contains("/./")
                || replyPath.contains("/../") || replyPath.endsWith("/..")) {
            throw new Refused("reply path is not normalized (., .. or //)");
        }
        Path dir = path.getParent();
        if (dir == null || dir.getParent() == null
                || !dir.getFileName().toString().startsWith(DIR_PREFIX)) {
            throw new Refused("reply path is not inside a " + DIR_PREFIX + "* directory");
        }
        if (!isRoot(dir.getParent())) {
            throw new Refused("reply directory is not under an accepted reply root");
        }
        Map<String, Object> dirAttrs = unix(dir, "reply directory");
        int dirMode = (Integer) dirAttrs.get("mode");
        if ((dirMode & S_IFMT) != S_IFDIR) {
            throw new Refused("reply directory is not a directory (or is a symlink)");
        }
        if ((dirMode & 077) != 0) {
            throw new Refused("reply directory is accessible to group or others");
        }
        Map<String, Object> attrs = unix(path, "reply path");
        if (((Integer) attrs.get("mode") & S_IFMT) != S_IFIFO) {
            throw new Refused("reply path is not a FIFO (or is a symlink)");
        }
        if (!attrs.get("uid").equals(dirAttrs.get("uid"))) {
            throw new Refused("reply FIFO and its directory have different owners");
        }
        return path;
    }

    private boolean isRoot(Path parent) {
        try {
            // the parent must be a root exactly, with no symlink anywhere on the way
            return parent.toRealPath().equals(parent) && roots.contains(parent);
        } catch (IOException e) {
            return false;
        }
    }

    private static Map<String, Object> unix(Path p, String what) throws Refused {
        try {
            return Files.readAttributes(p, "unix:mode,uid", LinkOption.NOFOLLOW_LINKS);
        } catch (IOException | UnsupportedOperationException e) {
            throw new Refused(what + " cannot be examined: " + e.getClass().getSimpleName());
        }
    }
}
