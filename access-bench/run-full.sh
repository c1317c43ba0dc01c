#!/usr/bin/env bash
# The full suite: every benchmark class with its annotated settings (warm-up, iterations, forks)
# and full sweeps, the slow-hash peers, PostgreSQL, the 1M-event cold start, the memory figures
# and the leak harness at 10^6 measurements per test. Takes hours; run it on a quiet machine.
# Usage: access-bench/run-full.sh
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source access-bench/scripts/common.sh

build_if_needed
begin_run full "$@"

jmh_part verify 'VerifyBenchmark'
jmh_part latency 'MemoryLatencyBenchmark'
jmh_part digest 'DigestEngineBenchmark'
jmh_part compare 'CompareBenchmark'
jmh_part peers 'SlowHashPeers'
jmh_part entry 'EntryAttemptBenchmark' -p store=MEMORY,SQLITE,POSTGRES
jmh_part cold 'ColdStartBenchmark' -p store=MEMORY,SQLITE,POSTGRES -p events=1000,100000,1000000
jmh_part audit 'AuditBenchmark'
jmh_part ingest 'IngestBenchmark'
jmh_part offline 'OfflineCodeBenchmark' -prof gc
end_run "--samples 1000000 --warmup 200000"
