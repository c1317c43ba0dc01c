package dev.access.crypto;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.Base64;

/**
 * A lock's offline-code issuing key for one key epoch and generation, in the hands of an issuer
 * (the lock's backend, or an owner who exported it on purpose): what issues offline codes with no
 * contact with the lock.
 *
 * <p>Guarantees: the key bytes leave this object only into {@link #fileBytes()} (the owner-only
 * key file, which the caller writes and wipes) and into sealing; {@link #toString()} is redacted.
 * A factory reset of the lock (a new epoch) or a revoke-all (a new generation) makes every code it
 * issued useless.
 */
public final class OfflineIssuingKey {
    /** The first line of a key file. */
    public static final String FILE_HEADER = "access-offline-issuing-key 1";

    private final String lockId;
    private final int epoch;
    private final int generation;
    private final int digits;
    private final ZoneId zone;
    private final byte[] key;
    private final OfflineCodeChecker issuer;

    OfflineIssuingKey(String lockId, int epoch, int generation, int digits, ZoneId zone, byte[] key) {
        LockIds.requireValid(lockId);
        if (epoch < 1 || generation < 1) {
            throw new IllegalArgumentException("epoch and generation start at 1, got " + epoch + " and " + generation);
        }
        if (key.length != 32) {
            throw new IllegalArgumentException("an issuing key is 32 bytes, got " + key.length);
        }
        this.lockId = lockId;
        this.epoch = epoch;
        this.generation = generation;
        this.digits = OfflineCodes.requireDigits(digits);
        this.zone = zone;
        this.key = key.clone();
        this.issuer = new OfflineCodeChecker(lockId, this.key, digits, zone);
    }

    /** The lock whose codes it issues. */
    public String lockId() {
        return lockId;
    }

    /** The lock's key epoch it belongs to. */
    public int epoch() {
        return epoch;
    }

    /** The issuing-key generation (a revoke-all moves the lock to the next). */
    public int generation() {
        return generation;
    }

    /** The lock's offline PIN length. */
    public int digits() {
        return digits;
    }

    /** The lock's time zone (daily hours are local to it). */
    public ZoneId zone() {
        return zone;
    }

    /**
     * Issues the code for a validity already on the grid.
     *
     * @throws OfflineCodeCollisionException if its PIN is also another code's during its window (rare):
     *     issue another variant
     */
    public IssuedOfflineCode issue(OfflineValidity validity) {
        return issuer.issue(validity);
    }

    /**
     * The code (PIN and id) of a validity on the grid as the lock computes it, without the issuance
     * check that no other code shares its PIN during its window: for conformance vectors, tests and
     * benchmarks. Hand out only what {@link #issue} returns.
     */
    public IssuedOfflineCode derive(OfflineValidity validity) {
        return issuer.derive(validity);
    }

    /**
     * Issues a code for a plain window: the longest on the grid inside {@code [from, until)}.
     *
     * @throws IllegalArgumentException if the request cannot be fitted (see {@link OfflineCodes#fitPlain})
     * @throws OfflineCodeCollisionException if this variant's PIN collides (rare: try the next)
     */
    public IssuedOfflineCode issuePlain(Instant from, Instant until, boolean oneTime, int variant) {
        return issue(OfflineCodes.fitPlain(from, until, oneTime, variant));
    }

    /**
     * Issues a daily code (see {@link OfflineCodes#fitDaily}) in the lock's zone.
     *
     * @throws IllegalArgumentException if the request cannot be fitted
     * @throws OfflineCodeCollisionException if this variant's PIN collides (rare: try the next)
     */
    public IssuedOfflineCode issueDaily(Instant from, Instant until, LocalTime dailyFrom, LocalTime dailyUntil,
            int variant) {
        return issue(OfflineCodes.fitDaily(from, until, dailyFrom, dailyUntil, zone, variant));
    }

    /** The context a sealed issuing key is bound to. */
    static String sealContext(String lockId, int epoch, int generation) {
        return "offline-issuing-key/" + lockId + "/" + epoch + "/" + generation;
    }

    /**
     * Seals this key to a backend's X25519 key, bound to this lock, epoch and generation.
     */
    public SealedSecret sealTo(SealingPublicKey recipient) {
        return Hpke.seal(recipient.raw(), info(lockId, epoch, generation), Bytes.utf8(sealContext(lockId, epoch,
                generation)), key);
    }

    static byte[] info(String lockId, int epoch, int generation) {
        return Bytes.concat(Bytes.utf8("access/offline-issuing-key/v1"), new byte[] {0},
                Bytes.utf8(sealContext(lockId, epoch, generation)));
    }

    /**
     * The owner-only key file's bytes (the caller writes them with owner-only permissions and wipes
     * the array).
     */
    public byte[] fileBytes() {
        String text = FILE_HEADER + "\nlock " + lockId + "\nepoch " + epoch + "\ngeneration " + generation
                + "\ndigits " + digits + "\nzone " + zone.getId() + "\nkey "
                + Base64.getEncoder().encodeToString(key) + "\n";
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Reads a key file written by {@link #fileBytes()}.
     *
     * @throws IllegalArgumentException naming the first line that is not as written (never the key)
     */
    public static OfflineIssuingKey parse(byte[] file) {
        String[] lines = new String(file, StandardCharsets.UTF_8).split("\n", -1);
        String[] names = {"lock", "epoch", "generation", "digits", "zone", "key"};
        if (lines.length != names.length + 2 || !lines[0].equals(FILE_HEADER) || !lines[lines.length - 1].isEmpty()) {
            throw new IllegalArgumentException("not an offline issuing key file (it starts with '" + FILE_HEADER
                    + "' and has " + names.length + " more lines)");
        }
        String[] values = new String[names.length];
        for (int i = 0; i < names.length; i++) {
            String line = lines[i + 1];
            if (!line.startsWith(names[i] + " ")) {
                throw new IllegalArgumentException("offline issuing key file: line " + (i + 2) + " should start with '"
                        + names[i] + " '");
            }
            values[i] = line.substring(names[i].length() + 1);
        }
        byte[] key = null;
        try {
            key = Base64.getDecoder().decode(values[5]);
            if (!Base64.getEncoder().encodeToString(key).equals(values[5])) {
                // Another spelling of a key (e.g. non-zero bits after the last byte): not as written.
                throw new IllegalArgumentException("the key is not in canonical base64");
            }
            return new OfflineIssuingKey(values[0], Integer.parseInt(values[1]), Integer.parseInt(values[2]),
                    Integer.parseInt(values[3]), ZoneId.of(values[4]), key);
        } catch (java.time.DateTimeException e) {
            // The line is named, not quoted: a damaged file may hold anything there, the key included.
            throw new IllegalArgumentException("offline issuing key file: line 6 (zone) is not a known time zone");
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("offline issuing key file: epoch, generation and digits are numbers");
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("offline issuing key file: " + (key == null ? "the key is not base64"
                    : e.getMessage()));
        } finally {
            if (key != null) {
                Arrays.fill(key, (byte) 0);
            }
        }
    }

    /**
     * Opens an issuing key sealed with {@link #sealTo} for this lock, epoch and generation with the
     * recipient's X25519 private key.
     */
    static OfflineIssuingKey open(byte[] privateKey, SealedSecret sealed, String lockId, int epoch, int generation,
            int digits, ZoneId zone) {
        byte[] key = Hpke.open(privateKey, info(lockId, epoch, generation), Bytes.utf8(sealContext(lockId, epoch,
                generation)), sealed);
        try {
            return new OfflineIssuingKey(lockId, epoch, generation, digits, zone, key);
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }

    /** Redacted. */
    @Override
    public String toString() {
        return "OfflineIssuingKey[" + lockId + ", epoch " + epoch + ", generation " + generation + ", " + digits
                + " digits, " + zone + ", key redacted]";
    }
}
