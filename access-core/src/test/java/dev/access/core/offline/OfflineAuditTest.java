package dev.access.core.offline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.access.core.AccessControl;
import dev.access.core.CodeCheck;
import dev.access.core.LockSetup;
import dev.access.core.LockStore;
import dev.access.core.NewCode;
import dev.access.core.SimulatedClock;
import dev.access.core.audit.AccessReport;
import dev.access.core.audit.Attempt;
import dev.access.core.audit.Diagnosis;
import dev.access.core.audit.Finding;
import dev.access.core.audit.FindingDetail;
import dev.access.core.audit.FindingRenderer;
import dev.access.core.audit.HtmlTimeline;
import dev.access.core.audit.LockHistory;
import dev.access.core.audit.Replay;
import dev.access.core.audit.ReplayView;
import dev.access.core.audit.SequencedEvent;
import dev.access.core.audit.SupportBundle;
import dev.access.core.audit.TrailArchive;
import dev.access.core.audit.TrailExport;
import dev.access.core.audit.TrailReader;
import dev.access.core.audit.TrailVerifier;
import dev.access.core.audit.VerificationReport;
import dev.access.core.domain.DenialReason;
import dev.access.core.domain.EntrySource;
import dev.access.core.domain.LockDecider;
import dev.access.core.domain.LockEvent;
import dev.access.core.domain.LockId;
import dev.access.core.domain.LockState;
import dev.access.core.domain.OfflineCode;
import dev.access.core.domain.UserType;
import dev.access.core.internal.json.Json;
import dev.access.core.internal.readmodel.AccessLogEntry;
import dev.access.core.readmodel.AttemptView;
import dev.access.crypto.FileKeyRing;
import dev.access.crypto.IssuedOfflineCode;
import dev.access.crypto.KeyRing;
import dev.access.crypto.OfflineIssuingKey;
import dev.access.crypto.TrailPublicKey;
import java.io.BufferedReader;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The auditor's toolkit on offline codes, on real trails: a lock on SQLite with a key ring file,
 * codes issued with its exported issuing key, real restarts; the trail read back from the store,
 * an export and an archive.
 */
class OfflineAuditTest {
    private static final LockId FRONT = LockId.of("front");
    /** Monday 7 December 2026, 09:00 in Berlin. */
    private static final Instant T0 = Instant.parse("2026-12-07T08:00:00Z");
    private static final FindingRenderer WORDS = FindingRenderer.english();

    @TempDir
    Path dir;

    private final SimulatedClock clock = new SimulatedClock(T0);
    private LockStore store;
    private AccessControl access;
    private final List<String> pins = new ArrayList<>(List.of("80808080", "4826"));

    /** 10:00-12:00 UTC. */
    private IssuedOfflineCode plain;
    /** One-time, a day from T0. */
    private IssuedOfflineCode once;
    /** Two days from T0; revoked (by its id, as revoking by PIN records it too). */
    private IssuedOfflineCode revoked;
    /** Daily 09:00-17:00 Berlin time, three days. */
    private IssuedOfflineCode daily;
    /** 20 December. */
    private IssuedOfflineCode future;

    private void open() {
        store = LockStore.sqlite(dir.resolve("data"));
        KeyRing keys = FileKeyRing.open(dir.resolve("data").resolve("keys"));
        access = AccessControl.builder().store(store).clock(clock).keyRing(keys).checkpointEvery(7).build();
    }

    private void restart() {
        close();
        open();
    }

    @AfterEach
    void close() {
        if (access != null) {
            access.close();
            access = null;
        }
        if (store != null) {
            store.close();
            store = null;
        }
    }

    private IssuedOfflineCode remember(IssuedOfflineCode c) {
        pins.add(String.valueOf(c.pin()));
        return c;
    }

    /**
     * The story: alice opens with her code; the owner exports the key and issues five codes; the one-time code opens once and
     * is refused the second time; a code is revoked and refused; the plain code opens at
     * 10:30 UTC; a wrong offline PIN is refused.
     */
    @BeforeEach
    void story() {
        open();
        access.commission(LockSetup.of(FRONT).withTimeZone("Europe/Berlin"), "80808080".toCharArray());
        access.addCode(FRONT, NewCode.unrestricted(1, "alice"), "4826".toCharArray());
        assertTrue(access.enter(FRONT, "4826".toCharArray(), EntrySource.KEYPAD).granted());
        OfflineIssuingKey key = access.exportOfflineIssuingKey(FRONT);
        plain = remember(key.issuePlain(Instant.parse("2026-12-07T10:00:00Z"), Instant.parse("2026-12-07T12:00:00Z"),
                false, 0));
        once = remember(key.issuePlain(T0, T0.plus(Duration.ofDays(1)), true, 0));
        revoked = remember(key.issuePlain(T0, T0.plus(Duration.ofDays(2)), false, 0));
        daily = remember(key.issueDaily(T0, Instant.parse("2026-12-10T00:00:00Z"), LocalTime.of(9, 0),
                LocalTime.of(17, 0), 0));
        future = remember(key.issuePlain(Instant.parse("2026-12-20T08:00:00Z"), Instant.parse("2026-12-21T08:00:00Z"),
                false, 0));
        clock.advance(Duration.ofMinutes(5));
        assertTrue(enter(once).granted());
        assertEquals(DenialReason.USE_LIMIT_REACHED, enter(once).reason());
        assertEquals(1, access.revokeOfflineCode(FRONT, revoked.codeId(), revoked.until()).size());
        assertEquals(DenialReason.REVOKED, enter(revoked).reason());
        clock.set(Instant.parse("2026-12-07T10:30:00Z"));
        assertTrue(enter(plain).granted());
        assertEquals(DenialReason.UNKNOWN_CODE, access.enter(FRONT, "0000000000".toCharArray(), EntrySource.KEYPAD)
                .reason());
        access.clearLockout(FRONT, "test");
    }

    private dev.access.core.EntryResult enter(IssuedOfflineCode c) {
        return access.enter(FRONT, c.pin(), EntrySource.KEYPAD);
    }

    private LockHistory history() {
        return LockHistory.of(access, FRONT);
    }

    private String export() {
        StringWriter w = new StringWriter();
        TrailExport.write(access, FRONT, w, access.personalKeys(FRONT)); // as lockctl audit export writes it
        return w.toString();
    }

    /** Checks a typed PIN as lockctl diagnose does, and diagnoses it from the trail. */
    private List<Finding> diagnose(char[] pin) {
        CodeCheck check = access.checkCode(FRONT, pin, Diagnosis.Question.at(clock.instant()));
        return Diagnosis.diagnose(access, FRONT, check.question());
    }

    /**
     * A question about a typed offline PIN with what the search would find for it: the code, of
     * generation 1. The searches themselves are AccessControl's (see the tests that type PINs); here
     * the rules that judge what was found are under test, each search costing seconds.
     */
    private Diagnosis.Question found(IssuedOfflineCode c) {
        Instant now = clock.instant();
        return Diagnosis.Question.at(now).typedLength(10).offlineSearch(new Diagnosis.OfflineSearch(1, 1, T0,
                now.plus(AccessControl.OFFLINE_DIAGNOSIS_LOOKAHEAD), List.of(new Diagnosis.OfflineSearch.Match(1,
                        code(c)))));
    }

    private static OfflineCode code(IssuedOfflineCode c) {
        return new OfflineCode(c.codeId(), c.from(), c.until(), c.validity().oneTime(), c.validity().dailyText());
    }

    private static Finding find(List<Finding> findings, Class<? extends FindingDetail> type) {
        return findings.stream().filter(f -> type.isInstance(f.detail())).findFirst()
                .orElseThrow(() -> new AssertionError("no " + type.getSimpleName() + " in " + text(findings)));
    }

    private static String text(List<Finding> findings) {
        return findings.stream().map(f -> f.code() + ": " + WORDS.summary(f) + " / " + WORDS.nextStep(f))
                .collect(Collectors.joining("\n"));
    }

    private void noPinIn(String what, String text) {
        for (String pin : pins) {
            assertFalse(text.contains(pin), what + " shows a PIN");
        }
    }

    private static Attempt attemptOf(List<Attempt> attempts, String codeId, boolean granted) {
        return attempts.stream().filter(a -> a.offlineCode() != null && a.offlineCode().id().equals(codeId)
                && a.granted() == granted).findFirst().orElseThrow();
    }

    @Test
    void attemptsAndReports_nameTheOfflineCodeWhereASlotOrNameWouldBe() throws Exception {
        LockHistory h = history();
        List<Attempt> attempts = Replay.attempts(h);
        Attempt granted = attemptOf(attempts, plain.codeId(), true);
        assertNull(granted.slot());
        assertNull(granted.user());
        assertEquals(UserType.OFFLINE, granted.userType());
        assertEquals(plain.until(), granted.offlineCode().until());
        assertEquals("offline code " + plain.codeId() + " (valid 2026-12-07T10:00:00Z to 2026-12-07T12:00:00Z)",
                granted.who());
        Attempt used = attemptOf(attempts, once.codeId(), false);
        assertEquals(DenialReason.USE_LIMIT_REACHED, used.reason());
        assertEquals(UserType.OFFLINE, used.userType());
        assertTrue(used.who().endsWith(", one-time)"), used.who());
        assertEquals(DenialReason.REVOKED, attemptOf(attempts, revoked.codeId(), false).reason());
        Attempt wrong = attempts.get(attempts.size() - 1);
        assertEquals(DenialReason.UNKNOWN_CODE, wrong.reason());
        assertNull(wrong.offlineCode(), "a PIN that is no code names none");

        StringWriter csv = new StringWriter();
        AccessReport.writeCsv(h, csv);
        List<String> rows = csv.toString().lines().toList();
        assertEquals(String.join(",", AccessReport.COLUMNS), rows.get(0));
        assertEquals(16, AccessReport.COLUMNS.size());
        String row = rows.stream().filter(r -> r.contains(plain.codeId()) && r.contains("GRANTED")).findFirst()
                .orElseThrow();
        assertTrue(row.endsWith(",GRANTED,,,false," + plain.codeId() + ",2026-12-07T10:00:00Z,2026-12-07T12:00:00Z,false,"),
                row);
        assertTrue(row.contains(",KEYPAD,,offline code " + plain.codeId() + " (valid 2026-12-07T10:00:00Z to "
                + "2026-12-07T12:00:00Z),OFFLINE,"), "no slot; the code where the name would be: " + row);
        String onceRow = rows.stream().filter(r -> r.contains(once.codeId()) && r.contains("DENIED")).findFirst()
                .orElseThrow();
        assertTrue(onceRow.contains(",\"offline code " + once.codeId() + " (valid 2026-12-07T08:00:00Z to "
                + "2026-12-08T08:00:00Z, one-time)\",OFFLINE,DENIED,USE_LIMIT_REACHED,"), "quoted for its comma: " + onceRow);
        assertTrue(onceRow.endsWith(",true,"), onceRow);
        String dailyRow = csv.toString().lines().filter(r -> r.contains(daily.codeId())).findFirst().orElse("");
        assertEquals("", dailyRow, "the daily code was not typed yet");

        StringWriter json = new StringWriter();
        AccessReport.writeJson(h, json);
        JsonNode arr = new ObjectMapper().readTree(json.toString());
        JsonNode g = null;
        for (JsonNode n : arr) {
            List<String> keys = new ArrayList<>();
            n.fieldNames().forEachRemaining(keys::add);
            assertEquals(AccessReport.COLUMNS, keys);
            if (plain.codeId().equals(n.path("offline_code").asText(null))) {
                g = n;
            }
        }
        assertNotNull(g);
        assertTrue(g.get("slot").isNull());
        assertEquals("OFFLINE", g.get("user_type").asText());
        assertEquals("2026-12-07T12:00:00Z", g.get("offline_until").asText());
        assertFalse(g.get("offline_one_time").asBoolean());
        assertTrue(g.get("offline_daily").isNull());
        assertTrue(arr.get(0).get("offline_code").isNull(), "alice's attempts name no offline code");

        access.revokeAllOfflineCodes(FRONT);
        StringWriter html = new StringWriter();
        HtmlTimeline.write(history(), html);
        String page = html.toString();
        for (String expected : List.of("<h2>Offline codes</h2>", "offline codes of 10 digits, issuing-key generation 1",
                "issuing key exported</td><td>generation 1 (key epoch 1) written to the owner&#39;s file",
                "offline code revoked</td><td>code " + revoked.codeId() + " refused until 2026-12-09 09:00:00",
                "(the end of its window); at the lock",
                "every offline code revoked</td><td>issuing-key generation 1 replaced by 2",
                "Offline codes opened <b>2</b> time(s) and were refused <b>2</b> time(s)",
                "offline code " + plain.codeId() + " (valid 2026-12-07 11:00:00 to 2026-12-07 13:00:00)</td><td>OFFLINE")) {
            assertTrue(page.contains(expected), "missing: " + expected);
        }

        StringWriter bundle = new StringWriter();
        SupportBundle.write(history(), clock.instant(), bundle);
        JsonNode b = new ObjectMapper().readTree(bundle.toString());
        assertEquals(10, b.get("device").get("offlineCodeLength").asInt());
        assertEquals(2, b.get("device").get("offlineKeyGeneration").asInt());
        List<String> deviceHistory = new ArrayList<>();
        b.get("deviceHistory").forEach(d -> deviceHistory.add(d.get("event").asText()));
        assertTrue(deviceHistory.contains("offline issuing key exported (generation 1)"), deviceHistory.toString());
        assertTrue(deviceHistory.contains("every offline code revoked (issuing-key generation 1 -> 2)"),
                deviceHistory.toString());
        for (String shown : List.of(csv.toString(), json.toString(), page, bundle.toString(), export())) {
            noPinIn("a report", shown.replaceAll("[0-9a-f]{16,}", "<id>"));
        }
    }

    @Test
    void replay_showsTheOfflineStateAtAnyInstant_andEveryRecordedVerdictIsTheDecidersAgain() {
        clock.set(Instant.parse("2026-12-07T12:30:00Z"));
        access.revokeAllOfflineCodes(FRONT);
        LockHistory h = TrailReader.history(new BufferedReader(new StringReader(export())), FRONT.value());

        ReplayView at = Replay.at(h, Instant.parse("2026-12-07T10:45:00Z"));
        ReplayView.OfflineView o = at.offline();
        assertEquals(10, o.codeLength());
        assertEquals(1, o.generation());
        assertEquals(Map.of(revoked.codeId(), revoked.until()), o.revoked());
        assertEquals(Map.of(once.codeId(), once.until()), o.used());
        Map<String, ReplayView.OfflineCodeView> codes = o.codes().stream()
                .collect(Collectors.toMap(c -> c.code().id(), c -> c));
        assertEquals(3, codes.size(), codes.toString());
        assertTrue(codes.get(plain.codeId()).opens());
        assertEquals(DenialReason.USE_LIMIT_REACHED, codes.get(once.codeId()).reason());
        assertEquals(DenialReason.REVOKED, codes.get(revoked.codeId()).reason());

        ReplayView noon = Replay.at(h, Instant.parse("2026-12-07T12:00:00Z"));
        assertEquals(DenialReason.EXPIRED, noon.offline().codes().stream()
                .filter(c -> c.code().id().equals(plain.codeId())).findFirst().orElseThrow().reason());

        ReplayView before = Replay.at(h, T0);
        assertTrue(before.offline().codes().isEmpty() && before.offline().revoked().isEmpty());
        ReplayView after = Replay.at(h, clock.instant());
        assertEquals(2, after.offline().generation());
        assertTrue(after.offline().codes().isEmpty() && after.offline().revoked().isEmpty()
                && after.offline().used().isEmpty(), "revoke-all leaves nothing to remember");

        LockState s = LockState.initial();
        int checked = 0;
        for (SequencedEvent se : h.events()) {
            LockEvent e = se.event();
            if (e instanceof LockEvent.EntryGranted g && g.offlineCode() != null) {
                assertNull(Replay.offlineVerdict(s, g.offlineCode(), g.at(), g.source()), "grant at " + g.at());
                checked++;
            } else if (e instanceof LockEvent.EntryDenied d && d.offlineCode() != null) {
                assertEquals(d.reason(), Replay.offlineVerdict(s, d.offlineCode(), d.at(), d.source()), "at " + d.at());
                checked++;
            }
            s = LockDecider.evolve(s, e);
        }
        assertEquals(4, checked);
    }

    @Test
    void diagnosis_saysWhatBecameOfEachOfflineCode_andEachCheckIsRecordedAsAnAttempt() {
        Finding ok = find(diagnose(plain.pin()), FindingDetail.OfflineValid.class);
        assertEquals(new FindingDetail.OfflineValid(new OfflineCode(plain.codeId(), plain.from(), plain.until(), false,
                null), 1, true), ok.detail());
        assertEquals("the typed PIN is offline code " + plain.codeId() + ", valid from Mon 2026-12-07 11:00:00 +01:00 "
                + "(Europe/Berlin) to Mon 2026-12-07 13:00:00 +01:00 (Europe/Berlin): it would open from the keypad at "
                + "Mon 2026-12-07 11:30:00 +01:00 (Europe/Berlin)", WORDS.summary(ok));
        LockEvent last = access.events(FRONT).get(access.events(FRONT).size() - 1);
        assertEquals(new LockEvent.CodeChecked(FRONT, clock.instant(), null, ((FindingDetail.OfflineValid) ok.detail())
                .offlineCode()), last, "a check of a code that opens now is recorded, uncounted");

        Finding used = find(Diagnosis.diagnose(access, FRONT, found(once)), FindingDetail.OfflineUsed.class);
        assertEquals(T0.plus(Duration.ofMinutes(5)), used.since());
        assertTrue(WORDS.summary(used).endsWith(": it was used on Mon 2026-12-07 09:05:00 +01:00 (Europe/Berlin) "
                + "(one-time: it opens once)"), WORDS.summary(used));

        Finding rev = find(Diagnosis.diagnose(access, FRONT, found(revoked)), FindingDetail.OfflineRevoked.class);
        assertNull(((FindingDetail.OfflineRevoked) rev.detail()).batch());
        assertTrue(WORDS.summary(rev).endsWith(": it was revoked on Mon 2026-12-07 09:05:00 +01:00 (Europe/Berlin) "
                + "at the lock by local via local"), WORDS.summary(rev));
        assertEquals(Finding.Code.REVOKED, rev.code());

        int before = access.state(FRONT).lockout().consecutiveFailures();
        Finding later = find(diagnose(future.pin()), FindingDetail.OfflineNotYetValid.class);
        assertEquals(future.from(), later.until());
        assertTrue(WORDS.summary(later).endsWith(": it is not valid yet (from Sun 2026-12-20 09:00:00 +01:00 "
                + "(Europe/Berlin))"), WORDS.summary(later));
        assertEquals(before + 1, access.state(FRONT).lockout().consecutiveFailures(),
                "a PIN that opens nothing now costs the asker a wrong code, as at the keypad");
        LockEvent.EntryDenied counted = (LockEvent.EntryDenied) access.events(FRONT)
                .get(access.events(FRONT).size() - 1);
        assertEquals(EntrySource.DIAGNOSTIC, counted.source());
        assertEquals(DenialReason.UNKNOWN_CODE, counted.reason());
        assertTrue(counted.wrongCode());

        clock.set(Instant.parse("2026-12-07T16:30:00Z")); // 17:30 in Berlin
        Finding hours = find(Diagnosis.diagnose(access, FRONT, found(daily)), FindingDetail.OfflineOffHours.class);
        assertEquals(Instant.parse("2026-12-08T08:00:00Z"), hours.until(), "09:00 in Berlin the next day");
        assertTrue(WORDS.summary(hours).contains(", daily 09:00-17:00 (Europe/Berlin time): it opens only in those "
                + "hours;"), WORDS.summary(hours));
        Finding expired = find(Diagnosis.diagnose(access, FRONT, found(plain)), FindingDetail.OfflineExpired.class);
        assertEquals(plain.until(), expired.since());
        assertEquals("ask the issuer for a new offline code", WORDS.nextStep(expired));

        List<Finding> unknown = diagnose("1234567890".toCharArray());
        FindingDetail.UnknownOfflinePin u = (FindingDetail.UnknownOfflinePin) find(unknown,
                FindingDetail.UnknownOfflinePin.class).detail();
        assertEquals(1, u.generations());
        assertEquals(T0, u.searchedFrom(), "from the commissioning, less than a year ago");
        assertEquals(clock.instant().plus(AccessControl.OFFLINE_DIAGNOSIS_LOOKAHEAD), u.searchedUntil());
        assertNull(u.resetAt());

        Finding length = find(diagnose("123456789".toCharArray()), FindingDetail.WrongLength.class);
        assertEquals("9 digits were typed; this keypad accepts codes of 4 to 8 digits, and offline codes of 10 digits, "
                + "only", WORDS.summary(length));

        List<Attempt> checks = Replay.attempts(history()).stream().filter(a -> a.source() == EntrySource.DIAGNOSTIC)
                .toList();
        assertEquals(4, checks.size(), "each PIN typed is a check: " + checks);
        assertEquals("CHECKED", checks.get(0).outcome());
        assertEquals(plain.codeId(), checks.get(0).offlineCode().id());
        assertEquals(UserType.OFFLINE, checks.get(0).userType());
        noPinIn("the findings", text(unknown) + text(List.of(ok, used, rev, later, hours, expired)));
    }

    @Test
    void diagnosis_afterRevokeAll_namesTheReplacedKey_andAfterAReset_theDestroyedCodes() {
        access.revokeAllOfflineCodes(FRONT);
        Instant revokedAll = clock.instant();
        List<Finding> lock = Diagnosis.diagnose(access, FRONT, Diagnosis.Question.at(clock.instant()));
        Finding replaced = find(lock, FindingDetail.OfflineCodesReplaced.class);
        assertEquals(new FindingDetail.OfflineCodesReplaced(2, null, null), replaced.detail());
        assertTrue(WORDS.summary(replaced).endsWith("every offline code issued before no longer opens; no issuer has "
                + "the new key yet, so no offline code of it can have been issued"), WORDS.summary(replaced));
        assertTrue(WORDS.nextStep(replaced).startsWith("export the new issuing key"), WORDS.nextStep(replaced));

        clock.advance(Duration.ofMinutes(1));
        OfflineIssuingKey fresh = access.exportOfflineIssuingKey(FRONT);
        assertEquals(2, fresh.generation());
        Finding exported = find(Diagnosis.diagnose(access, FRONT, Diagnosis.Question.at(clock.instant())),
                FindingDetail.OfflineCodesReplaced.class);
        assertEquals(clock.instant(), ((FindingDetail.OfflineCodesReplaced) exported.detail()).exportedAt());
        assertEquals("issue new offline codes with the new key", WORDS.nextStep(exported));

        restart();
        Finding old = find(diagnose(plain.pin()), FindingDetail.OfflineKeyReplaced.class);
        assertEquals(revokedAll, old.since());
        assertEquals(Finding.Code.OFFLINE_KEY_REPLACED, old.code());
        assertTrue(WORDS.summary(old).endsWith(": it was issued under issuing-key generation 1, which revoke-all "
                + "replaced on Mon 2026-12-07 11:30:00 +01:00 (Europe/Berlin) (the lock uses generation 2)"),
                WORDS.summary(old));

        clock.advance(Duration.ofMinutes(1));
        access.factoryReset(FRONT);
        Instant reset = clock.instant();
        clock.advance(Duration.ofMinutes(1));
        access.commission(LockSetup.of(FRONT).withTimeZone("Europe/Berlin"), "80808080".toCharArray());
        List<Finding> gone = diagnose(plain.pin());
        FindingDetail.UnknownOfflinePin u = (FindingDetail.UnknownOfflinePin) find(gone,
                FindingDetail.UnknownOfflinePin.class).detail();
        assertEquals(reset, u.resetAt());
        assertEquals(clock.instant(), u.searchedFrom(), "the search starts at the new commissioning");
        String said = WORDS.summary(find(gone, FindingDetail.UnknownOfflinePin.class));
        assertTrue(said.startsWith("no offline code of this lock's current key epoch is the typed PIN: it matches no "
                + "code of issuing-key generation 1 opening between "), said);
        assertTrue(said.endsWith("; the lock was reset on Mon 2026-12-07 11:32:00 +01:00 (Europe/Berlin), which "
                + "destroyed every offline code issued before it"), said);
    }

    @Test
    void aLockoutOrAnUntrustedClock_refusesTheCheck_andTheSearchNeverRuns() {
        for (int i = 0; i < 5; i++) {
            access.enter(FRONT, ("999999999" + i).toCharArray(), EntrySource.KEYPAD);
        }
        CodeCheck locked = access.checkCode(FRONT, plain.pin(), Diagnosis.Question.at(clock.instant()));
        assertTrue(locked.refused() && locked.refusedByLockout());
        assertNull(locked.question().offlineSearchAsked(), "nothing is looked up during a lockout");
        assertEquals(10, locked.question().typedLengthAsked());
        List<Finding> findings = Diagnosis.diagnose(access, FRONT, locked.question());
        assertEquals(List.of(Finding.Code.LOCKED_OUT), findings.stream().map(Finding::code).toList(), text(findings));
        LockEvent.EntryDenied refusal = (LockEvent.EntryDenied) locked.events().get(0);
        assertEquals(DenialReason.LOCKED_OUT, refusal.reason());
        assertFalse(refusal.wrongCode());

        access.clearLockout(FRONT, "test");
        Instant floor = clock.instant();
        clock.set(Instant.parse("2026-12-07T09:00:00Z")); // behind the clock floor: a rollback
        // Diagnosed at the floor: the lock's trail up to an instant its clock had passed.
        CodeCheck untrusted = access.checkCode(FRONT, plain.pin(), Diagnosis.Question.at(floor));
        assertTrue(untrusted.refused());
        assertFalse(untrusted.refusedByLockout());
        assertNull(untrusted.question().offlineSearchAsked());
        assertEquals(0, access.state(FRONT).lockout().consecutiveFailures(), "refused, uncounted");
        Finding f = find(Diagnosis.diagnose(access, FRONT, untrusted.question()), FindingDetail.OfflineClockUntrusted.class);
        assertEquals(new FindingDetail.OfflineClockUntrusted(true), f.detail());
        assertTrue(WORDS.summary(f).endsWith("every offline code is refused (the lock cannot tell which codes are in "
                + "their window); the PIN was not looked up"), WORDS.summary(f));
        Finding lockWide = find(Diagnosis.diagnose(access, FRONT, Diagnosis.Question.at(floor)),
                FindingDetail.OfflineClockUntrusted.class);
        assertEquals(new FindingDetail.OfflineClockUntrusted(false), lockWide.detail());
    }

    @Test
    void theAccessLog_showsOfflineAttemptsWithTheirCode_acrossARestart() throws Exception {
        restart();
        List<AttemptView> recent = access.accessLog(FRONT).recentAttempts();
        AccessLogEntry entry = AccessLogEntry.empty(FRONT.value());
        long sequence = 0;
        for (LockEvent e : access.events(FRONT)) {
            entry = entry.apply(sequence++, e);
        }
        ObjectMapper json = Json.objectMapper();
        assertEquals(entry, json.readValue(json.writeValueAsString(entry), AccessLogEntry.class),
                "the stored form of the log keeps the offline codes");
        assertEquals(entry.view().recentAttempts().stream().map(AttemptView::offlineCode).toList(),
                recent.stream().map(AttemptView::offlineCode).toList());
        AttemptView grant = recent.stream().filter(a -> a.granted() && a.offlineCode() != null
                && a.offlineCode().id().equals(plain.codeId())).findFirst().orElseThrow();
        assertNull(grant.slot());
        assertNull(grant.name());
        assertEquals(plain.until(), grant.offlineCode().until());
        AttemptView refused = recent.stream().filter(a -> a.reason() == DenialReason.REVOKED).findFirst().orElseThrow();
        assertEquals(revoked.codeId(), refused.offlineCode().id());
    }

    @Test
    void exportsWithOfflineEvents_verifyReplayArchiveAndReExportByteForByte() throws Exception {
        diagnose(plain.pin());
        access.revokeAllOfflineCodes(FRONT);
        access.exportOfflineIssuingKey(FRONT);
        access.checkpoint(FRONT);
        String text = export();
        for (String type : List.of("OfflineKeyExported", "OfflineCodeRevoked", "AllOfflineCodesRevoked", "CodeChecked")) {
            assertTrue(text.contains("\"type\":\"" + type + "\""), type);
        }
        TrailPublicKey key = TrailPublicKey.parse(access.publicKey(FRONT).export());
        Function<String, TrailPublicKey> keys = id -> id.equals(FRONT.value()) ? key : null;
        VerificationReport r = TrailVerifier.verify(new BufferedReader(new StringReader(text)), keys);
        assertTrue(r.ok() && r.problems().isEmpty(), r.problems().toString());

        LockHistory read = TrailReader.history(new BufferedReader(new StringReader(text)), FRONT.value());
        assertEquals(history(), read);
        assertEquals(Replay.attempts(history()), Replay.attempts(read));
        assertEquals(Replay.at(history(), clock.instant()).state(), Replay.at(read, clock.instant()).state());

        try (TrailArchive archive = TrailArchive.open(dir.resolve("archive.db"))) {
            TrailArchive.ImportResult imported = archive.importTrail(new BufferedReader(new StringReader(text)), keys);
            // The first line carries the personal keys: verified, not kept (an archive keeps no key).
            String records = text.substring(text.indexOf('\n') + 1);
            assertEquals(records.lines().count(), imported.added());
            StringWriter again = new StringWriter();
            archive.export(FRONT, again);
            assertEquals(records, again.toString(), "the archive re-exports the trail's records byte for byte");
            assertEquals(Replay.attempts(read), Replay.attempts(archive.history(FRONT).withNames(read.names())));
        }

        String granted = text.lines().filter(l -> l.contains("\"type\":\"EntryGranted\"") && l.contains(plain.codeId()))
                .findFirst().orElseThrow();
        String forged = text.replace(granted, granted.replace(plain.codeId(), once.codeId()));
        VerificationReport tampered = TrailVerifier.verify(new BufferedReader(new StringReader(forged)), keys);
        assertFalse(tampered.ok(), "another code's id in a grant is a modified event");
    }

    @Test
    void aRevocationByABackendsBatch_isNamedWithItsBatch() {
        // Until the fleet can send a revocation, the batch's events are put in a trail by hand: the
        // revocation right before a BatchApplied whose outcome counts it.
        List<LockEvent> events = new ArrayList<>(access.events(FRONT));
        Instant at = clock.instant();
        events.add(new LockEvent.OfflineCodeRevoked(FRONT, at, plain.codeId(), plain.until()));
        events.add(new LockEvent.BatchApplied(FRONT, at, "fedcba9876543210", 7, List.of(new dev.access.core.domain
                .BatchOutcome("r1", dev.access.core.domain.BatchOperation.Kind.SET_MODE, 0, null, 1))));
        LockHistory h = LockHistory.ofEvents(FRONT, events);
        Diagnosis.Question q = Diagnosis.Question.at(at).typedLength(10).offlineSearch(new Diagnosis.OfflineSearch(1, 1,
                T0, at.plus(Duration.ofDays(700)), List.of(new Diagnosis.OfflineSearch.Match(1, new OfflineCode(
                        plain.codeId(), plain.from(), plain.until(), false, null)))));
        Finding f = find(Diagnosis.diagnose(h, q), FindingDetail.OfflineRevoked.class);
        assertEquals(7L, ((FindingDetail.OfflineRevoked) f.detail()).batch());
        assertEquals(List.of((long) events.size() - 2, (long) events.size() - 1),
                f.evidence().subList(f.evidence().size() - 2, f.evidence().size()));
        assertTrue(WORDS.summary(f).endsWith("by the backend's batch 7 (backend fedcba9876543210)"), WORDS.summary(f));
        StringWriter html = new StringWriter();
        HtmlTimeline.write(h, html);
        assertTrue(html.toString().contains("by the backend&#39;s batch 7 (backend fedcba9876543210)"));
    }

    @Test
    void everyOfflineDetail_hasEnglishWordsAndANextStep_namesNoPin_andTheBundleNamesTheCode() throws Exception {
        OfflineCode c = new OfflineCode(daily.codeId(), daily.from(), daily.until(), false, "09:00-17:00");
        Instant now = clock.instant();
        List<FindingDetail> details = List.of(new FindingDetail.OfflineValid(c, 1, true),
                new FindingDetail.OfflineValid(c, 1, false), new FindingDetail.OfflineNotYetValid(c, 1),
                new FindingDetail.OfflineExpired(c, 1), new FindingDetail.OfflineOffHours(c, 1),
                new FindingDetail.OfflineUsed(c, 1), new FindingDetail.OfflineRevoked(c, 1, null, null),
                new FindingDetail.OfflineRevoked(c, 1, 3L, "fedcba9876543210"), new FindingDetail.OfflineKeyReplaced(c, 1, 2),
                new FindingDetail.UnknownOfflinePin(2, T0, now, null), new FindingDetail.UnknownOfflinePin(1, T0, now, T0),
                new FindingDetail.OfflineCodesReplaced(2, null, now), new FindingDetail.OfflineClockUntrusted(false),
                new FindingDetail.WrongLength(11, 4, 8, 10));
        for (FindingDetail d : details) {
            Finding f = new Finding(d, now, java.time.ZoneId.of("Europe/Berlin"), T0, now, List.of());
            String said = WORDS.summary(f) + " / " + WORDS.nextStep(f);
            assertFalse(said.isBlank());
            noPinIn(d.code().name(), said);
            assertEquals(d, d.withoutNames(), "offline details name nobody");
            if (d instanceof FindingDetail.AboutOfflineCode) {
                assertTrue(said.contains("offline code " + daily.codeId() + ", valid from Mon 2026-12-07 09:00:00 +01:00 "
                        + "(Europe/Berlin)"), said);
                assertTrue(said.contains("daily 09:00-17:00 (Europe/Berlin time)"), said);
            }
        }
        StringWriter bundle = new StringWriter();
        SupportBundle.write(history(), found(plain), bundle);
        JsonNode f = new ObjectMapper().readTree(bundle.toString()).get("findings").get(0);
        assertEquals("CODE_OK", f.get("code").asText());
        assertEquals(plain.codeId(), f.get("offlineCode").asText());
    }

    @Test
    void theFullSearchsOdds_areThoseTheReadmeStates() {
        // What a diagnosis compares a typed PIN with, per issuing-key generation, over its full range;
        // the README's security model states these odds against the keypad's.
        Instant now = Instant.parse("2026-12-07T10:00:00Z");
        java.time.ZoneId berlin = java.time.ZoneId.of("Europe/Berlin");
        double all = dev.access.crypto.OfflineCodes.intersecting(now.minus(AccessControl.OFFLINE_DIAGNOSIS_LOOKBACK),
                now.plus(AccessControl.OFFLINE_DIAGNOSIS_LOOKAHEAD), berlin).size() / 1e10;
        double ahead = dev.access.crypto.OfflineCodes.intersecting(now, now.plus(AccessControl.OFFLINE_DIAGNOSIS_LOOKAHEAD),
                berlin).size() / 1e10;
        assertTrue(all > 5.7e-4 && all < 5.9e-4, "about 5.8e-4: " + all);
        assertTrue(ahead > 3.8e-4 && ahead < 4.0e-4, "about 3.9e-4: " + ahead);
        assertEquals(9.24e-7, dev.access.crypto.OfflineCodes.guessingBound(10), 1e-12, "the keypad's");
        assertTrue(1 / (100 * ahead) < 31, "at 100 searches a day, a PIN that opens later within a month");
    }
}
