package dev.access.examples.firmware;

import dev.access.core.AccessControl;
import dev.access.core.EntryResult;
import dev.access.core.LockSetup;
import dev.access.core.LockStore;
import dev.access.core.NewCode;
import dev.access.core.domain.DeviceEventKind;
import dev.access.core.domain.EntrySource;
import dev.access.core.domain.LockId;
import dev.access.core.domain.LockState;
import dev.access.crypto.FileKeyRing;
import dev.access.crypto.KeyRing;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;

/**
 * Example: a lock's firmware main loop, as a vendor embeds the library on a Linux-class lock hub.
 *
 * <p>Wiring: the embedded SQLite store and an owner-only key file in the lock's data directory,
 * and the hub's clock. The loop reads one line per hardware input: digits typed on the keypad then
 * '#' (e.g. {@code 4826#}, or a guest's 10-digit offline code), {@code battery N}, {@code power-cycle} (the process state is thrown
 * away and rebuilt from the store, as after pulling the batteries), or {@code quit}. It prints one
 * line per input: what the bolt does and why.
 *
 * <p>Run: {@code java -cp examples/target/lockctl.jar dev.access.examples.firmware.KeypadFirmware DATA_DIR < inputs}
 */
public final class KeypadFirmware {
    private static final LockId LOCK = LockId.of("hub-lock-1");

    private final Path dataDir;
    private final Clock clock;
    private final PrintStream out;
    private LockStore store;
    private AccessControl lock;

    /** A firmware instance over a data directory, a clock and a console. */
    public KeypadFirmware(Path dataDir, Clock clock, PrintStream out) {
        this.dataDir = dataDir;
        this.clock = clock;
        this.out = out;
    }

    /** Runs the loop on standard input with the system clock: {@code args[0]} is the data directory. */
    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: KeypadFirmware DATA_DIR");
            System.exit(2);
        }
        new KeypadFirmware(Path.of(args[0]), Clock.systemUTC(), System.out)
                .run(new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)));
    }

    /** Boots (commissioning a factory-fresh lock), then handles inputs until {@code quit} or end of input. */
    public void run(BufferedReader inputs) throws IOException {
        boot();
        try {
            String line;
            while ((line = inputs.readLine()) != null) {
                line = line.strip();
                if (line.equals("quit")) {
                    break;
                }
                handle(line);
            }
        } finally {
            shutdown();
        }
    }

    private void boot() {
        store = LockStore.sqlite(dataDir);
        KeyRing keys = FileKeyRing.open(dataDir.resolve("keys"));
        // A lock process issues few commands at a time: the access log is kept by the backend.
        lock = AccessControl.builder().store(store).clock(clock).keyRing(keys).accessLog(false).build();
        LockState s = lock.state(LOCK);
        if (!s.commissioned()) {
            // Factory defaults: a vendor would take these from provisioning, not from code.
            lock.commission(LockSetup.of(LOCK).withDevice("KP-100", "SN-0001", "1.0.0"), "90817263".toCharArray());
            lock.addCode(LOCK, NewCode.unrestricted(1, "resident"), "4826".toCharArray());
            out.println("boot: commissioned " + LOCK);
        } else {
            out.println("boot: restored " + LOCK + " from its trail (" + lock.events(LOCK).size() + " events, "
                    + s.lockout().consecutiveFailures() + " wrong codes pending)");
        }
        lock.reportDeviceEvent(LOCK, DeviceEventKind.RESTARTED);
    }

    private void shutdown() {
        lock.close();
        store.close();
    }

    private void handle(String line) {
        if (line.endsWith("#")) {
            char[] typed = line.substring(0, line.length() - 1).toCharArray();
            try {
                EntryResult r = lock.enter(LOCK, typed, EntrySource.KEYPAD);
                String who = r.offlineCode() != null ? "offline code " + r.offlineCode().id() : "slot " + r.slot();
                out.println(r.granted() ? "keypad: UNLOCK (" + who + ")"
                        : "keypad: stay locked, " + r.reason() + (r.offlineCode() == null ? "" : " (" + who + ")")
                                + (r.lockedOutUntil() == null ? "" : " until " + r.lockedOutUntil()));
            } finally {
                Arrays.fill(typed, '\0');
            }
        } else if (line.startsWith("battery ")) {
            int percent = Integer.parseInt(line.substring(8).strip());
            lock.reportBattery(LOCK, percent);
            out.println("battery: " + percent + " % (" + lock.state(LOCK).batteryLevel() + ")");
        } else if (line.equals("power-cycle")) {
            shutdown();
            out.println("power: off");
            boot();
        } else {
            out.println("ignored input: " + (line.length() > 20 ? line.substring(0, 20) + "…" : line.replaceAll("[0-9]", "*")));
        }
    }
}
