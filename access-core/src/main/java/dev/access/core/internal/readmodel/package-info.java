/**
 * Internal, not API: the machinery behind the access log ({@link dev.access.core.readmodel}): a
 * tracking event processor whose position is stored with the views, and the view stores (JDBC,
 * in memory), rebuilt from scratch by replay.
 *
 * <p>Each view follows its lock's own, gap-free sequence numbers. Axon's JDBC engine hands events
 * to processors in global-index order and may skip an event whose append committed late (after its
 * gap timeout); a view notices the jump in its lock's sequence and reads the missing events from
 * the lock's stream, and a query catches a view up from the stream the same way, so late commits
 * always arrive.
 */
package dev.access.core.internal.readmodel;
