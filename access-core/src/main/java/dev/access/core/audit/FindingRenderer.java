package dev.access.core.audit;

/**
 * Says a {@link Finding} in words: implement it to show findings in another language, or take
 * {@link #english()}, the sentences of lockctl, the auditor and the support bundle.
 *
 * <p>An implementation reads the finding's {@link FindingDetail} (one record per situation) and
 * its instant, zone, since and until; it sees no PIN, digest or commitment.
 */
public interface FindingRenderer {
    /** A plain sentence naming the finding's values. */
    String summary(Finding f);

    /** What to do about the finding. */
    String nextStep(Finding f);

    /** The English renderer: times as "Mon 2026-07-06 09:00:00 +02:00 (Europe/Berlin)" in the finding's zone. */
    static FindingRenderer english() {
        return EnglishFindings.INSTANCE;
    }
}
