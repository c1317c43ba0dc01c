package dev.access.cli;

import dev.access.core.Fleet;
import dev.access.core.domain.LockId;
import dev.access.core.fleet.OfflineCodeIssue;
import dev.access.core.fleet.OfflineCodeSync;
import dev.access.core.fleet.OfflineIssuance;
import dev.access.crypto.IssuedOfflineCode;
import dev.access.crypto.OfflineCodes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code lockctl fleet offline-code} (issue), {@code fleet offline-code revoke} and {@code fleet
 * offline-code list}: offline codes issued by the backend with the issuing key a lock handed it at
 * enrollment. Issuing prints the PIN: the one place lockctl prints a PIN, because handing it out is
 * the point; the backend records the issuance without it, and no error message ever holds it.
 */
final class FleetOfflineCodes {
    private FleetOfflineCodes() {
    }

    /** {@code fleet offline-code --lock ID --from INSTANT --until INSTANT [...]}. */
    @Command(name = "offline-code", description = "Issue an offline code for a lock with the issuing key it handed the"
            + " backend at enrollment, and print its PIN (the window it really has, on the offline-code grid, is"
            + " printed with it); the backend records the issuance, never the PIN. 'revoke' queues a revocation for"
            + " the next 'fleet push'; 'list' shows the issued codes and their status.",
            subcommands = {Revoke.class, Listing.class})
    static final class Issue extends FleetCommands.BackendCommand {
        @Option(names = "--lock", paramLabel = "ID", converter = Converters.LockIdConverter.class,
                description = "The lock (required).")
        LockId lock;

        @Option(names = "--from", paramLabel = "INSTANT", converter = Converters.InstantConverter.class,
                description = "The earliest the code may open (ISO-8601; required).")
        Instant from;

        @Option(names = "--until", paramLabel = "INSTANT", converter = Converters.InstantConverter.class,
                description = "The latest it may stop opening (ISO-8601, at most 366 days after --from; required).")
        Instant until;

        @Option(names = "--one-time", description = "The first use consumes it (plain windows only).")
        boolean oneTime;

        @Option(names = "--daily", paramLabel = "HH:MM-HH:MM", converter = Converters.HoursConverter.class,
                description = "Open only between these local hours each day, in the lock's time zone (not across"
                        + " midnight; 24:00 allowed as the end).")
        Converters.Hours daily;

        @Option(names = "--name", paramLabel = "NAME", description = "Whom the code is for (kept with the issuance).")
        String name;

        @Option(names = "--by", paramLabel = "NAME",
                description = "Who asks for it, kept with the issuance (default: backend).")
        String by = FleetRequests.DEFAULT_REQUESTER;

        @Override
        void prepare(GlobalOptions g) {
            if (lock == null) {
                throw CliError.usage("missing --lock (the lock to issue an offline code for)");
            }
            if (from == null || until == null) {
                throw CliError.usage("missing " + (from == null ? "--from" : "--until")
                        + ": an offline code needs the start and the end of its window");
            }
        }

        @Override
        int execute(Fleet fleet, Console console) {
            try (OfflineCodeIssue issued = fleet.issueOfflineCode(lock, from, until, oneTime,
                    daily == null ? null : daily.from(), daily == null ? null : daily.until(), name, by)) {
                IssuedOfflineCode code = issued.code();
                OfflineIssuance i = issued.issuance();
                char[] pin = code.pin();
                try {
                    if (console.json()) {
                        Map<String, Object> o = new LinkedHashMap<>();
                        o.put("pin", new String(pin));
                        o.put("lock", i.lock());
                        o.put("from", JsonOut.iso(i.from()));
                        o.put("until", JsonOut.iso(i.until()));
                        o.put("oneTime", i.oneTime());
                        o.put("codeId", i.codeId());
                        o.put("daily", i.daily());
                        o.put("variant", i.variant());
                        console.printJson(o);
                    } else {
                        console.printText(new String(pin) + "\n" + commandName() + ": lock " + i.lock() + ": offline code "
                                + i.codeId() + " opens from " + i.from() + " until " + i.until() + window(i)
                                + " (variant " + i.variant() + "); recorded by the backend without its PIN");
                    }
                } finally {
                    Arrays.fill(pin, '\0');
                }
            }
            return ExitCodes.OK;
        }
    }

    /** {@code fleet offline-code revoke --lock ID --code-id ID}. */
    @Command(name = "revoke", description = "Queue the revocation of an offline code the backend issued: it goes to"
            + " the lock with the next 'fleet push', which revokes it until its window ends. Exit 4 for an id the"
            + " backend did not issue or a code whose window has ended.")
    static final class Revoke extends FleetCommands.LockBackendCommand {
        @Option(names = "--code-id", required = true, paramLabel = "ID",
                description = "The code's id (16 lower-case hex digits), as 'fleet offline-code' printed it.")
        String codeId;

        @Option(names = "--by", paramLabel = "NAME", description = "Who asks for it (default: backend).")
        String by = FleetRequests.DEFAULT_REQUESTER;

        @Override
        void prepare(GlobalOptions g) {
            // Never echo it: a PIN pasted here by mistake must not reach the error line.
            if (!OfflineCodes.isCodeId(codeId)) {
                throw CliError.usage("--code-id is not an offline code id (16 lower-case hex digits, as"
                        + " 'fleet offline-code list' shows them)");
            }
        }

        @Override
        int execute(Fleet fleet, Console console) {
            OfflineCodeSync s = fleet.revokeOfflineCode(lock, codeId, by);
            if (console.json()) {
                Map<String, Object> o = new LinkedHashMap<>();
                o.put("ok", true);
                o.put("command", commandName());
                o.put("lock", lock.value());
                o.put("codeId", codeId);
                o.put("until", JsonOut.iso(s.issuance().until()));
                o.put("status", s.status().name());
                o.put("since", JsonOut.iso(s.since()));
                console.printJson(o);
            } else {
                console.printText(commandName() + ": lock " + lock + ": offline code " + codeId + ": " + s.status()
                        + switch (s.status()) {
                            case REVOKE_PENDING -> ": it goes to the lock with the next 'lockctl fleet push'";
                            case REVOKED, REVOKED_ALL -> ": the lock's trail shows it revoked; nothing to record";
                            case USED -> ": the one-time code was used; it opens no more; nothing to record";
                            case LOCK_RESET -> ": the lock was reset since; the code opens no more; nothing to record";
                            default -> "";
                        });
            }
            return ExitCodes.OK;
        }
    }

    /** {@code fleet offline-code list --lock ID}. */
    @Command(name = "list", description = "List the offline codes the backend issued for a lock (never their PINs)"
            + " with their status from the lock's trail: ISSUED, USED, REVOKE_PENDING, REVOKE_FAILED, REVOKED,"
            + " REVOKED_ALL, EXPIRED, LOCK_RESET.")
    static final class Listing extends FleetCommands.LockBackendCommand {
        @Override
        boolean usesKeyRing() {
            return false;
        }

        @Override
        int execute(Fleet fleet, Console console) {
            List<OfflineCodeSync> codes = fleet.offlineCodes(lock);
            if (console.json()) {
                List<Map<String, Object>> out = new ArrayList<>();
                for (OfflineCodeSync s : codes) {
                    out.add(fields(s));
                }
                Map<String, Object> o = new LinkedHashMap<>();
                o.put("lock", lock.value());
                o.put("offlineCodes", out);
                console.printJson(o);
            } else if (codes.isEmpty()) {
                console.printText("lock " + lock + ": the backend issued no offline code");
            } else {
                StringBuilder b = new StringBuilder("lock " + lock + ": " + codes.size() + " offline code(s)");
                for (OfflineCodeSync s : codes) {
                    OfflineIssuance i = s.issuance();
                    b.append('\n').append(String.format(Locale.ROOT, "  %s %-14s %s to %s%s, %s (by %s, issued %s%s)",
                            i.codeId(), s.status() + (s.reason() == null ? "" : " " + s.reason()), i.from(), i.until(),
                            window(i), i.name() == null ? "-" : i.name(), i.by(), i.issuedAt(),
                            s.batch() == null ? "" : ", batch " + s.batch()));
                }
                console.printText(b.toString());
            }
            return ExitCodes.OK;
        }

        /** One code's JSON fields. */
        static Map<String, Object> fields(OfflineCodeSync s) {
            OfflineIssuance i = s.issuance();
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("codeId", i.codeId());
            m.put("name", i.name());
            m.put("from", JsonOut.iso(i.from()));
            m.put("until", JsonOut.iso(i.until()));
            m.put("oneTime", i.oneTime());
            m.put("daily", i.daily());
            m.put("variant", i.variant());
            m.put("keyEpoch", i.keyEpoch());
            m.put("generation", i.generation());
            m.put("status", s.status().name());
            m.put("reason", s.reason());
            m.put("since", JsonOut.iso(s.since()));
            m.put("batch", s.batch());
            m.put("by", i.by());
            m.put("issuedAt", JsonOut.iso(i.issuedAt()));
            return m;
        }
    }

    /** ", one-time" and ", daily HH:00-HH:00 (lock time)", the parts that apply. */
    private static String window(OfflineIssuance i) {
        return (i.oneTime() ? ", one-time" : "") + (i.daily() == null ? "" : ", daily " + i.daily() + " (lock time)");
    }
}
