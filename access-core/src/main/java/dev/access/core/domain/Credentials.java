package dev.access.core.domain;

import dev.access.crypto.CodeFingerprint;
import dev.access.crypto.CredentialTable;
import java.time.Instant;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * A lock's credentials by slot, with the constant-time {@link CredentialTable} that finds a
 * digest's slot on the keypad hot path. Immutable; equality is over the credentials only.
 *
 * <p>Layout (a cached lock holds one per lock, so every byte per code counts): the slots in
 * ascending order in an {@code int[]} and their credentials in a parallel array, 8 bytes a code
 * where a tree map took 56 (an entry and a boxed slot). Replacing a slot's credential (a grant, a
 * suspension, a changed PIN) shares the slot array. Equal immutable parts are shared: a credential
 * whose rules, actors or times equal its neighbour's (or {@link CodeRules#none()}) takes that
 * instance, so a lock whose codes were added alike holds them once.
 */
public final class Credentials {
    private static final int[] NO_SLOTS = new int[0];
    private static final Credential[] NONE = new Credential[0];

    /** No credentials. */
    public static final Credentials EMPTY =
            new Credentials(NO_SLOTS, NONE, CredentialTable.empty(CredentialTable.Variant.INDEXED));

    /** Ascending. */
    private final int[] slots;
    /** {@code credentials[i]} is in {@code slots[i]}. */
    private final Credential[] credentials;
    private final CredentialTable table;

    private Credentials(int[] slots, Credential[] credentials, CredentialTable table) {
        this.slots = slots;
        this.credentials = credentials;
        this.table = table;
    }

    /** The credential in {@code slot}, or null. */
    public Credential get(int slot) {
        int i = Arrays.binarySearch(slots, slot);
        return i >= 0 ? credentials[i] : null;
    }

    /** The slot holding {@code digest}, or {@link CredentialTable#NOT_FOUND}; constant time. */
    public int find(CodeFingerprint digest) {
        return table.find(digest);
    }

    /** Every credential, by ascending slot. */
    public Collection<Credential> all() {
        return Collections.unmodifiableList(Arrays.asList(credentials));
    }

    /** The credentials by slot, ascending (a read-only view). */
    public Map<Integer, Credential> bySlot() {
        return new BySlot();
    }

    /** The number of credentials. */
    public int size() {
        return slots.length;
    }

    /** With {@code c} added, or replacing the credential in its slot. */
    public Credentials with(Credential c) {
        int slot = c.slot();
        int i = Arrays.binarySearch(slots, slot);
        if (i >= 0) {
            Credential old = credentials[i];
            Credential[] next = credentials.clone();
            next[i] = sharingParts(c, old, i > 0 ? credentials[i - 1] : null);
            CredentialTable t = table;
            if (!old.digest().equals(c.digest())) {
                t = t.withoutSlot(slot).with(c.digest(), slot);
            }
            return new Credentials(slots, next, t);
        }
        int at = -i - 1;
        int n = slots.length;
        int[] s = new int[n + 1];
        Credential[] next = new Credential[n + 1];
        System.arraycopy(slots, 0, s, 0, at);
        System.arraycopy(credentials, 0, next, 0, at);
        s[at] = slot;
        next[at] = sharingParts(c, at > 0 ? credentials[at - 1] : null, at < n ? credentials[at] : null);
        System.arraycopy(slots, at, s, at + 1, n - at);
        System.arraycopy(credentials, at, next, at + 1, n - at);
        // As before: a digest some other slot holds is refused by the table.
        return new Credentials(s, next, table.withoutSlot(slot).with(c.digest(), slot));
    }

    /**
     * {@code c}, or an equal credential that shares its immutable parts with {@code a} or {@code b}
     * (its neighbours) where they are equal: its rules (or {@link CodeRules#none()}'s instance), its
     * actors and its times. Codes added alike (a batch: one actor, one time, one schedule) then hold
     * those once; equal records, so nothing observable changes.
     */
    private static Credential sharingParts(Credential c, Credential a, Credential b) {
        CodeRules rules = shared(c.rules(), CodeRules.none(), a == null ? null : a.rules(), b == null ? null : b.rules());
        Actor addedBy = shared(c.addedBy(), null, a == null ? null : a.addedBy(), b == null ? null : b.addedBy());
        Actor changedBy = shared(c.changedBy(), addedBy, a == null ? null : a.changedBy(), b == null ? null : b.changedBy());
        Instant addedAt = shared(c.addedAt(), null, a == null ? null : a.addedAt(), b == null ? null : b.addedAt());
        Instant changedAt = shared(c.changedAt(), addedAt, a == null ? null : a.changedAt(), b == null ? null : b.changedAt());
        if (rules == c.rules() && addedBy == c.addedBy() && changedBy == c.changedBy() && addedAt == c.addedAt()
                && changedAt == c.changedAt()) {
            return c;
        }
        return new Credential(c.slot(), c.type(), c.name(), c.digest(), rules, c.suspended(), c.uses(),
                c.firstUsedAt(), addedAt, changedAt, addedBy, changedBy);
    }

    /** {@code value}, or the first candidate equal to it (the instance to keep). */
    private static <T> T shared(T value, T first, T second, T third) {
        if (value == null) {
            return null;
        }
        if (value.equals(first)) {
            return first;
        }
        if (value.equals(second)) {
            return second;
        }
        return value.equals(third) ? third : value;
    }

    /** Without the credential in {@code slot}. */
    public Credentials without(int slot) {
        int i = Arrays.binarySearch(slots, slot);
        if (i < 0) {
            return this;
        }
        int n = slots.length;
        int[] s = new int[n - 1];
        Credential[] next = new Credential[n - 1];
        System.arraycopy(slots, 0, s, 0, i);
        System.arraycopy(credentials, 0, next, 0, i);
        System.arraycopy(slots, i + 1, s, i, n - i - 1);
        System.arraycopy(credentials, i + 1, next, i, n - i - 1);
        return new Credentials(s, next, table.withoutSlot(slot));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Credentials && Arrays.equals(slots, ((Credentials) o).slots)
                && Arrays.equals(credentials, ((Credentials) o).credentials);
    }

    /** As a map's hash code over the credentials by slot. */
    @Override
    public int hashCode() {
        int h = 0;
        for (int i = 0; i < slots.length; i++) {
            h += Integer.hashCode(slots[i]) ^ credentials[i].hashCode();
        }
        return h;
    }

    @Override
    public String toString() {
        return Arrays.toString(credentials);
    }

    /** The read-only map view of {@link #bySlot()}, in ascending slot order. */
    private final class BySlot extends AbstractMap<Integer, Credential> {
        @Override
        public Credential get(Object key) {
            return key instanceof Integer ? Credentials.this.get((Integer) key) : null;
        }

        @Override
        public boolean containsKey(Object key) {
            return get(key) != null;
        }

        @Override
        public int size() {
            return slots.length;
        }

        @Override
        public Set<Entry<Integer, Credential>> entrySet() {
            return new AbstractSet<>() {
                @Override
                public int size() {
                    return slots.length;
                }

                @Override
                public Iterator<Entry<Integer, Credential>> iterator() {
                    return new Iterator<>() {
                        private int i;

                        @Override
                        public boolean hasNext() {
                            return i < slots.length;
                        }

                        @Override
                        public Entry<Integer, Credential> next() {
                            if (i >= slots.length) {
                                throw new NoSuchElementException();
                            }
                            Entry<Integer, Credential> e = new SimpleImmutableEntry<>(slots[i], credentials[i]);
                            i++;
                            return e;
                        }
                    };
                }
            };
        }
    }
}
