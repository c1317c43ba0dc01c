package dev.access.core.internal.store;

import java.sql.SQLException;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;

/**
 * Recognises a unique-key violation on SQLite (result code 19, "UNIQUE constraint failed" or
 * "PRIMARY KEY") and on PostgreSQL (SQLState 23505), anywhere in the cause chain, so that Axon
 * reports a concurrent append to the same lock as a concurrency conflict (which the library
 * retries) rather than as a storage failure.
 */
public final class DuplicateKeyResolver implements PersistenceExceptionResolver {
    @Override
    public boolean isDuplicateKeyViolation(Exception exception) {
        for (Throwable t = exception; t != null; t = t.getCause()) {
            if (t instanceof SQLException && isDuplicate((SQLException) t)) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    private static boolean isDuplicate(SQLException e) {
        for (SQLException s = e; s != null; s = s.getNextException()) {
            if ("23505".equals(s.getSQLState())) {
                return true;
            }
            String message = s.getMessage() == null ? "" : s.getMessage();
            if ((s.getErrorCode() == 19 || message.contains("SQLITE_CONSTRAINT"))
                    && (message.contains("UNIQUE constraint failed") || message.contains("PRIMARY KEY"))) {
                return true;
            }
            if (s.getNextException() == s) {
                break;
            }
        }
        return false;
    }
}
