package dev.access.cli;

import dev.access.core.LockStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Refuses an output file that would overwrite the store or an input. An output is compared by where
 * it really lands: its parent directory's real path (symbolic links followed) with its name, and,
 * if it exists, its own real path (a symbolic link to a store file counts as that file). The data
 * directory's own files are {@code events.db} with its {@code -wal} and {@code -shm}, the key ring
 * ({@code keys.lock} too) and everything under {@code native/}.
 */
final class OutputPaths {
    private OutputPaths() {
    }

    /**
     * Checks {@code out}, given as {@code option} (e.g. {@code --out}).
     *
     * @throws CliError (exit 2) naming {@code out} if it lands on one of the data directory's files or
     *     on one of {@code inputs}
     */
    static void requireSafe(String option, Path out, Path data, Path... inputs) {
        Set<Path> landsOn = whereItLands(out);
        Path dataDir = realOrNull(data);
        if (dataDir != null) {
            List<Path> storeFiles = new ArrayList<>();
            for (String suffix : List.of("", "-wal", "-shm")) {
                storeFiles.add(dataDir.resolve(LockStore.SQLITE_FILE + suffix));
            }
            storeFiles.add(dataDir.resolve(StoreOpener.KEY_RING_FILE));
            storeFiles.add(dataDir.resolve(StoreOpener.KEY_RING_FILE + ".lock"));
            for (Path p : landsOn) {
                if (storeFiles.contains(p) || p.startsWith(dataDir.resolve("native"))) {
                    throw CliError.usage(option + " " + out + " would overwrite the store's own file " + p
                            + "; choose a file outside the store's files");
                }
            }
        }
        for (Path input : inputs) {
            Set<Path> in = whereItLands(input);
            for (Path p : landsOn) {
                if (in.contains(p)) {
                    throw CliError.usage(option + " " + out + " is the input " + input + " (" + p
                            + "); choose another file");
                }
            }
        }
    }

    /**
     * Checks, before anything is recorded, that {@code out} (given as {@code option}) can be written:
     * not a directory, in an existing writable directory.
     *
     * @throws CliError (usage, exit 2) naming {@code out} otherwise
     */
    static void requireWritable(String option, Path out) {
        Path parent = out.toAbsolutePath().getParent();
        if (Files.isDirectory(out)) {
            throw CliError.usage(option + " " + out + " is a directory");
        }
        if (parent == null || !Files.isDirectory(parent) || !Files.isWritable(parent)) {
            throw CliError.environment("cannot write " + out + ": " + parent + " is not a writable directory", null);
        }
    }

    /** The paths a file resolves to: its parent's real path with its name, and its own real path if it exists. */
    private static Set<Path> whereItLands(Path file) {
        Set<Path> paths = new LinkedHashSet<>();
        Path abs = file.toAbsolutePath().normalize();
        Path parent = abs.getParent() == null ? null : realOrNull(abs.getParent());
        paths.add(parent == null || abs.getFileName() == null ? abs : parent.resolve(abs.getFileName()));
        Path real = realOrNull(abs);
        if (real != null) {
            paths.add(real);
        }
        return paths;
    }

    private static Path realOrNull(Path p) {
        try {
            return Files.exists(p) ? p.toRealPath() : null;
        } catch (IOException e) {
            return null;
        }
    }
}
