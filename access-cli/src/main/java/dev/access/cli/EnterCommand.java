package dev.access.cli;

import dev.access.core.EntryResult;
import dev.access.core.domain.EntrySource;
import dev.access.core.domain.OfflineCode;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code lockctl enter}: an entry attempt. Exit 0 when granted, 3 when denied; either way the
 * attempt is recorded before the answer is printed. Input that is not a well-formed PIN (letters,
 * wrong length) is a recorded MALFORMED denial, not an error. A PIN of the lock's offline length is
 * checked as an offline code; a grant or a denial that names one prints its id and window.
 */
@Command(name = "enter", description = "Try a code at the lock: exit 0 granted, 3 denied (recorded either way).")
final class EnterCommand extends StoreCommand {
    @Option(names = "--pin", required = true, paramLabel = "PIN",
            description = "The digits as typed; '-' reads one line from standard input.")
    char[] pin;

    @Option(names = "--source", paramLabel = "SOURCE", converter = Converters.SourceConverter.class,
            description = "keypad (default) or remote.")
    EntrySource source = EntrySource.KEYPAD;

    @Override
    void prepare() {
        pin = Pins.resolve(pin, System.in);
    }

    @Override
    int execute(StoreOpener.Session session, Console console) {
        EntryResult r = session.access().enter(lock, pin, source);
        if (console.json()) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("outcome", r.granted() ? "GRANTED" : "DENIED");
            o.put("lock", r.lockId().value());
            if (r.granted()) {
                o.put("slot", r.slot());
                o.put("userType", r.userType().name());
            } else {
                o.put("reason", r.reason().name());
                if (r.slot() != null) {
                    o.put("slot", r.slot());
                }
                if (r.lockedOutUntil() != null) {
                    o.put("lockedOutUntil", JsonOut.iso(r.lockedOutUntil()));
                }
            }
            OfflineCode c = r.offlineCode();
            if (c != null) {
                o.put("offlineCode", c.id());
                o.put("offlineFrom", JsonOut.iso(c.from()));
                o.put("offlineUntil", JsonOut.iso(c.until()));
                o.put("offlineOneTime", c.oneTime());
                o.put("offlineDaily", c.daily());
            }
            o.put("source", r.source().name());
            o.put("at", JsonOut.iso(r.at()));
            console.printJson(o);
        } else if (r.granted() && r.offlineCode() != null) {
            console.printText("GRANTED: " + offline(r.offlineCode()));
        } else if (r.granted()) {
            console.printText("GRANTED: slot " + r.slot() + " (" + r.userType() + ")");
        } else {
            console.printText("DENIED: " + r.reason()
                    + (r.slot() == null ? "" : " (slot " + r.slot() + ")")
                    + (r.offlineCode() == null ? "" : ", " + offline(r.offlineCode()))
                    + (r.lockedOutUntil() == null ? "" : "; keypad locked out until " + r.lockedOutUntil()));
        }
        return r.granted() ? ExitCodes.OK : ExitCodes.DENIED;
    }

    /** {@code offline code ID (valid FROM to UNTIL[, one-time][, daily HH:00-HH:00])}. */
    private static String offline(OfflineCode c) {
        return "offline code " + c.id() + " (" + OfflineCodeRequest.window(c.from(), c.until(), c.oneTime(), c.daily(),
                null) + ")";
    }

    @Override
    void wipe() {
        Pins.wipe(pin);
    }
}
