/**
 * The auditor's toolkit.
 *
 * <p>{@link dev.access.core.audit.TrailExport} writes a lock's trail as JSON Lines (audit form: no
 * PIN, digest or key); {@link dev.access.core.audit.TrailVerifier} checks an export with the lock's
 * public key alone and names each modified, deleted, inserted, reordered or duplicated line, and
 * what no signature covers; {@link dev.access.core.audit.TrailReader} and
 * {@link dev.access.core.audit.LockHistory} read exports back into events;
 * {@link dev.access.core.audit.Replay} gives a lock's state at any instant and the attempts between
 * two; {@link dev.access.core.audit.AccessReport} and {@link dev.access.core.audit.HtmlTimeline}
 * write reports; {@link dev.access.core.audit.Diagnosis} answers "why does my code not work?" with
 * findings as data ({@link dev.access.core.audit.Finding}, said in words, English or a vendor's, by a
 * {@link dev.access.core.audit.FindingRenderer}) with evidence and a next step, and
 * {@link dev.access.core.audit.SupportBundle} packs it for a support desk;
 * {@link dev.access.core.audit.TrailArchive} keeps imported trails, idempotently and all or nothing.
 *
 * <p>Everything here reads trail records from a {@link dev.access.core.trail.TrailSource} (a running
 * lock, an {@link dev.access.core.audit.ExportFile}, a {@link dev.access.core.audit.TrailArchive}) or
 * from an export's lines, never from the Axon runtime: an auditor's program runs without Axon on its
 * class path.
 */
package dev.access.core.audit;
