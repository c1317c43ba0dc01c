package dev.access.cli;

import dev.access.core.Fleet;
import dev.access.core.NewCode;
import dev.access.core.domain.OperatingMode;
import dev.access.core.fleet.DesiredChange;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code lockctl fleet code add|change|suspend|resume|remove} and {@code fleet mode}: the owner's
 * wishes, recorded in the backend's desired state of a lock and carried to it by the next {@code
 * fleet push}. A PIN is sealed to the lock at once by the library and wiped here: it is never
 * printed, stored or put into a message.
 */
final class FleetRequests {
    /** Who the backend's desired state names when {@code --by} is not given. */
    static final String DEFAULT_REQUESTER = "backend";

    private FleetRequests() {
    }

    /** A change asked of the backend for one lock: recorded, then reported. */
    abstract static class Request extends FleetCommands.LockBackendCommand {
        @Option(names = "--by", paramLabel = "NAME",
                description = "Who asks for it, for the backend's desired state (default: backend).")
        String by = DEFAULT_REQUESTER;

        @Override
        final int execute(Fleet fleet, Console console) {
            DesiredChange c = request(fleet);
            if (console.json()) {
                Map<String, Object> o = new LinkedHashMap<>();
                o.put("ok", true);
                o.put("command", commandName());
                o.put("lock", c.lock());
                describe(o, c);
                o.put("operation", c.operation());
                console.printJson(o);
            } else {
                console.printText(commandName() + ": lock " + c.lock() + ": " + what(c) + " recorded as operation "
                        + c.operation() + "; it goes to the lock with the next 'lockctl fleet push'");
            }
            return ExitCodes.OK;
        }

        /** Records the change. */
        abstract DesiredChange request(Fleet fleet);

        /** Puts what the change is about into the JSON answer, after {@code lock}. */
        void describe(Map<String, Object> o, DesiredChange c) {
            o.put("slot", c.slot());
        }

        /** The change in words, for the text answer. */
        String what(DesiredChange c) {
            return "slot " + c.slot() + ": " + c.change();
        }
    }

    /** A change of the code in one slot. */
    abstract static class SlotRequest extends Request {
        @Option(names = "--slot", required = true, paramLabel = "N", description = "The slot (1-65535).")
        int slot;

        @Override
        void prepare(GlobalOptions g) {
            StoreCommand.requireNotNegative("--slot", slot);
        }
    }

    /** {@code fleet code ...}. */
    @Command(name = "code", description = "Ask for a code to be added, changed, suspended, resumed or removed at a lock:"
            + " recorded in the backend's desired state, sent with the next 'fleet push'.",
            subcommands = {Add.class, Change.class, Suspend.class, Resume.class, Remove.class})
    static final class Code extends CommandGroup {
    }

    /** A change that carries a new PIN ({@code --pin}, read before anything is opened, wiped after the command). */
    abstract static class PinRequest extends SlotRequest {
        @Mixin
        PinOption pin;

        @Override
        final void prepare(GlobalOptions g) {
            super.prepare(g);
            check();
            pin.resolve();
        }

        /** Checks the other options, before the PIN is read. */
        void check() {
        }

        @Override
        final void cleanUp() {
            pin.wipe();
        }
    }

    /** {@code fleet code add}. */
    @Command(name = "add", description = "Ask for a new code in a slot, with the options of 'code add'; the PIN is"
            + " checked against the lock's PIN policy and sealed to the lock at once.")
    static final class Add extends PinRequest {
        @Mixin
        CodeOptions options;

        private NewCode code;

        @Override
        void check() {
            code = options.code(slot);
        }

        @Override
        DesiredChange request(Fleet fleet) {
            return fleet.requestCode(lock, code, pin.pin(), by);
        }
    }

    /** {@code fleet code change}. */
    @Command(name = "change", description = "Ask for a new PIN for the managed code in a slot (sealed at once).")
    static final class Change extends PinRequest {
        @Override
        DesiredChange request(Fleet fleet) {
            return fleet.requestPinChange(lock, slot, pin.pin(), by);
        }
    }

    /** {@code fleet code suspend}. */
    @Command(name = "suspend", description = "Ask for the managed code in a slot to be suspended.")
    static final class Suspend extends SlotRequest {
        @Override
        DesiredChange request(Fleet fleet) {
            return fleet.requestSuspend(lock, slot, by);
        }
    }

    /** {@code fleet code resume}. */
    @Command(name = "resume", description = "Ask for the managed code in a slot to be resumed.")
    static final class Resume extends SlotRequest {
        @Override
        DesiredChange request(Fleet fleet) {
            return fleet.requestResume(lock, slot, by);
        }
    }

    /** {@code fleet code remove}. */
    @Command(name = "remove", description = "Ask for the managed code in a slot to be removed (the slot emptied).")
    static final class Remove extends SlotRequest {
        @Override
        DesiredChange request(Fleet fleet) {
            return fleet.requestRemove(lock, slot, by);
        }
    }

    /** {@code fleet mode MODE}. */
    @Command(name = "mode", description = "Ask for the lock's operating mode; sent with the next 'fleet push'.")
    static final class Mode extends Request {
        @Parameters(index = "0", paramLabel = "MODE", converter = Converters.ModeConverter.class,
                description = "normal, vacation, privacy, no-remote or passage.")
        OperatingMode mode;

        @Override
        DesiredChange request(Fleet fleet) {
            return fleet.requestMode(lock, mode, by);
        }

        @Override
        void describe(Map<String, Object> o, DesiredChange c) {
            o.put("mode", mode.name());
        }

        @Override
        String what(DesiredChange c) {
            return "mode " + Converters.kebab(mode);
        }
    }
}
