package dev.access.core.audit;

import dev.access.core.AccessControl;
import dev.access.core.LockSetup;
import dev.access.core.LockStore;
import dev.access.core.NewCode;
import dev.access.core.SimulatedClock;
import dev.access.core.domain.Actor;
import dev.access.core.domain.EntrySource;
import dev.access.core.domain.LockId;
import dev.access.crypto.FileKeyRing;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/*
 * The committed exports VerifierFromFilesTest reads were written by this program, once, from a real
 * lock on SQLite with a real key ring (the verifier's tests then run without any lock runtime, so
 * they are fast and stay fast under mutation testing). To write them again (the test's expected
 * figures may then change):
 *
 *   mvn -o -q -pl access-core test-compile dependency:build-classpath -Dmdep.outputFile=cp.txt
 *   java -cp access-core/target/classes:access-core/target/test-classes:$(cat cp.txt) \
 *       dev.access.core.audit.VerifierFixtures access-core/src/test/resources/dev/access/core/audit/verifier-fixtures
 */
/** Writes the committed exports of the verifier's runtime-free tests (a named trail, a pruned one). */
final class VerifierFixtures {
    static final LockId LOCK = LockId.of("front");
    static final Instant T0 = Instant.parse("2026-07-06T06:00:00Z");

    private VerifierFixtures() {
    }

    /** The text of a committed fixture ({@code named.jsonl}, {@code pruned.jsonl}, {@code front.pub}). */
    static String text(String name) {
        try (java.io.InputStream in = VerifierFixtures.class.getResourceAsStream("verifier-fixtures/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The lines of a committed export. */
    static java.util.List<String> lines(String name) {
        return java.util.List.of(text(name).split("\n"));
    }

    public static void main(String[] args) throws IOException {
        Path out = Path.of(args[0]);
        Path data = Files.createTempDirectory("verifier-fixtures");
        SimulatedClock clock = new SimulatedClock(T0);
        try (LockStore store = LockStore.sqlite(data);
                AccessControl access = AccessControl.builder().store(store)
                .keyRing(FileKeyRing.open(data.resolve("keys"))).clock(clock).checkpointEvery(4).build()) {
            access.commission(LockSetup.of(LOCK).withDevice("KP-100", "SN-1", "1.0.0").withTimeZone("Europe/Berlin"),
                    "90817263".toCharArray(), Actor.installer("Ivo"));
            access.addCode(LOCK, NewCode.unrestricted(3, "Zelda-Quixote"), "31415926".toCharArray(),
                    Actor.local("Bartholomew"));
            access.addCode(LOCK, NewCode.unrestricted(4, "cleaner"), "27182818".toCharArray(), Actor.remote("Carla"));
            for (int i = 0; i < 6; i++) {
                clock.advance(Duration.ofMinutes(10));
                access.enter(LOCK, (i % 2 == 0 ? "31415926" : "55501234").toCharArray(), EntrySource.KEYPAD);
            }
            access.checkpoint(LOCK);
            write(out.resolve("named.jsonl"), export(access));
            Files.writeString(out.resolve("front.pub"), access.publicKey(LOCK).export(), StandardCharsets.UTF_8);

            clock.advance(Duration.ofHours(1));
            Instant cut = clock.instant();
            clock.advance(Duration.ofMinutes(1));
            for (int i = 0; i < 5; i++) {
                clock.advance(Duration.ofMinutes(10));
                access.enter(LOCK, "27182818".toCharArray(), EntrySource.KEYPAD);
            }
            access.checkpoint(LOCK);
            access.pruneTrail(LOCK, cut, Actor.local("Bartholomew"));
            write(out.resolve("pruned.jsonl"), export(access));
        }
    }

    private static String export(AccessControl access) {
        StringWriter w = new StringWriter();
        TrailExport.write(access, LOCK, w, access.personalKeys(LOCK));
        return w.toString();
    }

    private static void write(Path file, String text) throws IOException {
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }
}
