package dev.access.core.internal.store;

import dev.access.AccessException;
import dev.access.StoreCorruptedException;
import dev.access.StoreUnavailableException;
import java.sql.SQLException;

/**
 * Internal: what a database failure means, told from the SQLite result code in its cause chain
 * (sqlite-jdbc's messages start with it, e.g. {@code [SQLITE_CORRUPT]}): a corrupt, truncated or
 * foreign file is permanent ({@link StoreCorruptedException}); a read-only file, a full disk or a
 * file that cannot be opened is an unavailable store ({@link StoreUnavailableException}), each with
 * a plain message instead of the driver's. Whatever else fails is left to the caller.
 */
public final class StoreFailures {
    private StoreFailures() {
    }

    /**
     * The library's exception for the SQLite failure in {@code e}'s cause chain, or null if there
     * is none.
     */
    public static AccessException sqlite(String what, Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (!(t instanceof SQLException) || t.getMessage() == null) {
                continue;
            }
            String m = t.getMessage();
            if (m.startsWith("[SQLITE_CORRUPT") || m.startsWith("[SQLITE_NOTADB")) {
                return StoreCorruptedException.described(what + ": the database file is corrupt or truncated ("
                        + code(m) + "); restore it from a backup", e);
            }
            if (m.startsWith("[SQLITE_READONLY")) {
                return StoreUnavailableException.described(what + ": the database file is read-only (" + code(m)
                        + "); check its permissions, owner and file system", e);
            }
            if (m.startsWith("[SQLITE_FULL") || m.startsWith("[SQLITE_IOERR_SHMSIZE")) {
                // SHMSIZE: the -shm file cannot grow, which on a full disk is how opening fails.
                return StoreUnavailableException.described(what + ": the disk is full (" + code(m)
                        + "); nothing was recorded; free some space and try again", e);
            }
            if (m.startsWith("[SQLITE_CANTOPEN") || m.startsWith("[SQLITE_PERM") || m.startsWith("[SQLITE_IOERR")) {
                return StoreUnavailableException.described(what + ": the database file cannot be opened, read or written ("
                        + code(m) + "); check its permissions and whether the disk is full", e);
            }
        }
        return null;
    }

    /**
     * {@link #sqlite} if it applies, the library's own error in the chain, or else a
     * {@link StoreUnavailableException} of {@code what}.
     */
    public static AccessException translate(String what, Throwable e) {
        AccessException known = sqlite(what, e);
        if (known != null) {
            return known;
        }
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof AccessException) {
                return (AccessException) t;
            }
        }
        return new StoreUnavailableException(what, e);
    }

    private static String code(String message) {
        int end = message.indexOf(']');
        return end > 1 ? message.substring(1, end) : "SQLite";
    }
}
