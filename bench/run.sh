#!/usr/bin/env bash
# Performance benchmarks of LoRA Manager Server (method and figures: docs/performance.md).
#
#   bench/run.sh            # everything, about 10-15 minutes on 2 cores
#   BENCH_ONLY=jmh bench/run.sh      # one part: build | generate | jmh | recipes | server | organize | hash | transfer | downloads | lifecycle
#
# Results: target/bench/results.txt (RESULT key=value lines), JMH output in target/bench/jmh-*.txt,
# server logs in target/bench/*.log. All traffic goes to 127.0.0.1 only; every loop is bounded.
set -euo pipefail
cd "$(dirname "$0")/.."

OUT=${BENCH_OUT:-target/bench}
WORK=${BENCH_WORK:-$OUT/work}
PORT=${BENCH_PORT:-18188}
SEED=${BENCH_SEED:-42}
SMALL=${BENCH_SMALL:-10000}
LARGE=${BENCH_LARGE:-100000}
RUNS=${BENCH_RUNS:-3}
LIFECYCLE_LIBRARY=${BENCH_LIFECYCLE_LIBRARY:-10000}
LIFECYCLE_COUNT=${BENCH_LIFECYCLE_COUNT:-1000}
LIFECYCLE_ROUNDS=${BENCH_LIFECYCLE_ROUNDS:-5}
HASH_MIB=${BENCH_HASH_MIB:-1024}
JMH_OPTS=${BENCH_JMH_OPTS:--f 1 -wi 3 -i 5 -w 2s -r 2s}
ONLY=${BENCH_ONLY:-all}
TRANSFER_MIB=${BENCH_TRANSFER_MIB:-2048}
SERVER_JVM_OPTS=${BENCH_SERVER_JVM_OPTS:-}
DOWNLOADS=${BENCH_DOWNLOADS:-20}
DOWNLOAD_KIB=${BENCH_DOWNLOAD_KIB:-2048}
DOWNLOAD_PAUSE_MS=${BENCH_DOWNLOAD_PAUSE_MS:-5}

mkdir -p "$OUT" "$WORK"
RESULTS="$OUT/results.txt"
JAR=target/quarkus-app/quarkus-run.jar

want() { [[ "$ONLY" == all || ",$ONLY," == *",$1,"* ]]; }
log() { printf '\n=== %s  [%s, load %s]\n' "$*" "$(date +%H:%M:%S)" "$(cut -d' ' -f1-3 /proc/loadavg)"; }
result() { echo "RESULT $1=$2" | tee -a "$RESULTS"; }
calc() { awk "BEGIN { printf \"%.${2:-2}f\", $1 }"; }
classpath() { echo "target/test-classes:target/classes:$(cat "$OUT/classpath.txt")"; }

if [[ "$ONLY" == all ]]; then
  : >"$RESULTS"
fi
log "machine"
result machine.cpus "$(nproc)"
result machine.cpu "\"$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)\""
result machine.mem_gib "$(awk '/MemTotal/ {printf "%.0f", $2/1048576}' /proc/meminfo)"
result machine.java "\"$(java -version 2>&1 | head -1 | tr -d '"')\""
result machine.loadavg_at_start "\"$(cut -d' ' -f1-3 /proc/loadavg)\""

if want build; then
  log "build: ./mvnw -Pbench package (application jar, JMH classes, test classpath)"
  ./mvnw -q -B -Pbench package
fi
[[ -f "$JAR" && -f "$OUT/classpath.txt" ]] || {
  echo "missing $JAR or $OUT/classpath.txt: run with BENCH_ONLY=build first" >&2
  exit 1
}
CP=$(classpath)

generate() { # DIR COUNT MIX -> prints loras_listed
  local dir=$1 count=$2 mix=$3
  rm -rf "$dir"
  java -cp "$CP" io.loramanager.testsupport.LibraryGenerator "$dir" "$count" "$SEED" "$mix" \
    | tee "$dir.txt" >&2
  grep -o 'loras_listed=[0-9]*' "$dir.txt" | cut -d= -f2
}

if want generate; then
  log "generate: $SMALL models (mix 8:1:1) and $LARGE LoRAs, seed $SEED"
  start=$(date +%s.%N)
  generate "$WORK/lib-small" "$SMALL" 8:1:1 >/dev/null
  result generate.small_s "$(calc "$(date +%s.%N) - $start" 1)"
  start=$(date +%s.%N)
  generate "$WORK/lib-large" "$LARGE" 1:0:0 >/dev/null
  result generate.large_s "$(calc "$(date +%s.%N) - $start" 1)"
fi

if want jmh; then
  log "JMH: ModelQueryService.list over 100k entries ($JMH_OPTS)"
  # shellcheck disable=SC2086
  java -cp "$CP" org.openjdk.jmh.Main 'ListQueryBenchmark' $JMH_OPTS \
    -rf json -rff "$OUT/jmh-list.json" | tee "$OUT/jmh-list.txt" | grep -E '^(Benchmark|ListQuery)'
  log "JMH: ModelHasher.sha256 over a 256 MiB file"
  # shellcheck disable=SC2086
  java -cp "$CP" org.openjdk.jmh.Main 'HashBenchmark' $JMH_OPTS \
    -rf json -rff "$OUT/jmh-hash.json" | tee "$OUT/jmh-hash.txt" | grep -E '^(Benchmark|HashBench)'
fi

if want recipes; then
  log "Recipes: restart, FTS search and list page over 20,000 recipes (JMH, then CPU-time medians)"
  # shellcheck disable=SC2086
  java -cp "$CP" org.openjdk.jmh.Main 'RecipeBenchmark' $JMH_OPTS \
    -rf json -rff "$OUT/jmh-recipes.json" | tee "$OUT/jmh-recipes.txt" | grep -E '^(Benchmark|RecipeBench)'
  java -Xms1g -Xmx1g -cp "$CP" io.loramanager.bench.RecipeBenchmark 20000 | grep '^RESULT' \
    | tee -a "$RESULTS"
fi

probe() { # LABEL DATA MODELS EXPECT [extra probe options...]
  local label=$1 data=$2 models=$3 expect=$4
  shift 4
  # shellcheck disable=SC2086
  java -cp "$CP" io.loramanager.bench.ServerProbe --jar "$JAR" --data "$data" --models "$models" \
    --port "$PORT" --expect-total "$expect" --label "$label" --log "$OUT/$label.log" \
    $(for opt in $SERVER_JVM_OPTS; do printf -- '--jvm-opt %s ' "$opt"; done) "$@" \
    | tee -a "$RESULTS"
}

listed() { grep -o 'loras_listed=[0-9]*' "$1.txt" | cut -d= -f2; }

if want server; then
  small_listed=$(listed "$WORK/lib-small")
  large_listed=$(listed "$WORK/lib-large")
  for run in $(seq 1 "$RUNS"); do
    log "server: first start, $SMALL models, no database (run $run/$RUNS)"
    rm -rf "$WORK/data-small"
    probe "first_start_small_$run" "$WORK/data-small" "$WORK/lib-small" "$small_listed" \
      --latency-requests 0 --rescans 0 --timeout-s 120
  done

  log "server: first start, $LARGE models, no database (builds the database)"
  rm -rf "$WORK/data-large"
  probe first_start_large "$WORK/data-large" "$WORK/lib-large" "$large_listed" \
    --latency-requests 0 --rescans 0 --timeout-s 300

  for run in $(seq 1 "$RUNS"); do
    if [[ $run == 1 ]]; then
      log "server: restart, $LARGE models, database present; HTTP latency; rescans"
      probe "restart_large_$run" "$WORK/data-large" "$WORK/lib-large" "$large_listed" \
        --latency-warmup 500 --latency-requests 2000 --rescans 3 --timeout-s 300
    else
      log "server: restart, $LARGE models, database present (run $run/$RUNS)"
      probe "restart_large_$run" "$WORK/data-large" "$WORK/lib-large" "$large_listed" \
        --latency-requests 0 --rescans 1 --timeout-s 300
    fi
  done
fi

if want organize; then
  # Auto-organize with nothing to move: the small library laid out by the default template first.
  log "organize: $SMALL models already in their template folders, auto-organize every type"
  generate "$WORK/lib-organize" "$SMALL" 8:1:1 >/dev/null
  java -cp "$CP" io.loramanager.bench.InPlaceLayout "$WORK/lib-organize" | tee -a "$RESULTS"
  rm -rf "$WORK/data-organize"
  probe organize_small "$WORK/data-organize" "$WORK/lib-organize" \
    "$(listed "$WORK/lib-organize")" --latency-requests 0 --rescans 0 --organize 3 --timeout-s 180
fi

if want hash; then
  file="$WORK/hash-1gib.bin"
  log "hash: ${HASH_MIB} MiB file, openssl dgst -sha256 vs ModelHasher.sha256 (page cache warm)"
  if [[ ! -f "$file" || $(stat -c %s "$file") -ne $((HASH_MIB * 1048576)) ]]; then
    head -c "$((HASH_MIB * 1048576))" /dev/urandom >"$file"
  fi
  cat "$file" >/dev/null
  times=()
  for run in 1 2 3; do
    t=$( { /usr/bin/time -f '%e' openssl dgst -sha256 -r "$file" >"$OUT/hash-openssl.txt"; } 2>&1)
    echo "openssl run $run: $t s  $(cut -d' ' -f1 "$OUT/hash-openssl.txt")"
    times+=("$t")
  done
  openssl_s=$(printf '%s\n' "${times[@]}" | sort -n | sed -n 2p)
  result hash.openssl_seconds_median "$openssl_s"
  result hash.openssl_mb_s_median "$(calc "$HASH_MIB * 1.048576 / $openssl_s" 0)"
  java -cp "$CP" io.loramanager.bench.HashThroughput "$file" 3 4 | tee "$OUT/hash-java.txt"
  java_s=$(grep -o 'java_sha256_seconds_median=[0-9.]*' "$OUT/hash-java.txt" | cut -d= -f2)
  result hash.java_seconds_median "$java_s"
  result hash.java_mb_s_median "$(calc "$HASH_MIB * 1.048576 / $java_s" 0)"
  same=$([[ "$(cut -d' ' -f1 "$OUT/hash-openssl.txt")" == \
    "$(grep -o 'sha256=[0-9a-f]*' "$OUT/hash-java.txt" | cut -d= -f2)" ]] && echo true || echo false)
  result hash.same_digest "$same"
  result hash.java_vs_openssl_percent "$(calc "100 * $openssl_s / $java_s" 0)"
fi

if want transfer; then
  log "transfer: $TRANSFER_MIB MiB from a loopback server, TransferEngine (-Xmx64m, SHA-256 verified) vs curl"
  src="$WORK/transfer-source.bin"
  dst="$WORK/transfer-target.bin"
  if [[ ! -f "$src" || $(stat -c %s "$src") != $((TRANSFER_MIB * 1048576)) ]]; then
    head -c $((TRANSFER_MIB * 1048576)) /dev/urandom >"$src"
  fi
  sha=$(sha256sum "$src" | cut -d' ' -f1)
  tport=$((PORT + 1))
  java -cp "$CP" io.loramanager.bench.BenchFileServer "$src" "$tport" >"$OUT/transfer-server.log" 2>&1 &
  server_pid=$!
  for _ in $(seq 100); do grep -q ready "$OUT/transfer-server.log" && break; sleep 0.2; done
  curl_walls=() curl_cpus=() curl_synced_walls=() engine_walls=() engine_cpus=() warm_walls=() warm_cpus=()
  for run in $(seq "$RUNS"); do
    rm -f "$dst"
    read -r wall user sys < <({ /usr/bin/time -f '%e %U %S' curl -s -o "$dst" "http://127.0.0.1:$tport/file"; } 2>&1)
    curl_walls+=("$wall") curl_cpus+=("$(calc "$user + $sys")")
    # The engine forces its file to disk before the rename; curl does not. `sync FILE` after curl
    # gives the like-for-like time.
    read -r swall < <({ /usr/bin/time -f '%e' sync "$dst"; } 2>&1)
    curl_synced_walls+=("$(calc "$wall + $swall")")
    read -r hwall huser hsys < <({ /usr/bin/time -f '%e %U %S' sha256sum "$dst" >/dev/null; } 2>&1)
    echo "curl run $run: ${wall}s wall, $(calc "$user + $sys")s cpu; sha256sum after it: ${hwall}s, $(calc "$huser + $hsys")s cpu"
    rm -f "$dst"
    java -Xmx64m -cp "$CP" io.loramanager.bench.TransferThroughput \
      "http://127.0.0.1:$tport/file" "$dst" "$sha" - engine | tee "$OUT/transfer-engine-$run.txt"
    engine_walls+=("$(grep -o 'engine.wall_s=[0-9.]*' "$OUT/transfer-engine-$run.txt" | cut -d= -f2)")
    engine_cpus+=("$(grep -o 'engine.cpu_s=[0-9.]*' "$OUT/transfer-engine-$run.txt" | cut -d= -f2)")
    # The same after one unmeasured transfer in the same JVM: a server's engine is compiled by then.
    java -Xmx64m -Dbench.warmup=true -cp "$CP" io.loramanager.bench.TransferThroughput \
      "http://127.0.0.1:$tport/file" "$dst" "$sha" - warm | tee "$OUT/transfer-warm-$run.txt"
    warm_walls+=("$(grep -o 'warm.wall_s=[0-9.]*' "$OUT/transfer-warm-$run.txt" | cut -d= -f2)")
    warm_cpus+=("$(grep -o 'warm.cpu_s=[0-9.]*' "$OUT/transfer-warm-$run.txt" | cut -d= -f2)")
  done
  median() { printf '%s\n' "$@" | sort -n | sed -n "$(( ($# + 1) / 2 ))p"; }
  cw=$(median "${curl_walls[@]}") cc=$(median "${curl_cpus[@]}") csw=$(median "${curl_synced_walls[@]}")
  ew=$(median "${engine_walls[@]}") ec=$(median "${engine_cpus[@]}")
  ww=$(median "${warm_walls[@]}") wc=$(median "${warm_cpus[@]}")
  result transfer.mib "$TRANSFER_MIB"
  result transfer.curl_wall_s_median "$cw"
  result transfer.curl_cpu_s_median "$cc"
  result transfer.curl_mib_s "$(calc "$TRANSFER_MIB / $cw" 0)"
  result transfer.engine_wall_s_median "$ew"
  result transfer.engine_cpu_s_median "$ec"
  result transfer.engine_mib_s "$(calc "$TRANSFER_MIB / $ew" 0)"
  result transfer.curl_then_sync_wall_s_median "$csw"
  result transfer.engine_vs_curl_throughput_percent "$(calc "100 * $cw / $ew" 0)"
  result transfer.engine_vs_curl_then_sync_throughput_percent "$(calc "100 * $csw / $ew" 0)"
  result transfer.engine_vs_curl_cpu_ratio "$(calc "$ec / $cc")"
  result transfer.warm_engine_wall_s_median "$ww"
  result transfer.warm_engine_cpu_s_median "$wc"
  result transfer.warm_engine_vs_curl_throughput_percent "$(calc "100 * $cw / $ww" 0)"
  result transfer.warm_engine_vs_curl_cpu_ratio "$(calc "$wc / $cc")"
  result transfer.engine_peak_heap_mib "$(grep -ho 'engine.peak_heap_mib=[0-9.]*' "$OUT"/transfer-engine-*.txt | cut -d= -f2 | sort -n | tail -1)"
  log "transfer: resume after the server drops the connection at half the file"
  curl -s "http://127.0.0.1:$tport/sent" >/dev/null
  rm -f "$dst"
  java -Xmx64m -cp "$CP" io.loramanager.bench.TransferThroughput "http://127.0.0.1:$tport/cut-once" \
    "$dst" "$sha" "http://127.0.0.1:$tport/sent" resume | tee "$OUT/transfer-resume.txt"
  result transfer.resume_retransferred_bytes \
    "$(grep -o 'resume.retransferred_bytes=[0-9-]*' "$OUT/transfer-resume.txt" | cut -d= -f2)"
  kill "$server_pid"
  rm -f "$dst"
fi

if want downloads; then
  # The stub paces each body (64 KiB, then DOWNLOAD_PAUSE_MS) so that downloads overlap and the
  # limit is what bounds them; it counts the bodies it sends at once.
  for limit in 5 2; do
    log "downloads: $DOWNLOADS concurrent download-model requests of ${DOWNLOAD_KIB} KiB, limit $limit"
    rm -rf "$WORK/downloads-$limit"
    java -cp "$CP" io.loramanager.bench.DownloadProbe "$JAR" "$WORK/downloads-$limit" "$PORT" \
      $((PORT + 2)) "$DOWNLOADS" "$DOWNLOAD_KIB" "$DOWNLOAD_PAUSE_MS" "$limit" \
      "$OUT/downloads-$limit.log" | sed "s/^RESULT downloads\./RESULT downloads.limit_$limit./" \
      | tee -a "$RESULTS"
  done
fi

if want lifecycle; then
  log "lifecycle: bulk-delete $LIFECYCLE_COUNT of $LIFECYCLE_LIBRARY LoRAs, then undo ($LIFECYCLE_ROUNDS rounds + warm-up)"
  generate "$WORK/lib-lifecycle" "$LIFECYCLE_LIBRARY" 1:0:0 >/dev/null
  for watch in true false; do
    log "lifecycle: file watcher $watch"
    rm -rf "$WORK/data-lifecycle"
    java -cp "$CP" io.loramanager.bench.LifecycleProbe "$JAR" "$WORK/data-lifecycle" \
      "$WORK/lib-lifecycle" "$PORT" "$LIFECYCLE_COUNT" "$LIFECYCLE_ROUNDS" \
      "$OUT/lifecycle-watch-$watch.log" "-Dlm.scan.watch=$watch" \
      | sed "s/^RESULT lifecycle\./RESULT lifecycle.watch_$watch./" | tee -a "$RESULTS"
  done
fi

result machine.loadavg_at_end "\"$(cut -d' ' -f1-3 /proc/loadavg)\""
log "done: $RESULTS"
