package dev.access.crypto;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/** Big-endian packing and small byte helpers used inside this package. */
final class Bytes {
    private Bytes() {
    }

    /** Eight bytes as one big-endian long: one load (and a byte swap) on the hot path, not eight. */
    private static final VarHandle BIG_ENDIAN_LONG = MethodHandles.byteArrayViewVarHandle(long[].class,
            ByteOrder.BIG_ENDIAN);

    static long longAt(byte[] b, int off) {
        return (long) BIG_ENDIAN_LONG.get(b, off);
    }

    static void putLong(byte[] b, int off, long v) {
        BIG_ENDIAN_LONG.set(b, off, v);
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }

    static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] out = new byte[n];
        int off = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, off, p.length);
            off += p.length;
        }
        return out;
    }
}
