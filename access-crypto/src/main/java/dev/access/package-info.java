/**
 * The library's one error tree. {@link dev.access.AccessException} is the root of every error the
 * API throws; {@link dev.access.TransientAccessException} marks the ones worth retrying
 * ({@link dev.access.StoreUnavailableException}, {@link dev.access.ConflictRetriesExhaustedException});
 * every other one is permanent: {@link dev.access.StoreCorruptedException} here, and beside their
 * subjects {@code LockCommandRejected}, {@code PinRejectedException}, {@code KeyUnavailableException},
 * {@code KeyRingException}, {@code CheckpointVerificationException} and the trail archive's
 * {@code ImportRejectedException}. No Axon, JDBC or Jackson exception type is thrown through the API.
 *
 * <p>Outside the tree, as in the JDK: {@code NullPointerException} and
 * {@code IllegalArgumentException} for arguments that break a method's documented contract (a null
 * lock, a negative size), and {@code UncheckedIOException} when a stream the caller handed in
 * fails.
 */
package dev.access;
