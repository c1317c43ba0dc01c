package dev.access.core.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.access.core.NewCode;
import dev.access.core.domain.DeviceEventKind;
import dev.access.core.domain.EntrySource;
import dev.access.core.domain.LockId;
import dev.access.core.domain.OperatingMode;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Attempts as CSV and JSON; the HTML timeline is one self-contained, escaped page. */
class ReportsTest {
    private static final LockId L = LockId.of("reports");
    private static final String XSS = "<script>alert(1)</script>";
    private static final String TRICKY = "=HYPERLINK(\"x\"), \"quoted\"";
    private static AuditFixture fx;
    private static LockHistory history;

    @BeforeAll
    static void trail() {
        fx = new AuditFixture(5);
        fx.commission(L);
        fx.access.addCode(L, NewCode.unrestricted(1, XSS), AuditFixture.pin(AuditFixture.PINS[0]));
        fx.access.addCode(L, NewCode.unrestricted(2, TRICKY), AuditFixture.pin(AuditFixture.PINS[1]));
        fx.access.reportBattery(L, 80);
        for (int i = 0; i < 4; i++) {
            fx.advance(Duration.ofMinutes(7));
            fx.access.enter(L, AuditFixture.pin(AuditFixture.PINS[i % 2]), EntrySource.KEYPAD);
            fx.access.enter(L, AuditFixture.pin(AuditFixture.WRONG), EntrySource.KEYPAD);
        }
        for (int i = 0; i < 3; i++) {
            fx.advance(Duration.ofSeconds(5));
            fx.access.enter(L, AuditFixture.pin(AuditFixture.WRONG), EntrySource.KEYPAD);
        }
        fx.advance(Duration.ofMinutes(2));
        fx.access.enter(L, AuditFixture.pin("12"), EntrySource.REMOTE);
        fx.access.changeMode(L, OperatingMode.PRIVACY, XSS);
        fx.access.enter(L, AuditFixture.pin(AuditFixture.PINS[0]), EntrySource.KEYPAD);
        fx.access.reportBattery(L, 15);
        fx.access.reportDeviceEvent(L, DeviceEventKind.JAMMED);
        fx.access.updateFirmware(L, "2.0.0" + XSS.substring(0, 8));
        fx.access.factoryReset(L);
        fx.commission(L);
        fx.access.checkpoint(L);
        history = LockHistory.of(fx.access, L);
    }

    @AfterAll
    static void close() {
        fx.close();
    }

    @Test
    void attempts_listEveryEntry_withOutcomeReasonAndTheNameAtTheTime() {
        List<Attempt> all = Replay.attempts(history);
        assertEquals(13, all.size());
        assertEquals(XSS, all.get(0).user());
        assertTrue(all.get(0).granted());
        assertEquals("UNKNOWN_CODE", all.get(1).reason().name());
        assertEquals(TRICKY, all.get(2).user());
        assertEquals(all.get(9).at().plusSeconds(60), all.get(9).lockedOutUntil(), "the third wrong code in a row locks out");
        assertEquals("LOCKED_OUT", all.get(10).reason().name());
        assertEquals(all.get(9).lockedOutUntil(), all.get(10).lockedOutUntil());
        assertEquals("MALFORMED", all.get(11).reason().name());
        assertEquals(EntrySource.REMOTE, all.get(11).source());
        assertEquals("MODE_FORBIDS", all.get(12).reason().name());
        Instant from = all.get(2).at();
        Instant to = all.get(4).at();
        assertEquals(all.subList(2, 4), Replay.attempts(history, from, to));
    }

    @Test
    void csv_hasStableColumns_andEscapesLikeRfc4180() {
        StringWriter w = new StringWriter();
        assertEquals(13, AccessReport.writeCsv(history, w));
        String csv = w.toString();
        List<List<String>> rows = parseCsv(csv);
        assertEquals(AccessReport.COLUMNS, rows.get(0));
        assertEquals("sequence,time,lock,source,slot,user,user_type,outcome,reason,locked_out_until,wrong_code,"
                + "offline_code,offline_from,offline_until,offline_one_time,offline_daily",
                String.join(",", rows.get(0)), "the first eleven columns keep their order; the offline ones follow");
        assertEquals(14, rows.size());
        for (List<String> r : rows) {
            assertEquals(AccessReport.COLUMNS.size(), r.size(), r.toString());
        }
        assertEquals(XSS, rows.get(1).get(5));
        assertEquals("GRANTED", rows.get(1).get(7));
        assertEquals("'" + TRICKY, rows.get(3).get(5), "a formula is defused, quotes and comma survive");
        assertTrue(csv.contains("\"'=HYPERLINK(\"\"x\"\"), \"\"quoted\"\"\""), csv);
        assertEquals("", rows.get(2).get(4), "an unknown code has no slot");
        assertEquals("UNKNOWN_CODE", rows.get(2).get(8));
        assertEquals("\"a\r\nb\"", AccessReport.csvField("a\r\nb"));
        assertEquals("plain", AccessReport.csvField("plain"));
        assertEquals("\"x,y\"", AccessReport.csvField("x,y"));
    }

    @Test
    void json_hasTheSameColumns() throws Exception {
        StringWriter w = new StringWriter();
        AccessReport.writeJson(history, w);
        JsonNode arr = new ObjectMapper().readTree(w.toString());
        assertEquals(13, arr.size());
        List<String> keys = new ArrayList<>();
        arr.get(0).fieldNames().forEachRemaining(keys::add);
        assertEquals(AccessReport.COLUMNS, keys);
        assertEquals(XSS, arr.get(0).get("user").asText());
        assertEquals(TRICKY, arr.get(2).get("user").asText());
        assertEquals(1, arr.get(0).get("slot").asInt());
        assertTrue(arr.get(1).get("slot").isNull());
        assertEquals("DENIED", arr.get(12).get("outcome").asText());
    }

    @Test
    void html_isOneSelfContainedPage_showingEverySection_withEveryTextEscaped() {
        StringWriter w = new StringWriter();
        HtmlTimeline.write(history, w);
        String html = w.toString();
        for (String outside : List.of("http://", "https://", "src=", "<link", "@import", "url(", "<script", "<iframe",
                "<img", "<object")) {
            assertFalse(html.toLowerCase().contains(outside), "the page references or embeds: " + outside);
        }
        assertTrue(html.startsWith("<!DOCTYPE html>") && html.contains("<style>") && html.endsWith("</html>\n"));
        assertTrue(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "the name appears escaped");
        assertTrue(html.contains("by &lt;script&gt;alert(1)&lt;/script&gt;"), "the mode's actor appears escaped");
        assertTrue(html.contains("&#39;=HYPERLINK(&quot;x&quot;), &quot;quoted&quot;&#39;"));
        for (String section : List.of("Denials by reason", "Lockouts", "Mode changes", "Commissioning, enrollment and resets",
                "Battery", "Device, clock and alarms", "Attempts", "<svg", "lockout started", "factory reset",
                "NORMAL to PRIVACY", "UNKNOWN_CODE</td><td>6</td>", "LOCKED_OUT</td><td>1</td>", "JAMMED", "Europe/Berlin")) {
            assertTrue(html.contains(section), "missing: " + section);
        }
        StringWriter few = new StringWriter();
        HtmlTimeline.write(history, 3, few);
        assertTrue(few.toString().contains("The latest 3 of 13 attempts"));
        assertEquals("&lt;a href=&quot;x&quot;&gt;&amp;&#39;", HtmlTimeline.escape("<a href=\"x\">&'"));
    }

    /** A strict RFC 4180 reader, for the test. */
    static List<List<String>> parseCsv(String text) {
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                row.add(field.toString());
                field.setLength(0);
            } else if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                row.add(field.toString());
                field.setLength(0);
                rows.add(row);
                row = new ArrayList<>();
                i++;
            } else {
                field.append(c);
            }
        }
        return rows;
    }
}
