/**
 * The lock as a pure, framework-free decider.
 *
 * <p>{@link dev.access.core.domain.LockDecider#decide} turns a {@link dev.access.core.domain.LockCommand}
 * and the current {@link dev.access.core.domain.LockState} into {@link dev.access.core.domain.LockEvent}s;
 * {@link dev.access.core.domain.LockDecider#evolve} folds an event into the state. Nothing else
 * changes a lock, so restarting a lock (re-folding its events) gives back exactly its state, its
 * lockout included. Time arrives in every command; the domain never reads a clock.
 *
 * <p>This package imports nothing from Axon (a test scans it); the Axon shell lives in
 * {@code dev.access.core.internal.axon}.
 */
package dev.access.core.domain;
