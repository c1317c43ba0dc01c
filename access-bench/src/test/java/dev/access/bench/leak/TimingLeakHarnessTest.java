package dev.access.bench.leak;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TimingLeakHarnessTest {
    @Test
    void welch_sameDistribution_isSmall() {
        SplittableRandom r = new SplittableRandom(1);
        int n = 200_000;
        byte[] cls = new byte[n];
        long[] times = new long[n];
        for (int i = 0; i < n; i++) {
            cls[i] = (byte) r.nextInt(2);
            times[i] = 100 + r.nextInt(20);
        }
        assertTrue(Math.abs(TimingLeakHarness.welch(cls, times, Long.MAX_VALUE)) < 4.5);
    }

    @Test
    void welch_shiftedClass_isLarge_andSigned() {
        SplittableRandom r = new SplittableRandom(2);
        int n = 200_000;
        byte[] cls = new byte[n];
        long[] times = new long[n];
        for (int i = 0; i < n; i++) {
            cls[i] = (byte) r.nextInt(2);
            times[i] = 100 + r.nextInt(20) + (cls[i] == 1 ? 2 : 0);
        }
        double t = TimingLeakHarness.welch(cls, times, Long.MAX_VALUE);
        assertTrue(t < -10, "class 1 is slower, so t is strongly negative: " + t);
    }

    @Test
    void welch_knownValues() {
        // Class 0: 1, 2, 3 (mean 2, var 1); class 1: 4, 5, 6 (mean 5, var 1): t = -3 / sqrt(2/3).
        byte[] cls = {0, 0, 0, 1, 1, 1};
        long[] times = {1, 2, 3, 4, 5, 6};
        assertEquals(-3 / Math.sqrt(2.0 / 3), TimingLeakHarness.welch(cls, times, Long.MAX_VALUE), 1e-9);
        // Cropping below 5 keeps 1, 2, 3 and 4: class 1 has one sample, so no t.
        assertEquals(0, TimingLeakHarness.welch(cls, times, 5), 0);
    }

    @Test
    void earlyExitControl_isWhatItSays() {
        assertTrue(TimingLeakHarness.earlyExitEquals(new byte[] {1, 2}, new byte[] {1, 2}));
        assertTrue(!TimingLeakHarness.earlyExitEquals(new byte[] {1, 2}, new byte[] {1, 3}));
    }
}
