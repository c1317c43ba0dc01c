package dev.access.core.audit;

import dev.access.core.audit.Diagnosis.OfflineSearch;
import dev.access.core.audit.FindingDetail.OfflineClockUntrusted;
import dev.access.core.audit.FindingDetail.OfflineCodesReplaced;
import dev.access.core.audit.FindingDetail.OfflineExpired;
import dev.access.core.audit.FindingDetail.OfflineKeyReplaced;
import dev.access.core.audit.FindingDetail.OfflineNotYetValid;
import dev.access.core.audit.FindingDetail.OfflineOffHours;
import dev.access.core.audit.FindingDetail.OfflineRevoked;
import dev.access.core.audit.FindingDetail.OfflineUsed;
import dev.access.core.audit.FindingDetail.OfflineValid;
import dev.access.core.audit.FindingDetail.UnknownOfflinePin;
import dev.access.core.domain.DenialReason;
import dev.access.core.domain.EntrySource;
import dev.access.core.domain.Instants;
import dev.access.core.domain.LockEvent;
import dev.access.core.domain.LockEvent.AllOfflineCodesRevoked;
import dev.access.core.domain.LockEvent.ClockFaultDetected;
import dev.access.core.domain.LockEvent.ClockRollbackDetected;
import dev.access.core.domain.LockEvent.EntryGranted;
import dev.access.core.domain.LockEvent.FactoryResetPerformed;
import dev.access.core.domain.LockEvent.LockCommissioned;
import dev.access.core.domain.LockEvent.LockEnrolled;
import dev.access.core.domain.LockEvent.OfflineCodeRevoked;
import dev.access.core.domain.LockEvent.OfflineKeyExported;
import dev.access.core.domain.OfflineCode;
import dev.access.crypto.CodeDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/*
 * Implementation notes.
 *
 * A typed offline PIN reaches the diagnosis as what an administrator's search found for it (the
 * caller ran it: AccessControl.checkCode, after the lock let the diagnostic check through); this
 * class never sees digits. Each code found is judged at the run's instant, in this order: a code
 * of an earlier issuing-key generation was replaced by revoke-all; then what the trail says became
 * of the code (revoked, by the lock or by a batch; a one-time code used), since that is why it
 * stopped opening even if its window has ended since; then its own verdict, which is the decider's
 * (Replay.ownOfflineVerdict): expired, not yet valid, outside its daily hours, or in force (and then
 * whether typing it would open, lock-wide state included).
 *
 * Without a typed PIN, the background names what concerns every offline code, and only at a lock
 * whose trail shows offline codes in use in the current key epoch (a key exported or handed to a
 * backend, a code named, a revocation): an untrusted clock refuses them all, and a revoke-all
 * replaced the key (said within the lookback, or as long as no issuer has the new key).
 */
/** The rules about offline codes: a typed offline PIN the search found (or not), and the background. */
final class OfflineChecks {
    private final DiagnosisRun r;

    private OfflineChecks(DiagnosisRun r) {
        this.r = r;
    }

    /**
     * Checks a typed offline PIN: the {@code search} result (null if the lock refused the check or
     * none was run) and the {@code typedLength}; findings added. Nothing for a question about a
     * slot or a user code's digest.
     */
    static void check(DiagnosisRun r, Integer slot, CodeDigest typedDigest, Integer typedLength, OfflineSearch search) {
        if (!r.s.profile().offlineCodes() || slot != null || typedDigest != null) {
            return;
        }
        boolean typed = search != null || (typedLength != null && typedLength == r.s.profile().offlineCodeLength());
        if (typed) {
            new OfflineChecks(r).typed(search);
        }
    }

    /** The background about every offline code; {@code aboutLock}: the question names no slot and no user code. */
    static void background(DiagnosisRun r, boolean aboutLock) {
        if (aboutLock && r.s.profile().offlineCodes()) {
            new OfflineChecks(r).background();
        }
    }

    private void typed(OfflineSearch search) {
        if (!r.s.clockTrusted()) {
            clockUntrusted(true);
            return;
        }
        if (search == null || search.keyEpoch() != r.s.keyEpoch()) {
            return;
        }
        int current = r.s.offline().generation();
        List<OfflineSearch.Match> matches = search.matches().stream().filter(m -> m.generation() <= current).toList();
        if (matches.isEmpty()) {
            SequencedEvent reset = r.last(FactoryResetPerformed.class, e -> true);
            SequencedEvent c = r.last(LockCommissioned.class, e -> true);
            List<Long> ev = new ArrayList<>();
            if (c != null) {
                ev.add(c.sequence());
            }
            if (reset != null) {
                ev.add(reset.sequence());
            }
            r.add(new UnknownOfflinePin(search.generations(), search.from(), search.until(),
                    reset == null ? null : reset.event().at()), null, null, ev);
            return;
        }
        for (OfflineSearch.Match m : matches) {
            judge(m.code(), m.generation(), current);
        }
    }

    private void judge(OfflineCode c, int generation, int current) {
        List<SequencedEvent> epoch = r.prefix.subList(OfflineTrail.epochStart(r.prefix), r.prefix.size());
        List<Long> ev = naming(epoch, c.id());
        if (generation < current) {
            SequencedEvent replaced = null;
            for (SequencedEvent se : epoch) {
                if (se.event() instanceof AllOfflineCodesRevoked
                        && ((AllOfflineCodesRevoked) se.event()).generation() == generation + 1) {
                    replaced = se;
                }
            }
            if (replaced != null) {
                ev.add(replaced.sequence());
            }
            r.add(new OfflineKeyReplaced(c, generation, current), replaced == null ? null : replaced.event().at(),
                    null, ev);
            return;
        }
        List<SequencedEvent> gen = r.prefix.subList(OfflineTrail.generationStart(r.prefix), r.prefix.size());
        SequencedEvent revoked = null;
        SequencedEvent used = null;
        for (SequencedEvent se : gen) {
            LockEvent e = se.event();
            if (e instanceof OfflineCodeRevoked && ((OfflineCodeRevoked) e).codeId().equals(c.id())) {
                revoked = se;
            } else if (used == null && c.oneTime() && e instanceof EntryGranted && ((EntryGranted) e).offlineCode() != null
                    && ((EntryGranted) e).offlineCode().id().equals(c.id())) {
                used = se;
            }
        }
        if (revoked != null) {
            OfflineTrail.Batch b = OfflineTrail.batches(r.prefix).get(revoked.sequence());
            ev.add(revoked.sequence());
            if (b != null) {
                ev.add(b.sequence());
            }
            r.add(new OfflineRevoked(c, generation, b == null ? null : b.batch(), b == null ? null : b.backend(),
                    b == null ? r.by(revoked) : null), revoked.event().at(), null, ev);
            return;
        }
        if (used != null) {
            r.add(new OfflineUsed(c, generation), used.event().at(), null, ev);
            return;
        }
        DenialReason own = Replay.ownOfflineVerdict(r.s, c, r.now, EntrySource.KEYPAD);
        if (own == null || own == DenialReason.MODE_FORBIDS) {
            boolean opens = Replay.offlineVerdict(r.s, c, r.now, EntrySource.KEYPAD) == null;
            r.add(new OfflineValid(c, generation, opens), c.from(), c.until(), ev);
        } else if (own == DenialReason.EXPIRED) {
            r.add(new OfflineExpired(c, generation), c.until(), null, ev);
        } else if (own == DenialReason.NOT_YET_VALID) {
            r.add(new OfflineNotYetValid(c, generation), null, c.from(), ev);
        } else if (own == DenialReason.OUTSIDE_SCHEDULE) {
            r.add(new OfflineOffHours(c, generation), null, nextOpening(c, r.now, r.zone), ev);
        } else if (own == DenialReason.REVOKED) {
            r.add(new OfflineRevoked(c, generation, null, null), null, null, ev);
        } else if (own == DenialReason.USE_LIMIT_REACHED) {
            r.add(new OfflineUsed(c, generation), null, null, ev);
        } else {
            clockUntrusted(true);
        }
    }

    private void background() {
        List<SequencedEvent> epoch = r.prefix.subList(OfflineTrail.epochStart(r.prefix), r.prefix.size());
        boolean inUse = false;
        for (SequencedEvent se : epoch) {
            LockEvent e = se.event();
            inUse |= e instanceof OfflineKeyExported || e instanceof AllOfflineCodesRevoked || e instanceof OfflineCodeRevoked
                    || (e instanceof LockEnrolled && ((LockEnrolled) e).offlineKeyGeneration() != null)
                    || OfflineTrail.named(e) != null;
        }
        if (!inUse) {
            return;
        }
        if (!r.s.clockTrusted() && !r.has(OfflineClockUntrusted.class)) {
            clockUntrusted(false);
        }
        int current = r.s.offline().generation();
        SequencedEvent all = null;
        SequencedEvent exported = null;
        SequencedEvent handed = null;
        for (SequencedEvent se : epoch) {
            LockEvent e = se.event();
            if (e instanceof AllOfflineCodesRevoked && ((AllOfflineCodesRevoked) e).generation() == current) {
                all = se;
            } else if (e instanceof OfflineKeyExported && ((OfflineKeyExported) e).generation() == current) {
                exported = se;
            } else if (e instanceof LockEnrolled && Integer.valueOf(current).equals(((LockEnrolled) e).offlineKeyGeneration())) {
                handed = se;
            }
        }
        if (all == null || r.has(OfflineKeyReplaced.class)) {
            return;
        }
        boolean recent = !all.event().at().isBefore(Instants.minus(r.now, Diagnosis.LOOKBACK));
        if (!recent && (exported != null || handed != null)) {
            return;
        }
        List<Long> ev = new ArrayList<>(List.of(all.sequence()));
        if (exported != null) {
            ev.add(exported.sequence());
        }
        if (handed != null) {
            ev.add(handed.sequence());
        }
        r.add(new OfflineCodesReplaced(current, exported == null ? null : exported.event().at(),
                handed == null ? null : handed.event().at()), all.event().at(), null, ev);
    }

    private void clockUntrusted(boolean typed) {
        SequencedEvent rb = r.last(ClockRollbackDetected.class, e -> true);
        SequencedEvent fault = r.last(ClockFaultDetected.class, e -> true);
        SequencedEvent why = fault != null && (rb == null || fault.sequence() > rb.sequence()) ? fault : rb;
        r.add(new OfflineClockUntrusted(typed), why == null ? null : why.event().at(), null,
                why == null ? List.of() : List.of(why.sequence()));
    }

    /** The events of {@code events} naming the code (attempts, checks, revocations), at most the last MAX_EVIDENCE. */
    private static List<Long> naming(List<SequencedEvent> events, String id) {
        List<Long> out = new ArrayList<>();
        for (SequencedEvent se : events) {
            OfflineCode named = OfflineTrail.named(se.event());
            if (named != null && named.id().equals(id)) {
                out.add(se.sequence());
            }
        }
        return new ArrayList<>(out.size() > Diagnosis.MAX_EVIDENCE
                ? out.subList(out.size() - Diagnosis.MAX_EVIDENCE, out.size()) : out);
    }

    /**
     * The next moment after {@code now} when a daily code's hours hold inside its window (searched
     * in quarter hours over two days, so zones with half-hour offsets and daylight-saving changes
     * are met); null if none.
     */
    static Instant nextOpening(OfflineCode c, Instant now, java.time.ZoneId zone) {
        if (!Instants.isPlausible(now)) {
            return null;
        }
        Instant t = now.truncatedTo(ChronoUnit.HOURS);
        for (int i = 0; i <= 4 * 48; i++, t = t.plus(Duration.ofMinutes(15))) {
            if (t.isAfter(now) && c.windowHolds(t) && c.dailyHoursHold(t, zone)) {
                return t;
            }
            if (!t.isBefore(c.until())) {
                return null;
            }
        }
        return null;
    }
}
