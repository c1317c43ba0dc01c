package dev.access.core.retention;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import dev.access.core.LockStore;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.quicktheories.core.Gen;

/*
 * Model-based test of retention on SQLite (PruneRun does the work). Each example drives a lock
 * through random steps (codes of every kind, right and wrong entries, lockouts and the daily budget,
 * one-time offline codes, modes, time), closes the store and copies its directory, so two stores
 * hold the same trail and key ring. One copy is pruned at a random instant, the other is not. Then:
 *   "the state is unchanged"         the pruned lock's state equals the state before the prune, live
 *                                    and after a restart without cache (rebuilt from the anchor);
 *   "the cut is the last record before the instant"   as read from the unpruned copy's export;
 *   "exports verify from the anchor" and every way of tampering with the anchor is reported
 *                                    (state, state with its hash, a use count, head, signature,
 *                                    sequence, an anchor moved off the start);
 *   "replay starts from the anchor"  the state replayed from the pruned export equals the one
 *                                    replayed from the whole export;
 *   "the lock behaves as before"     further random steps give the same outcome on both copies
 *                                    (every entry's verdict, lockout end, refusal) and the same state;
 *   "prune twice"                    a second prune later on keeps all of the above.
 * 12 examples by default (-Daccess.prune.examples=N for more); QuickTheories prints a failing
 * example's steps and seed.
 */
/** Pruning a random trail at a random instant changes nothing the lock does, and the rest verifies from the anchor. */
class PruneProperties {
    @TempDir
    Path dir;

    /** A step of the model; kind 9 (long time jumps) is drawn half as often as the others. */
    static Gen<PruneModel.Step> steps() {
        return integers().between(0, 19).zip(integers().between(0, 99), integers().between(0, 99),
                (k, a, b) -> new PruneModel.Step(k == 19 ? 9 : k % 9, a, b));
    }

    /** The property on a kind of store, {@code examples} examples. */
    static void property(PruneRun run, int examples) {
        qt().withExamples(examples).withShrinkCycles(20)
                .forAll(lists().of(steps()).ofSizeBetween(5, 45), integers().between(0, 100),
                        lists().of(steps()).ofSizeBetween(0, 15))
                .checkAssert((before, where, after) -> {
                    try {
                        run.check(before, where, after);
                    } catch (Exception e) {
                        throw new AssertionError(e);
                    }
                });
    }

    @Test
    void pruningKeepsTheStateTheBehaviourAndAVerifiableTrail() {
        PruneRun run = new PruneRun(new PruneRun.Stores() {
            @Override
            public LockStore open(int example, String name) {
                return LockStore.sqlite(dir.resolve("example-" + example).resolve(name));
            }

            @Override
            public Path keys(int example, String name) {
                return dir.resolve("example-" + example).resolve(name).resolve("keys");
            }

            @Override
            public void closed(int example, String name) {
            }

            @Override
            public void copy(int example, String from, String to) throws Exception {
                PruneRun.copyTree(dir.resolve("example-" + example).resolve(from), dir.resolve("example-" + example).resolve(to));
            }
        });
        property(run, Integer.getInteger("access.prune.examples", 12));
        System.out.println(run.summary("PruneProperties (SQLite)"));
        assertTrue(run.anchored() > run.examples() / 3, "most examples prune something: " + run.summary(""));
    }
}
