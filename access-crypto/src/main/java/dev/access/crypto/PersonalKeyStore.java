package dev.access.crypto;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/*
 * Implementation notes.
 *
 * In memory: lock -> (subject -> key) and lock -> (actor index -> subject). The actor index is
 * hex(HMAC-SHA-256(indexKey, lock 0x00 name))[0..32]: the name itself is never kept.
 *
 * On file (optional; FileKeyRing keeps it beside the ring as "<ring>.people"), UTF-8 lines:
 *   access-personal-keys 1
 *   subject <lock> <subject> <base64 key> <check>
 *   actor <lock> <index> <subject> <check>
 * where <check> is the first 16 hex digits of SHA-256 of the line before " <check>". A new subject
 * or actor is APPENDED (one line, then fsync): cheap however many people a lock knows. A last line
 * without its newline or with a bad check is a torn append (its subject was never returned, so
 * nothing was sealed under it): ignored, and cut before the next append. A bad line elsewhere is
 * corruption (KeyRingException, nothing written). An erasure REWRITES the file without the
 * subject's lines (temporary file, fsync, atomic rename, directory fsync), so the key's bytes leave
 * the live file at once; they may survive in free disk blocks or backups until overwritten (the
 * same caveat as FileKeyRing's crypto-shredding).
 *
 * Several processes: every change runs under an OS file lock on "<file>.lock" and starts by
 * re-reading the file; a lookup that misses re-reads it once.
 */
/** The {@link PersonalKeys} of a key ring: in memory, and optionally in an append-only file. */
final class PersonalKeyStore implements PersonalKeys {
    static final String HEADER = "access-personal-keys 1";

    private final Path file;
    /** A store opened only to read names (no index key, no writes). */
    private final boolean readOnly;
    private final SecureRandom random;
    private final byte[] indexKey;
    private final Map<String, Map<String, byte[]>> keys = new LinkedHashMap<>();
    private final Map<String, Map<String, String>> actors = new LinkedHashMap<>();
    private static final java.util.concurrent.ConcurrentHashMap<Path, Object> WRITERS =
            new java.util.concurrent.ConcurrentHashMap<>();

    /** A store in {@code file} (null: memory only); {@code indexKey} keys the actor-name index. */
    PersonalKeyStore(Path file, SecureRandom random, byte[] indexKey) {
        this(file, random, indexKey, false);
    }

    private PersonalKeyStore(Path file, SecureRandom random, byte[] indexKey, boolean readOnly) {
        this.readOnly = readOnly;
        this.file = file;
        this.random = random;
        this.indexKey = indexKey.clone();
        if (file != null) {
            load();
        }
    }

    /**
     * The keys in {@code file}, opened only to read names (a missing file holds none): what a
     * read-only tool uses without opening the key ring itself. Every change throws.
     */
    static PersonalKeyStore readOnly(Path file) {
        return new PersonalKeyStore(file, new SecureRandom(), new byte[32], true);
    }

    @Override
    public synchronized String newSubject(String lockId) {
        LockIds.requireValid(lockId);
        byte[] key = PersonalData.newKey(random);
        String subject = PersonalData.subjectOf(key);
        change(() -> append("subject " + lockId + " " + subject + " " + Base64.getEncoder().encodeToString(key)));
        keys.computeIfAbsent(lockId, k -> new TreeMap<>()).put(subject, key);
        return subject;
    }

    @Override
    public synchronized String actorSubject(String lockId, String name) {
        LockIds.requireValid(lockId);
        String index = index(lockId, name);
        String[] found = new String[1];
        change(() -> {
            String existing = actors.getOrDefault(lockId, Map.of()).get(index);
            if (existing != null && keys.getOrDefault(lockId, Map.of()).containsKey(existing)) {
                found[0] = existing;
                return;
            }
            byte[] key = PersonalData.newKey(random);
            String subject = PersonalData.subjectOf(key);
            append("subject " + lockId + " " + subject + " " + Base64.getEncoder().encodeToString(key));
            append("actor " + lockId + " " + index + " " + subject);
            keys.computeIfAbsent(lockId, k -> new TreeMap<>()).put(subject, key);
            actors.computeIfAbsent(lockId, k -> new TreeMap<>()).put(index, subject);
            found[0] = subject;
        });
        return found[0];
    }

    @Override
    public synchronized Optional<String> findActorSubject(String lockId, String name) {
        String index = index(lockId, name);
        String s = actors.getOrDefault(lockId, Map.of()).get(index);
        if (s == null && file != null) {
            load();
            s = actors.getOrDefault(lockId, Map.of()).get(index);
        }
        return s != null && keys.getOrDefault(lockId, Map.of()).containsKey(s) ? Optional.of(s) : Optional.empty();
    }

    @Override
    public synchronized boolean isLive(String lockId, String subject) {
        return lookup(lockId, subject) != null;
    }

    @Override
    public synchronized boolean erase(String lockId, String subject) {
        boolean[] erased = new boolean[1];
        change(() -> {
            Map<String, byte[]> ofLock = keys.get(lockId);
            byte[] key = ofLock == null ? null : ofLock.remove(subject);
            Map<String, String> index = actors.get(lockId);
            if (index != null) {
                index.values().removeIf(subject::equals);
            }
            if (key != null) {
                java.util.Arrays.fill(key, (byte) 0);
                erased[0] = true;
                rewrite();
            }
        });
        return erased[0];
    }

    @Override
    public synchronized Optional<byte[]> key(String lockId, String subject) {
        byte[] k = lookup(lockId, subject);
        return k == null ? Optional.empty() : Optional.of(k.clone());
    }

    @Override
    public synchronized Map<String, byte[]> liveKeys(String lockId) {
        if (file != null) {
            load();
        }
        Map<String, byte[]> out = new TreeMap<>();
        keys.getOrDefault(lockId, Map.of()).forEach((s, k) -> out.put(s, k.clone()));
        return out;
    }

    @Override
    public String seal(String lockId, String subject, String text) {
        byte[] key;
        synchronized (this) {
            key = lookup(lockId, subject);
        }
        if (key == null) {
            throw KeyUnavailableException.forSubject(lockId, subject);
        }
        return PersonalData.seal(lockId, key, text, random);
    }

    @Override
    public Optional<String> reveal(String lockId, String value) {
        if (value == null) {
            return Optional.empty();
        }
        Optional<String> subject = PersonalData.subjectOfValue(value);
        if (subject.isEmpty()) {
            return PersonalData.isSealed(value) ? Optional.empty() : Optional.of(value);
        }
        byte[] key;
        synchronized (this) {
            key = lookup(lockId, subject.get());
        }
        return key == null ? Optional.empty() : PersonalData.open(lockId, value, key);
    }

    /** The key, re-reading the file once on a miss (another process may have made it). */
    private byte[] lookup(String lockId, String subject) {
        byte[] k = keys.getOrDefault(lockId, Map.of()).get(subject);
        if (k == null && file != null) {
            load();
            k = keys.getOrDefault(lockId, Map.of()).get(subject);
        }
        return k;
    }

    private String index(String lockId, String name) {
        if (readOnly) {
            throw new KeyRingException("personal-data keys " + file + " were opened read-only: names cannot be looked up");
        }
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("an actor's name is empty");
        }
        try {
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(new javax.crypto.spec.SecretKeySpec(indexKey, "HmacSHA256"));
            mac.update(Bytes.utf8(lockId));
            mac.update((byte) 0);
            return Bytes.hex(mac.doFinal(Bytes.utf8(name))).substring(0, 32);
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA-256 is missing from this JDK", e);
        }
    }

    /** Runs {@code body} under the cross-process lock, after adopting the file's latest state. */
    private void change(Runnable body) {
        if (readOnly) {
            throw new KeyRingException("personal-data keys " + file + " were opened read-only");
        }
        if (file == null) {
            body.run();
            return;
        }
        synchronized (WRITERS.computeIfAbsent(file, f -> new Object())) {
            Path lockFile = file.resolveSibling(file.getFileName() + ".lock");
            try (FileChannel ch = FileChannel.open(lockFile, EnumSet.of(StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE), FileKeyRing.ownerOnly(file.getParent()));
                    java.nio.channels.FileLock held = ch.lock()) {
                load();
                body.run();
            } catch (IOException e) {
                throw new KeyRingException("cannot lock personal-data keys " + file + " for writing: " + dev.access.Causes.plain(e), e);
            }
        }
    }

    /** Reads the file (if any) into memory; a torn last line is ignored. */
    private void load() {
        if (!Files.isRegularFile(file)) {
            keys.clear();
            actors.clear();
            return;
        }
        FileKeyRing.checkPermissions(file);
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new KeyRingException("cannot read personal-data keys " + file + ": " + dev.access.Causes.plain(e), e);
        }
        Map<String, Map<String, byte[]>> k = new LinkedHashMap<>();
        Map<String, Map<String, String>> a = new LinkedHashMap<>();
        String[] lines = text.split("\n", -1);
        if (!lines[0].equals(HEADER)) {
            throw corrupt("line 1 is not '" + HEADER + "'");
        }
        // lines[last] is what follows the last newline: empty, or a torn append.
        for (int i = 1; i < lines.length - 1; i++) {
            String line = lines[i];
            int sp = line.lastIndexOf(' ');
            boolean ok = sp > 0 && line.substring(sp + 1).equals(check(line.substring(0, sp)));
            if (!ok) {
                throw corrupt("line " + (i + 1) + " fails its check");
            }
            String[] f = line.substring(0, sp).split(" ", -1);
            try {
                if (f[0].equals("subject") && f.length == 4) {
                    LockIds.requireValid(f[1]);
                    byte[] key = Base64.getDecoder().decode(f[3]);
                    if (key.length != 32 || !PersonalData.subjectOf(key).equals(f[2])) {
                        throw corrupt("line " + (i + 1) + " holds a key that is not its subject's");
                    }
                    k.computeIfAbsent(f[1], x -> new TreeMap<>()).put(f[2], key);
                } else if (f[0].equals("actor") && f.length == 4) {
                    LockIds.requireValid(f[1]);
                    a.computeIfAbsent(f[1], x -> new TreeMap<>()).put(f[2], f[3]);
                } else {
                    throw corrupt("line " + (i + 1) + " is not a subject or actor record");
                }
            } catch (IllegalArgumentException e) {
                throw corrupt("line " + (i + 1) + " is malformed (" + e.getMessage() + ")");
            }
        }
        keys.clear();
        keys.putAll(k);
        actors.clear();
        actors.putAll(a);
    }

    private void append(String record) {
        if (file == null) {
            return;
        }
        String line = record + " " + check(record) + "\n";
        try {
            Files.createDirectories(file.getParent());
            if (!Files.exists(file)) {
                writeWhole(HEADER + "\n");
            }
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
                long size = ch.size();
                long end = lastNewline(ch, size);
                ch.truncate(end);
                ch.position(end);
                // No newline at all: the header itself is torn (or lost its newline); write it again.
                String out = end == 0 ? HEADER + "\n" + line : line;
                ByteBuffer buf = ByteBuffer.wrap(out.getBytes(StandardCharsets.UTF_8));
                try {
                    while (buf.hasRemaining()) {
                        ch.write(buf);
                    }
                    ch.force(true);
                } catch (IOException e) {
                    // A full disk: cut the partial line at once (a later load would ignore it anyway).
                    try {
                        ch.truncate(end);
                    } catch (IOException ignored) {
                        // Left as a torn tail, which load ignores and the next append cuts.
                    }
                    throw e;
                }
            }
        } catch (IOException e) {
            throw new KeyRingException("cannot write personal-data keys " + file + ": " + dev.access.Causes.plain(e), e);
        }
    }

    /** The length of the file up to and including its last newline (a torn tail is cut there). */
    private static long lastNewline(FileChannel ch, long size) throws IOException {
        long pos = size;
        ByteBuffer one = ByteBuffer.allocate(1);
        while (pos > 0) {
            one.clear();
            ch.read(one, pos - 1);
            if (one.get(0) == '\n') {
                return pos;
            }
            pos--;
        }
        return 0;
    }

    /** Writes the whole current state anew (after an erasure). */
    private void rewrite() {
        StringBuilder sb = new StringBuilder(HEADER).append('\n');
        keys.forEach((lock, m) -> m.forEach((s, key) -> {
            String r = "subject " + lock + " " + s + " " + Base64.getEncoder().encodeToString(key);
            sb.append(r).append(' ').append(check(r)).append('\n');
        }));
        actors.forEach((lock, m) -> m.forEach((i, s) -> {
            String r = "actor " + lock + " " + i + " " + s;
            sb.append(r).append(' ').append(check(r)).append('\n');
        }));
        if (file != null) {
            try {
                writeWhole(sb.toString());
            } catch (IOException e) {
                throw new KeyRingException("cannot write personal-data keys " + file + ": " + dev.access.Causes.plain(e), e);
            }
        }
    }

    private void writeWhole(String content) throws IOException {
        Path dir = file.getParent();
        Files.createDirectories(dir);
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        Path tmp = null;
        try {
            tmp = FileKeyRing.writeTemporary(dir, file.getFileName().toString(), bytes);
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            FileKeyRing.deleteQuietly(tmp);
            java.util.Arrays.fill(bytes, (byte) 0);
        }
        FileKeyRing.fsyncDirectory(dir);
    }

    private static String check(String record) {
        try {
            return Bytes.hex(java.security.MessageDigest.getInstance("SHA-256").digest(Bytes.utf8(record)))
                    .substring(0, 16);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }

    private KeyRingException corrupt(String why) {
        return new KeyRingException("personal-data keys " + file + " are corrupt: " + why
                + "; they were left untouched (restore them from a backup)");
    }

    @Override
    public String toString() {
        return "PersonalKeys[" + (file == null ? "memory" : file.toString()) + ", keys redacted]";
    }
}
