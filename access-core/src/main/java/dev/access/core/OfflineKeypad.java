package dev.access.core;

import dev.access.core.domain.EntrySource;
import dev.access.core.domain.LockCommand;
import dev.access.core.domain.LockId;
import dev.access.core.domain.OfflineCode;
import dev.access.crypto.KeyRing;
import dev.access.crypto.OfflineCodeChecker;
import dev.access.crypto.OfflineCodeMatch;
import dev.access.crypto.OfflineCodes;
import dev.access.crypto.OfflineValidity;
import dev.access.crypto.PinCode;
import dev.access.crypto.PinPolicy;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * The edge of the offline-code path (package-private helper of {@link AccessControl}): turns typed
 * digits of the offline length into the command the decider judges, with the issuing key's
 * checker, and identifies a typed offline PIN for revocation and diagnosis.
 */
final class OfflineKeypad {
    /** How far ahead of now an issuer may start a window (issuers refuse later starts). */
    static final java.time.Duration MAX_LEAD = OfflineCodes.MAX_LEAD;

    private OfflineKeypad() {
    }

    /** What the keypad needs of a lock to take an offline code: null when the lock takes none. */
    record Settings(int digits, int generation, ZoneId zone) {
        PinPolicy policy() {
            return PinPolicy.defaults().withLengths(digits, digits);
        }
    }

    /** The entry command for a typed offline PIN checked at {@code at} (constant work). */
    static LockCommand.EnterOfflineCode enter(KeyRing keyRing, LockId lock, int epoch, Settings o, PinCode pin,
            EntrySource source, Instant at) {
        OfflineCodeChecker checker = keyRing.offlineCodeChecker(lock.value(), epoch, o.generation(), o.digits(), o.zone());
        OfflineCode match = checker.check(pin, at).map(m -> code(m, o.zone())).orElse(null);
        return new LockCommand.EnterOfflineCode(lock, at, source, match, epoch, o.generation());
    }

    /** The diagnostic check command for a typed offline PIN checked at {@code at} (constant work, as at the keypad). */
    static LockCommand.CheckOfflineCode check(KeyRing keyRing, LockId lock, int epoch, Settings o, PinCode pin,
            Instant at) {
        OfflineCodeChecker checker = keyRing.offlineCodeChecker(lock.value(), epoch, o.generation(), o.digits(), o.zone());
        OfflineCode match = checker.check(pin, at).map(m -> code(m, o.zone())).orElse(null);
        return new LockCommand.CheckOfflineCode(lock, at, match, epoch, o.generation());
    }

    /**
     * The offline codes of generations {@code fromGeneration} to {@code o.generation()} (in that
     * order) that {@code pin} is and that open at some moment in {@code [from, until)}.
     */
    static List<IdentifiedOfflineCode> identify(KeyRing keyRing, LockId lock, int epoch, Settings o, int fromGeneration,
            PinCode pin, Instant from, Instant until) {
        List<IdentifiedOfflineCode> out = new ArrayList<>();
        for (int g = Math.max(1, fromGeneration); g <= o.generation(); g++) {
            OfflineCodeChecker checker = keyRing.offlineCodeChecker(lock.value(), epoch, g, o.digits(), o.zone());
            for (OfflineCodeMatch m : checker.identify(pin, from, until)) {
                out.add(new IdentifiedOfflineCode(g, code(m, o.zone())));
            }
        }
        return out;
    }

    /** The trail's form of a recognised code. */
    static OfflineCode code(OfflineCodeMatch m, ZoneId zone) {
        OfflineValidity v = m.validity();
        return new OfflineCode(m.codeId(), v.from(zone), v.until(zone), v.oneTime(), v.dailyText());
    }

    static boolean isOfflineLength(Settings o, char[] typed) {
        return o != null && typed != null && typed.length == o.digits();
    }

    static int requireDigits(int digits) {
        return OfflineCodes.requireDigits(digits);
    }
}
