package dev.access.core.internal.axon;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.UUID;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.axonframework.common.IdentifierFactory;

/**
 * Axon's message identifiers (every command and event message gets one): random version-4 UUIDs
 * as Axon's default makes them, drawn from AES-128 in counter mode under a key each thread takes
 * once from {@link SecureRandom}, instead of one {@code SecureRandom} call per identifier.
 *
 * <p>Why: an entry attempt creates several messages, and Axon's default ({@code UUID.randomUUID},
 * i.e. the system's {@code NativePRNG}: a lock, a SHA-1 mixing step and reads of
 * {@code /dev/urandom}) took about a tenth of an in-memory entry attempt (JMH stack profile,
 * issue 15). Here a thread encrypts a counter block per identifier, 64 at a time.
 *
 * <p>Guarantees, as {@code UUID.randomUUID}'s: 122 bits unpredictable to anyone without the
 * thread's key (AES as a pseudorandom permutation: within one thread no block repeats, so no
 * identifier repeats but by the 6 fixed bits' 2^-122 chance), and two threads' or processes'
 * identifiers collide only by that chance (independent random keys). Identifiers are not secrets
 * anywhere in this library; they must only be unique in an event store.
 *
 * <p>Axon finds an {@link IdentifierFactory} through {@link java.util.ServiceLoader} for the whole
 * JVM: access-core registers this one in {@code META-INF/services}, so an embedding application's
 * own Axon messages use it too (see the README, "Embedding it"). If AES is unavailable (it is in
 * every Java SE), it falls back to {@code UUID.randomUUID}.
 */
public final class MessageIdentifiers extends IdentifierFactory {
    /** Identifiers per refill of a thread's buffer. */
    static final int BATCH = 64;

    private static final SecureRandom SEEDS = new SecureRandom();

    private final ThreadLocal<Stream> streams = ThreadLocal.withInitial(Stream::open);

    /** Called by {@link java.util.ServiceLoader}. */
    public MessageIdentifiers() {
    }

    @Override
    public String generateIdentifier() {
        Stream s = streams.get();
        return s == null ? UUID.randomUUID().toString() : s.next().toString();
    }

    /** One thread's identifiers: AES-128-CTR keystream under the thread's own random key. */
    static final class Stream {
        private final Cipher cipher;
        private final byte[] zeros = new byte[BATCH * 16];
        private final byte[] block = new byte[BATCH * 16];
        private int used = BATCH;

        private Stream(Cipher cipher) {
            this.cipher = cipher;
        }

        /** A stream under a fresh key, or null if this JVM has no AES. */
        static Stream open() {
            byte[] key = new byte[16];
            byte[] iv = new byte[16];
            SEEDS.nextBytes(key);
            try {
                Cipher c = Cipher.getInstance("AES/CTR/NoPadding");
                c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new IvParameterSpec(iv));
                return new Stream(c);
            } catch (GeneralSecurityException e) {
                return null;
            } finally {
                java.util.Arrays.fill(key, (byte) 0);
            }
        }

        /** The next identifier: the next 16 keystream bytes with UUID version 4 and variant bits. */
        UUID next() {
            if (used == BATCH) {
                // The counter runs on across refills (a CTR stream never reuses a block).
                int n;
                try {
                    n = cipher.update(zeros, 0, zeros.length, block, 0);
                } catch (javax.crypto.ShortBufferException e) {
                    throw new IllegalStateException("AES-CTR wants a larger buffer than its input", e);
                }
                if (n != block.length) {
                    throw new IllegalStateException("AES-CTR gave " + n + " bytes for " + block.length);
                }
                used = 0;
            }
            int at = used++ * 16;
            long msb = word(block, at);
            long lsb = word(block, at + 8);
            msb = (msb & ~0xF000L) | 0x4000L;
            lsb = (lsb & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
            return new UUID(msb, lsb);
        }

        private static long word(byte[] b, int at) {
            long v = 0;
            for (int i = 0; i < 8; i++) {
                v = (v << 8) | (b[at + i] & 0xFF);
            }
            return v;
        }
    }
}
