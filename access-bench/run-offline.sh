#!/usr/bin/env bash
# Offline codes (issue #13), on their own: OfflineCodeBenchmark (an offline PIN's check on a warm
# and on a cold hour, valid and invalid input; AccessControl.enter of an offline PIN in memory;
# identify over a year) beside a bare HMAC-SHA-256, a user-code verify and the user-code entry in
# the same run, with -prof gc; then the timing-leak harness's offline rows (with their own A/A
# calibration rows and the positive controls). Prints the medians, the ratios to the HMAC and the
# goal's verdict; writes access-bench/results/<date>-offline-codes{.json,-jmh.txt,-leak.*,
# -meta.properties,-report.md}.
#
# Full run: annotated settings (3 forks x (3 x 1 s warm-up, 10 for the cold check, + 5 x 1 s
# measured), identify 3 forks x (2 + 5) shots, -Xms2g -Xmx2g) and 10^6 leak measurements per test:
# about 8 minutes on 2 cores plus the build. Run it on an idle machine, e.g. holding the build
# lock so that nothing builds meanwhile (MVN_FLAGS=-o: the build, if needed, stays offline):
#   flock /tmp/mvn.lock env MVN_FLAGS=-o access-bench/run-offline.sh
# --smoke: 1 fork, 2 + 3 iterations of 1 s (the cold check 8 + 3; identify 2 + 3 shots), 10^5 leak
# measurements per test (about 2 minutes), written as <date>-offline-codes-smoke*: proves the wiring; its figures
# are not credible (one fork, short, and usually run on a busy machine).
# Usage: access-bench/run-offline.sh [--smoke]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source access-bench/scripts/common.sh
RUN_SCRIPT=access-bench/run-offline.sh

SMOKE=0
for a in "$@"; do
  case $a in
    --smoke) SMOKE=1 ;;
    *) echo "usage: $0 [--smoke]" >&2; exit 2 ;;
  esac
done

build_if_needed
if (( SMOKE )); then
  begin_run offline-codes-smoke "$@"
  jmh_part offline 'OfflineCodeBenchmark' -e checkCold -prof gc -f 1 -wi 2 -w 1s -i 3 -r 1s
  jmh_part offline-cold 'OfflineCodeBenchmark.checkCold' -prof gc -f 1 -wi 8 -w 1s -i 3 -r 1s
  end_run "--samples 100000 --warmup 20000 --only offline" no-memory
else
  begin_run offline-codes "$@"
  jmh_part offline 'OfflineCodeBenchmark' -prof gc
  end_run "--samples 1000000 --warmup 200000 --only offline" no-memory
fi
