package dev.access.core.audit;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.access.core.domain.OfflineCode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.time.Instant;
import java.util.List;

/**
 * Writes every entry attempt of a trail with its outcome and reason, as CSV or JSON.
 *
 * <p>The columns (CSV header, and the JSON objects' keys, in this order) are stable:
 * <ol>
 *   <li>{@code sequence}: the event's sequence number in the lock's trail</li>
 *   <li>{@code time}: when the attempt was made, ISO-8601 UTC</li>
 *   <li>{@code lock}: the lock id</li>
 *   <li>{@code source}: {@code KEYPAD} or {@code REMOTE}</li>
 *   <li>{@code slot}: the slot of the code that opened or was recognised; empty (JSON null) for an
 *       unknown or malformed code</li>
 *   <li>{@code user}: the name the slot's code had at the attempt; empty (null) if none</li>
 *   <li>{@code user_type}: the code's user type, e.g. {@code UNRESTRICTED}; empty (null) if none</li>
 *   <li>{@code outcome}: {@code GRANTED} or {@code DENIED}</li>
 *   <li>{@code reason}: the denial reason, e.g. {@code UNKNOWN_CODE}; empty (null) when granted</li>
 *   <li>{@code locked_out_until}: the end of a lockout in force or started; empty (null) if none</li>
 *   <li>{@code wrong_code}: {@code true} if the denial counted toward the wrong-code limit</li>
 *   <li>{@code offline_code}: the public id of the offline code that opened, was refused or was
 *       recognised; empty (null) for other attempts</li>
 *   <li>{@code offline_from}, {@code offline_until}: that code's window, ISO-8601 UTC; empty (null)
 *       for other attempts</li>
 *   <li>{@code offline_one_time}: {@code true} for a one-time offline code, {@code false} for
 *       another; empty (null) for other attempts</li>
 *   <li>{@code offline_daily}: the offline code's daily hours ({@code HH:00-HH:00}, the lock's
 *       time); empty (null) if it has none</li>
 * </ol>
 * For an offline code's attempt, {@code user} reads "offline code ID (valid FROM to UNTIL[, daily
 * HH:00-HH:00][, one-time])" (see {@link Attempt#who()}) and {@code user_type} {@code OFFLINE}. The
 * offline columns were added after the first eleven, which keep their order.
 * CSV follows RFC 4180: comma-separated, CRLF line ends, a field holding a comma, quote, CR or LF
 * is quoted with inner quotes doubled. A name starting with {@code = + - @}, a tab or a CR is
 * written with a leading apostrophe so that spreadsheets show it instead of evaluating it.
 *
 * <p>Guarantees: attempts carry slots, names, types and offline codes' public ids and windows
 * only; no PIN, digest or commitment is ever written.
 */
public final class AccessReport {
    /** The column names, in order. */
    public static final List<String> COLUMNS = List.of("sequence", "time", "lock", "source", "slot", "user",
            "user_type", "outcome", "reason", "locked_out_until", "wrong_code", "offline_code", "offline_from",
            "offline_until", "offline_one_time", "offline_daily");

    private static final JsonFactory JSON = new JsonFactory();

    private AccessReport() {
    }

    /** Writes the attempts as CSV with a header line; returns the number of rows. */
    public static long writeCsv(List<Attempt> attempts, Writer out) {
        try {
            out.write(String.join(",", COLUMNS));
            out.write("\r\n");
            for (Attempt a : attempts) {
                out.write(csvRow(a));
                out.write("\r\n");
            }
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return attempts.size();
    }

    /** Writes every attempt of a history as CSV. */
    public static long writeCsv(LockHistory history, Writer out) {
        return writeCsv(Replay.attempts(history), out);
    }

    /** One attempt as a CSV line (without its line end). */
    static String csvRow(Attempt a) {
        OfflineCode o = a.offlineCode();
        String[] f = {Long.toString(a.sequence()), a.at().toString(), a.lock(), a.source() == null ? "" : a.source().name(),
            a.slot() == null ? "" : a.slot().toString(), defuse(a.who()), a.userType() == null ? "" : a.userType().name(),
            a.outcome(), a.reason() == null ? "" : a.reason().name(), str(a.lockedOutUntil()), Boolean.toString(a.wrongCode()),
            o == null ? "" : o.id(), o == null ? "" : o.from().toString(), o == null ? "" : o.until().toString(),
            o == null ? "" : Boolean.toString(o.oneTime()), o == null || o.daily() == null ? "" : o.daily()};
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < f.length; i++) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append(csvField(f[i]));
        }
        return sb.toString();
    }

    /** RFC 4180 quoting: quoted if it holds a comma, quote, CR or LF; inner quotes doubled. */
    public static String csvField(String value) {
        if (value == null) {
            return "";
        }
        boolean quote = value.indexOf(',') >= 0 || value.indexOf('"') >= 0 || value.indexOf('\r') >= 0
                || value.indexOf('\n') >= 0;
        return quote ? '"' + value.replace("\"", "\"\"") + '"' : value;
    }

    /** A leading apostrophe for text a spreadsheet would evaluate as a formula. */
    static String defuse(String text) {
        if (text == null || text.isEmpty()) {
            return "";
        }
        char c = text.charAt(0);
        return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r' ? "'" + text : text;
    }

    /** Writes the attempts as a JSON array of objects keyed by {@link #COLUMNS}; returns the count. */
    public static long writeJson(List<Attempt> attempts, Writer out) {
        try {
            JsonGenerator g = JSON.createGenerator(out);
            g.useDefaultPrettyPrinter();
            g.writeStartArray();
            for (Attempt a : attempts) {
                writeJson(a, g, true);
            }
            g.writeEndArray();
            g.flush();
            out.write('\n');
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return attempts.size();
    }

    /** Writes every attempt of a history as JSON. */
    public static long writeJson(LockHistory history, Writer out) {
        return writeJson(Replay.attempts(history), out);
    }

    /** One attempt as a JSON object; {@code withUser} false leaves the name out. */
    static void writeJson(Attempt a, JsonGenerator g, boolean withUser) throws IOException {
        g.writeStartObject();
        g.writeNumberField("sequence", a.sequence());
        g.writeStringField("time", a.at().toString());
        g.writeStringField("lock", a.lock());
        g.writeStringField("source", a.source() == null ? null : a.source().name());
        if (a.slot() == null) {
            g.writeNullField("slot");
        } else {
            g.writeNumberField("slot", a.slot());
        }
        if (withUser) {
            g.writeStringField("user", a.who());
        }
        g.writeStringField("user_type", a.userType() == null ? null : a.userType().name());
        g.writeStringField("outcome", a.outcome());
        g.writeStringField("reason", a.reason() == null ? null : a.reason().name());
        g.writeStringField("locked_out_until", a.lockedOutUntil() == null ? null : a.lockedOutUntil().toString());
        g.writeBooleanField("wrong_code", a.wrongCode());
        OfflineCode o = a.offlineCode();
        g.writeStringField("offline_code", o == null ? null : o.id());
        g.writeStringField("offline_from", o == null ? null : o.from().toString());
        g.writeStringField("offline_until", o == null ? null : o.until().toString());
        if (o == null) {
            g.writeNullField("offline_one_time");
        } else {
            g.writeBooleanField("offline_one_time", o.oneTime());
        }
        g.writeStringField("offline_daily", o == null ? null : o.daily());
        g.writeEndObject();
    }

    private static String str(Instant t) {
        return t == null ? "" : t.toString();
    }
}
