package dev.access.bench.leak;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
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

    @Test
    void onlyOffline_keepsTheOfflineRowsWithTheirAaCalibration_andTheControls() {
        List<TimingLeakHarness.Test> all = TimingLeakHarness.tests();
        List<String> names = TimingLeakHarness.select(all, "offline").stream().map(TimingLeakHarness.Test::name)
                .collect(Collectors.toList());
        assertEquals(List.of("A/A: offline check, one pool of valid PINs for both classes",
                "A/A: offline check, equal valid PINs, separate arrays",
                "offline check, warm: valid PIN vs invalid PIN (same length)",
                "offline check, warm: valid, first vs last 100 compared",
                "CONTROL early-exit compare 32 B: first vs last byte",
                "CONTROL Arrays.equals 4 KiB: first vs last byte"), names);
        assertEquals(all, TimingLeakHarness.select(all, null));
        assertThrows(IllegalArgumentException.class, () -> TimingLeakHarness.select(all, "no such test"));
    }

    @Test
    void offlineValidVsInvalid_classesCheckAsNamed() {
        TimingLeakHarness.Test t = TimingLeakHarness.select(TimingLeakHarness.tests(), "valid PIN vs invalid").get(0);
        assertEquals("valid", t.classA());
        assertEquals("invalid", t.classB());
        for (int i = 0; i < 64; i++) {
            assertEquals(1, t.target().run(t.inputs().input(0, i)), "a valid PIN opens");
            assertEquals(0, t.target().run(t.inputs().input(1, i)), "an invalid PIN does not");
            assertEquals(10, ((byte[]) t.inputs().input(1, i)).length, "same length");
        }
    }
}
