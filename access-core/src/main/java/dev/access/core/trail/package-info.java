/**
 * The tamper-evident trail: every event of a lock is appended with, in its metadata, the head of a
 * SHA-256 hash chain over its audit form, and signed Ed25519 checkpoints are appended every N
 * events, on every lockout, on every factory reset and on demand.
 *
 * <p>The audit form of an event is its exact serialized payload with every code digest replaced
 * by a public commitment to it ({@code "sha256:…"}): what an export holds, so an auditor verifies
 * the chain with the export and the lock's public key alone, and no digest ever leaves the store.
 *
 * <p>The API here: {@link dev.access.core.trail.TrailRecord} (one line of an export),
 * {@link dev.access.core.trail.TrailSource} (where the auditor's toolkit reads records from) and
 * {@link dev.access.core.trail.TrailCheckpointed} and {@link dev.access.core.trail.TrailAnchored} (the signed
 * anchor a prune leaves at the start of a trail); the audit form itself is internal.
 */
package dev.access.core.trail;
