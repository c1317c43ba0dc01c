package dev.access.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * Writes the committed seed inputs of {@link CryptoParsersFuzzTest} from the real library (run with
 * {@code -Dfuzz.seeds=write}, see docs/fuzzing.md), after checking that each valid one is accepted.
 */
@EnabledIfSystemProperty(named = "fuzz.seeds", matches = "write")
class CryptoFuzzSeedsTest {
    static final Path INPUTS = Path.of("src/test/resources/dev/access/crypto/CryptoParsersFuzzTestInputs");

    @TempDir
    Path tmp;

    static void seed(String method, String name, byte[] content) throws IOException {
        Path dir = Files.createDirectories(INPUTS.resolve(method));
        Files.write(dir.resolve(name), content);
    }

    static void seed(String method, String name, String content) throws IOException {
        seed(method, name, content.getBytes(StandardCharsets.UTF_8));
    }

    private static String body(Path ringFile) throws IOException {
        String text = Files.readString(ringFile);
        return text.substring(0, text.lastIndexOf("sha256 "));
    }

    @Test
    void writeSeeds() throws Exception {
        // Key ring files: a fresh one, and one with locks, epochs (one destroyed), a backend identity, bound.
        FileKeyRing fresh = FileKeyRing.open(tmp.resolve("fresh"));
        seed("keyRingFile", "valid-fresh", body(fresh.file()));
        FileKeyRing busy = FileKeyRing.open(tmp.resolve("busy"));
        busy.createEpoch("front-door");
        busy.createEpoch("front-door");
        busy.createEpoch("back-door");
        busy.destroyEpoch("front-door", 1);
        busy.createBackendIdentity();
        busy.bindToStore("store-1234", true);
        String busyBody = body(busy.file());
        assertEquals("store-1234", FileKeyRing.open(busy.file()).storeId().orElseThrow());
        seed("keyRingFile", "valid-busy", busyBody);
        seed("keyRingFile", "hostile-truncated", busyBody.substring(0, busyBody.length() / 2));
        seed("keyRingFile", "hostile-header-only", busyBody.substring(0, busyBody.indexOf('\n') + 1));

        // The people file: subjects, an actor, one erased subject.
        PersonalKeys people = busy.personalKeys();
        String alice = people.newSubject("front-door");
        people.actorSubject("front-door", "alice");
        String erased = people.newSubject("front-door");
        people.erase("front-door", erased);
        people.newSubject("back-door");
        Path peopleFile = busy.file().resolveSibling("busy.people");
        StringBuilder unchecked = new StringBuilder();
        for (String line : Files.readString(peopleFile).split("\n")) {
            int sp = line.lastIndexOf(' ');
            unchecked.append(unchecked.length() == 0 ? line : line.substring(0, sp)).append('\n');
        }
        assertTrue(FileKeyRing.readPersonalKeys(busy.file()).isLive("front-door", alice));
        seed("peopleFile", "valid-people", unchecked.toString());
        seed("peopleFile", "hostile-bad-key", PersonalKeyStore.HEADER + "\nsubject front-door " + alice + " AAAA\n");
        seed("peopleFile", "hostile-short-record", PersonalKeyStore.HEADER + "\nsubject\nactor a\n");

        // Typed PINs.
        for (String pin : new String[] {"4826", "73915846", "123", "1234567890123", "12a4", "0000", "1234"}) {
            seed("pinInput", "pin-" + pin, pin);
        }
        seed("pinInput", "hostile-arabic-indic-digits", "\u0661\u0662\u0663\u0664");

        // Offline PINs issued by the fixed key around the fixed moment, and near misses.
        int n = 0;
        for (int variant = 0; variant < 3; variant++) {
            try (IssuedOfflineCode c = CryptoParsersFuzzTest.ISSUER.issuePlain(CryptoParsersFuzzTest.AT.minus(Duration.ofHours(2)),
                    CryptoParsersFuzzTest.AT.plus(Duration.ofHours(3)), variant == 1, variant)) {
                seed("offlinePin", "valid-code-" + n++, new String(c.pin()));
            } catch (OfflineCodeCollisionException e) {
                // another variant is seeded
            }
        }
        seed("offlinePin", "hostile-wrong-code", "8642097531");
        seed("offlinePin", "hostile-nine-digits", "864209753");

        // Offline issuing key file, trail and backend public keys, a commitment.
        byte[] keyFile = CryptoParsersFuzzTest.ISSUER.fileBytes();
        assertEquals(CryptoParsersFuzzTest.LOCK, OfflineIssuingKey.parse(keyFile).lockId());
        seed("offlineKeyFile", "valid-key", keyFile);
        seed("offlineKeyFile", "hostile-zone", new String(keyFile, StandardCharsets.UTF_8)
                .replace("Europe/Berlin", "../../etc/passwd"));
        seed("offlineKeyFile", "hostile-digits", new String(keyFile, StandardCharsets.UTF_8)
                .replace("digits 10", "digits 99999999999"));
        seed("publicKeyTexts", "valid-trail-key", busy.trailPublicKey("front-door").export());
        seed("publicKeyTexts", "valid-backend-key", busy.backendIdentity().orElseThrow().publicKey().export());
        seed("publicKeyTexts", "valid-commitment", CodeCommitment.fromBytes(CryptoParsersFuzzTest.sha256(new byte[] {1}))
                .toString());

        // A PIN sealed to the fixed sealing ring's key, as a batch carries it.
        SealedSecret sealed;
        try (PinCode pin = PinCode.of("4826".toCharArray(), PinPolicy.defaults())) {
            sealed = CryptoParsersFuzzTest.SealingRing.RING.sealingPublicKey(CryptoParsersFuzzTest.LOCK,
                    CryptoParsersFuzzTest.SealingRing.EPOCH).sealPin(pin, "fuzz");
        }
        try (PinCode opened = CryptoParsersFuzzTest.SealingRing.RING.unsealPin(CryptoParsersFuzzTest.LOCK,
                CryptoParsersFuzzTest.SealingRing.EPOCH, sealed, "fuzz", PinPolicy.defaults())) {
            assertEquals(4, opened.length());
        }
        seed("sealedSecret", "valid-sealed-pin", sealed.enc() + "\n" + sealed.ciphertext());
        seed("sealedSecret", "hostile-not-canonical", sealed.enc().replace("=", "") + "\n" + sealed.ciphertext());
    }
}
