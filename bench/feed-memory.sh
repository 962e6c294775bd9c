#!/usr/bin/env bash
# Benchmark: feed-service's memory while it pulls districts of growing size from sis-simulator (default 1,000,
# 10,000 and 100,000 students; about 10 records per student). Each size gets a fresh feed-service JVM with the
# same small heap (-Xmx, default 96m) and publishing switched off (FEED_DELIVERY_ENABLED=false), so what is
# measured is the pull: read, map, stage, diff and queue. Reports per size: records, pull seconds, records/s,
# peak RSS of the JVM (VmHWM) and the heap still used after a full GC at the end. A pipeline that kept the
# district in memory would fail with OutOfMemoryError at the larger sizes; a streaming one stays flat.
# Needs a JDK >= 21, curl and psql.
#
# Settings: BENCH_SIZES (default "1000 10000 100000"), BENCH_HEAP (default 96m).
source "$(dirname "$0")/lib/common.sh"
sizes="${BENCH_SIZES:-1000 10000 100000}"
heap="${BENCH_HEAP:-96m}"
pg_port=26432
gateway_port=18180
sim_port=18190
feed_port=18183
command -v psql >/dev/null || { echo "error: psql is needed (Debian: apt-get install postgresql-client)" >&2; exit 1; }

./mvnw -B -q install -DskipTests
bench_start bench/results/work-feed
bench_postgres $pg_port

bench_hub_env $gateway_port
export HUB_URL="http://localhost:$gateway_port"
export FEED_SECRET_KEY="bench-feed-secret-key-0123456789" FEED_DELIVERY_ENABLED=false
GATEWAY_PORT=$gateway_port launch gateway java -jar gateway/target/quarkus-app/quarkus-run.jar
SIM_PORT=$sim_port launch simulator java -jar sis-simulator/target/quarkus-app/quarkus-run.jar
bench_ready $gateway_port $sim_port
token=$(token_of "$HUB_ADMIN_CLIENT_ID" "$HUB_ADMIN_CLIENT_SECRET")
api() { curl -fs -H "Authorization: Bearer $token" -H 'Content-Type: application/json' "$@"; }

rows=()
for size in $sizes; do
  curl -fs -X PUT -H 'Content-Type: application/json' -d "{\"students\": $size}" \
    "http://localhost:$sim_port/admin/v1/district" > /dev/null
  FEED_SERVICE_PORT=$feed_port java -Xmx"$heap" -jar feed-service/target/quarkus-app/quarkus-run.jar \
    > "$work/feed-$size.log" 2>&1 &
  feed_pid=$!
  bench_ready $feed_port
  id=$(api -X POST "http://localhost:$feed_port/feed/v1/connections" -d "{\"localEducationAgencyId\": 255901,
    \"vendor\": \"bench $size\", \"baseUrl\": \"http://localhost:$sim_port\", \"schoolYears\": [2025]}" \
    | sed -E 's/.*"id":"([^"]+)".*/\1/')
  api -X PUT "http://localhost:$feed_port/feed/v1/connections/$id/mappings" \
    -d @sis-simulator/src/main/resources/acme-code-mappings.json > /dev/null
  run=$(api -X POST "http://localhost:$feed_port/feed/v1/connections/$id/pulls" | sed -E 's/.*"runId":([0-9]+).*/\1/')
  while :; do
    status=$(sql "SELECT status FROM feed.feed_run WHERE id = $run")
    [ "$status" != running ] && break
    kill -0 "$feed_pid" 2>/dev/null || { echo "feed-service died during the $size pull; see $work/feed-$size.log" >&2; exit 1; }
    sleep 1
  done
  [ "$status" = succeeded ] || { echo "the $size pull $status: $(sql "SELECT reason FROM feed.feed_run WHERE id = $run")" >&2; exit 1; }
  read -r records seconds < <(sql "SELECT records_read, round(extract(epoch FROM finished_at - started_at)::numeric, 1)
    FROM feed.feed_run WHERE id = $run" | tr '|' ' ')
  peak_rss=$(awk '/VmHWM/ {printf "%d", $2 / 1024}' "/proc/$feed_pid/status")
  jcmd "$feed_pid" GC.run > /dev/null
  live=$(jcmd "$feed_pid" GC.heap_info | awk '/garbage-first heap|total/ && /used/ {for (i = 1; i <= NF; i++) if ($i == "used") {v = $(i + 1); sub(/K,?/, "", v); printf "%d", v / 1024; exit}}')
  rows+=("| $size | $records | $seconds | $(awk "BEGIN {printf \"%d\", $records / $seconds}") | $peak_rss | ${live:-?} |")
  kill "$feed_pid"; wait "$feed_pid" 2>/dev/null || true
done

mkdir -p bench/results
out="bench/results/feed-memory-$(date -u +%Y%m%dT%H%M%SZ).md"
{
  echo "feed-service pulls with -Xmx$heap, publishing off; $(nproc) cores, $(date -u +%Y-%m-%d)"
  echo
  echo "| students | records | pull s | records/s | peak RSS MB | heap after GC MB |"
  echo "|---:|---:|---:|---:|---:|---:|"
  printf '%s\n' "${rows[@]}"
} | tee "$out"
