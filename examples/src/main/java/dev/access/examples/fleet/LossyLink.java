package dev.access.examples.fleet;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;

/**
 * A link that loses, delays, duplicates and reorders messages, as radio and the internet do. Time
 * goes in rounds: a message sent is dropped with probability {@code drop}, or else arrives 0 to
 * {@code maxDelay} rounds later, and with probability {@code duplicate} a second copy arrives after
 * a delay of its own; the messages due in one round arrive in random order. Seeded, so a run can be
 * repeated exactly. The library defines the messages, never the transport: this is the transport.
 *
 * @param <T> the messages it carries
 */
public final class LossyLink<T> {
    /**
     * What a link did so far.
     *
     * @param sent messages handed to it
     * @param dropped of those, lost
     * @param duplicated of those, delivered twice
     * @param delivered copies that arrived (duplicates included)
     */
    public record Counts(int sent, int dropped, int duplicated, int delivered) {
    }

    private final Random random;
    private final double drop;
    private final double duplicate;
    private final int maxDelay;
    private final TreeMap<Integer, List<T>> inFlight = new TreeMap<>();
    private int round;
    private int sent;
    private int dropped;
    private int duplicated;
    private int delivered;

    /** A link whose losses, delays and duplicates are drawn from {@code random}. */
    public LossyLink(Random random, double drop, double duplicate, int maxDelay) {
        this.random = random;
        this.drop = drop;
        this.duplicate = duplicate;
        this.maxDelay = maxDelay;
    }

    /** Hands a message to the link in the current round. */
    public void send(T message) {
        sent++;
        if (random.nextDouble() < drop) {
            dropped++;
            return;
        }
        schedule(message);
        if (random.nextDouble() < duplicate) {
            duplicated++;
            schedule(message);
        }
    }

    private void schedule(T message) {
        inFlight.computeIfAbsent(round + random.nextInt(maxDelay + 1), r -> new ArrayList<>()).add(message);
    }

    /** Ends the current round: the messages that arrive in it, in random order. */
    public List<T> deliver() {
        List<T> due = inFlight.remove(round);
        round++;
        if (due == null) {
            return List.of();
        }
        Collections.shuffle(due, random);
        delivered += due.size();
        return due;
    }

    /** What the link did so far. */
    public Counts counts() {
        return new Counts(sent, dropped, duplicated, delivered);
    }
}
