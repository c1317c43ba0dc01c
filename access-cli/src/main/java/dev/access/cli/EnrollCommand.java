package dev.access.cli;

import dev.access.core.fleet.Enrollment;
import dev.access.crypto.BackendPublicKey;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code lockctl enroll --lock ID --backend BACKEND.pub --out ENROLLMENT}: enrolls the lock to a
 * backend and writes the signed enrollment document to hand it. The backend file and the output are
 * checked before the store is opened, so a bad one records nothing.
 */
@Command(name = "enroll", description = "Enroll the lock to a backend (its public file) and write the signed "
        + "enrollment document for it.")
final class EnrollCommand extends StoreCommand {
    @Option(names = "--backend", required = true, paramLabel = "BACKEND.pub",
            description = "The backend's public file (access-backend-public-key 1).")
    Path backendFile;

    @Option(names = "--out", required = true, paramLabel = "ENROLLMENT",
            description = "The enrollment document to write (one JSON line, signed by the lock's trail key).")
    Path out;

    @picocli.CommandLine.Mixin
    ActorOption by;

    private BackendPublicKey backend;

    @Override
    void prepare() {
        OutputPaths.requireSafe("--out", out, LockCtl.globals(spec).data, backendFile);
        OutputPaths.requireWritable("--out", out);
        backend = AuditFiles.readBackendKey(backendFile);
    }

    @Override
    int execute(StoreOpener.Session session, Console console) {
        String before = session.access().state(lock).backendKeyId();
        Enrollment e = session.access().enroll(lock, backend, by.local());
        AuditFiles.write(out, w -> w.write(e.toText()));
        if (console.json()) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("ok", true);
            o.put("command", commandName());
            o.put("lock", lock.value());
            o.put("backend", e.backendKeyId());
            o.put("keyEpoch", e.keyEpoch());
            o.put("sequence", e.sequence());
            o.put("out", out.toString());
            console.printJson(o);
        } else {
            console.printText(commandName() + ": lock " + lock + ": "
                    + (e.backendKeyId().equals(before) ? "already enrolled to" : "enrolled to") + " backend "
                    + e.backendKeyId() + " (key epoch " + e.keyEpoch() + ", trail signed up to sequence " + e.sequence()
                    + "); enrollment written to " + out);
        }
        return ExitCodes.OK;
    }
}
