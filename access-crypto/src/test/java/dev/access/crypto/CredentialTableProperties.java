package dev.access.crypto;

import static dev.access.crypto.CredentialTable.NOT_FOUND;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;

import dev.access.crypto.CredentialTable.Variant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/** Properties: both {@link CredentialTable} layouts behave like a HashMap model, and the builder like repeated {@code with}. */
class CredentialTableProperties {

    /** One step: 0-1 add, 2 remove a slot, 3 find. The digest index is taken modulo the pool size. */
    record Op(int kind, int digest, int slot) {
    }

    /** Fixed-size random digests from a seed; a small pool makes hits, misses and duplicates common. */
    private static List<CodeDigest> pool(long seed, int size) {
        Random random = new Random(seed);
        List<CodeDigest> pool = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            pool.add(CodeDigest.fromBytes(TestBytes.random(random, 32)));
        }
        return pool;
    }

    /** Digests as map keys: CodeDigest's own equals and hashCode are under test, so the model uses bytes. */
    private static String key(CodeDigest d) {
        return TestBytes.hex(d.toBytes());
    }

    private static Gen<Op> ops() {
        return Generate.range(0, 3).zip(Generate.range(0, 63), Generate.range(-1, 11), Op::new);
    }

    private static void assertAgrees(Map<String, Integer> model, CredentialTable table, List<CodeDigest> pool,
            String when) {
        assertEquals(model.size(), table.size(), "size " + when);
        for (CodeDigest d : pool) {
            assertEquals(model.getOrDefault(key(d), NOT_FOUND), table.find(d), "find " + when);
        }
    }

    @Test
    void indexedTable_agreesWithHashMapModel_underRandomOperations() {
        agreesWithModel(Variant.INDEXED);
    }

    @Test
    void strictTable_agreesWithHashMapModel_underRandomOperations() {
        agreesWithModel(Variant.STRICT);
    }

    private static void agreesWithModel(Variant variant) {
        Set<String> seen = new HashSet<>();
        qt().withExamples(400)
                .forAll(longs().all(), Generate.range(1, 48), lists().of(ops()).ofSizeBetween(0, 120))
                .checkAssert((seed, poolSize, ops) -> {
                    List<CodeDigest> pool = pool(seed, poolSize);
                    CredentialTable table = CredentialTable.empty(variant);
                    Map<String, Integer> model = new HashMap<>();
                    int step = 0;
                    for (Op op : ops) {
                        step++;
                        String when = "after step " + step + " " + op;
                        CodeDigest d = pool.get(op.digest() % poolSize);
                        CredentialTable before = table;
                        Map<String, Integer> modelBefore = new HashMap<>(model);
                        switch (op.kind()) {
                            case 0, 1 -> {
                                Integer holder = model.get(key(d));
                                if (op.slot() < 0) {
                                    assertThrows(IllegalArgumentException.class, () -> before.with(d, op.slot()), when);
                                } else if (holder != null) {
                                    seen.add("duplicate");
                                    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                                            () -> before.with(d, op.slot()), when);
                                    assertTrue(e.getMessage().contains("slot " + holder), e.getMessage());
                                } else {
                                    table = table.with(d, op.slot());
                                    model.put(key(d), op.slot());
                                }
                            }
                            case 2 -> {
                                seen.add(model.containsValue(op.slot()) ? "remove" : "remove absent slot");
                                table = table.withoutSlot(op.slot());
                                model.values().removeIf(s -> s == op.slot());
                            }
                            default -> {
                                seen.add(model.containsKey(key(d)) ? "hit" : "miss");
                                assertEquals(model.getOrDefault(key(d), NOT_FOUND), table.find(d), when);
                            }
                        }
                        assertEquals(variant, table.variant());
                        assertAgrees(model, table, pool, when);
                        // Copy-on-write: the previous table still answers as before.
                        assertAgrees(modelBefore, before, pool, "(old table) " + when);
                    }
                    if (model.size() > 16) {
                        seen.add("grew past 16 entries");
                    }
                });
        assertEquals(Set.of("duplicate", "remove", "remove absent slot", "hit", "miss", "grew past 16 entries"), seen,
                "the generators reach every case");
    }

    @Test
    void builder_givesTheSameAnswersAsRepeatedWith_includingDuplicateRejection() {
        qt().withExamples(400)
                .forAll(longs().all(), Generate.range(1, 40), lists().of(ops()).ofSizeBetween(0, 60),
                        Generate.enumValues(Variant.class))
                .checkAssert((seed, poolSize, entries, variant) -> {
                    List<CodeDigest> pool = pool(seed, poolSize);
                    CredentialTable.Builder builder = CredentialTable.builder(variant);
                    CredentialTable stepwise = CredentialTable.empty(variant);
                    Map<String, Integer> model = new HashMap<>();
                    Integer duplicateHolder = null;
                    for (Op e : entries) {
                        CodeDigest d = pool.get(e.digest() % poolSize);
                        int slot = Math.max(0, e.slot());
                        builder.add(d, slot);
                        if (duplicateHolder == null) {
                            if (model.containsKey(key(d))) {
                                duplicateHolder = model.get(key(d));
                            } else {
                                model.put(key(d), slot);
                                stepwise = stepwise.with(d, slot);
                            }
                        }
                    }
                    if (duplicateHolder != null) {
                        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, builder::build);
                        assertTrue(e.getMessage().contains("slot " + duplicateHolder), e.getMessage());
                    } else {
                        CredentialTable built = builder.build();
                        assertEquals(variant, built.variant());
                        assertAgrees(model, built, pool, "built");
                        assertAgrees(model, stepwise, pool, "stepwise");
                        for (CodeDigest miss : pool(~seed, 20)) {
                            assertEquals(stepwise.find(miss), built.find(miss));
                        }
                    }
                });
    }
}
