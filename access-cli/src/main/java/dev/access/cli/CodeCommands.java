package dev.access.cli;

import dev.access.core.NewCode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code lockctl code add|change|suspend|resume|remove}: the lock's user codes. */
@Command(name = "code", description = "Add, change, suspend, resume or remove a user code.",
        subcommands = {CodeCommands.Add.class, CodeCommands.Change.class, CodeCommands.Suspend.class,
            CodeCommands.Resume.class, CodeCommands.Remove.class})
final class CodeCommands extends CommandGroup {
    /** A command on one slot. */
    abstract static class SlotCommand extends StoreCommand {
        @Mixin
        ActorOption by;

        @Option(names = "--slot", required = true, paramLabel = "N", description = "The slot (0 is the master code).")
        int slot;

        @Override
        void prepare() {
            requireNotNegative("--slot", slot);
        }
    }

    /** {@code code add}. */
    @Command(name = "add", description = "Add a user code to an empty slot (1-65535).")
    static final class Add extends SlotCommand {
        @Mixin
        PinOption pin;

        @Mixin
        CodeOptions options;

        private NewCode code;

        @Override
        void prepare() {
            super.prepare();
            code = options.code(slot);
            pin.resolve();
        }

        @Override
        int execute(StoreOpener.Session session, Console console) {
            return console.done(commandName(), lock, session.access().addCode(lock, code, pin.pin(), by.local()));
        }

        @Override
        void wipe() {
            pin.wipe();
        }
    }

    /** {@code code change}. */
    @Command(name = "change", description = "Replace the PIN of the code in a slot (slot 0: the master code).")
    static final class Change extends SlotCommand {
        @Mixin
        PinOption pin;

        @Override
        void prepare() {
            super.prepare();
            pin.resolve();
        }

        @Override
        int execute(StoreOpener.Session session, Console console) {
            return console.done(commandName(), lock, session.access().changeCode(lock, slot, pin.pin(), by.local()));
        }

        @Override
        void wipe() {
            pin.wipe();
        }
    }

    /** {@code code suspend}. */
    @Command(name = "suspend", description = "Suspend the code in a slot: kept, but it does not open.")
    static final class Suspend extends SlotCommand {
        @Override
        int execute(StoreOpener.Session session, Console console) {
            return console.done(commandName(), lock, session.access().suspendCode(lock, slot, by.local()));
        }
    }

    /** {@code code resume}. */
    @Command(name = "resume", description = "Resume a suspended code.")
    static final class Resume extends SlotCommand {
        @Override
        int execute(StoreOpener.Session session, Console console) {
            return console.done(commandName(), lock, session.access().resumeCode(lock, slot, by.local()));
        }
    }

    /** {@code code remove}. */
    @Command(name = "remove", description = "Remove the code in a slot.")
    static final class Remove extends SlotCommand {
        @Override
        int execute(StoreOpener.Session session, Console console) {
            return console.done(commandName(), lock, session.access().removeCode(lock, slot, by.local()));
        }
    }
}
