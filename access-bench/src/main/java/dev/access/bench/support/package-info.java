/**
 * Fixtures shared by the benchmarks: deterministic PIN sets, bare HMAC floors, stores with
 * prebuilt lock histories ({@link dev.access.bench.support.LockFixture}), the raw Axon engine
 * behind a {@code LockStore}, and a lock's offline-code key, checker and typed PINs
 * ({@link dev.access.bench.support.OfflinePins}).
 */
package dev.access.bench.support;
