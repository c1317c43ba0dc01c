package dev.access.crypto;

import java.io.IOException;
import dev.access.Causes;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/*
 * Implementation notes.
 *
 * File format (UTF-8 text, one record a line, lock ids never contain spaces):
 *   access-keyring 1
 *   root <base64 32 bytes>
 *   store <id>                              (optional: the event store this ring is bound to)
 *   epoch <lockId> <n> <base64 salt>        or   epoch <lockId> <n> destroyed
 *   signing <lockId> <base64 32-byte Ed25519 seed>
 *   backend <base64 32-byte identity seed>  (optional: a backend's identity, see DerivingKeyRing)
 *   sha256 <hex of every byte before this line>
 * The checksum line is last, so a truncated file is detected, and a flipped byte fails it.
 * The store record came with store binding; a file without it (written before, or never used with
 * a store) is read as unbound and gets it on its first use with a store (KeyRing.bindToStore).
 *
 * Writes: a new temporary file in the same directory, created with owner-only permissions,
 * fully written and fsynced, then atomically renamed over the old one, then the directory is
 * fsynced. A crash leaves either the old file or the new one, never a mixture.
 *
 * Crypto-shredding caveat: destroying an epoch rewrites the file without its salt, but the old
 * bytes may survive in free disk blocks or in backups until overwritten; a deployment that needs
 * stronger erasure keeps the root secret in a secure element and implements KeyRing over it.
 */
/**
 * The embedded default {@link KeyRing}: one owner-only file in the lock's data directory holding
 * the root secret, each epoch's salt and the trail signing seed.
 *
 * <p>Guarantees: the file is created with owner-only permissions and refused if group or others
 * can read it; every change is written atomically and durably before the call returns; a
 * corrupt, truncated or unreadable file is reported with a {@link KeyRingException} and never
 * replaced; the file records the event store it belongs to, and refuses another one
 * ({@link #bindToStore}).
 */
public final class FileKeyRing extends DerivingKeyRing {
    static final String HEADER = "access-keyring 1";

    /** What a store id may be: 1 to 64 characters from {@code A-Z a-z 0-9 . _ : -}. */
    private static final Pattern STORE_ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

    private final Path file;
    /** Whether {@link #open} created the file. */
    private final boolean created;
    /** The store this ring is bound to; null while unbound. Guarded by this. */
    private String storeId;

    private FileKeyRing(Path file, SecureRandom random, byte[] root, Map<String, LockKeys> locks, String storeId,
            boolean created) {
        super(random, root, locks);
        this.file = file;
        this.storeId = storeId;
        this.created = created;
    }

    /**
     * Opens the key ring stored in {@code file}, creating it (with a fresh random root secret)
     * if it does not exist yet.
     *
     * @throws KeyRingException if the file is unreadable, corrupt, truncated, or readable by
     *     group or others; the file is then left untouched
     */
    public static FileKeyRing open(Path file) {
        SecureRandom random = new SecureRandom();
        Path abs = file.toAbsolutePath();
        if (!Files.exists(abs)) {
            FileKeyRing created = createIfMissing(abs, random);
            if (created != null) {
                return created;
            }
        }
        checkPermissions(abs);
        byte[] content;
        try {
            content = Files.readAllBytes(abs);
        } catch (IOException e) {
            throw new KeyRingException("cannot read key ring " + abs + ": " + Causes.plain(e), e);
        }
        Map<String, LockKeys> locks = new LinkedHashMap<>();
        String[] store = new String[1];
        byte[] root = parse(abs, content, locks, store);
        return new FileKeyRing(abs, random, root, locks, store[0], false);
    }

    /**
     * Creates the ring in {@code file} with a fresh root secret, under the ring's file lock (and this
     * JVM's monitor of it), unless it exists by then: of several processes and threads opening a
     * new data directory at once, exactly one creates the ring and the others read it. Null if the
     * ring existed.
     */
    private static FileKeyRing createIfMissing(Path file, SecureRandom random) {
        try {
            Files.createDirectories(file.getParent());
        } catch (IOException e) {
            throw new KeyRingException("cannot create the directory of key ring " + file + ": " + Causes.plain(e), e);
        }
        FileKeyRing[] created = new FileKeyRing[1];
        underFileLock(file, () -> {
            if (Files.exists(file)) {
                return;
            }
            byte[] root = new byte[32];
            random.nextBytes(root);
            try {
                write(file, root, Map.of(), null, true);
                created[0] = new FileKeyRing(file, random, root, Map.of(), null, true);
            } catch (KeyRingException e) {
                if (!(e.getCause() instanceof java.nio.file.FileAlreadyExistsException)) {
                    throw e;
                }
                // Created meanwhile by a writer that does not take the lock: use theirs.
            } finally {
                java.util.Arrays.fill(root, (byte) 0);
            }
        });
        return created[0];
    }

    /**
     * Whether this ring's file was created when this instance was opened (rather than found):
     * exactly one of several rings opened together on a new file says so.
     */
    public boolean created() {
        return created;
    }

    /** The personal-data keys live beside the ring, in {@code <ring file>.people}. */
    @Override
    java.nio.file.Path personalKeysFile() {
        return file.resolveSibling(file.getFileName() + ".people");
    }

    /**
     * The personal-data keys kept beside the key ring in {@code ringFile}, opened read-only, without
     * opening (or creating) the ring: enough to read names (a read-only tool's view); none if the
     * file does not exist.
     *
     * @throws KeyRingException if the keys file is corrupt or readable by others
     */
    public static PersonalKeys readPersonalKeys(Path ringFile) {
        Path abs = ringFile.toAbsolutePath();
        return PersonalKeyStore.readOnly(abs.resolveSibling(abs.getFileName() + ".people"));
    }

    /** The file this ring lives in. */
    public Path file() {
        return file;
    }

    /** The id of the event store this ring is bound to, if it is bound. */
    public synchronized Optional<String> storeId() {
        return Optional.ofNullable(storeId);
    }

    /**
     * Binds this ring to a store, or checks that it is bound to it, following the rules of
     * {@link KeyRing#bindToStore}; a new binding is written to the file before this returns.
     *
     * @throws IllegalArgumentException if {@code storeId} is not 1 to 64 of {@code A-Z a-z 0-9 . _ : -}
     */
    @Override
    public synchronized void bindToStore(String storeId, boolean storeHoldsEvents) {
        if (storeId == null || !STORE_ID.matcher(storeId).matches()) {
            throw new IllegalArgumentException("a store id is 1 to 64 of A-Z a-z 0-9 . _ : -, was '"
                    + (storeId == null ? "null" : storeId.length() > 70 ? storeId.substring(0, 70) + "..." : storeId) + "'");
        }
        exclusively(() -> {
            // Another process may have bound (or filled) the ring since it was opened.
            refresh();
            if (this.storeId != null) {
                if (!this.storeId.equals(storeId)) {
                    throw KeyRingMismatchException.otherStore("key ring " + file, this.storeId, storeId);
                }
                return;
            }
            if (storeHoldsEvents && !holdsKeys()) {
                throw KeyRingMismatchException.lost("key ring " + file, storeId);
            }
            this.storeId = storeId;
            try {
                persistCurrent();
            } catch (RuntimeException e) {
                this.storeId = null;
                throw e;
            }
        });
    }

    @Override
    void persist(byte[] root, Map<String, LockKeys> state) {
        write(file, root, state, storeId, false);
    }

    /** One monitor per key file in this JVM (a file lock is held per JVM, not per thread). */
    private static final java.util.concurrent.ConcurrentHashMap<Path, Object> WRITERS =
            new java.util.concurrent.ConcurrentHashMap<>();

    /** Holds {@code FILE.lock} (an OS file lock) and this JVM's monitor of the file during {@code change}. */
    @Override
    void exclusively(Runnable change) {
        underFileLock(file, change);
    }

    /** Runs {@code change} holding this JVM's monitor of {@code file} and the OS lock on {@code FILE.lock}. */
    private static void underFileLock(Path file, Runnable change) {
        synchronized (WRITERS.computeIfAbsent(file, f -> new Object())) {
            Path lockFile = file.resolveSibling(file.getFileName() + ".lock");
            try (FileChannel ch = FileChannel.open(lockFile, EnumSet.of(StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE), ownerOnly(file.getParent()));
                    java.nio.channels.FileLock held = ch.lock()) {
                change.run();
            } catch (IOException e) {
                throw new KeyRingException("cannot lock key ring " + file + " for writing: " + Causes.plain(e), e);
            }
        }
    }

    /** The file as other writers left it (and its store binding adopted); null if it is gone. */
    @Override
    Map<String, LockKeys> latest() {
        if (!Files.isRegularFile(file)) {
            return null;
        }
        byte[] content;
        try {
            content = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new KeyRingException("cannot read key ring " + file + ": " + Causes.plain(e), e);
        }
        Map<String, LockKeys> fresh = new LinkedHashMap<>();
        String[] store = new String[1];
        byte[] otherRoot = parse(file, content, fresh, store);
        try {
            if (!hasRoot(otherRoot)) {
                throw new KeyRingException("key ring " + file + " was replaced by another key ring while in use; "
                        + "nothing was written");
            }
        } finally {
            java.util.Arrays.fill(otherRoot, (byte) 0);
            java.util.Arrays.fill(content, (byte) 0);
        }
        if (store[0] != null) {
            storeId = store[0];
        }
        return fresh;
    }

    static void checkPermissions(Path file) {
        try {
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
            Set<PosixFilePermission> open = EnumSet.of(PosixFilePermission.GROUP_READ,
                    PosixFilePermission.GROUP_WRITE, PosixFilePermission.OTHERS_READ,
                    PosixFilePermission.OTHERS_WRITE);
            open.retainAll(perms);
            if (!open.isEmpty()) {
                throw new KeyRingException("key ring " + file + " is accessible to others ("
                        + PosixFilePermissions.toString(perms) + "); restrict it to its owner"
                        + " (chmod 600) and check whether it was copied");
            }
        } catch (UnsupportedOperationException e) {
            // Not a POSIX file system: nothing to check.
        } catch (IOException e) {
            throw new KeyRingException("cannot read permissions of key ring " + file + ": " + Causes.plain(e), e);
        }
    }

    static byte[] serialize(byte[] root, Map<String, LockKeys> state, String storeId) {
        Base64.Encoder b64 = Base64.getEncoder();
        StringBuilder sb = new StringBuilder();
        sb.append(HEADER).append('\n');
        sb.append("root ").append(b64.encodeToString(root)).append('\n');
        if (storeId != null) {
            sb.append("store ").append(storeId).append('\n');
        }
        state.forEach((lock, keys) -> {
            if (lock.equals(BACKEND)) {
                sb.append("backend ").append(b64.encodeToString(keys.signingSeed)).append('\n');
                return;
            }
            keys.epochs.forEach((n, salt) -> sb.append("epoch ").append(lock).append(' ').append(n)
                    .append(' ').append(salt == null ? "destroyed" : b64.encodeToString(salt))
                    .append('\n'));
            if (keys.signingSeed != null) {
                sb.append("signing ").append(lock).append(' ')
                        .append(b64.encodeToString(keys.signingSeed)).append('\n');
            }
        });
        byte[] body = sb.toString().getBytes(StandardCharsets.UTF_8);
        byte[] trailer = ("sha256 " + Bytes.hex(sha256(body)) + "\n").getBytes(StandardCharsets.UTF_8);
        return Bytes.concat(body, trailer);
    }

    private static byte[] parse(Path file, byte[] content, Map<String, LockKeys> locks, String[] store) {
        String text = new String(content, StandardCharsets.UTF_8);
        int lastLine = text.lastIndexOf("\nsha256 ");
        if (content.length == 0 || lastLine < 0 || !text.endsWith("\n")) {
            throw corrupt(file, "it is truncated (no checksum line at its end)");
        }
        byte[] body = text.substring(0, lastLine + 1).getBytes(StandardCharsets.UTF_8);
        String expected = text.substring(lastLine + 8, text.length() - 1);
        if (!ConstantTime.equals(Bytes.utf8(expected), Bytes.utf8(Bytes.hex(sha256(body))))) {
            throw corrupt(file, "its checksum does not match its content");
        }
        List<String> lines = List.of(text.substring(0, lastLine).split("\n", -1));
        if (lines.isEmpty() || !lines.get(0).equals(HEADER)) {
            throw corrupt(file, "line 1 is not '" + HEADER + "'");
        }
        byte[] root = null;
        Base64.Decoder b64 = Base64.getDecoder();
        for (int i = 1; i < lines.size(); i++) {
            String[] f = lines.get(i).split(" ", -1);
            int lineNo = i + 1;
            try {
                switch (f[0]) {
                    case "root":
                        expectFields(file, lineNo, f, 2);
                        root = decode32(file, lineNo, b64, f[1]);
                        break;
                    case "store":
                        expectFields(file, lineNo, f, 2);
                        if (store[0] != null || !STORE_ID.matcher(f[1]).matches()) {
                            throw corrupt(file, "line " + lineNo + " is not a valid store record");
                        }
                        store[0] = f[1];
                        break;
                    case "epoch":
                        expectFields(file, lineNo, f, 4);
                        LockIds.requireValid(f[1]);
                        int n = Integer.parseInt(f[2]);
                        byte[] salt = f[3].equals("destroyed") ? null : decode32(file, lineNo, b64, f[3]);
                        locks.computeIfAbsent(f[1], k -> new LockKeys()).epochs.put(n, salt);
                        break;
                    case "signing":
                        expectFields(file, lineNo, f, 3);
                        LockIds.requireValid(f[1]);
                        locks.computeIfAbsent(f[1], k -> new LockKeys()).signingSeed =
                                decode32(file, lineNo, b64, f[2]);
                        break;
                    case "backend":
                        expectFields(file, lineNo, f, 2);
                        if (locks.containsKey(BACKEND)) {
                            throw corrupt(file, "line " + lineNo + " is a second backend record");
                        }
                        locks.computeIfAbsent(BACKEND, k -> new LockKeys()).signingSeed =
                                decode32(file, lineNo, b64, f[1]);
                        break;
                    default:
                        throw corrupt(file, "line " + lineNo + " has an unknown record '"
                                + (f[0].length() > 20 ? f[0].substring(0, 20) : f[0]) + "'");
                }
            } catch (IllegalArgumentException e) {
                throw corrupt(file, "line " + lineNo + " is malformed (" + e.getMessage() + ")");
            }
        }
        if (root == null) {
            throw corrupt(file, "it holds no root secret");
        }
        return root;
    }

    private static void expectFields(Path file, int line, String[] f, int n) {
        if (f.length != n) {
            throw corrupt(file, "line " + line + " has " + f.length + " fields, expected " + n);
        }
    }

    private static byte[] decode32(Path file, int line, Base64.Decoder b64, String s) {
        byte[] b = b64.decode(s);
        if (b.length != 32) {
            throw corrupt(file, "line " + line + " holds " + b.length + " key bytes, expected 32");
        }
        return b;
    }

    private static KeyRingException corrupt(Path file, String why) {
        return new KeyRingException("key ring " + file + " is corrupt: " + why
                + "; it was left untouched (restore it from a backup)");
    }

    private static void write(Path file, byte[] root, Map<String, LockKeys> state, String storeId, boolean createNew) {
        byte[] content = serialize(root, state, storeId);
        Path dir = file.getParent();
        Path tmp = null;
        try {
            Files.createDirectories(dir);
            tmp = writeTemporary(dir, file.getFileName().toString(), content);
            if (createNew) {
                // Never replace a key ring that appeared meanwhile: a hard link fails if the
                // target exists, where a rename would silently overwrite it.
                try {
                    Files.createLink(file, tmp);
                } catch (UnsupportedOperationException e) {
                    // No hard links here: the caller holds the ring's file lock, so a rename is safe.
                    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
                }
            } else {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            }
            fsyncDirectory(dir);
        } catch (AtomicMoveNotSupportedException e) {
            throw new KeyRingException("the file system of " + dir + " cannot rename atomically; a key ring needs it", e);
        } catch (IOException e) {
            throw new KeyRingException("cannot write key ring " + file + ": " + Causes.plain(e)
                    + "; the key ring was left as it was", e);
        } finally {
            deleteQuietly(tmp);
            java.util.Arrays.fill(content, (byte) 0);
        }
    }

    /**
     * Writes {@code content} to a new owner-only temporary file beside {@code name} in {@code dir}
     * (a random name: several processes may write at once) and forces it to disk. A write that fails
     * (a full disk) removes the partial file before throwing.
     */
    static Path writeTemporary(Path dir, String name, byte[] content) throws IOException {
        Path tmp = dir.resolve(name + ".tmp-" + java.util.UUID.randomUUID());
        boolean done = false;
        try (FileChannel ch = FileChannel.open(tmp, EnumSet.of(StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE), ownerOnly(dir))) {
            ByteBuffer buf = ByteBuffer.wrap(content);
            while (buf.hasRemaining()) {
                ch.write(buf);
            }
            ch.force(true);
            done = true;
        } finally {
            if (!done) {
                deleteQuietly(tmp);
            }
        }
        return tmp;
    }

    /** Removes {@code file} if it exists (null: nothing); a failure to remove is left alone. */
    static void deleteQuietly(Path file) {
        if (file == null) {
            return;
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // A temporary file left behind on a failing disk; the next write uses another name.
        }
    }

    static FileAttribute<?>[] ownerOnly(Path dir) {
        if (dir.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            return new FileAttribute<?>[] {
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))
            };
        }
        return new FileAttribute<?>[0];
    }

    static void fsyncDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // Some platforms cannot open a directory; the rename itself is still atomic there.
        }
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }

    @Override
    public String toString() {
        return "FileKeyRing[" + file + ", key material redacted]";
    }
}
