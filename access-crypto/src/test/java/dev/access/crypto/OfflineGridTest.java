package dev.access.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/**
 * The offline-code grid at its edges ({@code docs/offline-codes.md}): which daily validities can be
 * issued, what a refusal names, the message's big-endian hour fields for hours past 2²⁴, and the
 * shape of a code id.
 */
class OfflineGridTest {
    private static final LocalDate DAY = LocalDate.of(2026, 7, 14);

    @Test
    void aDailyCode_ofOneToSevenDays_isOnTheGrid_andEightDaysAreNot_namingTheDays() {
        OfflineValidity.daily(DAY, DAY, 9, 2, 0).requireIssuable();
        OfflineValidity.daily(DAY, DAY.plusDays(6), 9, 2, 1).requireIssuable();

        IllegalArgumentException eight = assertThrows(IllegalArgumentException.class,
                () -> OfflineValidity.daily(DAY, DAY.plusDays(7), 9, 2, 0).requireIssuable());

        assertTrue(eight.getMessage().contains("the days " + DAY + " to " + DAY.plusDays(7) + " are not on the"),
                eight.getMessage());
    }

    @Test
    void aDailyCode_opensOnlyForTheListedNumbersOfHours() {
        for (int hours : new int[] {1, 2, 3, 4, 6, 8, 10, 12}) {
            OfflineValidity.daily(DAY, DAY, 0, hours, 0).requireIssuable();
        }
        for (int hours : new int[] {5, 7, 9, 11}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> OfflineValidity.daily(DAY, DAY, 0, hours, 0).requireIssuable());
            assertTrue(e.getMessage().endsWith("got " + hours), e.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> OfflineValidity.daily(DAY, DAY, 9, 2, 2).requireIssuable());
    }

    @Test
    void theMessage_carriesStartAndEndHoursBigEndian_inFourBytes() {
        long start = 0x01020304L;
        OfflineValidity v = OfflineValidity.plain(Instant.ofEpochSecond(start * 3600),
                Instant.ofEpochSecond((start + 1) * 3600), false, 0);

        byte[] m = OfflineCodes.message(v, 10);

        assertEquals("0100000a" + "01020304" + "01020305" + "00000000", TestBytes.hex(m));
    }

    @Test
    void isCodeId_isSixteenLowerCaseHexDigits() {
        assertTrue(OfflineCodes.isCodeId("0123456789abcdef"));
        assertFalse(OfflineCodes.isCodeId("0123456789ABCDEF"));
        assertFalse(OfflineCodes.isCodeId("0123456789abcde"));
        assertFalse(OfflineCodes.isCodeId("0123456789abcdef0"));
        assertFalse(OfflineCodes.isCodeId(null));
    }
}
