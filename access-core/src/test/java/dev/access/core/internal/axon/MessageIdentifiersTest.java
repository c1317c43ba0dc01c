package dev.access.core.internal.axon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import org.axonframework.common.IdentifierFactory;
import org.junit.jupiter.api.Test;

/**
 * {@link MessageIdentifiers}: Axon finds it, its identifiers are version-4 UUIDs, none repeats
 * within a thread (across its buffer refills) or between threads.
 */
class MessageIdentifiersTest {

    @Test
    void axonUsesIt_throughTheServiceRegistration() {
        assertInstanceOf(MessageIdentifiers.class, IdentifierFactory.getInstance());
    }

    @Test
    void identifiers_areVersion4Uuids_andNeverRepeatAcrossRefills() {
        MessageIdentifiers ids = new MessageIdentifiers();
        Set<String> seen = new HashSet<>();
        int n = MessageIdentifiers.BATCH * 50 + 7;
        for (int i = 0; i < n; i++) {
            String id = ids.generateIdentifier();
            UUID u = UUID.fromString(id);
            assertEquals(4, u.version(), id);
            assertEquals(2, u.variant(), id);
            assertEquals(u.toString(), id, "canonical form");
            assertTrue(seen.add(id), "repeated: " + id);
        }
        // Not a constant or a counter: the 122 free bits vary (each bit position takes both values).
        long ors = 0;
        long ands = -1;
        for (String id : seen) {
            long hi = UUID.fromString(id).getMostSignificantBits();
            ors |= hi;
            ands &= hi;
        }
        assertEquals(~0xF000L, ors & ~0xF000L, "every free high bit seen set");
        assertEquals(0L, ands & ~0xF000L, "every free high bit seen clear");
    }

    @Test
    void threads_drawFromTheirOwnStreams_withoutCollisions() throws Exception {
        MessageIdentifiers ids = new MessageIdentifiers();
        Set<String> all = ConcurrentHashMap.newKeySet();
        int threads = 4;
        int each = 20_000;
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> started = new ArrayList<>();
        List<String> firsts = java.util.Collections.synchronizedList(new ArrayList<>());
        for (int t = 0; t < threads; t++) {
            Thread th = new Thread(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int i = 0; i < each; i++) {
                    String id = ids.generateIdentifier();
                    if (i == 0) {
                        firsts.add(id);
                    }
                    all.add(id);
                }
            });
            th.start();
            started.add(th);
        }
        start.countDown();
        for (Thread th : started) {
            th.join();
        }
        assertEquals(threads * each, all.size(), "every identifier distinct");
        assertEquals(threads, new HashSet<>(firsts).size(), "each thread its own key: " + firsts);
    }

    @Test
    void twoInstances_doNotShareAStream() {
        String a = new MessageIdentifiers().generateIdentifier();
        String b = new MessageIdentifiers().generateIdentifier();
        assertNotEquals(a, b);
    }
}
