#!/usr/bin/env bash
# The quick suite: every benchmark class at reduced sweeps, 1 fork and short iterations, so it
# finishes in under 10 minutes on 2 cores (measured, see the README). What it leaves out:
#   - hit ratios 0 and 1 (only 0.5); N = 1, 10, 1k, 1M for INDEXED, 1, 1k, 10k for STRICT;
#   - PIN lengths 4 and 12 (only 6); cold tables at 1, 64 and 1024 locks as in the full suite;
#   - entry attempts: the 100k history on the in-memory store only (LIBRARY_DEFAULT, NO_CACHE,
#     AXON_DEFAULT); SQLite at 0 and 10k (LIBRARY_DEFAULT, AXON_DEFAULT); PostgreSQL on a fresh
#     lock only; two threads on fresh locks only;
#   - cold start at 1k and 100k events (no 1M); audit at 100k events, export from memory only;
#   - fleet ingest as annotated (10k-event trail, SQLite and PostgreSQL) but 1 fork, short iterations;
#   - SlowHashPeers unless --slow-peers (then BCrypt only, N = 1 and 10).
#   - OfflineCodeBenchmark (run-offline.sh runs it); the leak harness still runs its offline rows.
# Usage: access-bench/run-quick.sh [--slow-peers]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source access-bench/scripts/common.sh

SLOW=0
for a in "$@"; do
  case $a in
    --slow-peers) SLOW=1 ;;
    *) echo "usage: $0 [--slow-peers]" >&2; exit 2 ;;
  esac
done

build_if_needed
begin_run quick "$@"
MICRO=(-f 1 -wi 2 -w 400ms -i 3 -r 400ms)
MACRO=(-f 1 -wi 2 -w 1s -i 3 -r 1s)

jmh_part verify 'VerifyBenchmark' "${MICRO[@]}" -p codes=1,10,1000,1000000 -p strictCodes=1,1000,10000 \
  -p plainCodes=1,1000,1000000 -p hit=0.5 -p sharedCodes=1000
jmh_part digest 'DigestEngineBenchmark' "${MICRO[@]}" -p pinLength=6
jmh_part compare 'CompareBenchmark' "${MICRO[@]}"
jmh_part entry-memory 'EntryAttemptBenchmark.enter$' "${MACRO[@]}" -p store=MEMORY -p history=0,100000 \
  -p config=LIBRARY_DEFAULT,NO_CACHE,AXON_DEFAULT
jmh_part entry-sqlite 'EntryAttemptBenchmark.enter$' "${MACRO[@]}" -p store=SQLITE -p history=0,10000 \
  -p config=LIBRARY_DEFAULT,AXON_DEFAULT
jmh_part entry-pg 'EntryAttemptBenchmark.enter$' "${MACRO[@]}" -p store=POSTGRES -p history=0 -p config=LIBRARY_DEFAULT
jmh_part entry-2t 'EntryAttemptBenchmark.enterTwoThreads' "${MACRO[@]}" -p store=MEMORY,SQLITE -p history=0 \
  -p config=LIBRARY_DEFAULT
jmh_part entry-floor 'EntryAttemptBenchmark.storeAppendFloor' "${MACRO[@]}" -p store=MEMORY,SQLITE,POSTGRES
jmh_part cold 'ColdStartBenchmark' -f 1 -wi 2 -i 5 -p store=MEMORY,SQLITE -p events=1000,100000
jmh_part audit 'AuditBenchmark' "${MACRO[@]}" -p events=100000 -p store=MEMORY
jmh_part ingest 'IngestBenchmark' "${MACRO[@]}"
if (( SLOW )); then
  jmh_part peers 'SlowHashPeers.bcrypt' -f 1 -wi 1 -w 1s -i 3 -r 1s -p codes=1,10
fi
end_run "--samples 1000000 --warmup 200000"
