/**
 * Internal: the backend's tables (enrolled locks, their enrollments, the verified copies of their
 * trails, held-back unsigned tails, fork alarms) on SQLite or PostgreSQL, and the ingest of a trail
 * segment against them. Reached only through {@code dev.access.core.Fleet}.
 */
package dev.access.core.internal.fleet;
