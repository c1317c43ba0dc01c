package dev.access.cli;

import dev.access.core.IdentifiedOfflineCode;
import dev.access.core.domain.LockEvent;
import dev.access.core.domain.OfflineCode;
import dev.access.crypto.IssuedOfflineCode;
import dev.access.crypto.OfflineIssuingKey;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code lockctl offline-code key|revoke|revoke-all|issue}: offline codes at the lock (export its
 * issuing key to an owner-only file, revoke a code by typing it, revoke every code at once) and for
 * an issuer with no backend ({@code issue} reads the key file alone: no store, no key ring).
 */
@Command(name = "offline-code", description = "Offline codes: export the lock's issuing key, revoke codes at the "
        + "lock, issue a code from a key file.",
        subcommands = {OfflineCodeCommands.Key.class, OfflineCodeCommands.Revoke.class,
            OfflineCodeCommands.RevokeAll.class, OfflineCodeCommands.Issue.class})
final class OfflineCodeCommands extends CommandGroup {

    /** {@code offline-code key --lock ID --out FILE}: the owner's export of the issuing key, recorded. */
    @Command(name = "key", description = "Write the lock's offline issuing key to a new owner-only file (0600) and "
            + "record the export (without the key). Anyone holding the file issues codes for the lock.")
    static final class Key extends StoreCommand {
        @Mixin
        ActorOption by;

        @Option(names = "--out", required = true, paramLabel = "FILE",
                description = "The key file to create; an existing file is never overwritten.")
        Path out;

        @Override
        void prepare() {
            // Checked before anything is recorded; the file itself is created before the export too.
            OutputPaths.requireSafe("--out", out, LockCtl.globals(spec).data);
            OutputPaths.requireWritable("--out", out);
            OfflineKeyFile.requireAbsent("--out", out);
        }

        @Override
        int execute(StoreOpener.Session session, Console console) {
            OfflineKeyFile.Written w = OfflineKeyFile.create(out, () -> session.access().exportOfflineIssuingKey(lock, by.local()));
            OfflineIssuingKey key = w.key();
            if (!w.ownerOnly()) {
                console.warn("the key file " + out + " could not be made owner-only (not a POSIX file system): "
                        + "protect it yourself");
            }
            if (console.json()) {
                Map<String, Object> o = new LinkedHashMap<>();
                o.put("ok", true);
                o.put("command", commandName());
                o.put("lock", lock.value());
                o.put("events", List.of("OfflineKeyExported"));
                o.put("out", out.toString());
                o.put("keyEpoch", key.epoch());
                o.put("generation", key.generation());
                o.put("digits", key.digits());
                o.put("timeZone", key.zone().getId());
                console.printJson(o);
            } else {
                console.printText(commandName() + ": lock " + lock + ": offline issuing key (generation "
                        + key.generation() + ", key epoch " + key.epoch() + ", " + key.digits() + "-digit codes, zone "
                        + key.zone().getId() + ") written to " + out + " (owner-only); keep it secret: anyone holding "
                        + "it issues codes for this lock");
            }
            return ExitCodes.OK;
        }
    }

    /** {@code offline-code revoke --lock ID --pin PIN}: revokes the code(s) a typed offline PIN is. */
    @Command(name = "revoke", description = "Revoke the offline code a typed PIN is (any code of the lock's current "
            + "issuing key opening from now on): the lock denies it with REVOKED until its window ends.")
    static final class Revoke extends StoreCommand {
        @Mixin
        ActorOption by;

        @Option(names = "--pin", required = true, paramLabel = "PIN",
                description = "The offline code's digits; '-' reads one line from standard input.")
        char[] pin;

        @Override
        void prepare() {
            pin = Pins.resolve(pin, System.in);
        }

        /** A recorded revocation, with the revoked code's window when it was found (else null). */
        private record Revoked(LockEvent.OfflineCodeRevoked event, OfflineCode code) {
        }

        @Override
        int execute(StoreOpener.Session session, Console console) {
            // A copy, to name each revoked code's window (the library wipes the PIN it is given).
            char[] copy = pin.clone();
            try {
                List<LockEvent> events = session.access().revokeOfflineCode(lock, pin, by.local());
                List<Revoked> revoked = new ArrayList<>();
                for (LockEvent e : events) {
                    if (e instanceof LockEvent.OfflineCodeRevoked r) {
                        revoked.add(new Revoked(r, window(session, r, copy)));
                    }
                }
                print(console, events, revoked);
            } finally {
                Pins.wipe(copy);
            }
            return ExitCodes.OK;
        }

        /**
         * The revoked code with its window: the code of that id the PIN is in the last second of its
         * window (a search of one hour, not of years); null if none is found.
         */
        private OfflineCode window(StoreOpener.Session session, LockEvent.OfflineCodeRevoked r, char[] typed) {
            for (IdentifiedOfflineCode c : session.access().identifyOfflineCode(lock, typed.clone(),
                    r.until().minusSeconds(1), r.until())) {
                if (c.code().id().equals(r.codeId())) {
                    return c.code();
                }
            }
            return null;
        }

        private void print(Console console, List<LockEvent> events, List<Revoked> revoked) {
            if (console.json()) {
                List<Map<String, Object>> codes = new ArrayList<>();
                for (Revoked r : revoked) {
                    OfflineCode c = r.code();
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("codeId", r.event().codeId());
                    m.put("from", c == null ? null : JsonOut.iso(c.from()));
                    m.put("until", JsonOut.iso(r.event().until()));
                    m.put("oneTime", c == null ? null : c.oneTime());
                    m.put("daily", c == null ? null : c.daily());
                    codes.add(m);
                }
                Map<String, Object> o = new LinkedHashMap<>();
                o.put("ok", true);
                o.put("command", commandName());
                o.put("lock", lock.value());
                o.put("events", JsonOut.eventTypes(events));
                o.put("revoked", codes);
                console.printJson(o);
            } else if (revoked.isEmpty()) {
                console.printText(commandName() + ": lock " + lock + ": no change (the offline code this PIN is "
                        + "was already revoked)");
            } else {
                StringJoiner text = new StringJoiner("; ", commandName() + ": lock " + lock + ": revoked ",
                        "; the lock denies it with REVOKED until its window ends");
                for (Revoked r : revoked) {
                    OfflineCode c = r.code();
                    text.add("offline code " + r.event().codeId() + " (" + (c == null
                            ? "its window ends " + r.event().until()
                            : OfflineCodeRequest.window(c.from(), c.until(), c.oneTime(), c.daily(), null)) + ")");
                }
                console.printText(text.toString());
            }
        }

        @Override
        void wipe() {
            Pins.wipe(pin);
        }
    }

    /** {@code offline-code revoke-all --lock ID}: the lock moves to its next issuing key. */
    @Command(name = "revoke-all", description = "Revoke every outstanding offline code: the lock moves to its next "
            + "issuing key; issuers need the new key (offline-code key again, or the backend through a new "
            + "enrollment).")
    static final class RevokeAll extends StoreCommand {
        @Mixin
        ActorOption by;

        @Override
        int execute(StoreOpener.Session session, Console console) {
            List<LockEvent> events = session.access().revokeAllOfflineCodes(lock, by.local());
            LockEvent.AllOfflineCodesRevoked r = null;
            for (LockEvent e : events) {
                if (e instanceof LockEvent.AllOfflineCodesRevoked a) {
                    r = a;
                }
            }
            if (r == null) {
                throw new IllegalStateException("revoke-all recorded no AllOfflineCodesRevoked");
            }
            if (console.json()) {
                Map<String, Object> o = new LinkedHashMap<>();
                o.put("ok", true);
                o.put("command", commandName());
                o.put("lock", lock.value());
                o.put("events", JsonOut.eventTypes(events));
                o.put("keyEpoch", r.keyEpoch());
                o.put("generation", r.generation());
                console.printJson(o);
            } else {
                console.printText(commandName() + ": lock " + lock + ": every offline code issued so far is revoked; "
                        + "the lock now checks issuing-key generation " + r.generation() + " (key epoch " + r.keyEpoch()
                        + "): issuers need the new key (lockctl offline-code key --lock " + lock + " --out FILE; a "
                        + "backend gets it when the lock enrolls again)");
            }
            return ExitCodes.OK;
        }
    }

    /**
     * {@code offline-code issue --key FILE --from INSTANT --until INSTANT [--one-time] [--daily
     * HH:MM-HH:MM] [--variant N]}: issues a code from the owner's key file, with no store and no
     * contact with the lock.
     */
    @Command(name = "issue", description = "Issue an offline code with the lock's key file (no store needed): prints "
            + "the PIN (the one command that does) and the window it really has.")
    static final class Issue extends Subcommand {
        @Option(names = "--key", required = true, paramLabel = "FILE",
                description = "The lock's offline issuing key file (as offline-code key writes it).")
        Path keyFile;

        @Mixin
        OfflineCodeRequest request;

        @Override
        int run(GlobalOptions g, Console console) {
            Instant now = g.at != null ? g.at : Instant.now();
            request.check(now);
            OfflineIssuingKey key = OfflineKeyFile.read(keyFile, console);
            try (IssuedOfflineCode code = request.issue(key, now)) {
                request.print(console, code, key.zone());
            }
            return ExitCodes.OK;
        }
    }
}
