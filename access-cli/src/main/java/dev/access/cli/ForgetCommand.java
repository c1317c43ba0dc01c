package dev.access.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code lockctl forget --lock ID --slot N | --actor NAME}: erases a person from the lock's trail by
 * destroying their key (their names read as erased everywhere; the trail still verifies).
 */
@Command(name = "forget", description = "Erase a person: the holder(s) of a slot, or an actor. Their names "
        + "become unreadable everywhere (status, audit, exports made from now on); the trail still verifies.")
final class ForgetCommand extends StoreCommand {
    @Option(names = "--slot", paramLabel = "N", description = "Erase every person who held this slot (past and present).")
    Integer slot;

    @Option(names = "--actor", paramLabel = "NAME", description = "Erase the actor of this name (as given with --by).")
    String actor;

    @Mixin
    ActorOption by;

    @Override
    void prepare() {
        if ((slot == null) == (actor == null)) {
            throw CliError.usage("forget needs exactly one of --slot N or --actor NAME");
        }
        requireNotNegative("--slot", slot);
    }

    @Override
    int execute(StoreOpener.Session session, Console console) {
        int erased = slot != null ? session.access().forgetSlotHolder(lock, slot, by.local())
                : session.access().forgetActor(lock, actor, by.local());
        if (console.json()) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("ok", true);
            o.put("command", commandName());
            o.put("lock", lock.value());
            o.put("erased", erased);
            console.printJson(o);
        } else {
            console.printText(commandName() + ": lock " + lock + ": " + (erased == 0
                    ? "already erased (nothing left to erase)"
                    : "erased " + erased + (erased == 1 ? " person" : " people")
                            + " (names now read " + dev.access.crypto.PersonalData.ERASED + ")"));
        }
        return ExitCodes.OK;
    }
}
