package dev.access.core.audit;

import dev.access.core.domain.LockId;
import dev.access.core.trail.TrailRecord;
import dev.access.core.trail.TrailSource;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * A JSON Lines export as a {@link TrailSource}: each call reads the file again, streaming, and hands
 * over the records of the lock asked for. Reading is not verifying: verify the file first
 * ({@link TrailVerifier}) when it comes from elsewhere.
 */
public final class ExportFile implements TrailSource {
    private final Path file;

    private ExportFile(Path file) {
        this.file = file;
    }

    /** The export in {@code file}. */
    public static ExportFile of(Path file) {
        return new ExportFile(Objects.requireNonNull(file, "file"));
    }

    /**
     * {@inheritDoc}
     *
     * @throws MalformedTrailException at the first line of the lock (or of no telling lock) that is
     *     not a trail record
     * @throws UncheckedIOException if the file cannot be read
     */
    @Override
    public void trail(LockId lock, Consumer<TrailRecord> sink) {
        Objects.requireNonNull(lock, "lock");
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            TrailReader.read(in, lock.value(), line -> {
                if (line.record() == null) {
                    throw new MalformedTrailException(line.number(), line.problem().message());
                }
                sink.accept(line.record());
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the export " + file, e);
        }
    }

    @Override
    public String toString() {
        return "ExportFile[" + file + "]";
    }
}
