package dev.access.core.domain;

import java.time.Instant;

/**
 * What a command meets: the lock's state, the time it is judged at (its stamp, never before the
 * clock floor) and whether the clock is trusted for it (not after a rollback).
 */
record Situation(LockState state, Instant now, boolean trusted) {
}
