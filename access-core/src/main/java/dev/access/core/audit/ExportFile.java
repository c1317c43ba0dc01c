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
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * A JSON Lines export as a {@link TrailSource}: each call reads the file again, streaming, and hands
 * over the records of the lock asked for (a lock's personal-keys line is no record: it is read by
 * {@link #personalKeys}). Reading is not verifying: verify the file first ({@link TrailVerifier})
 * when it comes from elsewhere.
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
                if (line.isPersonalKeys()) {
                    return;
                }
                if (line.record() == null) {
                    throw new MalformedTrailException(line.number(), line.problem().message());
                }
                sink.accept(line.record());
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the export " + file, e);
        }
    }

    /**
     * The keys of the people whose names the lock's records hold sealed, as the export's
     * personal-keys line for the lock gives them (before the lock's first record; see
     * {@link TrailExport}): subject id to a copy of the key, empty if the export carries none (made
     * after everyone was erased, or before names were sealed). The keys are not checked against
     * their ids here: {@link Names} uses only those that match, {@link TrailVerifier} reports the
     * others.
     *
     * @throws UncheckedIOException if the file cannot be read
     */
    @Override
    public Map<String, byte[]> personalKeys(LockId lock) {
        Objects.requireNonNull(lock, "lock");
        Map<String, byte[]> keys = new TreeMap<>();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String text;
            long n = 0;
            while ((text = TrailReader.readLine(in)) != null) {
                n++;
                if (TrailReader.isTooLong(text)) {
                    continue;
                }
                TrailReader.Line line = TrailReader.parse(n, text);
                if (!lock.value().equals(line.lock())) {
                    continue;
                }
                // Only the line before the lock's first record counts (as a history reads it).
                if (line.isPersonalKeys()) {
                    keys.putAll(line.personalKeys());
                }
                break;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the export " + file, e);
        }
        return keys;
    }

    @Override
    public String toString() {
        return "ExportFile[" + file + "]";
    }
}
