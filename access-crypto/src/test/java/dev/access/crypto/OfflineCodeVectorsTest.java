package dev.access.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The known-answer vectors of {@code docs/offline-codes.md}, read from the page itself and checked
 * against the library column by column, so the specification and the code cannot drift apart.
 */
class OfflineCodeVectorsTest {
    private static final byte[] VECTOR_KEY = TestBytes.sequence(0, 32);
    private static final byte[] HKDF_ROOT = TestBytes.sequence(0, 32);
    private static final byte[] HKDF_SALT = TestBytes.sequence(0x20, 32);

    static Path doc() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("docs").resolve("offline-codes.md");
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new AssertionError("docs/offline-codes.md not found above " + Path.of("").toAbsolutePath());
    }

    /** The cells of the table between {@code <!-- vectors:NAME:begin -->} and its end marker. */
    static List<String[]> table(String name) throws IOException {
        String text = Files.readString(doc(), StandardCharsets.UTF_8);
        String begin = "<!-- vectors:" + name + ":begin -->";
        String end = "<!-- vectors:" + name + ":end -->";
        int from = text.indexOf(begin);
        int to = text.indexOf(end);
        assertTrue(from >= 0 && to > from, "the page has the " + name + " table between its markers");
        List<String> lines = text.substring(from + begin.length(), to).strip().lines().toList();
        assertTrue(lines.size() > 2 && lines.get(1).startsWith("|---"), "a header and a separator line");
        List<String[]> rows = new ArrayList<>();
        for (String line : lines.subList(2, lines.size())) {
            String inner = line.strip();
            assertTrue(inner.startsWith("|") && inner.endsWith("|"), "a table row: " + line);
            String[] cells = inner.substring(1, inner.length() - 1).split("\\|", -1);
            for (int i = 0; i < cells.length; i++) {
                cells[i] = cells[i].strip().replace("`", "");
            }
            rows.add(cells);
        }
        return rows;
    }

    /** The validity a code row describes (columns 1 to 7). */
    static OfflineValidity validityOf(String[] row) {
        boolean plain = switch (row[1]) {
            case "plain" -> true;
            case "daily" -> false;
            default -> throw new AssertionError("kind is plain or daily, got " + row[1]);
        };
        boolean oneTime = switch (row[4]) {
            case "yes" -> true;
            case "no" -> false;
            default -> throw new AssertionError("one-time is yes or no, got " + row[4]);
        };
        long start = Long.parseLong(row[2]);
        long end = Long.parseLong(row[3]);
        int variant = Integer.parseInt(row[6]);
        if (plain) {
            assertEquals("-", row[5], "a plain window has no daily hours");
            return new OfflineValidity(OfflineValidity.Kind.PLAIN, start, end, oneTime, 0, 0, variant);
        }
        assertTrue(row[5].matches("\\d\\d:00-\\d\\d:00"), "daily hours as HH:00-HH:00: " + row[5]);
        int a = Integer.parseInt(row[5].substring(0, 2));
        int b = Integer.parseInt(row[5].substring(6, 8));
        return new OfflineValidity(OfflineValidity.Kind.DAILY, start, end, oneTime, a, b - a, variant);
    }

    /** What the {@code opens} column says of a validity. */
    static String opens(OfflineValidity v) {
        if (v.kind() == OfflineValidity.Kind.PLAIN) {
            return Instant.ofEpochSecond(v.start() * 3600) + " to " + Instant.ofEpochSecond(v.end() * 3600);
        }
        return "local days " + LocalDate.ofEpochDay(v.start()) + " to " + LocalDate.ofEpochDay(v.end() - 1) + ", "
                + v.dailyText();
    }

    /** Checks every column of one code row against the library. */
    static void checkCodeRow(String[] row) {
        assertEquals(13, row.length, "13 columns in row " + row[0]);
        String where = "vector " + row[0];
        OfflineValidity v = validityOf(row);
        int digits = Integer.parseInt(row[7]);
        assertDoesNotThrow(v::requireIssuable, where + " is on the grid");
        assertEquals(opens(v), row[8], where + ": opens");
        byte[] message = OfflineCodes.message(v, digits);
        assertEquals(Bytes.hex(message), row[9], where + ": message");
        byte[] tag = new JdkPrefixedHmac(VECTOR_KEY, OfflineCodes.label()).mac(message);
        assertArrayEquals(TestBytes.jdkHmacSha256(VECTOR_KEY, Bytes.concat(TestBytes.utf8("access/offline-code/v1"),
                new byte[] {0}, message)), tag, where + ": the tag is HMAC-SHA-256 of label, 0x00 and message");
        assertEquals(Bytes.hex(Arrays.copyOf(tag, 16)), row[10], where + ": tag[0..16)");
        OfflineIssuingKey key = new OfflineIssuingKey("front-door", 1, 1, digits, ZoneOffset.UTC, VECTOR_KEY);
        try (IssuedOfflineCode code = key.derive(v)) {
            assertEquals(row[11], new String(code.pin()), where + ": PIN");
            assertEquals(row[12], code.codeId(), where + ": code id");
            OfflineCodeChecker checker = new OfflineCodeChecker("front-door", VECTOR_KEY, digits, ZoneOffset.UTC);
            try (PinCode pin = PinCode.of(code.pin(), PinPolicy.defaults().withLengths(digits, digits))) {
                OfflineCodeMatch match = checker.check(pin, code.from()).orElseThrow(
                        () -> new AssertionError(where + ": the lock does not take the PIN at the code's first moment"));
                assertEquals(row[12], match.codeId(), where + ": the lock takes the PIN for this code");
                assertEquals(v, match.validity(), where);
            }
        }
    }

    @Test
    void everyCodeVectorOfThePageIsWhatTheLibraryComputes() throws IOException {
        List<String[]> rows = table("codes");
        assertTrue(rows.size() >= 8, "at least 8 code vectors, got " + rows.size());
        for (int i = 0; i < rows.size(); i++) {
            assertEquals(String.valueOf(i + 1), rows.get(i)[0], "vectors are numbered 1, 2, ...");
            checkCodeRow(rows.get(i));
        }
        Set<String> shapes = new TreeSet<>();
        for (String[] row : rows) {
            OfflineValidity v = validityOf(row);
            shapes.add(v.kind().toString());
            shapes.add(v.oneTime() ? "one-time" : "reusable");
            shapes.add(v.variant() > 0 ? "variant>0" : "variant 0");
            shapes.add(row[7] + " digits");
            shapes.add(row[11].startsWith("0") ? "leading zero" : "no leading zero");
            shapes.add((Integer.parseInt(row[10].substring(0, 2), 16) & 0x80) != 0 ? "top bit" : "no top bit");
        }
        assertTrue(shapes.containsAll(Set.of("PLAIN", "DAILY", "one-time", "reusable", "variant>0", "variant 0",
                "10 digits", "12 digits", "leading zero", "top bit", "no top bit")), "the vectors cover " + shapes);
    }

    @Test
    void everyKeyDerivationVectorOfThePageIsWhatTheLibraryComputes() throws IOException {
        List<String[]> rows = table("hkdf");
        assertTrue(rows.size() >= 1, "at least one key derivation vector");
        for (String[] row : rows) {
            assertEquals(5, row.length);
            String lockId = row[0];
            int epoch = Integer.parseInt(row[1]);
            int generation = Integer.parseInt(row[2]);
            byte[] info = Bytes.concat(TestBytes.utf8("access/offline-issuing-key/v1"), new byte[] {0},
                    TestBytes.utf8(lockId), new byte[] {0}, java.nio.ByteBuffer.allocate(8).putInt(epoch)
                            .putInt(generation).array());
            assertEquals(Bytes.hex(info), row[3], "info of " + String.join(" ", row));
            byte[] k = KeyDerivation.offlineIssuingKey(HKDF_ROOT, HKDF_SALT, lockId, epoch, generation);
            assertEquals(Bytes.hex(k), row[4], "K of " + lockId + " epoch " + epoch + " generation " + generation);
            assertArrayEquals(KeyDerivation.hkdf(HKDF_ROOT, HKDF_SALT, info, 32), k, "K is HKDF over that info");
        }
    }

    /** The check above is not vacuous: any single changed cell of a row makes it fail. */
    @Test
    void aChangedCellOfAVectorIsCaught() throws IOException {
        String[] row = table("codes").get(0);
        for (int column = 1; column < row.length; column++) {
            String[] changed = row.clone();
            changed[column] = alter(row[column]);
            int c = column;
            assertThrows(Throwable.class, () -> checkCodeRow(changed), "column " + c + " changed to " + changed[c]);
        }
        checkCodeRow(row);
    }

    private static String alter(String cell) {
        return switch (cell) {
            case "plain" -> "daily";
            case "no" -> "yes";
            case "-" -> "09:00-10:00";
            default -> {
                char[] chars = cell.toCharArray();
                int i = chars.length - 1;
                chars[i] = chars[i] == '0' ? '1' : '0';
                yield new String(chars);
            }
        };
    }
}
