package dev.access.core.audit;

import dev.access.core.domain.LockDecider;
import dev.access.core.domain.LockId;
import dev.access.core.domain.OfflineCode;
import dev.access.core.trail.TrailSource;
import dev.access.crypto.CodeDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/*
 * Implementation notes.
 *
 * Everything is read from the trail's prefix up to the question's instant (Replay.prefix) and the
 * state folded from it; the code's own verdict is the decider's (Replay.ownVerdict), so a finding
 * never contradicts what the lock would do.
 *
 * A typed PIN arrives as its digest under the lock's current key (the caller digests it; this class
 * never sees digits). The trail holds either digests (AccessControl.events) or, in audit form (an
 * export, any TrailSource), their CodeCommitments; each fingerprint is asked whether it identifies
 * the typed digest (CodeFingerprint.identifies, constant time), for every CodeAdded and
 * CodeChanged, removed and replaced codes included. Codes set before a factory reset were digested under a destroyed key and can never
 * match: that is crypto-shredding, and the UNKNOWN_CODE finding says so.
 *
 * Order of the findings: what stops every entry first (as the decider checks: lockout, disabled
 * keypad, mode, battery), then what is wrong with the code, then the background (clock, low
 * battery, jams, firmware, resets); CODE_OK or NOTHING_FOUND when nothing stops the code.
 *
 * A typed offline PIN arrives as what an administrator's search found for it (OfflineSearch: the
 * codes' ids and windows, never digits), run by the caller after the lock let a diagnostic check
 * through (AccessControl.checkCode); OfflineChecks judges each code found against the trail and the
 * decider, and names what concerns every offline code (an untrusted clock, a revoke-all).
 *
 * The rules about the lock are LockChecks', those about one code CodeChecks' (OfflineChecks' for an
 * offline code); all read and add to a DiagnosisRun. A finding is data (a FindingDetail per situation); the words are a
 * FindingRenderer's, EnglishFindings by default.
 */
/**
 * "Why does my code not work?": the troubleshooting checklist answered from a lock's trail, for the
 * lock and optionally one code (a slot, the digest of a typed PIN, or what the search for a typed
 * offline PIN found), at an instant.
 *
 * <p>Guarantees: findings name slots, names, times, sequence numbers and offline codes' public ids
 * and windows, never a PIN, digest or commitment; a typed code's digest is only compared, in
 * constant time, and never kept or written.
 */
public final class Diagnosis {
    /** Jams and firmware updates older than this before the instant are not reported. */
    public static final Duration LOOKBACK = Duration.ofDays(30);
    /** Evidence lists name at most this many events of one kind (the latest). */
    public static final int MAX_EVIDENCE = 10;

    private Diagnosis() {
    }

    /**
     * What an administrator's search found for a typed offline PIN (as {@code AccessControl.checkCode}
     * runs it after the lock let the check through): the offline codes of key epoch {@code keyEpoch},
     * issuing-key generations 1 to {@code generations}, that the PIN is and that open at some moment
     * in {@code [from, until)}. Holds no PIN: only codes' ids and windows.
     *
     * @param keyEpoch the lock's key epoch searched
     * @param generations the lock's issuing-key generation at the search (every one up to it was searched)
     * @param from the start of the searched range
     * @param until the end of the searched range
     * @param matches the codes found, by generation (usually none or one)
     */
    public record OfflineSearch(int keyEpoch, int generations, Instant from, Instant until, List<Match> matches) {
        /** Copies the matches; requires the range. */
        public OfflineSearch {
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(until, "until");
            matches = List.copyOf(matches);
        }

        /**
         * One code found.
         *
         * @param generation the issuing-key generation it was issued under
         * @param code the code (id and validity)
         */
        public record Match(int generation, OfflineCode code) {
            /** Requires the code. */
            public Match {
                Objects.requireNonNull(code, "code");
            }
        }
    }

    /**
     * What to diagnose: an instant, and optionally a slot, the digest of a typed PIN (under the
     * lock's current key) or what the search for a typed offline PIN found, and the typed length.
     *
     * <p>Guarantees: not a record, so its {@code toString} is redacted and never shows the digest
     * nor what an offline search found.
     */
    public static final class Question {
        private final Instant at;
        private final Integer slot;
        private final CodeDigest typedCode;
        private final Integer typedLength;
        private final OfflineSearch offline;

        private Question(Instant at, Integer slot, CodeDigest typedCode, Integer typedLength, OfflineSearch offline) {
            this.at = Objects.requireNonNull(at, "at");
            this.slot = slot;
            this.typedCode = typedCode;
            this.typedLength = typedLength;
            this.offline = offline;
        }

        /** The lock at {@code at}, no particular code. */
        public static Question at(Instant at) {
            return new Question(at, null, null, null, null);
        }

        /**
         * This question about the code in {@code slot}.
         *
         * @throws IllegalArgumentException if the slot is outside 0..65535
         */
        public Question slot(int s) {
            if (s < 0 || s > LockDecider.MAX_SLOT) {
                throw new IllegalArgumentException("slot must be 0.." + LockDecider.MAX_SLOT + ", was " + s);
            }
            return new Question(at, s, typedCode, typedLength, offline);
        }

        /** This question about the code whose PIN digests to {@code digest} under the lock's current key. */
        public Question typedCode(CodeDigest digest) {
            return new Question(at, slot, Objects.requireNonNull(digest, "digest"), typedLength, offline);
        }

        /**
         * This question with the number of digits typed.
         *
         * @throws IllegalArgumentException if negative
         */
        public Question typedLength(int digits) {
            if (digits < 0) {
                throw new IllegalArgumentException("typed length must be >= 0, was " + digits);
            }
            return new Question(at, slot, typedCode, digits, offline);
        }

        /**
         * This question about a typed offline PIN, with what the administrator's search found for
         * it (see {@link OfflineSearch}).
         */
        public Question offlineSearch(OfflineSearch search) {
            return new Question(at, slot, typedCode, typedLength, Objects.requireNonNull(search, "search"));
        }

        /** The search for a typed offline PIN, or null. */
        public OfflineSearch offlineSearchAsked() {
            return offline;
        }

        /** The instant. */
        public Instant instant() {
            return at;
        }

        /** The slot asked about, or null. */
        public Integer slotAsked() {
            return slot;
        }

        /** Whether a typed code's digest was given. */
        public boolean hasTypedCode() {
            return typedCode != null;
        }

        /** The typed length, or null. */
        public Integer typedLengthAsked() {
            return typedLength;
        }

        /** Redacted: never shows the digest. */
        @Override
        public String toString() {
            return "Question[at=" + at + ", slot=" + slot + ", typedCode=" + (typedCode == null ? "none" : "given")
                    + ", typedLength=" + typedLength + (offline == null ? "" : ", offlineSearch=given") + "]";
        }
    }

    /** Diagnoses a lock from the trail a source holds (a running lock, an export, an archive). */
    public static List<Finding> diagnose(TrailSource source, LockId lock, Question q) {
        return diagnose(LockHistory.of(source, lock), q);
    }

    /** Diagnoses a lock from its history. */
    public static List<Finding> diagnose(LockHistory history, Question q) {
        return run(history, q);
    }

    /** One diagnosis: what stops every entry, then the code, then the background, as the notes above say. */
    private static List<Finding> run(LockHistory history, Question q) {
        DiagnosisRun r = new DiagnosisRun(history, q.at);
        boolean commissioned = r.s.commissioned();
        if (!commissioned) {
            LockChecks.notCommissioned(r);
        } else {
            LockChecks.stopsEveryEntry(r);
            CodeChecks.check(r, q.slot, q.typedCode, q.typedLength);
            OfflineChecks.check(r, q.slot, q.typedCode, q.typedLength, q.offline);
        }
        LockChecks.background(r, commissioned);
        if (commissioned) {
            OfflineChecks.background(r, q.slot == null && q.typedCode == null);
        }
        if (commissioned && r.nothingFound()) {
            LockChecks.nothingFound(r);
        }
        return r.findings();
    }
}
