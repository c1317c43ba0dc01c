package dev.access.bench.report;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/*
 * Implementation notes.
 *
 * Linux only (/proc). The machine's busy time comes from the first line of /proc/stat (user, nice,
 * system, irq, softirq, steal: every state but idle and iowait). The run's own time is the CPU time
 * of the process tree under the run script: for every live descendant utime + stime + cutime +
 * cstime (fields 14-17 of /proc/PID/stat). A child that ends is reaped by its parent, which then
 * counts it in its cutime/cstime, so the tree's total never loses a finished fork (JMH's host waits
 * for every fork it starts). Foreign CPU of an interval = busy delta - own delta, in cores
 * (divided by the wall ticks of the interval). The watcher's own JVM is not in the tree (it is
 * started with its own session by the script and excluded by PID) but its CPU, a /proc scan a
 * second, is counted as foreign: it is small (well under 1 % of a core) and shows in the idle check.
 *
 * Two kinds of CPU the run causes lie outside its tree, and the first version of the watcher counted
 * them as foreign (a quiet run's p95 read 0.60 cores, all of it in the SQLite-threads, PostgreSQL and
 * ingest parts):
 * - The embedded PostgreSQL server: pg_ctl starts the postmaster detached, so it and its backends
 *   are children of init, not of the run. They are recognised by their executable, which zonky
 *   unpacks under a directory named embedded-pg; servers already running when the watch starts
 *   stay foreign, with their backends.
 * Each process of the run is followed on its own (utime + stime + cutime + cstime, the growth since
 * the last snapshot); one that ends was reaped by its parent, whose cutime now holds all of its time,
 * so what was counted of it comes off if that parent is the run's. A process that lives less than a
 * snapshot (a CREATE DATABASE backend, a short tool) is thus counted once, through its parent; one
 * that leaves the tree (a server reparented to init) keeps what was counted. The first watcher summed
 * the tree's ticks instead, and read 0.5 to 19 "foreign" cores whenever part of the tree left it or
 * ended outside it: a fork's PostgreSQL server reaped by init took its backends' time with it, and
 * short-lived backends were never seen (the PostgreSQL rows of 2026-12-08's ingest and cold-pg parts).
 * - The kernel's own work: kernel threads (children of kthreadd, PID 2: the journal, writeback,
 *   block I/O completion that every fsync sets off) and the irq and softirq time of /proc/stat.
 *   It is not attributed to the run nor to anyone else; it goes in a column of its own ("kernel")
 *   so a reader sees how much there was, and is left out of "foreign".
 */
/**
 * Watches how busy the machine is while a benchmark suite runs: the CPU used by anything other
 * than the run's own process tree ("foreign" CPU), sampled every second (a main program, Linux
 * {@code /proc} only).
 *
 * <p>{@code LoadWatch idle SECONDS MAX_CORES}: measures foreign CPU (every process but this JVM)
 * over SECONDS and exits 0 when its mean is at most MAX_CORES, 1 otherwise, printing the figure.
 * {@code LoadWatch watch ROOT_PID OUT}: appends one line a second to OUT ({@code epoch-ms
 * foreign-cores kernel-cores}) until ROOT_PID ends or this process is killed; the run's own CPU is
 * its process tree plus the embedded PostgreSQL servers started after the watch began, kernel CPU
 * (kernel threads, irq, softirq) is reported apart and counted in neither. {@code LoadWatch summary
 * OUT}: prints {@code foreign_cpu_mean=…}, {@code foreign_cpu_p95=…}, {@code foreign_cpu_max=…},
 * {@code kernel_cpu_mean=…} (cores) and {@code foreign_cpu_samples=…} for the meta file.
 */
public final class LoadWatch {
    private LoadWatch() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 3 && args[0].equals("idle")) {
            double seconds = Double.parseDouble(args[1]);
            double max = Double.parseDouble(args[2]);
            double foreign = idle(seconds);
            System.out.printf(Locale.ROOT, "foreign CPU over %.0f s before the run: %.2f cores (limit %.2f)%n", seconds,
                    foreign, max);
            System.exit(foreign <= max ? 0 : 1);
        } else if (args.length == 3 && args[0].equals("watch")) {
            watch(Long.parseLong(args[1]), Path.of(args[2]));
        } else if (args.length == 2 && args[0].equals("summary")) {
            System.out.print(summary(Files.readAllLines(Path.of(args[1]), StandardCharsets.UTF_8)));
        } else {
            System.err.println("usage: LoadWatch idle SECONDS MAX_CORES | watch ROOT_PID OUT | summary OUT");
            System.exit(2);
        }
    }

    /** Mean CPU used by every process but this one over {@code seconds}, in cores. */
    static double idle(double seconds) throws IOException, InterruptedException {
        long self = ProcessHandle.current().pid();
        long[] b0 = busyAndTotal();
        long own0 = processTicks(self);
        long w0 = System.nanoTime();
        Thread.sleep((long) (seconds * 1000));
        long[] b1 = busyAndTotal();
        long own1 = processTicks(self);
        long w1 = System.nanoTime();
        return cores(b1[0] - b0[0] - (own1 - own0), w1 - w0);
    }

    private static void watch(long root, Path out) throws IOException, InterruptedException {
        long self = ProcessHandle.current().pid();
        Sampler sampler = new Sampler(root, self, snapshot());
        long[] b = busyAndTotal();
        long w = System.nanoTime();
        try (PrintWriter pw = new PrintWriter(Files.newBufferedWriter(out, StandardCharsets.UTF_8))) {
            while (ProcessHandle.of(root).map(ProcessHandle::isAlive).orElse(false)) {
                Thread.sleep(1000);
                long[] b1 = busyAndTotal();
                long[] d = sampler.next(snapshot());
                long w1 = System.nanoTime();
                long kernel = d[1] + (b1[2] - b[2]);
                double foreign = Math.max(0, cores(b1[0] - b[0] - d[0] - kernel, w1 - w));
                pw.printf(Locale.ROOT, "%d %.3f %.3f%n", System.currentTimeMillis(), foreign, cores(kernel, w1 - w));
                // ACCESS_WATCH_DEBUG set: each sample's parts on standard error, to tell what a flag was.
                if (System.getenv("ACCESS_WATCH_DEBUG") != null) {
                    System.err.printf(Locale.ROOT, "busy %d own %d (growth %d, ended taken off %d) kernel %d%n",
                            b1[0] - b[0], d[0], sampler.parts[0], sampler.parts[1], kernel);
                }
                pw.flush();
                b = b1;
                w = w1;
            }
        }
    }

    /** One process in a snapshot of /proc. */
    record Proc(long pid, long ppid, long start, long selfTicks, long allTicks, boolean kernel, boolean embeddedPg) {
        /** Identifies a process across samples (a PID may be reused). */
        String key() {
            return pid + "@" + start;
        }
    }

    /**
     * Turns successive snapshots into CPU deltas: the run's own ({@code root}'s tree and the
     * embedded PostgreSQL processes that were not there at the start) and the kernel threads'.
     */
    static final class Sampler {
        private final long root;
        private final long exclude;
        private final java.util.Set<String> foreignAtStart = new java.util.HashSet<>();
        /** Kernel threads: utime + stime at the last snapshot. */
        private final Map<String, Long> lastSelf = new HashMap<>();
        /** The run's processes: utime + stime + cutime + cstime at the last snapshot. */
        private final Map<String, Long> lastAll = new HashMap<>();
        /** The run's processes: their parent's key at the last snapshot (null if none was seen). */
        private final Map<String, String> parentAt = new HashMap<>();
        /** The parts of the last {@link #next}'s own ticks: {processes' growth, ended processes taken off}. */
        final long[] parts = new long[2];

        Sampler(long root, long exclude, Map<Long, Proc> first) {
            this.root = root;
            this.exclude = exclude;
            for (Proc p : first.values()) {
                if (p.embeddedPg) {
                    foreignAtStart.add(p.key());
                } else if (p.kernel) {
                    lastSelf.put(p.key(), p.selfTicks);
                }
            }
            for (Proc p : first.values()) {
                if (isOwn(first, p)) {
                    lastAll.put(p.key(), p.allTicks);
                    parentAt.put(p.key(), parentKey(first, p));
                }
            }
        }

        /**
         * Whether a process is the run's: in the root's tree, or a process of an embedded PostgreSQL
         * server that was not running when the watch began (outside the tree once pg_ctl detached it).
         */
        private boolean isOwn(Map<Long, Proc> all, Proc p) {
            if (p.pid == exclude) {
                return false;
            }
            if (inTree(all, p.pid, root)) {
                return true;
            }
            return p.embeddedPg && !foreignAtStart.contains(server(all, p).key());
        }

        private static String parentKey(Map<Long, Proc> all, Proc p) {
            Proc parent = all.get(p.ppid);
            return parent == null ? null : parent.key();
        }

        /** {own ticks, kernel-thread ticks} since the previous snapshot. */
        long[] next(Map<Long, Proc> now) {
            java.util.Arrays.fill(parts, 0);
            java.util.Set<String> live = new java.util.HashSet<>();
            java.util.Set<String> own = new java.util.HashSet<>();
            for (Proc p : now.values()) {
                live.add(p.key());
                if (isOwn(now, p)) {
                    own.add(p.key());
                }
            }
            long ownTicks = 0;
            // A process of the run that ended was reaped by its parent, whose cutime now holds all its
            // ticks: what was counted of it already comes off, if that parent is the run's and alive
            // (else the rest of its time is lost, never counted twice).
            for (java.util.Iterator<Map.Entry<String, Long>> it = lastAll.entrySet().iterator(); it.hasNext();) {
                Map.Entry<String, Long> e = it.next();
                if (live.contains(e.getKey()) && own.contains(e.getKey())) {
                    continue;
                }
                String parent = parentAt.remove(e.getKey());
                if (!live.contains(e.getKey()) && parent != null && own.contains(parent)) {
                    ownTicks -= e.getValue();
                    parts[1] -= e.getValue();
                }
                // A live process that left the run (reparented outside the tree) is no longer followed.
                it.remove();
            }
            long kernel = 0;
            for (Proc p : now.values()) {
                if (own.contains(p.key())) {
                    Long before = lastAll.put(p.key(), p.allTicks);
                    long d = p.allTicks - (before == null ? 0 : before);
                    ownTicks += d;
                    parts[0] += d;
                    parentAt.put(p.key(), parentKey(now, p));
                } else if (p.kernel) {
                    Long before = lastSelf.put(p.key(), p.selfTicks);
                    kernel += p.selfTicks - (before == null ? 0 : before);
                }
            }
            lastSelf.keySet().retainAll(live);
            return new long[] {ownTicks, kernel};
        }

        /** The embedded PostgreSQL server (postmaster) a server process belongs to: its topmost embedded-pg ancestor. */
        private static Proc server(Map<Long, Proc> all, Proc p) {
            Proc s = p;
            int depth = 0;
            while (depth++ < 64) {
                Proc parent = all.get(s.ppid);
                if (parent == null || !parent.embeddedPg) {
                    return s;
                }
                s = parent;
            }
            return s;
        }
    }

    /** The meta-file lines summarising a watch file. */
    static String summary(List<String> lines) {
        List<Double> v = new ArrayList<>();
        double kernel = 0;
        for (String l : lines) {
            String[] f = l.trim().split(" ");
            if (f.length == 2 || f.length == 3) {
                v.add(Double.parseDouble(f[1]));
                kernel += f.length == 3 ? Double.parseDouble(f[2]) : 0;
            }
        }
        if (v.isEmpty()) {
            return "foreign_cpu_samples=0\n";
        }
        double sum = 0;
        for (double d : v) {
            sum += d;
        }
        List<Double> sorted = new ArrayList<>(v);
        sorted.sort(Double::compare);
        return String.format(Locale.ROOT, "foreign_cpu_mean=%.3f%nforeign_cpu_p95=%.3f%nforeign_cpu_max=%.3f%n"
                + "kernel_cpu_mean=%.3f%nforeign_cpu_samples=%d%n", sum / v.size(),
                sorted.get((int) Math.floor(0.95 * (sorted.size() - 1))), sorted.get(sorted.size() - 1),
                kernel / v.size(), v.size());
    }

    private static double cores(long ticks, long wallNanos) {
        return ticks / (double) CLOCK_TICKS / (wallNanos / 1e9);
    }

    /** USER_HZ: 100 on every Linux this runs on (getconf CLK_TCK). */
    private static final int CLOCK_TICKS = 100;

    /** {busy ticks, total ticks, irq + softirq ticks} of the whole machine. */
    private static long[] busyAndTotal() throws IOException {
        String cpu = Files.readAllLines(Path.of("/proc/stat"), StandardCharsets.US_ASCII).get(0);
        String[] f = cpu.trim().split("\\s+");
        long total = 0;
        long idle = 0;
        // cpu user nice system idle iowait irq softirq steal guest guest_nice (guest is inside user)
        for (int i = 1; i < f.length && i <= 8; i++) {
            long x = Long.parseLong(f[i]);
            total += x;
            if (i == 4 || i == 5) {
                idle += x;
            }
        }
        // fields 6 and 7: irq and softirq, the kernel's work outside any thread
        long irq = (f.length > 7 ? Long.parseLong(f[6]) + Long.parseLong(f[7]) : 0);
        return new long[] {total - idle, total, irq};
    }

    /** utime + stime + cutime + cstime of one process, 0 if it is gone. */
    private static long processTicks(long pid) {
        long[] s = stat(pid);
        return s == null ? 0 : s[1];
    }

    /** {ppid, utime + stime + cutime + cstime, utime + stime, starttime} of a process, or null if it is gone. */
    private static long[] stat(long pid) {
        try {
            String s = Files.readString(Path.of("/proc/" + pid + "/stat"), StandardCharsets.US_ASCII);
            // The command name (field 2) is in parentheses and may hold spaces: split after it.
            String[] f = s.substring(s.lastIndexOf(')') + 2).trim().split(" ");
            // f[0] is field 3 (state): field n is f[n - 3].
            long self = Long.parseLong(f[11]) + Long.parseLong(f[12]);
            long ticks = self + Long.parseLong(f[13]) + Long.parseLong(f[14]);
            return new long[] {Long.parseLong(f[1]), ticks, self, Long.parseLong(f[19])};
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** Every live process. */
    static Map<Long, Proc> snapshot() throws IOException {
        Map<Long, Proc> all = new HashMap<>();
        try (DirectoryStream<Path> procs = Files.newDirectoryStream(Path.of("/proc"), p -> p.getFileName().toString()
                .chars().allMatch(Character::isDigit))) {
            for (Path p : procs) {
                long pid = Long.parseLong(p.getFileName().toString());
                long[] s = stat(pid);
                if (s != null) {
                    boolean kernel = pid == 2 || s[0] == 2;
                    all.put(pid, new Proc(pid, s[0], s[3], s[2], s[1], kernel, !kernel && isEmbeddedPg(pid)));
                }
            }
        }
        return all;
    }

    /** A process whose executable zonky's embedded PostgreSQL unpacked (under an embedded-pg directory). */
    private static boolean isEmbeddedPg(long pid) {
        try {
            return Files.readSymbolicLink(Path.of("/proc/" + pid + "/exe")).toString().contains("/embedded-pg/");
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** True if {@code pid} is {@code root} or one of its descendants in {@code all}. */
    static boolean inTree(Map<Long, Proc> all, long pid, long root) {
        long p = pid;
        int depth = 0;
        while (p > 1 && p != root && depth++ < 64) {
            Proc s = all.get(p);
            p = s == null ? 0 : s.ppid;
        }
        return p == root;
    }
}
