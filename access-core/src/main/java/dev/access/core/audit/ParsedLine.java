package dev.access.core.audit;

import dev.access.core.trail.TrailRecord;
import java.util.ArrayList;
import java.util.List;

/**
 * A line of a trail export with the record it holds, parsed once, by the parse
 * {@link TrailVerifier} makes: what a reader that looks at a segment's records before verifying
 * them (a backend's ingest) hands to {@link TrailVerifier#verifyParsedContinuation}, so that no line
 * is parsed twice.
 *
 * <p>Guarantees: only this package makes one, and only from the line's own text, so its record is
 * exactly what its text holds: verifying parsed lines is verifying their texts, with the same
 * report. It holds no key and no secret; its text is the line as given.
 */
public final class ParsedLine {
    private final String text;
    /** Null for a line over {@link TrailVerifier#MAX_LINE} characters (never parsed). */
    private final ExportLine.Parsed parsed;

    private ParsedLine(String text, ExportLine.Parsed parsed) {
        this.text = text;
        this.parsed = parsed;
    }

    /**
     * Parses one line (as {@link TrailReader#readLine} reads it, without its terminator; its
     * marker for an over-long line, or a longer line, is kept as too long). Never throws.
     */
    public static ParsedLine parse(String text) {
        java.util.Objects.requireNonNull(text, "text");
        return tooLong(text) ? new ParsedLine(text, null) : new ParsedLine(text, ExportLine.parse(text));
    }

    /**
     * Parses lines in order, chunks of them on the common pool beside the calling thread (as a
     * verification prepares them): one result per line, in the order given. Never throws for any
     * line's content.
     *
     * @throws NullPointerException if a line is null (naming its number)
     */
    public static List<ParsedLine> parseAll(List<String> texts) {
        long number = 0;
        for (String text : texts) {
            number++;
            if (text == null) {
                throw new NullPointerException("line " + number + " is null");
            }
        }
        List<ParsedLine> out = new ArrayList<>(texts.size());
        LinePipeline.run(texts, ParsedLine::parseChunk, (n, text, line) -> out.add(line));
        return out;
    }

    private static List<ParsedLine> parseChunk(long firstLine, List<String> texts) {
        List<ParsedLine> out = new ArrayList<>(texts.size());
        for (String text : texts) {
            out.add(parse(text));
        }
        return out;
    }

    private static boolean tooLong(String text) {
        return TrailReader.isTooLong(text) || text.length() > TrailVerifier.MAX_LINE;
    }

    /** The line as given (for an over-long line, the reader's marker or the line itself). */
    public String text() {
        return text;
    }

    /** The trail record the line holds, or null if it holds none (malformed, too long, a personal-keys line). */
    public TrailRecord record() {
        return parsed == null ? null : parsed.record();
    }

    /** Whether the line is longer than {@link TrailVerifier#MAX_LINE} characters (and so was not parsed). */
    public boolean isTooLong() {
        return parsed == null;
    }

    /** Whether the line is a well-formed personal-keys line (see {@link TrailExport}). */
    public boolean isPersonalKeys() {
        return parsed != null && parsed.isKeys();
    }

    /** The parse, or null for an over-long line: for the verifier. */
    ExportLine.Parsed parsed() {
        return parsed;
    }

    /** Shows the record's place, never the line's payload. */
    @Override
    public String toString() {
        TrailRecord r = record();
        return r != null ? "ParsedLine[" + ExportLine.shorten(r.lock()) + " #" + r.sequence() + " " + r.type() + "]"
                : "ParsedLine[" + (isTooLong() ? "too long" : isPersonalKeys() ? "personal keys" : "not a record") + "]";
    }
}
