package dev.access.cli;

import dev.access.core.domain.LockEvent;
import dev.access.core.domain.LockId;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where a command's answer goes: human text or exactly one JSON object on standard output; a
 * failure as exactly one line on standard error (also with --json), and nothing on standard
 * output.
 */
final class Console {
    private final PrintStream out;
    private final PrintStream err;
    private final boolean json;

    Console(PrintStream out, PrintStream err, boolean json) {
        this.out = out;
        this.err = err;
        this.json = json;
    }

    /** The process's current standard streams. */
    static Console system(boolean json) {
        return new Console(System.out, System.err, json);
    }

    boolean json() {
        return json;
    }

    /** Prints one JSON object. */
    void printJson(Map<String, ?> object) {
        out.println(JsonOut.write(object));
        out.flush();
    }

    /** Prints human text. */
    void printText(String text) {
        out.println(text);
        out.flush();
    }

    /**
     * Prints an issued offline PIN, the one answer that holds a PIN (issuing it is the point): as JSON
     * {@code {"pin":"DIGITS",...rest}}, or as text the digits alone on the first line, then {@code
     * text}. The PIN goes out from its {@code char[]} and never becomes a {@code String} here.
     *
     * @throws IllegalStateException if {@code pin} is not digits (the message does not show it)
     */
    void printIssuedPin(char[] pin, Map<String, ?> rest, String text) {
        for (char c : pin) {
            if (c < '0' || c > '9') {
                throw new IllegalStateException("an issued PIN is digits only");
            }
        }
        if (json) {
            String tail = JsonOut.write(rest);
            out.print("{\"pin\":\"");
            out.print(pin);
            out.print(rest.isEmpty() ? "\"}" : "\"," + tail.substring(1));
            out.println();
        } else {
            out.println(pin);
            out.println(text);
        }
        out.flush();
    }

    /**
     * Reports a command that succeeded with {@code events}: {@code {"ok":true,"command":...,
     * "lock":...,"events":[type names]}} or a line of text.
     */
    int done(String command, LockId lock, List<LockEvent> events) {
        if (json) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("ok", true);
            o.put("command", command);
            o.put("lock", lock.value());
            o.put("events", JsonOut.eventTypes(events));
            printJson(o);
        } else {
            printText(command + ": lock " + lock + ": "
                    + (events.isEmpty() ? "no change (nothing to record)" : String.join(", ", JsonOut.eventTypes(events))));
        }
        return ExitCodes.OK;
    }

    /** Prints a warning on standard error, as one line ({@code lockctl: warning: ...}); the command goes on. */
    void warn(String text) {
        err.println("lockctl: warning: " + ExitCodes.oneLine(text));
        err.flush();
    }

    /** Reports a failure on standard error, as one line, and returns its exit code. */
    int fail(String command, Throwable t) {
        ExitCodes.Failure f = ExitCodes.of(t);
        err.println("lockctl: " + (command == null || command.isEmpty() ? "" : command + ": ")
                + ExitCodes.oneLine(f.message()));
        err.flush();
        return f.exitCode();
    }
}
