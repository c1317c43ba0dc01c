package dev.access.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** HashChain reuses one digest per thread: a new thread and a failed call must not change any chain value. */
class HashChainScratchTest {
    private static final Instant AT = Instant.parse("2026-12-07T06:00:00.123456789Z");
    private static final byte[] PAYLOAD = "{\"lock\":\"front\"}".getBytes(StandardCharsets.UTF_8);

    @Test
    void aCallThatFailsHalfwayLeavesNothingBehindForTheThreadsNextCall() {
        ChainHead expected = HashChain.next(ChainHead.GENESIS, 7, "EntryGranted", AT, PAYLOAD);
        // The label, the previous head, the sequence and the type are absorbed before the null
        // payload fails: the thread's digest must start afresh on its next call.
        assertThrows(NullPointerException.class, () -> HashChain.next(ChainHead.GENESIS, 7, "EntryGranted", AT, null));
        assertEquals(expected, HashChain.next(ChainHead.GENESIS, 7, "EntryGranted", AT, PAYLOAD));
    }

    @Test
    void aNewThreadComputesTheSameChainValue() throws InterruptedException {
        ChainHead expected = HashChain.next(ChainHead.GENESIS, 7, "EntryGranted", AT, PAYLOAD);
        AtomicReference<Object> seen = new AtomicReference<>();
        Thread t = new Thread(() -> {
            try {
                seen.set(HashChain.next(ChainHead.GENESIS, 7, "EntryGranted", AT, PAYLOAD));
            } catch (RuntimeException e) {
                seen.set(e);
            }
        });
        t.start();
        t.join();
        assertEquals(expected, seen.get());
    }
}
