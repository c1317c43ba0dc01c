package dev.access.core.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.access.crypto.CodeDigest;
import dev.access.crypto.CredentialTable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The array layout of {@link Credentials} behaves as the sorted map it replaced: lookups, order,
 * replacement, removal, the digest table, equality and hash; and equal immutable parts are shared.
 */
class CredentialsTest {
    private static final Instant T = Instant.parse("2026-01-05T08:00:00Z");

    private static CodeDigest digest(int seed) {
        byte[] b = new byte[32];
        new Random(seed).nextBytes(b);
        return CodeDigest.fromBytes(b);
    }

    private static Credential credential(int slot, int seed, CodeRules rules, Actor by) {
        return new Credential(slot, UserType.UNRESTRICTED, "n" + slot, digest(seed), rules, false, 0, null,
                Instant.parse(T.toString()), null, by, null);
    }

    @Test
    void behavesAsTheSortedMapItReplaced() {
        Random r = new Random(15);
        Credentials c = Credentials.EMPTY;
        TreeMap<Integer, Credential> model = new TreeMap<>();
        for (int step = 0; step < 2_000; step++) {
            int slot = r.nextInt(60);
            if (r.nextInt(3) == 0) {
                c = c.without(slot);
                model.remove(slot);
            } else {
                // A fresh seed per step: the table never sees one digest in two slots.
                Credential next = credential(slot, 1_000 + step, CodeRules.none().withMaxUses(1 + r.nextInt(2)), null);
                c = c.with(next);
                model.put(slot, next);
            }
            assertEquals(model.size(), c.size());
            assertEquals(new ArrayList<>(model.values()), new ArrayList<>(c.all()));
            assertEquals(model, c.bySlot());
            assertEquals(new ArrayList<>(model.keySet()), new ArrayList<>(c.bySlot().keySet()));
            assertEquals(model.hashCode(), c.hashCode());
            assertEquals(model.values().toString(), c.toString());
        }
        for (int slot = 0; slot < 60; slot++) {
            Credential held = model.get(slot);
            assertEquals(held, c.get(slot));
            assertEquals(held, c.bySlot().get(slot));
            if (held != null) {
                assertEquals(slot, c.find(held.digest()));
            }
        }
        assertEquals(CredentialTable.NOT_FOUND, c.find(digest(-1)));
        assertNull(c.get(-1));
        Credentials copy = Credentials.EMPTY;
        for (Credential held : model.descendingMap().values()) {
            copy = copy.with(held);
        }
        assertEquals(c, copy);
        Map<Integer, Credential> view = c.bySlot();
        assertThrows(UnsupportedOperationException.class, () -> view.put(99, null));
    }

    @Test
    void aDigestHeldInAnotherSlotIsRefusedAsBefore() {
        Credentials c = Credentials.EMPTY.with(credential(1, 7, CodeRules.none(), null));
        assertThrows(IllegalArgumentException.class, () -> c.with(credential(2, 7, CodeRules.none(), null)));
    }

    @Test
    void equalRulesActorsAndTimesAreHeldOnce() {
        CodeRules weekdays = CodeRules.window(T, T.plusSeconds(3_600));
        Credentials c = Credentials.EMPTY;
        for (int slot = 1; slot <= 20; slot++) {
            // Each credential arrives with its own equal instances, as when folded from events.
            c = c.with(credential(slot, slot, CodeRules.window(T, T.plusSeconds(3_600)), Actor.local("admin")));
        }
        c = c.with(credential(30, 30, new CodeRules(null, null, List.of(), List.of(), null, null), null));
        Credential first = c.get(1);
        for (int slot = 2; slot <= 20; slot++) {
            assertSame(first.rules(), c.get(slot).rules());
            assertSame(first.addedBy(), c.get(slot).addedBy());
            assertSame(first.addedAt(), c.get(slot).addedAt());
            assertEquals(weekdays, c.get(slot).rules());
        }
        assertSame(CodeRules.none(), c.get(30).rules());
        // Not equal, not shared.
        Credentials other = c.with(credential(21, 21, CodeRules.window(T, T.plusSeconds(60)), Actor.local("other")));
        assertNotSame(first.rules(), other.get(21).rules());
        assertNotSame(first.addedBy(), other.get(21).addedBy());
        assertEquals(Actor.local("other"), other.get(21).addedBy());
    }
}
