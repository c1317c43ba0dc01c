package dev.access.cli;

import dev.access.core.EntryResult;
import dev.access.core.domain.EntrySource;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code lockctl enter}: an entry attempt. Exit 0 when granted, 3 when denied; either way the
 * attempt is recorded before the answer is printed. Input that is not a well-formed PIN (letters,
 * wrong length) is a recorded MALFORMED denial, not an error.
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
            o.put("source", r.source().name());
            o.put("at", JsonOut.iso(r.at()));
            console.printJson(o);
        } else if (r.granted()) {
            console.printText("GRANTED: slot " + r.slot() + " (" + r.userType() + ")");
        } else {
            console.printText("DENIED: " + r.reason()
                    + (r.slot() == null ? "" : " (slot " + r.slot() + ")")
                    + (r.lockedOutUntil() == null ? "" : "; keypad locked out until " + r.lockedOutUntil()));
        }
        return r.granted() ? ExitCodes.OK : ExitCodes.DENIED;
    }

    @Override
    void wipe() {
        Pins.wipe(pin);
    }
}
