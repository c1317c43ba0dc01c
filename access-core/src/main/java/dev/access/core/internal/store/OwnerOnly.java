package dev.access.core.internal.store;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Internal: owner-only files and directories for the SQLite store, and the warnings about existing
 * ones that others may write or read. On a file system without POSIX permissions nothing is
 * restricted or reported.
 */
public final class OwnerOnly {
    private OwnerOnly() {
    }

    /** Restricts an existing directory (rwx------) or file (rw-------) to its owner. */
    public static void restrict(Path path) throws IOException {
        if (isPosix(path)) {
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(
                    Files.isDirectory(path) ? "rwx------" : "rw-------"));
        }
    }

    /**
     * Creates an empty owner-only file if none exists.
     *
     * @return whether the file existed already
     */
    public static boolean createFile(Path file) throws IOException {
        if (Files.exists(file)) {
            return true;
        }
        try {
            if (isPosix(file.getParent())) {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } else {
                Files.createFile(file);
            }
            return false;
        } catch (FileAlreadyExistsException e) {
            return true;
        }
    }

    /** Adds a warning if group or others may write {@code path}. */
    public static void warnIfOthersCanWrite(Path path, String what, List<String> warnings) throws IOException {
        warnIf(path, what, EnumSet.of(PosixFilePermission.GROUP_WRITE, PosixFilePermission.OTHERS_WRITE),
                "others may write it", "rwx------", warnings);
    }

    /** Adds a warning if group or others may read or write {@code path}. */
    public static void warnIfOthersCanRead(Path path, String what, List<String> warnings) throws IOException {
        warnIf(path, what, EnumSet.of(PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE,
                PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE),
                "others may read it", "rw-------", warnings);
    }

    private static void warnIf(Path path, String what, Set<PosixFilePermission> loose, String problem, String advice,
            List<String> warnings) throws IOException {
        if (!isPosix(path)) {
            return;
        }
        Set<PosixFilePermission> perms = Files.getPosixFilePermissions(path);
        if (perms.stream().anyMatch(loose::contains)) {
            warnings.add(what + " " + path + " is " + PosixFilePermissions.toString(perms) + ": " + problem
                    + "; restrict it to its owner (" + advice + ")");
        }
    }

    private static boolean isPosix(Path path) {
        return path.getFileSystem().supportedFileAttributeViews().contains("posix");
    }
}
