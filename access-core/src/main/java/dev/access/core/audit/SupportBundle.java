package dev.access.core.audit;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.access.core.domain.LockEvent;
import dev.access.core.domain.LockEvent.BatteryReported;
import dev.access.core.domain.LockEvent.ClockRollbackDetected;
import dev.access.core.domain.LockEvent.ClockSet;
import dev.access.core.domain.LockEvent.DeviceEventReported;
import dev.access.core.domain.LockEvent.FactoryResetPerformed;
import dev.access.core.domain.LockEvent.FirmwareUpdated;
import dev.access.core.domain.LockEvent.LockCommissioned;
import dev.access.core.domain.LockEvent.LockEnrolled;
import dev.access.core.domain.LockProfile;
import dev.access.core.domain.LockState;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.time.Instant;
import java.util.List;

/**
 * Writes a support bundle for a lock as one JSON document: what a vendor's support needs to help
 * with "my code does not work" — the device (model, serial, firmware, zone, policies, the key id of
 * the backend it is enrolled to), its state at the instant, its battery, firmware, clock, enrollment
 * and device-event history, the last
 * {@value #RECENT_ATTEMPTS} attempts and the {@link Diagnosis} findings.
 *
 * <p>Guarantees: no PIN, digest, commitment or key is ever written, and no personal name: the
 * bundle leaves the household, so attempts and findings name codes by slot and user type only
 * (a finding about a code also carries {@code slot} and {@code userType} fields, one about an
 * offline code its {@code offlineCode} id; an offline code is named by its public id and window,
 * which name nobody), and neither who
 * set the mode nor who cleared a lockout is written; only fields listed here are written, never a
 * serialized event.
 */
public final class SupportBundle {
    /** How many of the latest attempts a bundle holds. */
    public static final int RECENT_ATTEMPTS = 50;
    /** The format name written in every bundle. */
    public static final String FORMAT = "access-support-bundle/1";

    private static final JsonFactory JSON = new JsonFactory();

    private SupportBundle() {
    }

    /** Writes the bundle for {@code history} at {@code at}, with the findings of a lock-wide diagnosis. */
    public static void write(LockHistory history, Instant at, Writer out) {
        write(history, Diagnosis.Question.at(at), out);
    }

    /** Writes the bundle for {@code history}, with the findings of {@code question} in English. */
    public static void write(LockHistory history, Diagnosis.Question question, Writer out) {
        write(history, question, FindingRenderer.english(), out);
    }

    /** Writes the bundle for {@code history}, with the findings of {@code question} in {@code words}. */
    public static void write(LockHistory history, Diagnosis.Question question, FindingRenderer words, Writer out) {
        Instant at = question.instant();
        List<SequencedEvent> prefix = Replay.prefix(history, at);
        LockState s = Replay.stateAt(history, at);
        List<Finding> findings = Diagnosis.diagnose(history, question);
        List<Attempt> attempts = Replay.attempts(history.withEvents(prefix));
        try {
            JsonGenerator g = JSON.createGenerator(out);
            g.useDefaultPrettyPrinter();
            g.writeStartObject();
            g.writeStringField("format", FORMAT);
            g.writeStringField("lock", history.lock());
            g.writeStringField("at", at.toString());
            g.writeNumberField("lastSequence", prefix.isEmpty() ? -1 : prefix.get(prefix.size() - 1).sequence());
            g.writeNumberField("events", prefix.size());
            g.writeNumberField("unreadableLines", history.problems().size());
            if (history.anchor() != null) {
                // A pruned trail: where it starts, and what the anchor vouches for.
                g.writeObjectFieldStart("anchor");
                g.writeNumberField("sequence", history.anchor().sequence());
                g.writeStringField("signedAt", history.anchor().at().toString());
                g.writeStringField("through", str(history.anchor().through()));
                g.writeNumberField("firstSequenceBefore", history.anchor().firstSequence());
                g.writeEndObject();
            }

            g.writeObjectFieldStart("device");
            LockProfile p = s.profile();
            LockCommissioned lastCommission = null;
            for (SequencedEvent e : prefix) {
                if (e.event() instanceof LockCommissioned) {
                    lastCommission = (LockCommissioned) e.event();
                }
            }
            g.writeBooleanField("commissioned", s.commissioned());
            g.writeStringField("model", p != null ? p.model() : lastCommission == null ? null : lastCommission.model());
            g.writeStringField("serial", p != null ? p.serial() : lastCommission == null ? null : lastCommission.serial());
            g.writeStringField("firmware", p != null ? p.firmwareVersion() : null);
            g.writeStringField("timeZone", p != null ? p.timeZone() : null);
            if (p != null) {
                g.writeNumberField("pinMinLength", p.pinPolicy().minLength());
                g.writeNumberField("pinMaxLength", p.pinPolicy().maxLength());
                g.writeNumberField("wrongCodeEntryLimit", p.lockoutPolicy().wrongCodeEntryLimit());
                g.writeStringField("lockoutDuration", p.lockoutPolicy().lockoutDuration().toString());
                g.writeNumberField("dailyFailureBudget", p.lockoutPolicy().dailyFailureBudget());
                g.writeNumberField("offlineCodeLength", p.offlineCodeLength());
                if (p.offlineCodes()) {
                    g.writeNumberField("offlineKeyGeneration", s.offline().generation());
                }
            }
            g.writeNumberField("keyEpoch", s.keyEpoch());
            g.writeNumberField("factoryResets", s.factoryResets());
            g.writeStringField("backend", s.backendKeyId());
            g.writeEndObject();

            g.writeObjectFieldStart("state");
            g.writeStringField("mode", s.mode().name());
            g.writeStringField("modeSince", str(s.modeSince()));
            g.writeNumberField("codes", s.credentials().size());
            Instant until = s.lockout().isLockedOutAt(s.effectiveTime(at)) ? s.lockout().lockedOutUntil() : null;
            g.writeStringField("lockedOutUntil", str(until));
            g.writeBooleanField("keypadDisabled", s.lockout().keypadDisabled());
            g.writeNumberField("consecutiveFailures", s.lockout().consecutiveFailures());
            if (s.batteryPercent() == null) {
                g.writeNullField("batteryPercent");
            } else {
                g.writeNumberField("batteryPercent", s.batteryPercent());
            }
            g.writeStringField("batteryLevel", s.batteryLevel().name());
            g.writeBooleanField("clockTrusted", s.clockTrusted());
            g.writeStringField("clockFloor", str(s.clockFloor()));
            g.writeEndObject();

            g.writeArrayFieldStart("batteryHistory");
            for (SequencedEvent e : prefix) {
                if (e.event() instanceof BatteryReported) {
                    BatteryReported b = (BatteryReported) e.event();
                    g.writeStartObject();
                    g.writeNumberField("sequence", e.sequence());
                    g.writeStringField("at", b.at().toString());
                    g.writeNumberField("percent", b.percent());
                    g.writeStringField("level", b.level().name());
                    g.writeEndObject();
                }
            }
            g.writeEndArray();

            g.writeArrayFieldStart("deviceHistory");
            for (SequencedEvent e : prefix) {
                String what = deviceEvent(e.event());
                if (what != null) {
                    g.writeStartObject();
                    g.writeNumberField("sequence", e.sequence());
                    g.writeStringField("at", e.event().at().toString());
                    g.writeStringField("event", what);
                    g.writeEndObject();
                }
            }
            g.writeEndArray();

            g.writeArrayFieldStart("recentAttempts");
            int from = Math.max(0, attempts.size() - RECENT_ATTEMPTS);
            for (Attempt a : attempts.subList(from, attempts.size())) {
                AccessReport.writeJson(a, g, false);
            }
            g.writeEndArray();

            g.writeArrayFieldStart("findings");
            for (Finding named : findings) {
                Finding f = named.withoutNames();
                g.writeStartObject();
                g.writeStringField("code", f.code().name());
                if (f.detail() instanceof FindingDetail.AboutCode) {
                    FindingDetail.Slot slot = ((FindingDetail.AboutCode) f.detail()).slot();
                    g.writeNumberField("slot", slot.number());
                    g.writeStringField("userType", slot.type() == null ? null : slot.type().name());
                }
                if (f.detail() instanceof FindingDetail.AboutOfflineCode) {
                    g.writeStringField("offlineCode", ((FindingDetail.AboutOfflineCode) f.detail()).offlineCode().id());
                }
                g.writeStringField("summary", words.summary(f));
                g.writeStringField("since", str(f.since()));
                g.writeStringField("until", str(f.until()));
                g.writeArrayFieldStart("evidence");
                for (Long seq : f.evidence()) {
                    g.writeNumber(seq);
                }
                g.writeEndArray();
                g.writeStringField("nextStep", words.nextStep(f));
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
            g.flush();
            out.write('\n');
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A one-line description of a device-level event, or null for other events. */
    static String deviceEvent(LockEvent e) {
        if (e instanceof LockCommissioned) {
            LockCommissioned c = (LockCommissioned) e;
            return "commissioned: model " + c.model() + ", serial " + c.serial() + ", firmware " + c.firmwareVersion()
                    + ", zone " + c.timeZone();
        }
        if (e instanceof FirmwareUpdated) {
            FirmwareUpdated f = (FirmwareUpdated) e;
            return "firmware " + f.from() + " -> " + f.to();
        }
        if (e instanceof DeviceEventReported) {
            return "device event " + ((DeviceEventReported) e).kind();
        }
        if (e instanceof ClockRollbackDetected) {
            return "clock rollback detected (floor " + ((ClockRollbackDetected) e).floor() + ")";
        }
        if (e instanceof LockEvent.ClockFaultDetected) {
            return "clock fault (reported " + ((LockEvent.ClockFaultDetected) e).reported() + ")";
        }
        if (e instanceof ClockSet) {
            return "clock set from a trusted source";
        }
        if (e instanceof FactoryResetPerformed) {
            FactoryResetPerformed r = (FactoryResetPerformed) e;
            return "factory reset (key epoch " + r.oldKeyEpoch() + " -> " + r.newKeyEpoch() + ")";
        }
        if (e instanceof LockEnrolled) {
            return "enrolled " + enrollment((LockEnrolled) e);
        }
        if (e instanceof LockEvent.AllOfflineCodesRevoked) {
            LockEvent.AllOfflineCodesRevoked r = (LockEvent.AllOfflineCodesRevoked) e;
            return "every offline code revoked (issuing-key generation " + (r.generation() - 1) + " -> "
                    + r.generation() + ")";
        }
        if (e instanceof LockEvent.OfflineKeyExported) {
            return "offline issuing key exported (generation " + ((LockEvent.OfflineKeyExported) e).generation() + ")";
        }
        return null;
    }

    /**
     * An enrollment in words: {@code to backend K (key epoch N), previously backend P} or
     * {@code …, first backend}, then {@code ; offline issuing-key generation G sealed to it} if it
     * handed the backend the offline issuing key.
     */
    static String enrollment(LockEnrolled e) {
        return "to backend " + e.backendKeyId() + " (key epoch " + e.keyEpoch() + "), "
                + (e.previousBackendKeyId() == null ? "first backend" : "previously backend " + e.previousBackendKeyId())
                + (e.offlineKeyGeneration() == null ? ""
                        : "; offline issuing-key generation " + e.offlineKeyGeneration() + " sealed to it");
    }

    private static String str(Instant t) {
        return t == null ? null : t.toString();
    }
}
