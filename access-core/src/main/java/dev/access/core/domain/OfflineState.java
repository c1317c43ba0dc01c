package dev.access.core.domain;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a lock remembers about its offline codes: the issuing-key generation it checks them with
 * (a revoke-all moves to the next), and the codes revoked or (one-time codes) used, each until its
 * window ends, after which it is forgotten: the state stays bounded.
 *
 * @param generation the issuing-key generation in force (1 after commissioning or a reset)
 * @param revoked revoked codes' ids and when their windows end
 * @param used used one-time codes' ids and when their windows end
 * @param backendGeneration the generation whose issuing key the lock last sealed to its backend at
 *     enrollment (0: none)
 */
public record OfflineState(int generation, Map<String, Instant> revoked, Map<String, Instant> used,
        int backendGeneration) {
    /** A lock's offline state before any offline event: generation 1, nothing revoked or used. */
    public static final OfflineState INITIAL = new OfflineState(1, Map.of(), Map.of(), 0);

    /** Copies the maps (sorted, unmodifiable). */
    public OfflineState {
        revoked = revoked == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(revoked));
        used = used == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(used));
    }

    /** Whether the code with this id is revoked. */
    public boolean isRevoked(String id) {
        return revoked.containsKey(id);
    }

    /** Whether the one-time code with this id was used. */
    public boolean isUsed(String id) {
        return used.containsKey(id);
    }

    OfflineState withRevoked(String id, Instant until, Instant now) {
        Map<String, Instant> next = live(revoked, now);
        next.put(id, until);
        return new OfflineState(generation, next, live(used, now), backendGeneration);
    }

    OfflineState withUsed(String id, Instant until, Instant now) {
        Map<String, Instant> next = live(used, now);
        next.put(id, until);
        return new OfflineState(generation, live(revoked, now), next, backendGeneration);
    }

    /** This state without the codes whose windows ended by {@code now} (itself if there are none). */
    OfflineState forgetEndedBy(Instant now) {
        // Runs on every entry attempt, almost always over empty maps: loops, not streams.
        boolean ended = anyEndedBy(revoked, now) || anyEndedBy(used, now);
        return ended ? new OfflineState(generation, live(revoked, now), live(used, now), backendGeneration) : this;
    }

    private static boolean anyEndedBy(Map<String, Instant> m, Instant now) {
        for (Instant t : m.values()) {
            if (!t.isAfter(now)) {
                return true;
            }
        }
        return false;
    }

    OfflineState withGeneration(int next) {
        return new OfflineState(next, Map.of(), Map.of(), backendGeneration);
    }

    OfflineState withBackendGeneration(int handed) {
        return new OfflineState(generation, revoked, used, handed);
    }

    /** The entries whose windows have not ended at {@code now}. */
    private static Map<String, Instant> live(Map<String, Instant> m, Instant now) {
        Map<String, Instant> out = new TreeMap<>();
        m.forEach((k, v) -> {
            if (v.isAfter(now)) {
                out.put(k, v);
            }
        });
        return out;
    }
}
