/**
 * The tamper-evident trail: every event of a lock is appended with, in its metadata, the head of a
 * SHA-256 hash chain over its audit form, and signed Ed25519 checkpoints are appended every N
 * events, on every lockout, on every factory reset and on demand.
 *
 * <p>The audit form of an event is its exact serialized payload with every code digest replaced
 * by a public commitment to it ({@code "sha256:…"}): what an export holds, so an auditor verifies
 * the chain with the export and the lock's public key alone, and no digest ever leaves the store.
 */
package dev.access.core.trail;
