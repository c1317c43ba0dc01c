package dev.access.core.audit;

import dev.access.core.AccessControl;
import dev.access.core.LockSetup;
import dev.access.core.LockStore;
import dev.access.core.NewCode;
import dev.access.core.SimulatedClock;
import dev.access.core.domain.CodeRules;
import dev.access.core.domain.DeviceEventKind;
import dev.access.core.domain.EntrySource;
import dev.access.core.domain.LockCommandRejected;
import dev.access.core.domain.LockEvent;
import dev.access.core.domain.LockId;
import dev.access.core.domain.LockoutPolicy;
import dev.access.core.domain.OperatingMode;
import dev.access.core.domain.UserType;
import dev.access.crypto.CodeDigest;
import dev.access.crypto.CodeFingerprint;
import dev.access.crypto.InMemoryKeyRing;
import dev.access.crypto.IssuedOfflineCode;
import dev.access.crypto.KeyRing;
import dev.access.crypto.OfflineIssuingKey;
import dev.access.crypto.PinCode;
import dev.access.crypto.PinPolicy;
import dev.access.crypto.TrailPublicKey;
import java.io.BufferedReader;
import java.io.StringReader;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.function.Function;

/** Test helper: real locks on an in-memory store, a key ring and a hand-driven clock; exports and verifies. */
final class AuditFixture implements AutoCloseable {
    /** PINs used by the helpers: 8 digits, so they cannot appear by chance in a timestamp or a hex value. */
    static final String MASTER = "90817263";
    static final String[] PINS = {"31415926", "27182818", "16180339", "14142135", "17320508", "22360679"};
    static final String WRONG = "55501234";
    /** A PIN of the offline length (10 digits) that is no offline code of any lock here (checked where it matters). */
    static final String OFFLINE_WRONG = "8642097531";
    static final Instant T0 = Instant.parse("2026-07-06T06:00:00Z"); // Monday, 08:00 in Berlin

    final SimulatedClock clock;
    final KeyRing keys;
    final LockStore store;
    final AccessControl access;

    AuditFixture(int checkpointEvery) {
        this(checkpointEvery, T0, InMemoryKeyRing.create());
    }

    AuditFixture(int checkpointEvery, Instant start, KeyRing keys) {
        this.clock = new SimulatedClock(start);
        this.keys = keys;
        this.store = LockStore.inMemory();
        this.access = AccessControl.builder().store(store).clock(clock).keyRing(keys).checkpointEvery(checkpointEvery)
                .build();
    }

    static char[] pin(String digits) {
        return digits.toCharArray();
    }

    /** Commissions {@code lock} in Berlin, firmware 1.0.0, lockout after 3 wrong codes for 60 s. */
    void commission(LockId lock) {
        commission(lock, LockoutPolicy.defaults().with(3, Duration.ofSeconds(60)));
    }

    void commission(LockId lock, LockoutPolicy policy) {
        access.commission(LockSetup.of(lock).withDevice("KP-100", "SN-" + lock.value(), "1.0.0")
                .withTimeZone("Europe/Berlin").withLockoutPolicy(policy), pin(MASTER));
    }

    void advance(Duration d) {
        clock.advance(d);
    }

    String exportText(LockId lock) {
        StringWriter w = new StringWriter();
        TrailExport.write(access, lock, w);
        return w.toString();
    }

    /** A whole export as lockctl writes it: the personal-keys line of the lock's living people first. */
    String exportWithKeys(LockId lock) {
        StringWriter w = new StringWriter();
        TrailExport.write(access, lock, w, access.personalKeys(lock));
        return w.toString();
    }

    List<String> exportLines(LockId lock) {
        return List.of(exportText(lock).split("\n"));
    }

    Function<String, TrailPublicKey> keyFor(LockId... locks) {
        List<TrailPublicKey> pub = new ArrayList<>();
        for (LockId l : locks) {
            pub.add(TrailPublicKey.parse(access.publicKey(l).export()));
        }
        return id -> pub.stream().filter(k -> k.lockId().equals(id)).findFirst().orElse(null);
    }

    static VerificationReport verify(String text, Function<String, TrailPublicKey> keys) {
        return TrailVerifier.verify(new BufferedReader(new StringReader(text)), keys);
    }

    static BufferedReader reader(String text) {
        return new BufferedReader(new StringReader(text));
    }

    /** The digest of a typed PIN under the lock's current key: what a caller passes to Diagnosis. */
    CodeDigest digest(LockId lock, String digits) {
        int epoch = access.state(lock).keyEpoch();
        try (PinCode p = PinCode.of(pin(digits), PinPolicy.defaults())) {
            return keys.digester(lock.value(), epoch).digest(p);
        }
    }

    /** Every way a digest of the lock's codes could be written: base64, hex, and its commitment. */
    List<String> digestForms(LockId lock) {
        List<String> forms = new ArrayList<>();
        for (LockEvent e : access.events(lock)) {
            CodeFingerprint d = e instanceof LockEvent.CodeAdded ? ((LockEvent.CodeAdded) e).digest()
                    : e instanceof LockEvent.CodeChanged ? ((LockEvent.CodeChanged) e).digest() : null;
            if (d != null) {
                forms.add(Base64.getEncoder().encodeToString(d.toBytes()));
                forms.add(HexFormat.of().formatHex(d.toBytes()));
                forms.add(d.commitment().toHex());
            }
        }
        return forms;
    }

    /**
     * Drives a lock through a pseudo-random command sequence ({@code steps} commands), always with at
     * least one lockout; returns a description of the steps.
     */
    List<String> randomTrail(LockId lock, long seed, int steps) {
        Random r = new Random(seed);
        List<String> done = new ArrayList<>();
        commission(lock);
        access.addCode(lock, NewCode.unrestricted(1, "alice"), pin(PINS[0]));
        access.addCode(lock, NewCode.of(2, UserType.SCHEDULE_RESTRICTED, "bob",
                CodeRules.window(clock.instant(), clock.instant().plus(Duration.ofDays(3)))), pin(PINS[1]));
        int lockoutAt = r.nextInt(steps);
        for (int i = 0; i < steps; i++) {
            if (i == lockoutAt) {
                advance(Duration.ofMinutes(30));
                access.changeMode(lock, OperatingMode.NORMAL, "admin");
                access.reportBattery(lock, 90);
                for (int k = 0; k < 3; k++) {
                    access.enter(lock, pin(WRONG), EntrySource.KEYPAD);
                }
                done.add("lockout");
                advance(Duration.ofMinutes(2));
                continue;
            }
            advance(Duration.ofSeconds(r.nextInt(4000)));
            int kind = r.nextInt(14);
            try {
                switch (kind) {
                    case 0: case 1: case 2:
                        access.enter(lock, pin(PINS[r.nextInt(3)]), r.nextInt(4) == 0 ? EntrySource.REMOTE : EntrySource.KEYPAD);
                        done.add("enter");
                        break;
                    case 3: case 4:
                        access.enter(lock, pin(WRONG), EntrySource.KEYPAD);
                        done.add("wrong");
                        break;
                    case 5:
                        access.enter(lock, pin("12"), EntrySource.KEYPAD);
                        done.add("malformed");
                        break;
                    case 6:
                        access.suspendCode(lock, 2);
                        done.add("suspend 2");
                        break;
                    case 7:
                        access.resumeCode(lock, 2);
                        done.add("resume 2");
                        break;
                    case 8:
                        access.changeMode(lock, OperatingMode.values()[r.nextInt(3)], "admin-" + r.nextInt(3));
                        done.add("mode");
                        break;
                    case 9:
                        access.reportBattery(lock, r.nextInt(101));
                        done.add("battery");
                        break;
                    case 10:
                        access.reportDeviceEvent(lock, DeviceEventKind.values()[r.nextInt(4)]);
                        done.add("device");
                        break;
                    case 11:
                        access.updateFirmware(lock, "1." + r.nextInt(5) + ".0");
                        done.add("firmware");
                        break;
                    case 12:
                        if (access.state(lock).credentials().get(3) == null) {
                            access.addCode(lock, NewCode.unrestricted(3, "carol"), pin(PINS[2]));
                            done.add("add 3");
                        } else {
                            access.removeCode(lock, 3);
                            done.add("remove 3");
                        }
                        break;
                    default:
                        access.changeCode(lock, 1, pin(PINS[r.nextBoolean() ? 0 : 3]));
                        done.add("change 1");
                        break;
                }
            } catch (LockCommandRejected e) {
                done.add("rejected");
            }
        }
        done.addAll(offlineEpisode(lock));
        access.checkpoint(lock);
        return done;
    }

    /**
     * Offline codes at the lock, after whatever came before (the lock is set back to normal mode,
     * a good battery and no lockout first): the owner exports the issuing key; a code opens, a
     * one-time code opens and is refused the second time, a code is revoked and refused, a wrong
     * offline PIN is refused; then every code is revoked and the new key exported. Every offline
     * event type and an offline grant and refusals, for the audits' sample trails.
     */
    List<String> offlineEpisode(LockId lock) {
        advance(Duration.ofMinutes(30));
        access.changeMode(lock, OperatingMode.NORMAL, "admin");
        access.reportBattery(lock, 90);
        access.clearLockout(lock, "admin");
        OfflineIssuingKey key = access.exportOfflineIssuingKey(lock);
        Instant from = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.HOURS);
        List<IssuedOfflineCode> codes = List.of(key.issuePlain(from, from.plus(Duration.ofHours(6)), false, 0),
                key.issuePlain(from, from.plus(Duration.ofHours(6)), true, 0),
                key.issuePlain(from, from.plus(Duration.ofHours(6)), false, 1));
        List<String> done = new ArrayList<>(List.of("offline key"));
        try {
            advance(Duration.ofSeconds(20));
            done.add(outcome(access.enter(lock, codes.get(0).pin(), EntrySource.KEYPAD)));
            done.add(outcome(access.enter(lock, codes.get(1).pin(), EntrySource.KEYPAD)));
            advance(Duration.ofSeconds(20));
            done.add(outcome(access.enter(lock, codes.get(1).pin(), EntrySource.KEYPAD)));
            access.revokeOfflineCode(lock, codes.get(2).codeId(), codes.get(2).until());
            done.add(outcome(access.enter(lock, codes.get(2).pin(), EntrySource.KEYPAD)));
            advance(Duration.ofSeconds(20));
            done.add(outcome(access.enter(lock, OFFLINE_WRONG.toCharArray(), EntrySource.KEYPAD)));
            access.revokeAllOfflineCodes(lock);
            access.exportOfflineIssuingKey(lock);
            done.add("revoke-all");
        } finally {
            codes.forEach(IssuedOfflineCode::wipe);
        }
        return done;
    }

    private static String outcome(dev.access.core.EntryResult r) {
        return "offline " + (r.granted() ? "GRANTED" : r.reason());
    }

    @Override
    public void close() {
        access.close();
        store.close();
    }
}
