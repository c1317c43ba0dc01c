package dev.access.core.internal.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.axonframework.common.caching.Cache;
import org.junit.jupiter.api.Test;

/**
 * The aggregate cache: bounded, its listeners told of creations, updates, removals and evictions
 * (on the writing thread, at once: no pool thread is woken for a write), never of an eviction when a
 * value is only replaced.
 */
class CaffeineCacheTest {

    /** Records what it is told, with the thread it was told on. */
    private static final class Recorder extends Cache.EntryListenerAdapter {
        final List<String> seen = new ArrayList<>();
        final List<Thread> threads = new ArrayList<>();

        private void add(String s) {
            seen.add(s);
            threads.add(Thread.currentThread());
        }

        @Override
        public void onEntryExpired(Object key) {
            add("expired " + key);
        }

        @Override
        public void onEntryRemoved(Object key) {
            add("removed " + key);
        }

        @Override
        public void onEntryUpdated(Object key, Object value) {
            add("updated " + key);
        }

        @Override
        public void onEntryCreated(Object key, Object value) {
            add("created " + key);
        }
    }

    @Test
    void aSizeBelowOne_isRefusedNamingIt() {
        assertEquals("cache size must be >= 1, was 0",
                assertThrows(IllegalArgumentException.class, () -> new CaffeineCache(0)).getMessage());
    }

    @Test
    void replacingAValue_isAnUpdate_neverAnEviction() {
        CaffeineCache cache = new CaffeineCache(2);
        Recorder r = new Recorder();
        cache.registerCacheEntryListener(r);
        cache.put("front", 1);
        for (int i = 2; i < 200; i++) {
            cache.put("front", i);
        }
        assertEquals(199, r.seen.size());
        assertEquals("created front", r.seen.get(0));
        assertTrue(r.seen.subList(1, 199).stream().allMatch("updated front"::equals), r.seen.toString());
        assertEquals(199, (int) cache.get("front"));
        assertEquals(1, cache.size());
    }

    @Test
    void anEviction_isToldOnTheWritingThread_assoonAsTheBoundIsPassed() {
        CaffeineCache cache = new CaffeineCache(2);
        Recorder r = new Recorder();
        cache.registerCacheEntryListener(r);
        for (int i = 0; i < 50; i++) {
            cache.put("lock-" + i, i);
            assertTrue(cache.size() <= 2, "after " + (i + 1) + " puts: " + cache.size());
        }
        long expired = r.seen.stream().filter(s -> s.startsWith("expired ")).count();
        assertEquals(48, expired, r.seen.toString());
        assertTrue(r.threads.stream().allMatch(t -> t == Thread.currentThread()), "every call on the writing thread");
    }

    @Test
    void anExplicitRemoval_isARemoval_andAMissIsNull() {
        CaffeineCache cache = new CaffeineCache(4);
        Recorder r = new Recorder();
        cache.registerCacheEntryListener(r);
        cache.put("front", 1);
        assertTrue(cache.remove("front"));
        assertEquals(List.of("created front", "removed front"), r.seen);
        assertNull(cache.get("front"));
        assertEquals(false, cache.remove("front"));
        assertEquals(false, cache.containsKey("front"));
    }
}
