package dev.access.bench;

import dev.access.bench.support.Pins;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;
import org.bouncycastle.crypto.generators.PKCS5S2ParametersGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.util.Arrays;
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
import org.openjdk.jmh.infra.BenchmarkParams;

/**
 * <b>Question:</b> what would checking a typed PIN cost if each stored code were kept as its own
 * salted slow hash, the careful-but-naive design? No index is possible (every code has its own
 * salt), so a check hashes the typed PIN once per stored code; the query here is a miss (the
 * common case at a keypad under attack, and the worst case), so all N codes are hashed.
 *
 * <p>Peers: BCrypt cost 10 ({@code OpenBSDBCrypt.checkPassword}), Argon2id 19 MiB, t = 2, p = 1
 * (OWASP's minimum), PBKDF2-HMAC-SHA-256 with 600,000 iterations (OWASP 2023) in Bouncy Castle and
 * in SunJCE. Measured at N = 1 and 10 codes; the cost is N × one hash, so the report extrapolates
 * linearly to larger N.
 *
 * <p>Opt-in (slow: up to seconds per operation); excluded from the quick suite unless
 * {@code run-quick.sh --slow-peers}. Run:
 * {@code java -jar access-bench/target/benchmarks.jar SlowHashPeers -rf json -rff peers.json}
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class SlowHashPeers {
    static final int PBKDF2_ITERATIONS = 600_000;

    /** N stored codes, each with its own salt and hash, and a typed PIN that matches none. */
    @State(Scope.Benchmark)
    public static class Stored {
        @Param({"1", "10"})
        int codes;
        String[] bcrypt;
        byte[][] salts;
        byte[][] argon2;
        byte[][] pbkdf2;
        char[] typed;
        byte[] typedBytes;

        @Setup(Level.Trial)
        public void setup(BenchmarkParams params) {
            String method = params.getBenchmark().substring(params.getBenchmark().lastIndexOf('.') + 1);
            SplittableRandom r = new SplittableRandom(1);
            bcrypt = new String[codes];
            salts = new byte[codes][];
            argon2 = new byte[codes][];
            pbkdf2 = new byte[codes][];
            for (int i = 0; i < codes; i++) {
                salts[i] = new byte[16];
                for (int k = 0; k < 16; k++) {
                    salts[i][k] = (byte) r.nextInt();
                }
                char[] pin = Pins.chars(i);
                byte[] pinBytes = new String(pin).getBytes(StandardCharsets.US_ASCII);
                // Only what the measured method checks against (PBKDF2 setup alone is seconds).
                if (method.equals("bcrypt")) {
                    bcrypt[i] = OpenBSDBCrypt.generate(pin, salts[i], 10);
                } else if (method.equals("argon2id")) {
                    argon2[i] = argon2(pinBytes, salts[i]);
                } else {
                    pbkdf2[i] = pbkdf2Bc(pinBytes, salts[i]);
                }
            }
            typed = Pins.chars(codes + 12_345);
            typedBytes = new String(typed).getBytes(StandardCharsets.US_ASCII);
        }
    }

    static byte[] argon2(byte[] pin, byte[] salt) {
        Argon2Parameters p = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13).withIterations(2).withMemoryAsKB(19 * 1024)
                .withParallelism(1).withSalt(salt).build();
        Argon2BytesGenerator g = new Argon2BytesGenerator();
        g.init(p);
        byte[] out = new byte[32];
        g.generateBytes(pin, out);
        return out;
    }

    static byte[] pbkdf2Bc(byte[] pin, byte[] salt) {
        PKCS5S2ParametersGenerator g = new PKCS5S2ParametersGenerator(new SHA256Digest());
        g.init(pin, salt, PBKDF2_ITERATIONS);
        return ((KeyParameter) g.generateDerivedParameters(256)).getKey();
    }

    static byte[] pbkdf2Jdk(char[] pin, byte[] salt) {
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
                    .generateSecret(new PBEKeySpec(pin, salt, PBKDF2_ITERATIONS, 256)).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** BCrypt cost 10, every stored code checked. */
    @Benchmark
    public int bcrypt(Stored s) {
        int found = -1;
        for (int i = 0; i < s.codes; i++) {
            found = OpenBSDBCrypt.checkPassword(s.bcrypt[i], s.typed) ? i : found;
        }
        return found;
    }

    /** Argon2id 19 MiB / t=2 / p=1, every stored code checked. */
    @Benchmark
    public int argon2id(Stored s) {
        int found = -1;
        for (int i = 0; i < s.codes; i++) {
            found = Arrays.constantTimeAreEqual(argon2(s.typedBytes, s.salts[i]), s.argon2[i]) ? i : found;
        }
        return found;
    }

    /** PBKDF2-HMAC-SHA-256, 600k iterations, Bouncy Castle, every stored code checked. */
    @Benchmark
    public int pbkdf2BouncyCastle(Stored s) {
        int found = -1;
        for (int i = 0; i < s.codes; i++) {
            found = Arrays.constantTimeAreEqual(pbkdf2Bc(s.typedBytes, s.salts[i]), s.pbkdf2[i]) ? i : found;
        }
        return found;
    }

    /** PBKDF2-HMAC-SHA-256, 600k iterations, SunJCE (SHA intrinsics), every stored code checked. */
    @Benchmark
    public int pbkdf2Jdk(Stored s) {
        int found = -1;
        for (int i = 0; i < s.codes; i++) {
            found = Arrays.constantTimeAreEqual(pbkdf2Jdk(s.typed, s.salts[i]), s.pbkdf2[i]) ? i : found;
        }
        return found;
    }
}
