package dev.access.cli;

import dev.access.core.audit.LockHistory;
import dev.access.core.audit.TrailReader;
import dev.access.core.fleet.MalformedBatchException;
import dev.access.core.fleet.ProgrammingBatch;
import dev.access.crypto.BackendPublicKey;
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
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The files the audit and fleet commands read and write: JSON Lines exports, public key files (a
 * lock's trail key, a backend's public file), reports, enrollment documents and programming batches.
 * Every failure is an environment error (exit 2) naming the file (a file that is not a batch: exit 5); an output file is written to a
 * temporary file beside it and moved into place, so a failed write leaves no half-written file.
 */
final class AuditFiles {
    /** How many lock names an error message lists at most. */
    static final int NAMED_LOCKS = 5;

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
        return readKeyFile(file, "public key", "a trail public key", " (give the lock's key with --public-key KEYFILE)",
                TrailPublicKey::parse);
    }

    /**
     * Reads a backend's public file ({@link BackendPublicKey#export()}), as a lock enrolls with it.
     *
     * @throws CliError (exit 2) naming the file and what is wrong if it is missing, unreadable or not
     *     a backend public key
     */
    static BackendPublicKey readBackendKey(Path file) {
        return readKeyFile(file, "backend public key", "a backend public key", "", BackendPublicKey::parse);
    }

    /**
     * Reads a lock's enrollment file ({@code Enrollment#toText()}), as {@code lockctl enroll} writes it.
     *
     * @throws CliError (exit 2) naming the file and what is wrong if it is missing, unreadable or not
     *     an enrollment
     */
    static dev.access.core.fleet.Enrollment readEnrollment(Path file) {
        return readKeyFile(file, "enrollment", "an enrollment", "", text -> {
            try {
                return dev.access.core.fleet.Enrollment.parse(text);
            } catch (dev.access.core.fleet.MalformedEnrollmentException e) {
                throw new IllegalArgumentException(e.getMessage(), e);
            }
        });
    }

    /**
     * Reads a programming batch file ({@code ProgrammingBatch#toText()}), as {@code lockctl fleet push}
     * writes it.
     *
     * @throws CliError (exit 2) naming the file if it is missing, a directory or unreadable; (exit 5)
     *     if it is not a batch (too long, or malformed: the format does not verify)
     */
    static ProgrammingBatch readBatch(Path file) {
        // A batch is at most MAX_TEXT characters, each at most 4 bytes of UTF-8.
        long max = 4L * ProgrammingBatch.MAX_TEXT;
        byte[] bytes = readSmallFile(file, "batch", "", max, () -> CliError.unverified("the batch " + file
                + " is not a batch: longer than " + ProgrammingBatch.MAX_TEXT + " characters"));
        try {
            return ProgrammingBatch.parse(new String(bytes, StandardCharsets.UTF_8));
        } catch (MalformedBatchException e) {
            throw CliError.unverified("the batch " + file + " is not a batch: " + e.getMessage());
        }
    }

    /** A small key file: read whole, then parsed; every failure names the file ({@code what} it should be). */
    private static <K> K readKeyFile(Path file, String what, String kind, String hint, Function<String, K> parser) {
        byte[] bytes = readSmallFile(file, what, hint, MAX_KEY_FILE, () -> CliError.environment("the " + what + " file "
                + file + " is not " + kind + " (too long)", null));
        try {
            return parser.apply(new String(bytes, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            throw CliError.environment("the " + what + " file " + file + " is not usable: " + e.getMessage(), e);
        }
    }

    /** A small file's bytes; a directory or a read failure is an environment error naming the file. */
    private static byte[] readSmallFile(Path file, String what, String hint, long max, Supplier<CliError> tooLong) {
        try {
            if (Files.isDirectory(file)) {
                throw CliError.environment("cannot read the " + what + " " + file + ": it is a directory", null);
            }
            if (Files.size(file) > max) {
                throw tooLong.get();
            }
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw CliError.environment("cannot read the " + what + " " + file + ": " + reason(e) + hint, e);
        }
    }

    /**
     * Reads the history of one lock from an export: {@code lock}, or the only lock it holds.
     *
     * @throws CliError (exit 2) if the file cannot be read, holds no trail record, does not hold
     *     {@code lock}, or holds several locks and none was chosen
     */
    static LockHistory history(Path file, String lock) {
        String chosen = lock;
        if (chosen == null) {
            List<String> locks = locksIn(file, 2);
            if (locks.isEmpty()) {
                throw CliError.usage("the export " + file + " holds no trail record");
            }
            if (locks.size() > 1) {
                throw CliError.usage("the export " + file + " holds several locks (" + named(file)
                        + "); choose one with --lock");
            }
            chosen = locks.get(0);
        }
        LockHistory h;
        try (BufferedReader in = openExport(file)) {
            // Streams: only the chosen lock's events are kept, whatever else the file holds.
            h = TrailReader.history(in, chosen);
        } catch (IOException | UncheckedIOException e) {
            throw CliError.environment("cannot read the export " + file + ": " + reason(e), e);
        }
        if (h.events().isEmpty() && h.problems().isEmpty()) {
            throw CliError.usage("the export " + file + " holds no event of lock '" + shorten(chosen) + "' (it holds "
                    + named(file) + ")");
        }
        return h;
    }

    /** The first {@code max} distinct locks of an export's lines, in order of appearance (streaming). */
    private static List<String> locksIn(Path file, int max) {
        List<String> locks = new ArrayList<>();
        try (BufferedReader in = openExport(file)) {
            TrailReader.read(in, null, line -> {
                String l = line.record() != null ? line.record().lock()
                        : line.problem() != null ? line.problem().lock() : null;
                if (l != null && locks.size() < max && !locks.contains(l)) {
                    locks.add(l);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            throw CliError.environment("cannot read the export " + file + ": " + reason(e), e);
        }
        return locks;
    }

    /** The locks an export holds, for a message: at most {@value #NAMED_LOCKS} names, then "…". */
    private static String named(Path file) {
        List<String> locks = locksIn(file, NAMED_LOCKS + 1);
        List<String> shown = new ArrayList<>();
        for (int i = 0; i < Math.min(NAMED_LOCKS, locks.size()); i++) {
            shown.add(shorten(locks.get(i)));
        }
        return locks.isEmpty() ? "none" : String.join(", ", shown) + (locks.size() > NAMED_LOCKS ? ", …" : "");
    }

    private static String shorten(String s) {
        return s.length() > 64 ? s.substring(0, 64) + "…" : s;
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
        return dev.access.Causes.plain(c);
    }
}
