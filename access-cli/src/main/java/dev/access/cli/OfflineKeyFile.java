package dev.access.cli;

import dev.access.crypto.OfflineIssuingKey;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The owner's offline issuing key file ({@code access-offline-issuing-key 1}), as {@code lockctl
 * offline-code key} writes it and {@code lockctl offline-code issue} reads it.
 *
 * <p>Guarantees: the file is created new (an existing file, or a symbolic link, is never
 * overwritten or followed) with owner-only permissions (0600) from its first byte on a POSIX file
 * system; the key's bytes are wiped once written or parsed; no message names the key.
 */
final class OfflineKeyFile {
    /** A key file is a few short lines; anything longer is not one. */
    static final int MAX_BYTES = 4096;

    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private OfflineKeyFile() {
    }

    /**
     * Checks, before anything is recorded, that nothing is at {@code out} (given as {@code option}).
     *
     * @throws CliError (usage, exit 2) naming {@code out} if a file, a directory or a link is there
     */
    static void requireAbsent(String option, Path out) {
        if (Files.exists(out, LinkOption.NOFOLLOW_LINKS)) {
            throw CliError.usage(option + " " + out + " already exists: a key file is never overwritten (remove it "
                    + "first, or choose another file)");
        }
    }

    /** Whether a file written by {@link #create} is owner-only (false: not a POSIX file system). */
    record Written(OfflineIssuingKey key, boolean ownerOnly) {
    }

    /**
     * Creates {@code out} new and owner-only, then asks {@code export} for the key (which records
     * the export) and writes it; if anything fails, the file is removed. A file that cannot be
     * created records nothing.
     *
     * @throws CliError (exit 2) naming {@code out} if it exists or cannot be created or written;
     *     whatever {@code export} throws (the file is removed first)
     */
    static Written create(Path out, Supplier<OfflineIssuingKey> export) {
        boolean posix = out.toAbsolutePath().getFileSystem().supportedFileAttributeViews().contains("posix");
        FileAttribute<?>[] attributes = posix ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_ONLY)}
                : new FileAttribute<?>[0];
        FileChannel channel;
        try {
            channel = FileChannel.open(out, EnumSet.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
                    attributes);
        } catch (IOException e) {
            throw CliError.environment("cannot create the key file " + out + ": " + reason(e), e);
        }
        boolean written = false;
        try (FileChannel ch = channel) {
            OfflineIssuingKey key = export.get();
            byte[] bytes = key.fileBytes();
            try {
                ByteBuffer buffer = ByteBuffer.wrap(bytes);
                while (buffer.hasRemaining()) {
                    ch.write(buffer);
                }
                ch.force(true);
            } finally {
                Arrays.fill(bytes, (byte) 0);
            }
            written = true;
            return new Written(key, posix);
        } catch (IOException e) {
            throw CliError.environment("cannot write the key file " + out + ": " + reason(e), e);
        } finally {
            if (!written) {
                try {
                    Files.deleteIfExists(out);
                } catch (IOException e) {
                    // Best effort: it holds at most part of the key, and only its owner can read it.
                }
            }
        }
    }

    /**
     * Reads and parses a key file; warns on {@code console} if others than its owner may read it.
     *
     * @throws CliError (usage, exit 2) naming {@code file} if it is missing, unreadable, too long or
     *     not a key file (the message says what is wrong, never the key)
     */
    static OfflineIssuingKey read(Path file, Console console) {
        byte[] bytes = null;
        try {
            if (Files.isDirectory(file)) {
                throw CliError.usage("cannot read the key file " + file + ": it is a directory");
            }
            if (Files.size(file) > MAX_BYTES) {
                throw CliError.usage("the key file " + file + " is not an offline issuing key file (longer than "
                        + MAX_BYTES + " bytes)");
            }
            bytes = Files.readAllBytes(file);
            OfflineIssuingKey key = OfflineIssuingKey.parse(bytes);
            warnIfShared(file, key, console);
            return key;
        } catch (IOException e) {
            throw CliError.usage("cannot read the key file " + file + ": " + reason(e));
        } catch (IllegalArgumentException e) {
            throw CliError.usage("the key file " + file + " is not usable: " + e.getMessage());
        } finally {
            if (bytes != null) {
                Arrays.fill(bytes, (byte) 0);
            }
        }
    }

    private static void warnIfShared(Path file, OfflineIssuingKey key, Console console) {
        try {
            Set<PosixFilePermission> p = Files.getPosixFilePermissions(file);
            p.removeAll(EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE,
                    PosixFilePermission.OWNER_EXECUTE));
            if (!p.isEmpty()) {
                console.warn("the key file " + file + " may be read by others than its owner (" + PosixFilePermissions
                        .toString(Files.getPosixFilePermissions(file)) + "); anyone holding it issues codes for lock "
                        + key.lockId() + ": chmod 600 it");
            }
        } catch (UnsupportedOperationException | IOException e) {
            // Not a POSIX file system: nothing to check.
        }
    }

    private static String reason(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "no such file or directory";
        }
        if (e instanceof FileAlreadyExistsException) {
            return "it already exists (a key file is never overwritten)";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        return dev.access.Causes.plain(e);
    }
}
