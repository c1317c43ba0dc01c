package dev.access.cli;

import dev.access.core.CodeCheck;
import dev.access.core.audit.Diagnosis;
import dev.access.core.audit.Finding;
import dev.access.core.audit.FindingRenderer;
import dev.access.core.audit.LockHistory;
import dev.access.core.audit.Names;
import dev.access.core.audit.SupportBundle;
import dev.access.core.domain.LockCommandRejected;
import dev.access.core.domain.LockDecider;
import dev.access.core.domain.LockState;
import dev.access.core.domain.Rejection;
import dev.access.crypto.FileKeyRing;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code lockctl diagnose}: "why does my code not work?", answered from the lock's trail at the
 * invocation's instant ({@code --at}), for the lock and optionally one code: a slot, or a typed
 * PIN. A typed PIN is checked by the lock ({@link dev.access.core.AccessControl#checkCode}): the
 * check is recorded and counts toward the lockout and the daily budget like a keypad entry, and
 * during a lockout it is refused and the findings say only that (exit 3, as {@code enter}'s
 * denial); it is never printed, and the support bundle holds no PIN or digest. A PIN of the lock's
 * offline length is checked as an offline code (a wrong code unless it opens now; refused too while
 * the clock is untrusted), then looked up by the administrator's search over every issuing-key
 * generation of the current key epoch, from a year back (or the commissioning) to two years ahead:
 * the findings say which code it is and why it does or does not open. Otherwise a diagnosis is an
 * answer, also when the code does not work: exit 0. By slot, it records nothing.
 */
@Command(name = "diagnose", description = "Why does a code not work? Findings from the lock's trail, "
        + "with what to do next (a typed PIN, a user code or an offline code, is recorded as a check and counts "
        + "toward the lockout).")
final class DiagnoseCommand extends StoreCommand {
    /** The words of the findings: lockctl speaks English. */
    private static final FindingRenderer WORDS = FindingRenderer.english();

    @Option(names = "--pin", paramLabel = "PIN",
            description = "The code as typed (digested with the lock's key, never printed); '-' reads one line "
                    + "from standard input.")
    char[] pin;

    @Option(names = "--slot", paramLabel = "N", description = "The slot of the code to diagnose (instead of --pin).")
    Integer slot;

    @Option(names = "--support-bundle", paramLabel = "FILE",
            description = "Also write the support bundle (JSON: device, state, history, findings; no PIN) to FILE.")
    Path supportBundle;

    @Override
    void prepare() {
        requireNotNegative("--slot", slot);
        if (slot != null && slot > LockDecider.MAX_SLOT) {
            throw CliError.usage("--slot must be 0.." + LockDecider.MAX_SLOT + ", was " + slot);
        }
        if (slot != null && pin != null) {
            throw CliError.usage("give --pin or --slot, not both");
        }
        if (supportBundle != null) {
            OutputPaths.requireSafe("--support-bundle", supportBundle, LockCtl.globals(spec).data);
        }
        pin = Pins.resolve(pin, System.in);
    }

    /** Only a typed PIN needs the key ring (to digest it); otherwise the key ring is left untouched. */
    @Override
    boolean usesKeyRing() {
        return pin != null;
    }

    @Override
    int execute(StoreOpener.Session session, Console console) {
        LockState current = session.access().state(lock);
        if (current.lockId() == null) {
            throw new LockCommandRejected(Rejection.NOT_COMMISSIONED,
                    "lock " + lock + " is not commissioned (this store holds no event for it)");
        }
        Instant at = session.now();
        Diagnosis.Question q = Diagnosis.Question.at(at);
        if (slot != null) {
            q = q.slot(slot);
        }
        boolean refused = false;
        if (pin != null) {
            requireDigits();
            if (current.commissioned()) {
                CodeCheck check = session.access().checkCode(lock, pin, q);
                q = check.question();
                refused = check.refused();
            } else {
                q = q.typedLength(pin.length);
            }
            Pins.wipe(pin);
        }
        // Names are read with the personal-data keys beside the key ring, read-only (as status reads
        // them): the key ring itself is opened only for a typed PIN.
        Names names = Names.of(FileKeyRing.readPersonalKeys(LockCtl.globals(spec).data.resolve(StoreOpener.KEY_RING_FILE))
                .liveKeys(lock.value()));
        LockHistory history = LockHistory.of(session.access(), lock).withNames(names);
        List<Finding> findings;
        try {
            findings = Diagnosis.diagnose(history, q);
        } catch (IllegalArgumentException e) {
            // A pruned trail: --at before what its retention anchor holds.
            throw CliError.usage(e.getMessage());
        }
        if (supportBundle != null) {
            Diagnosis.Question question = q;
            AuditFiles.write(supportBundle, w -> SupportBundle.write(history, question, w));
        }
        if (console.json()) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("lock", lock.value());
            o.put("at", JsonOut.iso(at));
            o.put("slot", slot);
            o.put("typedCode", q.hasTypedCode() || q.offlineSearchAsked() != null || refused);
            o.put("typedLength", q.typedLengthAsked());
            o.put("findings", json(findings));
            o.put("supportBundle", supportBundle == null ? null : supportBundle.toString());
            o.put("offlineSearch", offlineSearch(q.offlineSearchAsked()));
            console.printJson(o);
        } else {
            String about = slot != null ? ", slot " + slot
                    : q.typedLengthAsked() != null ? ", a typed code of " + q.typedLengthAsked() + " digit(s)" : "";
            console.printText("diagnose: lock " + lock + " at " + at + about + ": " + findings.size() + " finding(s)\n"
                    + text(findings) + (supportBundle == null ? "" : "\nsupport bundle written to " + supportBundle));
        }
        return refused ? ExitCodes.DENIED : ExitCodes.OK;
    }

    /**
     * What the administrator's search for a typed offline PIN covered and found, as JSON: key epoch,
     * generations, range and the ids of the codes found; null if no search ran.
     */
    static Map<String, Object> offlineSearch(Diagnosis.OfflineSearch s) {
        if (s == null) {
            return null;
        }
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("keyEpoch", s.keyEpoch());
        o.put("generations", s.generations());
        o.put("from", JsonOut.iso(s.from()));
        o.put("until", JsonOut.iso(s.until()));
        List<String> ids = new ArrayList<>();
        for (Diagnosis.OfflineSearch.Match m : s.matches()) {
            ids.add(m.code().id());
        }
        o.put("codes", ids);
        return o;
    }

    /** A keypad code holds digits only: anything else is a usage error, before anything is recorded. */
    private void requireDigits() {
        for (char c : pin) {
            if (c < '0' || c > '9') {
                throw CliError.usage("--pin: a keypad code holds the digits 0-9 only");
            }
        }
    }

    @Override
    void wipe() {
        Pins.wipe(pin);
    }

    /** The findings as JSON-ready objects: code, summary, since, until, evidence, nextStep. */
    static List<Map<String, Object>> json(List<Finding> findings) {
        List<Map<String, Object>> list = new ArrayList<>();
        for (Finding f : findings) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("code", f.code().name());
            m.put("summary", WORDS.summary(f));
            m.put("by", f.detail().by());
            m.put("since", JsonOut.iso(f.since()));
            m.put("until", JsonOut.iso(f.until()));
            m.put("evidence", f.evidence());
            m.put("nextStep", WORDS.nextStep(f));
            list.add(m);
        }
        return list;
    }

    /** The findings as text: code and summary, then since/until, evidence and the next step, indented. */
    static String text(List<Finding> findings) {
        StringBuilder b = new StringBuilder();
        for (Finding f : findings) {
            if (b.length() > 0) {
                b.append('\n');
            }
            b.append(f.code()).append(": ").append(WORDS.summary(f));
            if (f.since() != null || f.until() != null) {
                b.append("\n  ").append(f.since() == null ? "" : "since " + f.since())
                        .append(f.since() != null && f.until() != null ? ", " : "")
                        .append(f.until() == null ? "" : "until " + f.until());
            }
            if (!f.evidence().isEmpty()) {
                b.append("\n  evidence: trail sequence ").append(join(f.evidence()));
            }
            b.append("\n  next step: ").append(WORDS.nextStep(f));
        }
        return b.toString();
    }

    private static String join(List<Long> seqs) {
        StringBuilder b = new StringBuilder();
        for (Long s : seqs) {
            if (b.length() > 0) {
                b.append(", ");
            }
            b.append(s);
        }
        return b.toString();
    }
}
