package dev.access.bench;

import dev.access.bench.support.Hmacs;
import dev.access.bench.support.Pins;
import dev.access.crypto.CodeDigest;
import dev.access.crypto.CodeDigester;
import dev.access.crypto.DigestEngine;
import dev.access.crypto.InMemoryKeyRing;
import dev.access.crypto.KeyRing;
import dev.access.crypto.PinCode;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import org.bouncycastle.crypto.macs.HMac;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * <b>Question:</b> which HMAC-SHA-256 implementation should digest PINs? The library's two
 * {@link DigestEngine}s (JDK: cloned precomputed pad states over the SUN {@code MessageDigest} with
 * SHA intrinsics; Bouncy Castle: the same scheme over BC's pure-Java {@code SHA256Digest}) against
 * a bare pad-state clone, a reused and a per-call {@code javax.crypto.Mac} (SunJCE), a reused and a
 * per-call BC {@code HMac}, and one unkeyed SHA-256 for scale; PIN lengths 4, 6 and 12 (all fit one
 * SHA-256 block with the 14-byte label, so the length should barely matter).
 *
 * <p>Run: {@code java -jar access-bench/target/benchmarks.jar DigestEngineBenchmark -rf json -rff digest.json}
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
public class DigestEngineBenchmark {
    /** Per-thread engines and a PIN of the swept length. */
    @State(Scope.Thread)
    public static class Engines {
        @Param({"4", "6", "12"})
        int pinLength;
        byte[] typed;
        PinCode pin;
        CodeDigester jdk;
        CodeDigester bc;
        Hmacs.PadStateClone padStates;
        Mac jcaMac;
        HMac bcHMac;
        MessageDigest sha256;
        byte[] key;

        @Setup(Level.Trial)
        public void setup() throws NoSuchAlgorithmException {
            typed = new byte[pinLength];
            for (int i = 0; i < pinLength; i++) {
                typed[i] = (byte) ('0' + (i * 7 + 3) % 10);
            }
            pin = PinCode.of(typed, Pins.POLICY);
            KeyRing ring = InMemoryKeyRing.create();
            int epoch = ring.createEpoch("bench");
            jdk = ring.digester("bench", epoch, DigestEngine.JDK);
            bc = ring.digester("bench", epoch, DigestEngine.BOUNCY_CASTLE);
            key = Hmacs.key();
            padStates = new Hmacs.PadStateClone(key);
            jcaMac = Hmacs.jcaMac(key);
            bcHMac = Hmacs.bcHMac(key);
            sha256 = MessageDigest.getInstance("SHA-256");
        }
    }

    /** The library, {@link DigestEngine#JDK}: PIN to {@code CodeDigest}. */
    @Benchmark
    public CodeDigest libraryJdk(Engines e) {
        return e.jdk.digest(e.pin);
    }

    /** The library, {@link DigestEngine#BOUNCY_CASTLE}. */
    @Benchmark
    public CodeDigest libraryBouncyCastle(Engines e) {
        return e.bc.digest(e.pin);
    }

    /** Bare JDK HMAC with cloned precomputed pad states (what the JDK engine does, minus the wrapping). */
    @Benchmark
    public byte[] jdkPadStateClone(Engines e) {
        return e.padStates.mac(e.typed);
    }

    /** SunJCE {@code Mac}, keyed once, reused. */
    @Benchmark
    public byte[] jcaMacReused(Engines e) {
        return Hmacs.jca(e.jcaMac, e.typed);
    }

    /** SunJCE {@code Mac.getInstance} + {@code init} per call (the textbook code). */
    @Benchmark
    public byte[] jcaMacPerCall(Engines e) {
        return Hmacs.jca(Hmacs.jcaMac(e.key), e.typed);
    }

    /** BC {@code HMac}, keyed once, reused. */
    @Benchmark
    public byte[] bcHMacReused(Engines e) {
        return Hmacs.bc(e.bcHMac, e.typed);
    }

    /** BC {@code HMac}, new and {@code init} per call. */
    @Benchmark
    public byte[] bcHMacPerCall(Engines e) {
        return Hmacs.bc(Hmacs.bcHMac(e.key), e.typed);
    }

    /** One unkeyed SHA-256 of the same message (JDK): half the compressions of an HMAC. */
    @Benchmark
    public byte[] jdkSha256Unkeyed(Engines e) {
        e.sha256.update(Hmacs.LABEL);
        e.sha256.update(e.typed);
        return e.sha256.digest();
    }
}
