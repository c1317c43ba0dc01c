package dev.access.cli;

import dev.access.core.domain.BatchOperation;
import dev.access.core.domain.BatchOutcome;
import dev.access.core.domain.LockCommandRejected;
import dev.access.core.domain.LockId;
import dev.access.core.domain.Rejection;
import dev.access.core.fleet.AppliedBatch;
import dev.access.core.fleet.ProgrammingBatch;
import dev.access.crypto.SignatureVerificationException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code lockctl apply BATCH [--lock ID]}: the lock's side of a programming batch. The file is read
 * and parsed before the store is opened (unreadable: exit 2; not a batch: exit 5); the library then
 * checks the signature against the lock's enrolled backend (exit 5), the lock, its epoch and the
 * batch number (exit 4), and applies each operation like a local command, recording a refused one
 * with its reason. A refused batch changes nothing.
 */
@Command(name = "apply", description = "Apply a programming batch from the lock's backend (written by 'lockctl fleet"
        + " push'): exit 5 if its signature or format does not verify, 4 if the lock refuses it (NOT_ENROLLED,"
        + " WRONG_LOCK, STALE_BATCH, STALE_KEY_EPOCH); nothing changes then.")
final class ApplyCommand extends Subcommand {
    @Parameters(index = "0", paramLabel = "BATCH", description = "The batch file.")
    Path file;

    @Option(names = "--lock", paramLabel = "ID", converter = Converters.LockIdConverter.class,
            description = "The lock the batch must be for (default: the lock it names, which this store must hold).")
    LockId lock;

    @Override
    int run(GlobalOptions g, Console console) {
        String password = g.jdbcUrl == null ? null : g.password(System.getenv(), System.in);
        ProgrammingBatch batch = AuditFiles.readBatch(file);
        if (lock != null && !lock.value().equals(batch.lock())) {
            throw new LockCommandRejected(Rejection.WRONG_LOCK, "the batch " + file + " is for lock " + batch.lock()
                    + ", not " + lock);
        }
        AppliedBatch r;
        try (StoreOpener.Session session = StoreOpener.open(g, password, true)) {
            r = session.access().apply(batch);
        } catch (SignatureVerificationException e) {
            throw new SignatureVerificationException("the batch " + file + " does not verify: " + e.getMessage());
        }
        List<String> applied = new ArrayList<>();
        List<BatchOutcome> refused = new ArrayList<>();
        for (BatchOutcome o : r.outcomes()) {
            if (o.applied()) {
                applied.add(o.operation());
            } else {
                refused.add(o);
            }
        }
        if (console.json()) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("ok", true);
            o.put("command", commandName());
            o.put("lock", r.lock());
            o.put("batch", r.batch());
            o.put("applied", applied);
            List<Map<String, Object>> rs = new ArrayList<>();
            for (BatchOutcome x : refused) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("operation", x.operation());
                m.put("slot", x.slot());
                m.put("reason", x.refusal());
                rs.add(m);
            }
            o.put("refused", rs);
            console.printJson(o);
        } else {
            StringBuilder b = new StringBuilder(commandName() + ": lock " + r.lock() + ": batch " + r.batch()
                    + " applied: " + applied.size() + " operation(s) applied, " + refused.size() + " refused");
            for (BatchOutcome x : refused) {
                b.append("\n  refused: operation ").append(x.operation()).append(" (")
                        .append(x.kind() == BatchOperation.Kind.SET_MODE ? "mode"
                                : x.kind() == BatchOperation.Kind.REVOKE_OFFLINE_CODE ? "offline code revocation"
                                : "slot " + x.slot())
                        .append("): ").append(x.refusal());
            }
            console.printText(b.toString());
        }
        return ExitCodes.OK;
    }
}
