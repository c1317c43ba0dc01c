/**
 * The fleet (DESIGN.md section 11): the messages a lock and its backend exchange, carried by
 * whatever link the vendor has; the library defines the messages, never the transport.
 *
 * <p>The lock's side so far: an {@link dev.access.core.fleet.Enrollment}, the signed document a
 * lock hands its backend when it is enrolled ({@code AccessControl.enroll}): the lock's public keys
 * (its Ed25519 trail key and the X25519 sealing key of its current key epoch), the backend it now
 * belongs to and the signed head of its trail right after the enrollment. A trail segment from a
 * sequence number on ({@link dev.access.core.audit.TrailExport#write(dev.access.core.trail.TrailSource,
 * dev.access.core.domain.LockId, java.io.Writer, long)}) carries the lock's history up to the backend.
 *
 * <p>The backend's side: {@code Fleet} ingests segments, writes {@link
 * dev.access.core.fleet.ProgrammingBatch}es (codes, the mode, offline-code revocations) and issues
 * offline codes with the issuing key an enrollment hands over sealed ({@link
 * dev.access.core.fleet.OfflineCodeIssue}, {@link dev.access.core.fleet.OfflineCodeSync}).
 */
package dev.access.core.fleet;
