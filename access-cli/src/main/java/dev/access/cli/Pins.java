package dev.access.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * PIN input. A PIN is only ever a {@code char[]}: taken from {@code --pin} (picocli binds it as
 * a char array) or, for {@code --pin -}, read from standard input (one line, so it stays out of
 * the shell's history and the process list), handed to the library (which wipes it) and wiped
 * again here. It is never printed, logged or put into a message.
 */
final class Pins {
    /** The longest line accepted on standard input. */
    static final int MAX_STDIN_CHARS = 256;

    private Pins() {
    }

    /**
     * The PIN the option gave: its own characters, or for {@code -} one line read from
     * {@code in} (the {@code -} buffer is wiped).
     *
     * @throws CliError (usage) if standard input is empty, unreadable or holds an overlong line
     */
    static char[] resolve(char[] given, InputStream in) {
        if (given == null || given.length != 1 || given[0] != '-') {
            return given;
        }
        wipe(given);
        return readLine("--pin -", "the PIN", in);
    }

    /**
     * One line of {@code in} (without its line break) for {@code option} (e.g. {@code --password -}),
     * which expects {@code what} on it.
     *
     * @throws CliError (usage) if standard input is empty, unreadable or holds an overlong line
     */
    static char[] readLine(String option, String what, InputStream in) {
        byte[] buf = new byte[MAX_STDIN_CHARS];
        int n = 0;
        boolean any = false;
        try {
            int b;
            while ((b = in.read()) != -1) {
                any = true;
                if (b == '\n') {
                    break;
                }
                if (n == buf.length) {
                    throw CliError.usage(option + ": the line on standard input is longer than "
                            + MAX_STDIN_CHARS + " characters");
                }
                buf[n++] = (byte) b;
            }
            if (!any) {
                throw CliError.usage(option + ": standard input is empty (expected " + what + " on one line)");
            }
            if (n > 0 && buf[n - 1] == '\r') {
                n--;
            }
            char[] pin = new char[n];
            for (int i = 0; i < n; i++) {
                pin[i] = (char) (buf[i] & 0xff);
            }
            return pin;
        } catch (IOException e) {
            throw CliError.usage(option + ": cannot read standard input (" + dev.access.Causes.plain(e) + ")");
        } finally {
            Arrays.fill(buf, (byte) 0);
        }
    }

    /** Overwrites a PIN buffer (null is fine). */
    static void wipe(char[] pin) {
        if (pin != null) {
            Arrays.fill(pin, '\0');
        }
    }
}
