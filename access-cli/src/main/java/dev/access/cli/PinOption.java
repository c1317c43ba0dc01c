package dev.access.cli;

import picocli.CommandLine.Option;

/**
 * {@code --pin PIN}, the digits of a code a command sets (a new code, or a new PIN for a slot): a
 * picocli mixin shared by {@code code add|change} and {@code fleet code add|change}. {@code -} reads
 * one line from standard input ({@link Pins}); the buffer is wiped after the command.
 */
final class PinOption {
    @Option(names = "--pin", required = true, paramLabel = "PIN",
            description = "The code's digits; '-' reads one line from standard input.")
    char[] pin;

    /**
     * The PIN, read from standard input for {@code -} (call once, in the command's checks).
     *
     * @throws CliError (usage) if standard input is empty, unreadable or holds an overlong line
     */
    char[] resolve() {
        pin = Pins.resolve(pin, System.in);
        return pin;
    }

    /** The PIN as resolved (wiped by the library once handed to it). */
    char[] pin() {
        return pin;
    }

    /** Overwrites the PIN buffer. */
    void wipe() {
        Pins.wipe(pin);
    }
}
