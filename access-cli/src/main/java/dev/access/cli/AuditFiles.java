package dev.access.cli;

import dev.access.core.audit.LockHistory;
import dev.access.core.audit.TrailReader;
import dev.access.crypto.TrailPublicKey;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;

/**
 * The files the audit commands read and write: JSON Lines exports, public key files and reports.
 * Every failure is an environment error (exit 2) naming the file; an output file is written to a
 * temporary file beside it and moved into place, so a failed write leaves no half-written file.
 */
final class AuditFiles {
    /** A public key file is a few lines; anything longer is not one. */
    static final int MAX_KEY_FILE = 4096;

    private AuditFiles() {
    }

    /** Writes text to a {@link Writer}. */
    interface WriterAction {
        void write(Writer out) throws IOException;
    }

    /** The default public key file of an export: {@code FILE.pub}. */
    static Path publicKeyFileOf(Path export) {
        return Path.of(export.toString() + ".pub");
    }

    /**
     * Opens an export for reading.
     *
     * @throws CliError (exit 2) if it is missing, a directory or unreadable
     */
    static BufferedReader openExport(Path file) {
        if (Files.isDirectory(file)) {
            throw CliError.environment("cannot read the export " + file + ": it is a directory", null);
        }
        try {
            return Files.newBufferedReader(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw CliError.environment("cannot read the export " + file + ": " + reason(e), e);
        }
    }

    /**
     * Reads a public key file written by {@code audit export} ({@link TrailPublicKey#export()}).
     *
     * @throws CliError (exit 2) if it is missing, unreadable or not a trail public key
     */
    static TrailPublicKey readPublicKey(Path file) {
        byte[] bytes;
        try {
            if (Files.isDirectory(file)) {
                throw CliError.environment("cannot read the public key " + file + ": it is a directory", null);
            }
            if (Files.size(file) > MAX_KEY_FILE) {
                throw CliError.environment("the public key file " + file + " is not a trail public key (too long)", null);
            }
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw CliError.environment("cannot read the public key " + file + ": " + reason(e)
                    + " (give the lock's key with --public-key KEYFILE)", e);
        }
        try {
            return TrailPublicKey.parse(new String(bytes, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            throw CliError.environment("the public key file " + file + " is not usable: " + e.getMessage(), e);
        }
    }

    /**
     * Reads the history of one lock from an export: {@code lock}, or the only lock it holds.
     *
     * @throws CliError (exit 2) if the file cannot be read, holds no trail record, does not hold
     *     {@code lock}, or holds several locks and none was chosen
     */
    static LockHistory history(Path file, String lock) {
        Map<String, LockHistory> all;
        try (BufferedReader in = openExport(file)) {
            all = TrailReader.histories(in);
        } catch (IOException | UncheckedIOException e) {
            throw CliError.environment("cannot read the export " + file + ": " + reason(e), e);
        }
        all.remove("");
        all.values().removeIf(h -> h.events().isEmpty() && h.problems().isEmpty());
        if (all.isEmpty()) {
            throw CliError.usage("the export " + file + " holds no trail record");
        }
        if (lock != null) {
            LockHistory h = all.get(lock);
            if (h == null) {
                throw CliError.usage("the export " + file + " holds no event of lock '" + lock + "' (it holds "
                        + String.join(", ", all.keySet()) + ")");
            }
            return h;
        }
        if (all.size() > 1) {
            throw CliError.usage("the export " + file + " holds several locks (" + String.join(", ", all.keySet())
                    + "); choose one with --lock");
        }
        return all.values().iterator().next();
    }

    /**
     * Writes {@code file} through a temporary file beside it, then moves it into place.
     *
     * @throws CliError (exit 2) if it cannot be written
     */
    static void write(Path file, WriterAction action) {
        Path abs = file.toAbsolutePath();
        Path parent = abs.getParent();
        if (Files.isDirectory(abs)) {
            throw CliError.environment("cannot write " + file + ": it is a directory", null);
        }
        Path tmp = null;
        try {
            tmp = Files.createTempFile(parent, "." + abs.getFileName(), ".tmp");
            try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                action.write(w);
            }
            Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            tmp = null;
        } catch (IOException | UncheckedIOException e) {
            throw CliError.environment("cannot write " + file + ": " + reason(e), e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException e) {
                    // Best effort: the temporary file holds no secret.
                }
            }
        }
    }

    private static String reason(Exception e) {
        Throwable c = e instanceof UncheckedIOException && e.getCause() != null ? e.getCause() : e;
        if (c instanceof NoSuchFileException) {
            return "no such file or directory";
        }
        if (c instanceof AccessDeniedException) {
            return "permission denied";
        }
        return c.getClass().getSimpleName() + (c.getMessage() == null ? "" : ": " + c.getMessage());
    }
}
