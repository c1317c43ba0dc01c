package dev.access.bench.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.access.bench.report.LoadWatch.Proc;
import dev.access.bench.report.LoadWatch.Sampler;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the watcher counts as the run's own CPU, as the kernel's, and as foreign (synthetic /proc snapshots). */
class LoadWatchTest {
    private static final long ROOT = 100;
    private static final long WATCHER = 999;

    private static Proc proc(long pid, long ppid, long self, long all) {
        return new Proc(pid, ppid, pid * 10, self, all, false, false);
    }

    private static Proc pg(long pid, long ppid, long self) {
        return new Proc(pid, ppid, pid * 10, self, self, false, true);
    }

    private static Proc kthread(long pid, long self) {
        return new Proc(pid, 2, pid * 10, self, self, true, false);
    }

    private static Map<Long, Proc> snap(Proc... ps) {
        Map<Long, Proc> m = new HashMap<>();
        for (Proc p : ps) {
            m.put(p.pid(), p);
        }
        return m;
    }

    @Test
    void theRunsTreeItsLaterPostgresServerAndNotTheOlderOneAreOwnTheKernelThreadsApart() {
        Map<Long, Proc> first = snap(proc(ROOT, 1, 5, 5), proc(101, ROOT, 50, 50), pg(500, 1, 1000),
                kthread(3, 7), proc(WATCHER, 1, 3, 3), proc(700, 1, 40, 40));
        Sampler s = new Sampler(ROOT, WATCHER, first);
        // One second later: the fork used 90 ticks, a PostgreSQL server started by the run (600 and
        // its backend 601) 30 + 20, the server that was there before 400 (foreign), the kernel
        // thread 6, the foreign process 40, the watcher 1.
        Map<Long, Proc> second = snap(proc(ROOT, 1, 5, 5), proc(101, ROOT, 140, 140), pg(500, 1, 1400),
                pg(600, 1, 30), pg(601, 600, 20), kthread(3, 13), proc(WATCHER, 1, 4, 4), proc(700, 1, 80, 80));
        assertArrayEquals(new long[] {90 + 30 + 20, 6}, s.next(second));
        // The backend ends after 5 more ticks; the postmaster (5 ticks of its own) reaps it: its cutime
        // holds the backend's 25, of which 20 were counted: the 5 left are counted, nothing twice.
        Map<Long, Proc> third = snap(proc(ROOT, 1, 5, 5), proc(101, ROOT, 140, 140), pg(500, 1, 1400),
                new Proc(600, 1, 6000, 35, 35 + 25, false, true), kthread(3, 13), proc(WATCHER, 1, 4, 4));
        assertArrayEquals(new long[] {5 + 5, 0}, s.next(third));
    }

    @Test
    void aBackendTooShortForAnySnapshot_isCountedWhenItsServerReapsIt_butNotOfAServerOlderThanTheRun() {
        Map<Long, Proc> first = snap(proc(ROOT, 1, 5, 5), pg(500, 1, 1000));
        Sampler s = new Sampler(ROOT, WATCHER, first);
        // The run starts server 600; the older server 500 starts a backend 501 (foreign, as its server).
        assertArrayEquals(new long[] {10, 0},
                s.next(snap(proc(ROOT, 1, 5, 5), pg(500, 1, 1000), pg(501, 500, 30), pg(600, 1, 10))));
        // Between two snapshots server 600 forked, ran and reaped backends of 70 ticks in all (a
        // CREATE DATABASE, say): none was ever seen, its cutime tells them.
        assertArrayEquals(new long[] {2 + 70, 0}, s.next(snap(proc(ROOT, 1, 5, 5), pg(500, 1, 1000), pg(501, 500, 60),
                new Proc(600, 1, 6000, 12, 12 + 70, false, true))));
        // The older server reaps its backend: nothing of it is the run's.
        assertArrayEquals(new long[] {0, 0}, s.next(snap(proc(ROOT, 1, 5, 5),
                new Proc(500, 1, 5000, 1000, 1000 + 60, false, true), new Proc(600, 1, 6000, 12, 12 + 70, false, true))));
    }

    @Test
    void aServerStartedInsideTheTree_keepsItsTimeWhenItsForkEndsAndInitReapsIt() {
        Sampler s = new Sampler(ROOT, WATCHER, snap(proc(ROOT, 1, 5, 5), proc(101, ROOT, 100, 100)));
        // The fork starts a server as its child (inside the tree): 50 ticks.
        assertArrayEquals(new long[] {50, 0}, s.next(snap(proc(ROOT, 1, 5, 5), proc(101, ROOT, 100, 100),
                pg(200, 101, 50))));
        // The fork ends (the host reaps its 100) and the server, reparented to init, goes on: 30 more.
        assertArrayEquals(new long[] {30, 0}, s.next(snap(proc(ROOT, 1, 5, 5 + 100), pg(200, 1, 80))));
        // Init reaps the server: nothing comes off (its time was counted as it ran).
        assertArrayEquals(new long[] {0, 0}, s.next(snap(proc(ROOT, 1, 5, 5 + 100))));
    }

    @Test
    void aProcessThatLeavesTheTree_isNoLongerTheRuns_butWhatItDidStaysCounted() {
        Sampler s = new Sampler(ROOT, WATCHER, snap(proc(ROOT, 1, 5, 5)));
        assertArrayEquals(new long[] {40, 0}, s.next(snap(proc(ROOT, 1, 5, 5), proc(300, ROOT, 40, 40))));
        // Detached (not a PostgreSQL server): its later 30 ticks are foreign, the 40 are not taken back.
        assertArrayEquals(new long[] {0, 0}, s.next(snap(proc(ROOT, 1, 5, 5), proc(300, 1, 70, 70))));
    }

    @Test
    void aBackendWhoseServerEndedToo_isNotTakenOffTwice() {
        Sampler s = new Sampler(ROOT, WATCHER, snap(proc(ROOT, 1, 5, 5)));
        assertArrayEquals(new long[] {10 + 20, 0}, s.next(snap(proc(ROOT, 1, 5, 5), pg(600, 1, 10), pg(601, 600, 20))));
        // The whole server stops: what it and its backend did since is lost, never negative.
        assertArrayEquals(new long[] {0, 0}, s.next(snap(proc(ROOT, 1, 5, 5))));
    }

    @Test
    void aForkThatEndsIsCountedOnceThroughItsParent() {
        Sampler s = new Sampler(ROOT, WATCHER, snap(proc(ROOT, 1, 5, 5), proc(101, ROOT, 50, 50)));
        assertArrayEquals(new long[] {30, 0}, s.next(snap(proc(ROOT, 1, 5, 5), proc(101, ROOT, 80, 80))));
        // The fork ends after 10 more ticks; the host reaps it (its cutime now holds the fork's 90).
        assertArrayEquals(new long[] {10, 0}, s.next(snap(proc(ROOT, 1, 5, 5 + 90))));
    }

    @Test
    void aPostgresServerInsideTheTreeIsCountedOnceThroughTheTree() {
        Sampler s = new Sampler(ROOT, WATCHER, snap(proc(ROOT, 1, 5, 5), pg(300, ROOT, 10)));
        assertArrayEquals(new long[] {15, 0}, s.next(snap(proc(ROOT, 1, 5, 5), pg(300, ROOT, 25))));
    }

    @Test
    void theSummaryReadsOldTwoColumnAndNewThreeColumnFiles() {
        String old = LoadWatch.summary(List.of("1 0.100", "2 0.300"));
        assertTrue(old.contains("foreign_cpu_mean=0.200"), old);
        assertTrue(old.contains("kernel_cpu_mean=0.000"), old);
        String now = LoadWatch.summary(List.of("1 0.000 0.040", "2 0.600 0.020", "3 0.000 0.000"));
        assertTrue(now.contains("foreign_cpu_mean=0.200"), now);
        assertTrue(now.contains("foreign_cpu_max=0.600"), now);
        assertTrue(now.contains("kernel_cpu_mean=0.020"), now);
        assertTrue(now.contains("foreign_cpu_samples=3"), now);
        assertEquals("foreign_cpu_samples=0\n", LoadWatch.summary(List.of()));
    }

    @Test
    void aSnapshotOfThisMachineFindsThisProcessAndKernelThreads() throws Exception {
        Map<Long, Proc> now = LoadWatch.snapshot();
        long me = ProcessHandle.current().pid();
        assertTrue(now.containsKey(me), "this JVM is in /proc");
        assertTrue(!now.get(me).kernel() && !now.get(me).embeddedPg(), "a JVM is neither kernel nor PostgreSQL");
        assertTrue(now.values().stream().anyMatch(Proc::kernel), "Linux has kernel threads under kthreadd");
    }
}
