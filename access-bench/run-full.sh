#!/usr/bin/env bash
# The full suite: every benchmark class with its annotated settings (warm-up, iterations, forks)
# and full sweeps, the slow-hash peers, PostgreSQL, the 1M-event cold start, the memory figures
# and the leak harness at 10^6 measurements per test. Takes hours; run it on a quiet machine.
#
# It can also run in pieces, each on a quiet machine of its own time (a whole run does not fit
# beside a build on a 2-core machine): --part=NAME (repeatable) runs only those parts and writes
# results/<date>-full-<names>.*; --list prints the part names. Ratios within a part are measured in
# the same run (each part holds a goal's figure and its baseline).
# Usage: access-bench/run-full.sh [--part=NAME ...] [--list]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

ALL_PARTS=(verify latency digest compare peers entry cold cold-pg audit ingest offline memory leak)
WANTED=()
for a in "$@"; do
  case $a in
    --list) printf '%s\n' "${ALL_PARTS[@]}"; exit 0 ;;
    --part=*)
      p=${a#--part=}
      if [[ " ${ALL_PARTS[*]} " != *" $p "* ]]; then
        echo "unknown part '$p'; the parts are: ${ALL_PARTS[*]}" >&2
        exit 2
      fi
      WANTED+=("$p") ;;
    *) echo "usage: $0 [--part=NAME ...] [--list]" >&2; exit 2 ;;
  esac
done
# want NAME: whether this run includes that part (all of them without --part).
want() {
  (( ${#WANTED[@]} == 0 )) && return 0
  local p
  for p in "${WANTED[@]}"; do
    [[ $p == "$1" ]] && return 0
  done
  return 1
}
SUITE=full
if (( ${#WANTED[@]} > 0 )); then
  SUITE="full-$(IFS=-; echo "${WANTED[*]}")"
fi

source access-bench/scripts/common.sh
RUN_SCRIPT="access-bench/run-full.sh"

build_if_needed
begin_run "$SUITE" "$@"

if want verify; then jmh_part verify 'VerifyBenchmark'; fi
if want latency; then jmh_part latency 'MemoryLatencyBenchmark'; fi
if want digest; then jmh_part digest 'DigestEngineBenchmark'; fi
if want compare; then jmh_part compare 'CompareBenchmark'; fi
if want peers; then jmh_part peers 'SlowHashPeers'; fi
if want entry; then jmh_part entry 'EntryAttemptBenchmark' -p store=MEMORY,SQLITE,POSTGRES; fi
# The cold start in two parts: the embedded stores, and PostgreSQL (whose 1M-event fixture is copied
# into a fresh database for each of its 14 trials and forks: the longest part of the suite).
if want cold; then jmh_part cold 'ColdStartBenchmark' -p store=MEMORY,SQLITE -p events=1000,100000,1000000; fi
if want cold-pg; then jmh_part cold-pg 'ColdStartBenchmark' -p store=POSTGRES -p events=1000,100000,1000000; fi
if want audit; then jmh_part audit 'AuditBenchmark'; fi
if want ingest; then jmh_part ingest 'IngestBenchmark'; fi
if want offline; then jmh_part offline 'OfflineCodeBenchmark' -prof gc; fi
end_run "--samples 1000000 --warmup 200000" "$(want memory && echo memory || echo no-memory)" \
  "$(want leak && echo leak || echo no-leak)"
