package dev.access.core.domain;

import dev.access.crypto.CodeFingerprint;
import dev.access.crypto.CredentialTable;
import java.util.Collection;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * A lock's credentials by slot, with the constant-time {@link CredentialTable} that finds a
 * digest's slot on the keypad hot path. Immutable; equality is over the credentials only.
 */
public final class Credentials {
    /** No credentials. */
    public static final Credentials EMPTY =
            new Credentials(new TreeMap<>(), CredentialTable.empty(CredentialTable.Variant.INDEXED));

    private final TreeMap<Integer, Credential> bySlot;
    private final CredentialTable table;

    private Credentials(TreeMap<Integer, Credential> bySlot, CredentialTable table) {
        this.bySlot = bySlot;
        this.table = table;
    }

    /** The credential in {@code slot}, or null. */
    public Credential get(int slot) {
        return bySlot.get(slot);
    }

    /** The slot holding {@code digest}, or {@link CredentialTable#NOT_FOUND}; constant time. */
    public int find(CodeFingerprint digest) {
        return table.find(digest);
    }

    /** Every credential, by ascending slot. */
    public Collection<Credential> all() {
        return Collections.unmodifiableCollection(bySlot.values());
    }

    /** The credentials by slot (read-only). */
    public Map<Integer, Credential> bySlot() {
        return Collections.unmodifiableMap(bySlot);
    }

    /** The number of credentials. */
    public int size() {
        return bySlot.size();
    }

    /** With {@code c} added, or replacing the credential in its slot. */
    public Credentials with(Credential c) {
        TreeMap<Integer, Credential> next = new TreeMap<>(bySlot);
        Credential old = next.put(c.slot(), c);
        CredentialTable t = table;
        if (old == null || !old.digest().equals(c.digest())) {
            t = t.withoutSlot(c.slot()).with(c.digest(), c.slot());
        }
        return new Credentials(next, t);
    }

    /** Without the credential in {@code slot}. */
    public Credentials without(int slot) {
        if (!bySlot.containsKey(slot)) {
            return this;
        }
        TreeMap<Integer, Credential> next = new TreeMap<>(bySlot);
        next.remove(slot);
        return new Credentials(next, table.withoutSlot(slot));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Credentials && bySlot.equals(((Credentials) o).bySlot);
    }

    @Override
    public int hashCode() {
        return bySlot.hashCode();
    }

    @Override
    public String toString() {
        return bySlot.values().toString();
    }
}
