package dev.access.crypto;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalInt;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/*
 * Implementation notes.
 *
 * State: a 32-byte root secret; per lock, its epochs (number -> 32-byte salt, or null once
 * destroyed) and one 32-byte Ed25519 seed. Mutations are synchronized and persisted (by the
 * subclass) before the in-memory state changes, so a failed write leaves the ring as it was.
 *
 * Several writers (two processes, or two instances, on one key file): every mutation runs
 * exclusively (the subclass's cross-process lock), starts from the freshest durable state
 * (refresh), and writes the whole state back, so no writer loses another's keys. A lookup that
 * misses refreshes once, so a key another writer made is found.
 *
 * Backend identity: its 32-byte seed is kept as the signing seed of the reserved entry "" (never a
 * valid lock id, see LockIds), so it is persisted, refreshed and merged with the locks' keys; its
 * two private keys are derived from the root and that seed (KeyDerivation.backendKey).
 *
 * Sealing keys: a lock epoch's X25519 key is derived from the root and the epoch's salt, so
 * destroying the epoch destroys it; nothing more is stored.
 *
 * Hot path: digesters are cached per (lock, epoch, engine) in a ConcurrentHashMap, so a keypad
 * entry costs one map lookup plus the HMAC; derivation (HKDF) runs once per epoch and engine.
 */
/** A {@link KeyRing} that derives keys from a root secret; subclasses decide where state lives. */
abstract class DerivingKeyRing implements KeyRing {
    /** The reserved entry holding the backend identity's seed (not a valid lock id). */
    static final String BACKEND = "";

    /** One lock's key material. */
    static final class LockKeys {
        final TreeMap<Integer, byte[]> epochs = new TreeMap<>();
        byte[] signingSeed;

        LockKeys copy() {
            LockKeys c = new LockKeys();
            epochs.forEach((k, v) -> c.epochs.put(k, v == null ? null : v.clone()));
            c.signingSeed = signingSeed == null ? null : signingSeed.clone();
            return c;
        }
    }

    private final SecureRandom random;
    private final byte[] root;
    private final Map<String, LockKeys> locks;
    private final Map<String, CodeDigester> digesters = new ConcurrentHashMap<>();
    private final Map<String, CheckpointSigner> signers = new ConcurrentHashMap<>();
    private final Map<String, OfflineCodeChecker> checkers = new ConcurrentHashMap<>();
    private volatile DerivedBackendIdentity backend;
    private PersonalKeyStore personal;

    DerivingKeyRing(SecureRandom random, byte[] root, Map<String, LockKeys> locks) {
        if (root.length != 32) {
            throw new IllegalArgumentException("root secret must be 32 bytes, was " + root.length);
        }
        this.random = random;
        this.root = root.clone();
        this.locks = new LinkedHashMap<>(locks);
    }

    /** Where the personal-data keys live (null: in memory only). */
    java.nio.file.Path personalKeysFile() {
        return null;
    }

    @Override
    public synchronized PersonalKeys personalKeys() {
        if (personal == null) {
            byte[] indexKey = KeyDerivation.hkdf(root, null, Bytes.utf8("access/actor-index/v1"), 32);
            personal = new PersonalKeyStore(personalKeysFile(), random, indexKey);
            Arrays.fill(indexKey, (byte) 0);
        }
        return personal;
    }

    /** Makes {@code state} durable; called before the in-memory state is replaced by it. */
    abstract void persist(byte[] root, Map<String, LockKeys> state);

    /**
     * Runs a read-modify-write of the durable state with no other writer of it in between (other
     * instances or processes on the same storage); the default is this instance's lock alone.
     */
    void exclusively(Runnable change) {
        change.run();
    }

    /**
     * The durable state as other writers may have left it, or null when this instance is the only
     * writer; {@link #refresh()} adopts it before every change and after a miss.
     */
    Map<String, LockKeys> latest() {
        return null;
    }

    /** Adopts the durable state (see {@link #latest()}); the caller holds this instance's lock. */
    void refresh() {
        Map<String, LockKeys> fresh = latest();
        if (fresh != null) {
            locks.clear();
            locks.putAll(fresh);
        }
    }

    /** Applies {@code change} to a copy of the freshest state and commits it, exclusively. */
    private void mutate(java.util.function.Consumer<Map<String, LockKeys>> change) {
        exclusively(() -> {
            refresh();
            Map<String, LockKeys> next = deepCopy();
            change.accept(next);
            commit(next);
        });
    }

    @Override
    public synchronized int createEpoch(String lockId) {
        LockIds.requireValid(lockId);
        int[] created = new int[1];
        mutate(next -> {
            LockKeys keys = next.computeIfAbsent(lockId, k -> new LockKeys());
            int epoch = keys.epochs.isEmpty() ? 1 : keys.epochs.lastKey() + 1;
            byte[] salt = new byte[32];
            random.nextBytes(salt);
            keys.epochs.put(epoch, salt);
            created[0] = epoch;
        });
        return created[0];
    }

    @Override
    public synchronized OptionalInt currentEpoch(String lockId) {
        if (!locks.containsKey(lockId)) {
            refresh();
        }
        LockKeys keys = locks.get(lockId);
        if (keys == null) {
            return OptionalInt.empty();
        }
        for (Map.Entry<Integer, byte[]> e : keys.epochs.descendingMap().entrySet()) {
            if (e.getValue() != null) {
                return OptionalInt.of(e.getKey());
            }
        }
        return OptionalInt.empty();
    }

    @Override
    public CodeDigester digester(String lockId, int epoch, DigestEngine engine) {
        String cacheKey = lockId + '\u0000' + epoch + '\u0000' + engine;
        CodeDigester cached = digesters.get(cacheKey);
        if (cached != null) {
            return cached;
        }
        synchronized (this) {
            byte[] salt = saltOf(lockId, epoch);
            byte[] key = KeyDerivation.pinKey(root, salt, lockId, epoch);
            try {
                CodeDigester d = new HmacCodeDigester(lockId, epoch, key, engine);
                digesters.put(cacheKey, d);
                return d;
            } finally {
                Arrays.fill(key, (byte) 0);
            }
        }
    }

    private byte[] saltOf(String lockId, int epoch) {
        if (!locks.containsKey(lockId) || !locks.get(lockId).epochs.containsKey(epoch)) {
            refresh();
        }
        LockKeys keys = locks.get(lockId);
        if (keys == null || !keys.epochs.containsKey(epoch)) {
            throw new KeyUnavailableException(lockId, epoch, "the epoch was never created");
        }
        byte[] salt = keys.epochs.get(epoch);
        if (salt == null) {
            throw new KeyUnavailableException(lockId, epoch, "the epoch was destroyed");
        }
        return salt;
    }

    @Override
    public synchronized void destroyEpoch(String lockId, int epoch) {
        String prefix = lockId + '\u0000' + epoch + '\u0000';
        digesters.keySet().removeIf(k -> k.startsWith(prefix));
        checkers.keySet().removeIf(k -> k.startsWith(prefix));
        exclusively(() -> {
            refresh();
            LockKeys keys = locks.get(lockId);
            if (keys == null || !keys.epochs.containsKey(epoch)) {
                throw new KeyUnavailableException(lockId, epoch, "the epoch was never created");
            }
            if (keys.epochs.get(epoch) == null) {
                return;
            }
            Map<String, LockKeys> next = deepCopy();
            next.get(lockId).epochs.put(epoch, null);
            byte[] salt = keys.epochs.get(epoch);
            commit(next);
            Arrays.fill(salt, (byte) 0);
        });
    }

    @Override
    public synchronized boolean isDestroyed(String lockId, int epoch) {
        if (!locks.containsKey(lockId) || !locks.get(lockId).epochs.containsKey(epoch)) {
            refresh();
        }
        LockKeys keys = locks.get(lockId);
        return keys != null && keys.epochs.containsKey(epoch) && keys.epochs.get(epoch) == null;
    }

    @Override
    public CheckpointSigner checkpointSigner(String lockId) {
        CheckpointSigner cached = signers.get(lockId);
        if (cached != null) {
            return cached;
        }
        synchronized (this) {
            LockIds.requireValid(lockId);
            if (seedOf(lockId) == null) {
                // Another writer may have made this lock's key meanwhile: the fresh state decides.
                mutate(next -> {
                    LockKeys keys = next.computeIfAbsent(lockId, k -> new LockKeys());
                    if (keys.signingSeed == null) {
                        keys.signingSeed = new byte[32];
                        random.nextBytes(keys.signingSeed);
                    }
                });
            }
            CheckpointSigner signer = new Ed25519CheckpointSigner(lockId, seedOf(lockId));
            signers.put(lockId, signer);
            return signer;
        }
    }

    @Override
    public synchronized SealingPublicKey sealingPublicKey(String lockId, int epoch) {
        LockIds.requireValid(lockId);
        byte[] priv = KeyDerivation.sealingKey(root, saltOf(lockId, epoch), lockId, epoch);
        try {
            return SealingPublicKey.of(new org.bouncycastle.crypto.params.X25519PrivateKeyParameters(priv, 0)
                    .generatePublicKey().getEncoded());
        } finally {
            Arrays.fill(priv, (byte) 0);
        }
    }

    @Override
    public PinCode unsealPin(String lockId, int epoch, SealedSecret sealed, String context, PinPolicy policy) {
        LockIds.requireValid(lockId);
        java.util.Objects.requireNonNull(sealed, "sealed");
        java.util.Objects.requireNonNull(policy, "policy");
        byte[] priv;
        synchronized (this) {
            priv = KeyDerivation.sealingKey(root, saltOf(lockId, epoch), lockId, epoch);
        }
        byte[] digits = null;
        try {
            digits = Hpke.open(priv, SealingPublicKey.info(context), Bytes.utf8(context), sealed);
            return PinCode.of(digits, policy);
        } finally {
            Arrays.fill(priv, (byte) 0);
            if (digits != null) {
                Arrays.fill(digits, (byte) 0);
            }
        }
    }

    @Override
    public synchronized java.util.Optional<BackendIdentity> backendIdentity() {
        if (backend != null) {
            return java.util.Optional.of(backend);
        }
        if (seedOf(BACKEND) == null) {
            refresh();
        }
        byte[] seed = seedOf(BACKEND);
        if (seed == null) {
            return java.util.Optional.empty();
        }
        backend = new DerivedBackendIdentity(root, seed);
        return java.util.Optional.of(backend);
    }

    @Override
    public synchronized BackendIdentity createBackendIdentity() {
        java.util.Optional<BackendIdentity> existing = backendIdentity();
        if (existing.isPresent()) {
            return existing.get();
        }
        // Another writer may have created one meanwhile: the fresh state decides.
        mutate(next -> {
            LockKeys keys = next.computeIfAbsent(BACKEND, k -> new LockKeys());
            if (keys.signingSeed == null) {
                keys.signingSeed = new byte[32];
                random.nextBytes(keys.signingSeed);
            }
        });
        return backendIdentity().orElseThrow();
    }

    @Override
    public OfflineCodeChecker offlineCodeChecker(String lockId, int epoch, int generation, int digits,
            java.time.ZoneId zone) {
        LockIds.requireValid(lockId);
        String cacheKey = lockId + '\u0000' + epoch + '\u0000' + "offline" + '\u0000' + generation + '\u0000'
                + digits + '\u0000' + zone.getId();
        OfflineCodeChecker cached = checkers.get(cacheKey);
        if (cached != null) {
            return cached;
        }
        // Derived and cached under this instance's lock, like the digesters: destroyEpoch (also
        // synchronized) then either runs first (the derivation fails) or removes the entry.
        synchronized (this) {
            byte[] key = offlineKey(lockId, epoch, generation);
            try {
                OfflineCodeChecker checker = new OfflineCodeChecker(lockId, key, digits, zone);
                checkers.put(cacheKey, checker);
                return checker;
            } finally {
                Arrays.fill(key, (byte) 0);
            }
        }
    }

    @Override
    public OfflineIssuingKey offlineIssuingKey(String lockId, int epoch, int generation, int digits,
            java.time.ZoneId zone) {
        LockIds.requireValid(lockId);
        byte[] key = offlineKey(lockId, epoch, generation);
        try {
            return new OfflineIssuingKey(lockId, epoch, generation, digits, zone, key);
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }

    private synchronized byte[] offlineKey(String lockId, int epoch, int generation) {
        if (generation < 1) {
            throw new IllegalArgumentException("issuing-key generations start at 1, got " + generation);
        }
        return KeyDerivation.offlineIssuingKey(root, saltOf(lockId, epoch), lockId, epoch, generation);
    }

    @Override
    public OfflineIssuingKey openOfflineIssuingKey(SealedSecret sealed, String lockId, int epoch, int generation,
            int digits, java.time.ZoneId zone) {
        java.util.Objects.requireNonNull(sealed, "sealed");
        LockIds.requireValid(lockId);
        DerivedBackendIdentity identity = (DerivedBackendIdentity) backendIdentity().orElseThrow(
                () -> new KeyRingException("this key ring has no backend identity to open an issuing key with"));
        byte[] priv = identity.sealingKey().getEncoded();
        try {
            return OfflineIssuingKey.open(priv, sealed, lockId, epoch, generation, digits, zone);
        } finally {
            Arrays.fill(priv, (byte) 0);
        }
    }

    private byte[] seedOf(String lockId) {
        LockKeys keys = locks.get(lockId);
        return keys == null ? null : keys.signingSeed;
    }

    /** Whether the ring holds any key material of any lock (an epoch, live or destroyed, or a signing key). */
    synchronized boolean holdsKeys() {
        return !locks.isEmpty();
    }

    /**
     * Persists the current state again (after a subclass changed what it writes besides the keys);
     * the caller holds this instance's lock and runs {@link #exclusively}.
     */
    void persistCurrent() {
        persist(root, deepCopy());
    }

    private void commit(Map<String, LockKeys> next) {
        persist(root, next);
        locks.clear();
        locks.putAll(next);
    }

    /** Whether {@code other} is this ring's root secret (constant time). */
    boolean hasRoot(byte[] other) {
        return ConstantTime.equals(root, other);
    }

    private Map<String, LockKeys> deepCopy() {
        Map<String, LockKeys> copy = new LinkedHashMap<>();
        locks.forEach((k, v) -> copy.put(k, v.copy()));
        return copy;
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + (locks.size() - (locks.containsKey(BACKEND) ? 1 : 0))
                + " locks" + (locks.containsKey(BACKEND) ? ", a backend identity" : "") + ", key material redacted]";
    }
}
