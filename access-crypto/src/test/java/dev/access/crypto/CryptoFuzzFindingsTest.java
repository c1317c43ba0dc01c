package dev.access.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Regression tests for what fuzzing access-crypto's parsers found (docs/fuzzing.md), each named for its bug. */
class CryptoFuzzFindingsTest {
    /**
     * CryptoParsersFuzzTest#offlineKeyFile: a key line in non-canonical base64 (non-zero bits after the
     * last byte: "...WlWalop=" decodes to the same bytes as "...WlWaloo=") was accepted, so one key had
     * two files and a file read did not write back as it was. Now it is refused, naming the reason and
     * not the key.
     */
    @Test
    void offlineKeyFileWithNonCanonicalBase64Key_isRefused() {
        String written = "access-offline-issuing-key 1\nlock fro\nepoch 1\ngeneration 1\ndigits 10\nzone Europe/Berlin\n"
                + "key WlpaWlpaWlpaWlpaWlpaWlpaWlpaWlpaWlpaWlWaloo=\n";
        OfflineIssuingKey canonical = OfflineIssuingKey.parse(written.getBytes(StandardCharsets.UTF_8));
        assertArrayEquals(written.getBytes(StandardCharsets.UTF_8), canonical.fileBytes());
        byte[] crash = written.replace("Waloo=", "Walop=").getBytes(StandardCharsets.UTF_8);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> OfflineIssuingKey.parse(crash));
        assertTrue(e.getMessage().contains("canonical base64"), e.getMessage());
        assertTrue(!e.getMessage().contains("WlpaWlpa"), "the message never holds the key");
    }

    /**
     * CryptoParsersFuzzTest#offlineKeyFile: a zone line holding the key's base64 (a damaged file) was
     * quoted whole in the "unknown time zone" message, so the key reached the message. Now the message
     * names the line, never its value.
     */
    @Test
    void offlineKeyFileWithKeyOnItsZoneLine_messageNeverHoldsTheKey() {
        String key = "WlpaWlpaWlpaWlpaWlpaWlpaWlpaWlpaWlpaWlpaWlo=";
        String file = "access-offline-issuing-key 1\nlock fro\nepoch 1\ngeneration 1\ndigits 10\nzone E\u00ff " + key
                + "e/Berlin\nkey " + key + "\n";
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> OfflineIssuingKey.parse(file.getBytes(StandardCharsets.UTF_8)));
        assertTrue(e.getMessage().contains("line 6 (zone)"), e.getMessage());
        assertTrue(!e.getMessage().contains(key), "the message never holds the key");
    }
}
