/**
 * The JMH benchmarks of the library: one class per question, each with its floor or peers measured
 * in the same run. {@link dev.access.bench.VerifyBenchmark} (the keypad hot path against the bare
 * HMAC, a plaintext scan and cold tables), {@link dev.access.bench.DigestEngineBenchmark},
 * {@link dev.access.bench.CompareBenchmark}, {@link dev.access.bench.SlowHashPeers} (opt-in),
 * {@link dev.access.bench.EntryAttemptBenchmark} (through Axon, per store, against Axon's default
 * configuration and the raw store append), {@link dev.access.bench.ColdStartBenchmark},
 * {@link dev.access.bench.AuditBenchmark}, {@link dev.access.bench.IngestBenchmark} and
 * {@link dev.access.bench.OfflineCodeBenchmark} (an offline PIN's check, warm and cold, beside the
 * bare HMAC and a user-code verify). Each class's Javadoc states its question and the command
 * that runs it; {@code access-bench/README.md} explains the suites and how to read the report.
 */
package dev.access.bench;
