/**
 * Fixtures shared by the benchmarks: deterministic PIN sets, bare HMAC floors, stores with
 * prebuilt lock histories ({@link dev.access.bench.support.LockFixture}), and the raw Axon engine
 * behind a {@code LockStore}.
 */
package dev.access.bench.support;
