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
 */
/**
 * Watches how busy the machine is while a benchmark suite runs: the CPU used by anything other
 * than the run's own process tree ("foreign" CPU), sampled every second (a main program, Linux
 * {@code /proc} only).
 *
 * <p>{@code LoadWatch idle SECONDS MAX_CORES}: measures foreign CPU (every process but this JVM)
 * over SECONDS and exits 0 when its mean is at most MAX_CORES, 1 otherwise, printing the figure.
 * {@code LoadWatch watch ROOT_PID OUT}: appends one line a second to OUT ({@code epoch-ms
 * foreign-cores}) until ROOT_PID ends or this process is killed. {@code LoadWatch summary OUT}:
 * prints {@code foreign_cpu_mean=…}, {@code foreign_cpu_p95=…}, {@code foreign_cpu_max=…} (cores)
 * and {@code foreign_cpu_samples=…} for the meta file.
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
        long[] b = busyAndTotal();
        long own = treeTicks(root, self);
        long w = System.nanoTime();
        try (PrintWriter pw = new PrintWriter(Files.newBufferedWriter(out, StandardCharsets.UTF_8))) {
            while (ProcessHandle.of(root).map(ProcessHandle::isAlive).orElse(false)) {
                Thread.sleep(1000);
                long[] b1 = busyAndTotal();
                long own1 = treeTicks(root, self);
                long w1 = System.nanoTime();
                double foreign = Math.max(0, cores(b1[0] - b[0] - (own1 - own), w1 - w));
                pw.printf(Locale.ROOT, "%d %.3f%n", System.currentTimeMillis(), foreign);
                pw.flush();
                b = b1;
                own = own1;
                w = w1;
            }
        }
    }

    /** The meta-file lines summarising a watch file. */
    static String summary(List<String> lines) {
        List<Double> v = new ArrayList<>();
        for (String l : lines) {
            String[] f = l.trim().split(" ");
            if (f.length == 2) {
                v.add(Double.parseDouble(f[1]));
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
                + "foreign_cpu_samples=%d%n", sum / v.size(), sorted.get((int) Math.floor(0.95 * (sorted.size() - 1))),
                sorted.get(sorted.size() - 1), v.size());
    }

    private static double cores(long ticks, long wallNanos) {
        return ticks / (double) CLOCK_TICKS / (wallNanos / 1e9);
    }

    /** USER_HZ: 100 on every Linux this runs on (getconf CLK_TCK). */
    private static final int CLOCK_TICKS = 100;

    /** {busy ticks, total ticks} of the whole machine. */
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
        return new long[] {total - idle, total};
    }

    /** utime + stime + cutime + cstime of one process, 0 if it is gone. */
    private static long processTicks(long pid) {
        long[] s = stat(pid);
        return s == null ? 0 : s[1];
    }

    /** {ppid, ticks} from /proc/PID/stat, or null if the process is gone. */
    private static long[] stat(long pid) {
        try {
            String s = Files.readString(Path.of("/proc/" + pid + "/stat"), StandardCharsets.US_ASCII);
            // The command name (field 2) is in parentheses and may hold spaces: split after it.
            String[] f = s.substring(s.lastIndexOf(')') + 2).trim().split(" ");
            // f[0] is field 3 (state): field n is f[n - 3].
            long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]) + Long.parseLong(f[13]) + Long.parseLong(f[14]);
            return new long[] {Long.parseLong(f[1]), ticks};
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** The CPU ticks of {@code root} and its live descendants (excluding {@code exclude}). */
    private static long treeTicks(long root, long exclude) throws IOException {
        Map<Long, long[]> all = new HashMap<>();
        try (DirectoryStream<Path> procs = Files.newDirectoryStream(Path.of("/proc"), p -> p.getFileName().toString()
                .chars().allMatch(Character::isDigit))) {
            for (Path p : procs) {
                long pid = Long.parseLong(p.getFileName().toString());
                long[] s = stat(pid);
                if (s != null) {
                    all.put(pid, s);
                }
            }
        }
        long sum = 0;
        for (Map.Entry<Long, long[]> e : all.entrySet()) {
            long pid = e.getKey();
            if (pid == exclude) {
                continue;
            }
            long p = pid;
            int depth = 0;
            while (p > 1 && p != root && depth++ < 64) {
                long[] s = all.get(p);
                p = s == null ? 0 : s[0];
            }
            if (p == root) {
                sum += e.getValue()[1];
            }
        }
        return sum;
    }
}
