package dev.access.cli;

import dev.access.core.LockSetup;
import dev.access.core.domain.LockCommandRejected;
import dev.access.core.domain.LockoutPolicy;
import dev.access.core.domain.Rejection;
import dev.access.crypto.PinPolicy;
import java.time.Duration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code lockctl commission}: commissions a lock with its master code (slot 0). */
@Command(name = "commission", description = "Commission a lock with its master code (slot 0).")
final class CommissionCommand extends StoreCommand {
    @Option(names = "--master-pin", required = true, paramLabel = "PIN",
            description = "The master code's digits; '-' reads one line from standard input.")
    char[] masterPin;

    @Option(names = "--zone", paramLabel = "ZONE", description = "The lock's IANA time zone for schedules (default UTC).")
    String zone;

    @picocli.CommandLine.Mixin
    ActorOption by;

    @Option(names = "--wrong-code-limit", paramLabel = "N",
            description = "Consecutive wrong codes that lock the keypad out (default 5).")
    Integer wrongCodeLimit;

    @Option(names = "--lockout", paramLabel = "SECONDS",
            description = "The first lockout's duration; it doubles on each further lockout (default 60).")
    Integer lockoutSeconds;

    @Option(names = "--min-pin-length", paramLabel = "N", description = "The fewest digits a PIN may have (default 4).")
    Integer minPinLength;

    @Option(names = "--max-pin-length", paramLabel = "N", description = "The most digits a PIN may have (default 8).")
    Integer maxPinLength;

    @Option(names = "--offline-length", paramLabel = "N",
            description = "The digits of the lock's offline codes: 10 to 16, a length user codes cannot have; "
                    + "0: no offline codes (default 10, or one past --max-pin-length when that reaches 10).")
    Integer offlineLength;

    private LockSetup setup;

    @Override
    void prepare() {
        requireNotNegative("--wrong-code-limit", wrongCodeLimit);
        requireNotNegative("--lockout", lockoutSeconds);
        requireNotNegative("--min-pin-length", minPinLength);
        requireNotNegative("--max-pin-length", maxPinLength);
        requireNotNegative("--offline-length", offlineLength);
        LockSetup s = LockSetup.of(lock);
        if (zone != null) {
            s = s.withTimeZone(zone);
        }
        if (wrongCodeLimit != null || lockoutSeconds != null) {
            LockoutPolicy d = LockoutPolicy.defaults();
            s = s.withLockoutPolicy(d.with(wrongCodeLimit == null ? d.wrongCodeEntryLimit() : wrongCodeLimit,
                    lockoutSeconds == null ? d.lockoutDuration() : Duration.ofSeconds(lockoutSeconds)));
        }
        if (minPinLength != null || maxPinLength != null) {
            PinPolicy d = PinPolicy.defaults();
            int max = maxPinLength != null ? maxPinLength : Math.max(d.maxLength(), minPinLength);
            int min = minPinLength != null ? minPinLength : Math.min(d.minLength(), max);
            try {
                s = s.withPinPolicy(d.withLengths(min, max));
            } catch (IllegalArgumentException e) {
                throw new LockCommandRejected(Rejection.INVALID_ARGUMENT, "PIN policy: " + e.getMessage());
            }
        }
        if (offlineLength != null) {
            // After the PIN policy: the lock refuses a length its user codes may have.
            s = s.withOfflineCodeLength(offlineLength);
        }
        setup = s;
        masterPin = Pins.resolve(masterPin, System.in);
    }

    @Override
    int execute(StoreOpener.Session session, Console console) {
        return console.done(commandName(), lock, session.access().commission(setup, masterPin, by.installer()));
    }

    @Override
    void wipe() {
        Pins.wipe(masterPin);
    }
}
