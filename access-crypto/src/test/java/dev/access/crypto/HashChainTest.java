package dev.access.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link HashChain} and {@link ChainHead}: every input changes the head, and the hex form round-trips. */
class HashChainTest {

    private static final ChainHead PREVIOUS = HashChain.next(ChainHead.GENESIS, 0, "LockInstalled",
            Instant.ofEpochSecond(1_700_000_000L), new byte[] {1, 2, 3});
    private static final long SEQUENCE = 41;
    private static final String TYPE = "CodeAdded";
    private static final Instant TIME = Instant.ofEpochSecond(1_700_000_123L, 456_789_000);
    private static final byte[] PAYLOAD = TestBytes.utf8("{\"slot\":3,\"digest\":\"...\"}");

    private static ChainHead base() {
        return HashChain.next(PREVIOUS, SEQUENCE, TYPE, TIME, PAYLOAD);
    }

    @Test
    void next_sameInputs_giveTheSameHead() {
        assertEquals(base(), base());
        assertEquals(base().toHex(), HashChain.next(ChainHead.fromHex(PREVIOUS.toHex()), SEQUENCE, TYPE,
                Instant.parse(TIME.toString()), PAYLOAD.clone()).toHex());
        assertEquals(32, base().toBytes().length);
    }

    @Test
    void next_changesWhenThePreviousHeadChanges() {
        byte[] other = PREVIOUS.toBytes();
        other[31] ^= 1;

        assertNotEquals(base(), HashChain.next(ChainHead.fromHex(TestBytes.hex(other)), SEQUENCE, TYPE, TIME, PAYLOAD));
        assertNotEquals(base(), HashChain.next(ChainHead.GENESIS, SEQUENCE, TYPE, TIME, PAYLOAD));
    }

    @Test
    void next_changesWhenTheSequenceChanges() {
        assertNotEquals(base(), HashChain.next(PREVIOUS, SEQUENCE + 1, TYPE, TIME, PAYLOAD));
        assertNotEquals(base(), HashChain.next(PREVIOUS, SEQUENCE | (1L << 62), TYPE, TIME, PAYLOAD));
    }

    @Test
    void next_changesWhenTheTypeChanges() {
        assertNotEquals(base(), HashChain.next(PREVIOUS, SEQUENCE, "CodeRemoved", TIME, PAYLOAD));
        assertNotEquals(base(), HashChain.next(PREVIOUS, SEQUENCE, "codeAdded", TIME, PAYLOAD));
        assertNotEquals(base(), HashChain.next(PREVIOUS, SEQUENCE, TYPE + " ", TIME, PAYLOAD));
    }

    @Test
    void next_changesWhenTheTimestampSecondsChange() {
        assertNotEquals(base(), HashChain.next(PREVIOUS, SEQUENCE, TYPE, TIME.plusSeconds(1), PAYLOAD));
    }

    @Test
    void next_changesWhenTheTimestampNanosChange() {
        assertNotEquals(base(), HashChain.next(PREVIOUS, SEQUENCE, TYPE, TIME.plusNanos(1), PAYLOAD));
    }

    @Test
    void next_changesWhenAnySinglePayloadBitChanges() {
        Set<String> heads = new HashSet<>();
        heads.add(base().toHex());
        for (int bit = 0; bit < PAYLOAD.length * 8; bit++) {
            byte[] changed = PAYLOAD.clone();
            changed[bit / 8] ^= (byte) (1 << (bit % 8));

            assertTrue(heads.add(HashChain.next(PREVIOUS, SEQUENCE, TYPE, TIME, changed).toHex()), "bit " + bit);
        }
    }

    /*
     * Known answers computed outside Java (Python's hashlib over the layout of the class comment:
     * label, previous head, then big-endian 8-byte sequence, type length, type, epoch seconds,
     * nanoseconds, payload length, payload). They pin the exact bytes hashed: a dropped length
     * prefix or field changes them.
     */
    @Test
    void next_matchesTheSpecifiedLayout_knownAnswers() {
        assertEquals("3a8044c86a34e19ec0463b65b87fd709e09594a43a7d6dd8955cd587da56bf46", PREVIOUS.toHex());
        assertEquals("08715078e44e5cf38e02d630383d647cf05fd0e39b9ceb3efc5540432817ae52", base().toHex());
        assertEquals("3bf4ec755db7d58294b4b407e37157d23d55a324e97d91ca9302f0f697f15161",
                HashChain.next(ChainHead.GENESIS, 7, "T\u00fcr", Instant.ofEpochSecond(-1, 999_999_999),
                        new byte[0]).toHex(), "a type's length is its UTF-8 length; times before 1970");
    }

    @Test
    void next_equalsSha256OverTheLayoutBuiltHere() throws Exception {
        byte[] type = TestBytes.utf8(TYPE);
        java.nio.ByteBuffer layout = java.nio.ByteBuffer.allocate(15 + 32 + 8 * 5 + type.length + PAYLOAD.length)
                .put(TestBytes.utf8("access/chain/v1")).put(PREVIOUS.toBytes())
                .putLong(SEQUENCE).putLong(type.length).put(type)
                .putLong(TIME.getEpochSecond()).putLong(TIME.getNano())
                .putLong(PAYLOAD.length).put(PAYLOAD);

        assertEquals(TestBytes.hex(java.security.MessageDigest.getInstance("SHA-256").digest(layout.array())),
                base().toHex());
    }

    @Test
    void next_lengthPrefixes_keepTypeAndPayloadApart() {
        ChainHead a = HashChain.next(PREVIOUS, SEQUENCE, "ab", TIME, TestBytes.utf8("c"));
        ChainHead b = HashChain.next(PREVIOUS, SEQUENCE, "a", TIME, TestBytes.utf8("bc"));

        assertNotEquals(a, b);
        assertNotEquals(HashChain.next(PREVIOUS, SEQUENCE, TYPE, TIME, new byte[0]),
                HashChain.next(PREVIOUS, SEQUENCE, TYPE, TIME, new byte[1]));
    }

    @Test
    void next_doesNotModifyItsInputs() {
        byte[] payload = PAYLOAD.clone();
        byte[] previous = PREVIOUS.toBytes();

        base();
        HashChain.next(PREVIOUS, SEQUENCE, TYPE, TIME, payload);

        assertArrayEquals(PAYLOAD, payload);
        assertArrayEquals(previous, PREVIOUS.toBytes());
    }

    @Test
    void genesis_isThirtyTwoZeroBytes() {
        assertEquals("0".repeat(64), ChainHead.GENESIS.toHex());
        assertEquals(ChainHead.GENESIS.toHex(), ChainHead.GENESIS.toString());
    }

    @Test
    void toBytes_isACopy() {
        ChainHead head = base();
        byte[] bytes = head.toBytes();
        bytes[0] ^= 1;

        assertNotEquals(TestBytes.hex(bytes), head.toHex());
    }

    @Test
    void fromHex_roundTripsAndAcceptsUpperCase() {
        ChainHead head = base();

        assertEquals(head, ChainHead.fromHex(head.toHex()));
        assertEquals(head, ChainHead.fromHex(head.toHex().toUpperCase(java.util.Locale.ROOT)));
        assertEquals(head.hashCode(), ChainHead.fromHex(head.toHex()).hashCode());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "00", "zz00000000000000000000000000000000000000000000000000000000000000",
            "0000000000000000000000000000000000000000000000000000000000000000ff"})
    void fromHex_malformed_isRejected(String hex) {
        assertThrows(IllegalArgumentException.class, () -> ChainHead.fromHex(hex));
        assertThrows(IllegalArgumentException.class, () -> ChainHead.fromHex(null));
    }

    /**
     * Characters below 'f' that are not hex ('Z', ':', '/', 'G', '`') and digits of other scripts
     * (which Character.digit reads as 0-9), at an even and at an odd position: all refused, by the
     * fast path's checks and by the fallback alike.
     */
    @ParameterizedTest
    @ValueSource(chars = {'Z', ':', '/', 'G', '`', '@', '\u0663', '\uFF13', '\u0966'})
    void fromHex_aCharacterThatIsNotAsciiHex_isRejectedAtAnEvenOrOddPosition(char c) {
        String zeros = "0".repeat(64);
        for (int at : new int[] {0, 1, 62, 63}) {
            String hex = zeros.substring(0, at) + c + zeros.substring(at + 1);
            assertThrows(IllegalArgumentException.class, () -> ChainHead.fromHex(hex), "'" + c + "' at " + at);
        }
    }

    @Test
    void fromHex_theEdgesOfTheHexAlphabet_areRead() {
        String hex = "09af" + "AF" + "0".repeat(58);
        byte[] raw = ChainHead.fromHex(hex).toBytes();
        assertEquals((byte) 0x09, raw[0]);
        assertEquals((byte) 0xaf, raw[1]);
        assertEquals((byte) 0xaf, raw[2]);
    }

    @Test
    void hashCode_followsTheBytes_soDistinctHeadsSpreadOverAHashTable() {
        Set<Integer> codes = new HashSet<>();
        ChainHead head = ChainHead.GENESIS;
        for (int i = 0; i < 50; i++) {
            head = HashChain.next(head, i, TYPE, TIME, PAYLOAD);
            codes.add(head.hashCode());
        }

        assertTrue(codes.size() > 45, "distinct heads got " + codes.size() + " hash codes of 50");
        assertEquals(0, ChainHead.GENESIS.hashCode());
    }
}
