package dev.access.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.access.AccessException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;

/*
 * Fuzz targets for every parser of untrusted input in access-crypto (docs/fuzzing.md). In plain
 * `mvn verify` each runs in Jazzer's regression mode on its committed inputs only
 * (src/test/resources/dev/access/crypto/CryptoParsersFuzzTestInputs/<method>/); JAZZER_FUZZ=1 fuzzes
 * one of them. FuzzSeeds writes the valid inputs from the real library.
 */
/** Fuzz targets for the key ring file, the personal-keys file, PINs, offline PINs and the small key and secret texts. */
class CryptoParsersFuzzTest {
    /** Bigger inputs are skipped: every parser here reads files of a few kilobytes at most. */
    static final int MAX_INPUT = 64 * 1024;

    /** The lock the offline issuing key belongs to. */
    static final String LOCK = "front-door";
    /** A fixed issuing key: the offline target's codes are the same on every run. */
    static final OfflineIssuingKey ISSUER = new OfflineIssuingKey(LOCK, 1, 1, 10, ZoneId.of("Europe/Berlin"),
            filled(32, (byte) 0x5a));
    /** The moment the offline target checks at; seeds are codes issued around it. */
    static final Instant AT = Instant.parse("2026-07-06T10:30:00Z");
    private static final OfflineCodeChecker CHECKER = new OfflineCodeChecker(LOCK, filled(32, (byte) 0x5a), 10,
            ZoneId.of("Europe/Berlin"));

    private static Path tmp;
    private static int files;

    static byte[] filled(int n, byte b) {
        byte[] a = new byte[n];
        Arrays.fill(a, b);
        return a;
    }

    /** A fresh owner-only file under one temporary directory for the whole class. */
    private static synchronized Path ownerOnlyFile(String name, byte[] content) {
        try {
            if (tmp == null) {
                tmp = Files.createTempDirectory("crypto-fuzz");
            }
            Path dir = Files.createDirectory(tmp.resolve("d" + files++));
            Path file = dir.resolve(name);
            Files.write(file, content);
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteTree(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @AfterAll
    static void cleanUp() {
        deleteTree(tmp);
        tmp = null;
    }

    static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A key ring file ({@code <data>/keys}) whose body is the input, sealed with its correct checksum
     * line so that the fuzzer reaches the parser behind the checksum. Must hold: {@link
     * FileKeyRing#open} either opens it or throws a {@link KeyRingException} (nothing else, whatever
     * the body); an opened ring answers {@code storeId()} and, written back by any change, opens again
     * to the same store id.
     */
    @FuzzTest(maxDuration = "2m")
    void keyRingFile(byte[] body) {
        if (body.length > MAX_INPUT) {
            return;
        }
        byte[] trailer = ("sha256 " + Bytes.hex(sha256(body)) + "\n").getBytes(StandardCharsets.UTF_8);
        Path file = ownerOnlyFile("keys", Bytes.concat(body, trailer));
        try {
            FileKeyRing ring;
            try {
                ring = FileKeyRing.open(file);
            } catch (KeyRingException e) {
                assertNotNull(e.getMessage());
                return;
            }
            Optional<String> store = ring.storeId();
            try {
                ring.createEpoch("fuzz-lock");
            } catch (KeyRingException e) {
                // a ring may refuse a change (e.g. bound to a store that holds no such lock): typed
                return;
            }
            FileKeyRing again = FileKeyRing.open(file);
            assertEquals(store, again.storeId(), "a ring written back opens to the same store id");
        } finally {
            deleteTree(file.getParent());
        }
    }

    /**
     * A {@code <ring>.people} file: the input's first line as the header, each further line given its
     * correct check (so the fuzzer reaches the record parser). Must hold: {@link
     * FileKeyRing#readPersonalKeys} and every read on it ({@code liveKeys}, {@code key}, {@code
     * reveal}, {@code findActorSubject}) either work or throw a {@link KeyRingException}; every key it
     * hands out is 32 bytes and belongs to its subject id ({@link PersonalData#subjectOf}).
     */
    @FuzzTest(maxDuration = "2m")
    void peopleFile(byte[] input) {
        if (input.length > MAX_INPUT) {
            return;
        }
        String[] lines = new String(input, StandardCharsets.UTF_8).split("\n", -1);
        StringBuilder text = new StringBuilder(lines[0]).append('\n');
        for (int i = 1; i < lines.length; i++) {
            if (i == lines.length - 1 && lines[i].isEmpty()) {
                break;
            }
            text.append(lines[i]).append(' ').append(check(lines[i])).append('\n');
        }
        Path ring = ownerOnlyFile("keys.people", text.toString().getBytes(StandardCharsets.UTF_8))
                .resolveSibling("keys");
        try {
            PersonalKeys keys = FileKeyRing.readPersonalKeys(ring);
            for (String lock : new String[] {LOCK, "lock-1", "a"}) {
                Map<String, byte[]> live;
                try {
                    live = keys.liveKeys(lock);
                } catch (KeyRingException e) {
                    return;
                }
                for (Map.Entry<String, byte[]> k : live.entrySet()) {
                    assertEquals(32, k.getValue().length);
                    assertEquals(PersonalData.subjectOf(k.getValue()), k.getKey(), "a key belongs to its subject");
                    assertTrue(keys.isLive(lock, k.getKey()));
                    assertArrayEquals(k.getValue(), keys.key(lock, k.getKey()).orElseThrow());
                }
                keys.findActorSubject(lock, "alice");
                keys.reveal(lock, PersonalData.PREFIX + "AAAAAAAAAAAAAAAAAAAAAA." + "A".repeat(60));
            }
        } catch (KeyRingException e) {
            assertNotNull(e.getMessage());
        } finally {
            deleteTree(ring.getParent());
        }
    }

    /** The check PersonalKeyStore writes after each record (first 16 hex digits of its SHA-256). */
    static String check(String record) {
        return Bytes.hex(sha256(record.getBytes(StandardCharsets.UTF_8))).substring(0, 16);
    }

    /**
     * Typed PIN input, as bytes and as characters, under the default and the strict policy. Must
     * hold: {@link PinCode#of} accepts exactly 4 to 8 (defaults) ASCII digits and otherwise throws
     * {@link PinRejectedException} (nothing else) whose message never holds the typed text; {@link
     * PinPolicy#checkStrength} throws nothing but {@link PinRejectedException}.
     */
    @FuzzTest(maxDuration = "2m")
    void pinInput(byte[] typed) {
        if (typed.length > MAX_INPUT) {
            return;
        }
        String text = new String(typed, StandardCharsets.ISO_8859_1);
        boolean digitsOnly = text.chars().allMatch(c -> c >= '0' && c <= '9');
        for (PinPolicy policy : new PinPolicy[] {PinPolicy.defaults(), PinPolicy.strict()}) {
            boolean shouldAccept = digitsOnly && typed.length >= policy.minLength() && typed.length <= policy.maxLength();
            for (int form = 0; form < 2; form++) {
                try (PinCode pin = form == 0 ? PinCode.of(typed.clone(), policy) : PinCode.of(text.toCharArray(), policy)) {
                    assertTrue(shouldAccept, () -> "accepted a PIN the policy refuses (length " + typed.length + ")");
                    assertEquals(typed.length, pin.length());
                    assertFalse(pin.toString().contains(text), "toString shows the PIN");
                    try {
                        policy.checkStrength(pin);
                    } catch (PinRejectedException e) {
                        assertNoPin(e, text);
                    }
                } catch (PinRejectedException e) {
                    assertFalse(shouldAccept, () -> "refused a well-formed PIN: " + e.getMessage());
                    assertNoPin(e, text);
                }
            }
        }
    }

    private static void assertNoPin(AccessException e, String typed) {
        if (typed.length() >= 4) {
            assertFalse(e.getMessage().contains(typed), "the message holds the typed PIN");
        }
    }

    /**
     * An offline PIN typed at the keypad, checked against a fixed issuing key at a fixed moment.
     * Must hold: {@link OfflineCodeChecker#check} throws nothing but {@link PinRejectedException} (a
     * PIN of another length); a match covers that moment, and issuing for the matched validity gives
     * exactly the typed digits and the matched code id (a match is never a false positive).
     */
    @FuzzTest(maxDuration = "2m")
    void offlinePin(byte[] typed) {
        if (typed.length > 64) {
            return;
        }
        String text = new String(typed, StandardCharsets.ISO_8859_1);
        PinCode pin;
        try {
            pin = PinCode.of(typed.clone(), new PinPolicy(1, PinPolicy.MAX_SUPPORTED_LENGTH, false, false, 0, false));
        } catch (PinRejectedException e) {
            return;
        }
        for (Instant at : new Instant[] {AT, AT.plusSeconds(3600 * 30)}) {
            Optional<OfflineCodeMatch> match;
            try {
                match = CHECKER.check(pin, at);
            } catch (PinRejectedException e) {
                assertTrue(typed.length != CHECKER.digits(), "refused a PIN of the offline length");
                assertNoPin(e, text);
                continue;
            }
            assertEquals(CHECKER.digits(), typed.length, "checked a PIN of another length");
            if (match.isPresent()) {
                OfflineCodeMatch m = match.get();
                assertTrue(m.validity().covers(at, CHECKER.zone()), "a match must cover the moment");
                try (IssuedOfflineCode again = ISSUER.derive(m.validity())) {
                    assertEquals(text, new String(again.pin()), "the match is the code issued for its validity");
                    assertEquals(again.codeId(), m.codeId());
                }
            }
        }
    }

    /**
     * An offline issuing key file ({@code lockctl offline-code key export}). Must hold: {@link
     * OfflineIssuingKey#parse} either reads it or throws {@link IllegalArgumentException}, whose
     * message never holds the key's base64; a key read writes back to exactly the same bytes.
     */
    @FuzzTest(maxDuration = "2m")
    void offlineKeyFile(byte[] file) {
        if (file.length > MAX_INPUT) {
            return;
        }
        OfflineIssuingKey key;
        try {
            key = OfflineIssuingKey.parse(file);
        } catch (IllegalArgumentException e) {
            String text = new String(file, StandardCharsets.UTF_8);
            int k = text.indexOf("\nkey ");
            if (k >= 0) {
                String b64 = text.substring(k + 5).split("\n", 2)[0];
                // Only a value that could be a key: base64 characters, long enough not to be a word of
                // the message by chance (a fuzzed "key ine-issuing-key 1" is in the header the message quotes).
                if (b64.length() >= 16 && b64.matches("[A-Za-z0-9+/=]+")) {
                    assertFalse(e.getMessage().contains(b64), "the message holds the key");
                }
            }
            return;
        }
        assertArrayEquals(file, key.fileBytes(), "a key file read writes back to the same bytes");
    }

    /**
     * The public key texts an auditor or a lock is handed: a lock's trail public key, a backend's
     * public key, a code commitment. Must hold: each parser reads its text or throws {@link
     * IllegalArgumentException}; a text read exports to a text that parses to an equal key.
     */
    @FuzzTest(maxDuration = "2m")
    void publicKeyTexts(byte[] input) {
        if (input.length > MAX_INPUT) {
            return;
        }
        String text = new String(input, StandardCharsets.UTF_8);
        try {
            TrailPublicKey k = TrailPublicKey.parse(text);
            TrailPublicKey again = TrailPublicKey.parse(k.export());
            assertEquals(k.keyId(), again.keyId());
            assertEquals(k.lockId(), again.lockId());
        } catch (IllegalArgumentException e) {
            assertNotNull(e.getMessage());
        }
        try {
            BackendPublicKey k = BackendPublicKey.parse(text);
            assertEquals(k, BackendPublicKey.parse(k.export()));
        } catch (IllegalArgumentException e) {
            assertNotNull(e.getMessage());
        }
        try {
            CodeCommitment c = CodeCommitment.parse(text);
            assertEquals(c, CodeCommitment.parse(c.toString()));
        } catch (IllegalArgumentException e) {
            assertNotNull(e.getMessage());
        }
    }

    /**
     * A sealed PIN as a batch carries it ({@code enc} and {@code ciphertext}, two base64 texts, one
     * per input line), opened with a fixed ring's sealing key. Must hold: the {@link SealedSecret}
     * constructor throws nothing but {@link IllegalArgumentException}; opening a well-formed one throws
     * nothing but an {@link AccessException} (it fails unless it was sealed to that key and context).
     */
    @FuzzTest(maxDuration = "2m")
    void sealedSecret(byte[] input) {
        if (input.length > 4096) {
            return;
        }
        String[] parts = new String(input, StandardCharsets.UTF_8).split("\n", -1);
        SealedSecret sealed;
        try {
            sealed = new SealedSecret(parts[0], parts.length > 1 ? parts[1] : null);
        } catch (IllegalArgumentException e) {
            assertNotNull(e.getMessage());
            return;
        }
        assertNotNull(sealed.toString());
        try (PinCode pin = SealingRing.RING.unsealPin(LOCK, SealingRing.EPOCH, sealed, "fuzz", PinPolicy.defaults())) {
            assertTrue(pin.length() >= 4 && pin.length() <= 8, "an opened PIN obeys the policy");
        } catch (AccessException e) {
            assertNotNull(e.getMessage());
        }
    }

    /** A ring with a sealing key whose root is fixed, so that committed sealed inputs open on every run. */
    static final class SealingRing {
        static final DerivingKeyRing RING = fixedRing();
        static final int EPOCH;

        static {
            EPOCH = RING.createEpoch(LOCK);
        }

        private static DerivingKeyRing fixedRing() {
            try {
                java.security.SecureRandom random = java.security.SecureRandom.getInstance("SHA1PRNG");
                random.setSeed(7L);
                return new DerivingKeyRing(random, filled(32, (byte) 0x33), Map.of()) {
                    @Override
                    void persist(byte[] root, Map<String, LockKeys> state) {
                        // in memory only
                    }
                };
            } catch (java.security.NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
