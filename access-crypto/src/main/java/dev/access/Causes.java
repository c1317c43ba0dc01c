package dev.access;

import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.util.Locale;

/**
 * Plain words for a low-level failure (a file system or driver exception): what went wrong and on
 * which file, without the exception's class name or a stack trace, for the one-line messages of the
 * error tree and of lockctl.
 */
public final class Causes {
    private Causes() {
    }

    /**
     * What {@code cause} says, in plain words: {@code no space left on device (/data/keys.tmp)},
     * {@code permission denied (/data/keys)}; a message that names a Java exception class loses the
     * name. Never empty.
     */
    public static String plain(Throwable cause) {
        if (cause == null) {
            return "no cause given";
        }
        if (cause instanceof FileSystemException f) {
            String file = f.getFile() == null ? "" : " (" + f.getFile()
                    + (f.getOtherFile() == null ? "" : ", " + f.getOtherFile()) + ")";
            return fileProblem(f) + file;
        }
        String m = cause.getMessage();
        if (m == null || m.isBlank()) {
            Throwable inner = cause.getCause();
            if (inner != null && inner != cause) {
                return plain(inner);
            }
            return "an unexpected " + kind(cause) + " failure";
        }
        return withoutClassNames(m);
    }

    /** {@code text} without Java class names ({@code java.io.IOException: }, {@code org.sqlite.SQLiteException}). */
    public static String withoutClassNames(String text) {
        if (text == null) {
            return "";
        }
        String s = text.replaceAll("\\b(?:[a-z][a-z0-9_]*\\.)+[A-Z][A-Za-z0-9_$]*(?:Exception|Error)\\b:?\\s*", "")
                .replaceAll("\\b[A-Z][A-Za-z0-9_]*(?:Exception|Error)\\b:\\s*", "").strip();
        return s.isEmpty() ? "an unexpected failure" : s;
    }

    private static String fileProblem(FileSystemException f) {
        if (f instanceof NoSuchFileException) {
            return "no such file or directory";
        }
        if (f instanceof FileAlreadyExistsException) {
            return "it already exists";
        }
        if (f instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (f instanceof NotDirectoryException) {
            return "not a directory";
        }
        if (f instanceof DirectoryNotEmptyException) {
            return "directory not empty";
        }
        String reason = f.getReason();
        if (reason == null || reason.isBlank()) {
            return "the file system refused it";
        }
        return withoutClassNames(reason.substring(0, 1).toLowerCase(Locale.ROOT) + reason.substring(1));
    }

    private static String kind(Throwable t) {
        if (t instanceof java.io.IOException) {
            return "input/output";
        }
        if (t instanceof java.sql.SQLException) {
            return "database";
        }
        return "internal";
    }
}
