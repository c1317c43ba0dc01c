package dev.access.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link LockIds}: the allowed shape, and rejections that name the value. */
class LockIdsTest {

    @ParameterizedTest
    @ValueSource(strings = {"a", "front-door", "site_1.building:2-door", "ABCxyz0189"})
    void requireValid_validId_returnsIt(String id) {
        assertSame(id, LockIds.requireValid(id));
        assertTrue(LockIds.isValid(id));
    }

    @Test
    void requireValid_64Characters_isAccepted() {
        String id = "x".repeat(64);

        assertSame(id, LockIds.requireValid(id));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "front door", " front", "front\n", "türe", "a/b", "a\u0000b"})
    void requireValid_badId_isRejectedNamingTheValue(String id) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LockIds.requireValid(id));

        assertTrue(e.getMessage().contains("'" + id + "'"), e.getMessage());
        assertFalse(LockIds.isValid(id));
    }

    @Test
    void requireValid_65Characters_isRejectedNamingTheValue() {
        String id = "y".repeat(65);

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LockIds.requireValid(id));

        assertTrue(e.getMessage().contains(id), e.getMessage());
    }

    @Test
    void requireValid_hugeId_isRejectedWithAShortenedValue() {
        String id = "z".repeat(10_000);

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LockIds.requireValid(id));

        assertTrue(e.getMessage().contains("z".repeat(80)), e.getMessage());
        assertTrue(e.getMessage().length() < 300, "message length " + e.getMessage().length());
    }

    @Test
    void requireValid_anInvalidIdOf80Characters_isQuotedWhole_andOf81_isShortened() {
        String eighty = "!" + "z".repeat(79);
        IllegalArgumentException whole = assertThrows(IllegalArgumentException.class, () -> LockIds.requireValid(eighty));
        assertTrue(whole.getMessage().contains("'" + eighty + "'"), whole.getMessage());
        assertFalse(whole.getMessage().contains("…"), whole.getMessage());

        String eightyOne = eighty + "z";
        IllegalArgumentException cut = assertThrows(IllegalArgumentException.class, () -> LockIds.requireValid(eightyOne));
        assertTrue(cut.getMessage().contains("'" + eighty + "…'"), cut.getMessage());
    }

    @Test
    void requireValid_null_isRejectedSayingNull() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LockIds.requireValid(null));

        assertTrue(e.getMessage().contains("null"), e.getMessage());
        assertEquals(false, LockIds.isValid(null));
    }
}
