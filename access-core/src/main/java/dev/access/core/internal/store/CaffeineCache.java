package dev.access.core.internal.store;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.RemovalCause;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.axonframework.common.Registration;
import org.axonframework.common.caching.Cache;

/**
 * Axon's aggregate {@link Cache} over a size-bounded Caffeine map. Entries are held by reference
 * (JCache's copy-by-value default would break aggregates), evicted least-recently-used when the
 * bound is reached; an evicted lock is simply loaded from the store (and its snapshot) again.
 */
public final class CaffeineCache implements Cache {
    private final ConcurrentMap<Object, Object> map;
    private final List<EntryListener> listeners = new CopyOnWriteArrayList<>();

    /**
     * A cache of at most {@code maximumSize} aggregates.
     *
     * @throws IllegalArgumentException if {@code maximumSize} is not positive
     */
    public CaffeineCache(long maximumSize) {
        if (maximumSize < 1) {
            throw new IllegalArgumentException("cache size must be >= 1, was " + maximumSize);
        }
        // Caffeine's own upkeep (and its listener) runs on the thread that writes, not on the
        // common pool: every command puts its lock back, and handing each put's upkeep to a pool
        // thread cost a thread wake-up per entry attempt (seen in a profile as Unsafe.unpark).
        // The eviction listener is called for evictions only, never for a replaced value.
        this.map = Caffeine.newBuilder().maximumSize(maximumSize)
                .executor(Runnable::run)
                .evictionListener((Object key, Object value, RemovalCause cause) ->
                        listeners.forEach(l -> l.onEntryExpired(key)))
                .build().asMap();
    }

    @Override
    @SuppressWarnings("unchecked")
    public <K, V> V get(K key) {
        V value = (V) map.get(key);
        if (value != null) {
            listeners.forEach(l -> l.onEntryRead(key, value));
        }
        return value;
    }

    @Override
    public void put(Object key, Object value) {
        Object old = map.put(key, Objects.requireNonNull(value, "value"));
        listeners.forEach(l -> {
            if (old == null) {
                l.onEntryCreated(key, value);
            } else {
                l.onEntryUpdated(key, value);
            }
        });
    }

    @Override
    public boolean putIfAbsent(Object key, Object value) {
        boolean added = map.putIfAbsent(key, value) == null;
        if (added) {
            listeners.forEach(l -> l.onEntryCreated(key, value));
        }
        return added;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T computeIfAbsent(Object key, Supplier<T> valueSupplier) {
        return (T) map.computeIfAbsent(key, k -> valueSupplier.get());
    }

    @Override
    @SuppressWarnings("unchecked")
    public <V> void computeIfPresent(Object key, UnaryOperator<V> update) {
        map.computeIfPresent(key, (k, v) -> update.apply((V) v));
    }

    @Override
    public boolean remove(Object key) {
        boolean removed = map.remove(key) != null;
        if (removed) {
            listeners.forEach(l -> l.onEntryRemoved(key));
        }
        return removed;
    }

    @Override
    public void removeAll() {
        map.keySet().forEach(this::remove);
    }

    @Override
    public boolean containsKey(Object key) {
        return map.containsKey(key);
    }

    @Override
    public Registration registerCacheEntryListener(EntryListener listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    /** The number of cached aggregates (approximate while evictions are pending). */
    public long size() {
        return map.size();
    }
}
