/**
 * Internal, not API: nothing outside access-core may import it.
 * Durable event stores under Axon's {@code JdbcEventStorageEngine}: SQLite for the embedded
 * default and PostgreSQL for backends, plus the adapters Axon 4 needs to run correctly on them
 * without Spring (transaction-scoped connections, SQLite-safe statements and token store, duplicate
 * key recognition) and a Caffeine-backed aggregate cache.
 */
package dev.access.core.internal.store;
