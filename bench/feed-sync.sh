#!/usr/bin/env bash
# Benchmark: feed-service's first full sync of a simulated district into the hub, then a daily delta, end to end
# (sis-simulator → feed-service → gateway → student-service and enrollment-service, real tokens, one PostgreSQL on
# this machine). Full sync: every record (LEA, schools, sessions, students, 2 contacts and 2 contact associations
# per student, SEOA, enrollment, 3 attendance events) pulled, queued and delivered. Delta: 1% of the records
# changed at the vendor, a fifth of those as natural-key changes (enrollment entry dates, 0.2% of the records), then pulled and delivered. Reports wall time (pull start to nothing pending), records per second
# and feed-service's peak RSS. Needs a JDK >= 21, curl and psql.
#
# Settings: BENCH_STUDENTS (default 5000), BENCH_HEAP (feed-service -Xmx, default 256m), BENCH_PG_EXPLAIN=1 (plans of
# statements over BENCH_PG_EXPLAIN_MS, default 300 ms, in the work folder's pglog), BENCH_BULK_SIZE (upserts per
# bulk request, feed.delivery.bulk-size; 1 = one Ed-Fi POST per record; default the service's), BENCH_PG_STATEMENTS=1
# (PostgreSQL loads pg_stat_statements and the statements that took most of its time during the full sync are
# listed).
source "$(dirname "$0")/lib/common.sh"
students="${BENCH_STUDENTS:-5000}"
heap="${BENCH_HEAP:-256m}"
pg_port=27432
gateway_port=18280 student_port=18281 enrollment_port=18282 feed_port=18283 sim_port=18290
command -v psql >/dev/null || { echo "error: psql is needed (Debian: apt-get install postgresql-client)" >&2; exit 1; }

./mvnw -B -q install -DskipTests
bench_start bench/results/work-feed-sync
if [ "${BENCH_PG_STATEMENTS:-0}" = 1 ]; then
  export STATEHUB_PG_SETTINGS="shared_preload_libraries=pg_stat_statements ${STATEHUB_PG_SETTINGS:-}"
fi
if [ "${BENCH_PG_EXPLAIN:-0}" = 1 ]; then # plans of statements over 300 ms, in $work/pglog (timing every statement)
  export STATEHUB_PG_SETTINGS="shared_preload_libraries=pg_stat_statements,auto_explain auto_explain.log_min_duration=${BENCH_PG_EXPLAIN_MS:-300} auto_explain.log_analyze=on logging_collector=on log_directory=$PWD/$work/pglog ${STATEHUB_PG_SETTINGS:-}"
fi
bench_postgres $pg_port

bench_hub_env $gateway_port
export STUDENT_SERVICE_URL="http://localhost:$student_port" ENROLLMENT_SERVICE_URL="http://localhost:$enrollment_port"
export FEED_SERVICE_URL="http://localhost:$feed_port" HUB_URL="http://localhost:$gateway_port"
export FEED_SECRET_KEY="bench-feed-secret-key-0123456789" FEED_DELIVERY_INTERVAL=200ms
[ -n "${BENCH_BULK_SIZE:-}" ] && export FEED_DELIVERY_BULK_SIZE="$BENCH_BULK_SIZE"
# BENCH_PROFILER=/path/to/libasyncProfiler.so: the services' CPU profiles (collapsed stacks) land in $work
profile() { [ -n "${BENCH_PROFILER:-}" ] && echo "-agentpath:$BENCH_PROFILER=start,event=cpu,collapsed,file=$PWD/$work/$1.collapsed" || true; }
GATEWAY_PORT=$gateway_port launch gateway java $(profile gateway) -jar gateway/target/quarkus-app/quarkus-run.jar
bench_ready $gateway_port
STUDENT_SERVICE_PORT=$student_port launch student-service java $(profile student-service) -jar student-service/target/quarkus-app/quarkus-run.jar
ENROLLMENT_SERVICE_PORT=$enrollment_port launch enrollment-service java $(profile enrollment-service) -jar enrollment-service/target/quarkus-app/quarkus-run.jar
SIM_PORT=$sim_port SIM_STUDENTS=$students launch sis-simulator java -jar sis-simulator/target/quarkus-app/quarkus-run.jar
FEED_SERVICE_PORT=$feed_port launch feed-service java -Xmx"$heap" $(profile feed-service) -jar feed-service/target/quarkus-app/quarkus-run.jar
feed_pid=${pids[-1]}
bench_ready $student_port $enrollment_port $sim_port $feed_port

token=$(token_of "$HUB_ADMIN_CLIENT_ID" "$HUB_ADMIN_CLIENT_SECRET")
api() { curl -fs -H "Authorization: Bearer $token" -H 'Content-Type: application/json' "$@"; }
api -X POST "http://localhost:$gateway_port/data/v3/ed-fi/schoolYearTypes" \
  -d '{"schoolYear": 2025, "currentSchoolYear": true, "schoolYearDescription": "2024-2025"}' > /dev/null
id=$(api -X POST "http://localhost:$feed_port/feed/v1/connections" -d "{\"localEducationAgencyId\": 255901,
  \"vendor\": \"bench\", \"baseUrl\": \"http://localhost:$sim_port\", \"schoolYears\": [2025]}" \
  | sed -E 's/.*"id":"([^"]+)".*/\1/')
api -X PUT "http://localhost:$feed_port/feed/v1/connections/$id/mappings" \
  -d @sis-simulator/src/main/resources/acme-code-mappings.json > /dev/null

sync() { # -> "records seconds": a pull, timed from its start until nothing it queued is pending
  local started run status
  started=$(date +%s.%N)
  run=$(api -X POST "http://localhost:$feed_port/feed/v1/connections/$id/pulls" | sed -E 's/.*"runId":([0-9]+).*/\1/')
  while :; do
    status=$(sql "SELECT status FROM feed.feed_run WHERE id = $run")
    # (an EXISTS stops at the first pending row: counting them every half second cost PostgreSQL 5% of its time)
    if [ "$status" != running ] && [ "$(sql "SELECT EXISTS (SELECT 1 FROM feed.outbox WHERE run_id = $run AND status = 'pending')")" = f ]; then
      break
    fi
    sleep 0.5
  done
  [ "$status" = succeeded ] || { echo "run $run: $status $(sql "SELECT reason FROM feed.feed_run WHERE id = $run")" >&2; exit 1; }
  local rejected
  rejected=$(sql "SELECT count(*) FROM feed.outbox WHERE run_id = $run AND status = 'rejected'")
  [ "$rejected" = 0 ] || echo "warning: run $run had $rejected refused records" >&2
  echo "$run" > "$work/last-run"
  echo "$(sql "SELECT upserts + deletes + key_changes FROM feed.feed_run WHERE id = $run") $(echo "$(date +%s.%N) - $started" | bc)"
}
# each process's CPU (ms) so far, in the order of $names
names=(postgres gateway student-service enrollment-service sis-simulator feed-service)
cpu_all() { local pid; for pid in "$(bench_postmaster_pid)" "${pids[@]:1}"; do bench_cpu_ms "$pid"; done | paste -sd' '; }
# per resource of the last run: records, first and last delivery, their rate
by_resource() {
  sql "SELECT resource || '|' || count(*) || '|' || round(extract(epoch FROM max(delivered_at) - min(delivered_at))::numeric, 1)
    || '|' || round(count(*) / greatest(extract(epoch FROM max(delivered_at) - min(delivered_at)), 0.001)::numeric)
    FROM feed.outbox WHERE run_id = $(cat "$work/last-run") GROUP BY resource ORDER BY min(delivered_at)"
}
statements() { psql -q -tA -h localhost -p $pg_port -U postgres -d statehub -v ON_ERROR_STOP=1 -c "$1"; }
if [ "${BENCH_PG_STATEMENTS:-0}" = 1 ] || [ "${BENCH_PG_EXPLAIN:-0}" = 1 ]; then
  statements "CREATE EXTENSION IF NOT EXISTS pg_stat_statements; SELECT pg_stat_statements_reset()" > /dev/null
fi
read -r -a cpu_before < <(cpu_all)
read -r full_records full_seconds < <(sync)
read -r -a cpu_after < <(cpu_all)
full_by_resource=$(by_resource)
# the phases of the last run: pulled and queued, then published
phases() {
  sql "SELECT 'pull and queue ' || round(extract(epoch FROM r.finished_at - r.started_at)::numeric, 1)
    || ' s, first delivery ' || round(extract(epoch FROM min(o.delivered_at) - r.finished_at)::numeric, 1)
    || ' s after, publishing ' || round(extract(epoch FROM max(o.delivered_at) - min(o.delivered_at))::numeric, 1)
    || ' s' FROM feed.feed_run r JOIN feed.outbox o ON o.run_id = r.id WHERE r.id = $(cat "$work/last-run")
    GROUP BY r.id"
}
full_phases=$(phases)
if [ "${BENCH_PG_STATEMENTS:-0}" = 1 ] || [ "${BENCH_PG_EXPLAIN:-0}" = 1 ]; then
  top_statements=$(statements "SELECT round(total_exec_time)::text || ' ms | ' || calls || ' | '
      || round((total_exec_time / calls)::numeric, 3) || ' | ' || left(regexp_replace(query, '\s+', ' ', 'g'), 160)
    FROM pg_stat_statements ORDER BY total_exec_time DESC LIMIT 25")
fi

# the delta: 1% of the records changed, a fifth of them natural-key changes
records=$(sql "SELECT count(*) FROM feed.identity_map")
changes=$(( records / 100 )); keys=$(( changes / 5 )); renames=$(( changes - keys ))
ids=$(for (( offset = 0; offset < renames + keys; offset += 5000 )); do # the simulator's pages hold 5,000 at most
  curl -fs "http://localhost:$sim_port/vendor/v1/students?offset=$offset&limit=$(( renames + keys - offset < 5000 ? renames + keys - offset : 5000 ))"
done | grep -o '"studentUniqueId":"[0-9]*"' | cut -d'"' -f4)
ops="["; i=0
for sid in $ids; do
  if [ $i -lt $renames ]; then op="{\"op\":\"rename\",\"studentUniqueId\":\"$sid\",\"firstName\":\"Delta$i\"}"
  else op="{\"op\":\"entryDate\",\"studentUniqueId\":\"$sid\",\"entryDate\":\"2024-09-0$(( i % 9 + 1 ))\"}"; fi
  ops+="$([ $i = 0 ] || echo ,)$op"; i=$((i + 1))
done
ops+="]"
echo "$ops" > "$work/changes.json" # thousands of changes: too long for an argument
curl -fs -X POST -H 'Content-Type: application/json' -d @"$work/changes.json" "http://localhost:$sim_port/admin/v1/changes" > /dev/null
read -r delta_records delta_seconds < <(sync)
delta_phases=$(phases)
peak_rss=$(awk '/VmHWM/ {printf "%d", $2 / 1024}' "/proc/$feed_pid/status")

mkdir -p bench/results
out="bench/results/feed-sync-$(date -u +%Y%m%dT%H%M%SZ).md"
{
  echo "feed sync of $students students ($records records), feed-service -Xmx$heap, bulk size ${BENCH_BULK_SIZE:-default}; $(nproc) cores, $(date -u +%Y-%m-%d)"
  echo
  echo "| step | records published | wall s | records/s |"
  echo "|---|---:|---:|---:|"
  echo "| full sync | $full_records | $(printf %.1f "$full_seconds") | $(awk "BEGIN {printf \"%d\", $full_records / $full_seconds}") |"
  echo "| delta ($changes changes asked, $keys entry-date key changes) | $delta_records | $(printf %.1f "$delta_seconds") | $(awk "BEGIN {printf \"%d\", $delta_records / $delta_seconds}") |"
  echo
  echo "feed-service peak RSS: $peak_rss MB"
  echo
  echo "full sync: $full_phases"
  echo "delta: $delta_phases"
  echo
  echo "full sync by resource (in delivery order):"
  echo
  echo "| resource | records | s from first to last delivery | records/s |"
  echo "|---|---:|---:|---:|"
  echo "$full_by_resource" | sed -E 's/\|/ | /g; s/^/| /; s/$/ |/'
  echo
  echo "CPU during the full sync, seconds of one core per process:"
  echo
  echo "| process | CPU s | share of the wall time |"
  echo "|---|---:|---:|"
  for i in "${!names[@]}"; do
    awk -v n="${names[$i]}" -v a="${cpu_before[$i]}" -v b="${cpu_after[$i]}" -v w="$full_seconds" \
      'BEGIN {printf "| %s | %.1f | %d%% |\n", n, (b - a) / 1000, (b - a) / 10 / w}'
  done
  if [ -n "${top_statements:-}" ]; then
    echo
    echo "PostgreSQL statements that took most time during the full sync (total | calls | ms per call | statement):"
    echo
    echo "$top_statements"
  fi
} | tee "$out"
