#!/usr/bin/env bash
# Benchmark: feed-service's first full sync of a simulated district into the hub, then a daily delta, end to end
# (sis-simulator → feed-service → gateway → student-service and enrollment-service, real tokens, one PostgreSQL on
# this machine). Full sync: every record (LEA, schools, sessions, students, 2 contacts and 2 contact associations
# per student, SEOA, enrollment, 3 attendance events) pulled, queued and delivered. Delta: 1% of the records
# changed at the vendor, a fifth of those as natural-key changes (enrollment entry dates, 0.2% of the records), then pulled and delivered. Reports wall time (pull start to nothing pending), records per second
# and feed-service's peak RSS. Needs a JDK >= 21, curl and psql.
#
# Settings: BENCH_STUDENTS (default 5000), BENCH_HEAP (feed-service -Xmx, default 256m).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/java-home.sh
students="${BENCH_STUDENTS:-5000}"
heap="${BENCH_HEAP:-256m}"
pg_port=27432
gateway_port=18280 student_port=18281 enrollment_port=18282 feed_port=18283 sim_port=18290
command -v psql >/dev/null || { echo "error: psql is needed (Debian: apt-get install postgresql-client)" >&2; exit 1; }

./mvnw -B -q install -DskipTests
source bench/lib/common.sh
bench_start bench/results/work-feed-sync
bench_postgres $pg_port
sql() { psql -q -tA -h localhost -p $pg_port -U statehub -d statehub -v ON_ERROR_STOP=1 -c "$1"; }

export QUARKUS_DATASOURCE_JDBC_URL="jdbc:postgresql://localhost:$pg_port/statehub"
export QUARKUS_DATASOURCE_USERNAME=statehub QUARKUS_DATASOURCE_PASSWORD=statehub QUARKUS_LOG_CONSOLE_LEVEL=WARN
export HUB_ADMIN_CLIENT_ID=bench-admin HUB_ADMIN_CLIENT_SECRET="bench-$RANDOM-$RANDOM-secret"
export GATEWAY_PUBLIC_URL="http://localhost:$gateway_port" OIDC_AUTH_SERVER_URL="http://localhost:$gateway_port"
export OIDC_ISSUER="http://localhost:$gateway_port" OIDC_TOKEN_URL="http://localhost:$gateway_port/oauth/token"
export STUDENT_SERVICE_URL="http://localhost:$student_port" ENROLLMENT_SERVICE_URL="http://localhost:$enrollment_port"
export FEED_SERVICE_URL="http://localhost:$feed_port" HUB_URL="http://localhost:$gateway_port"
export FEED_SECRET_KEY="bench-feed-secret-key-0123456789" FEED_DELIVERY_INTERVAL=200ms
launch() { local name=$1; shift; "$@" > "$work/$name.log" 2>&1 & pids+=($!); }
GATEWAY_PORT=$gateway_port launch gateway java -jar gateway/target/quarkus-app/quarkus-run.jar
bench_ready $gateway_port
STUDENT_SERVICE_PORT=$student_port launch student-service java -jar student-service/target/quarkus-app/quarkus-run.jar
ENROLLMENT_SERVICE_PORT=$enrollment_port launch enrollment-service java -jar enrollment-service/target/quarkus-app/quarkus-run.jar
SIM_PORT=$sim_port SIM_STUDENTS=$students launch sis-simulator java -jar sis-simulator/target/quarkus-app/quarkus-run.jar
FEED_SERVICE_PORT=$feed_port launch feed-service java -Xmx"$heap" -jar feed-service/target/quarkus-app/quarkus-run.jar
feed_pid=${pids[-1]}
bench_ready $student_port $enrollment_port $sim_port $feed_port

token=$(curl -fs -u "$HUB_ADMIN_CLIENT_ID:$HUB_ADMIN_CLIENT_SECRET" -d grant_type=client_credentials \
  "http://localhost:$gateway_port/oauth/token" | sed -E 's/.*"access_token":"([^"]+)".*/\1/')
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
    if [ "$status" != running ] && [ "$(sql "SELECT count(*) FROM feed.outbox WHERE run_id = $run AND status = 'pending'")" = 0 ]; then
      break
    fi
    sleep 0.5
  done
  [ "$status" = succeeded ] || { echo "run $run: $status $(sql "SELECT reason FROM feed.feed_run WHERE id = $run")" >&2; exit 1; }
  local rejected
  rejected=$(sql "SELECT count(*) FROM feed.outbox WHERE run_id = $run AND status = 'rejected'")
  [ "$rejected" = 0 ] || echo "warning: run $run had $rejected refused records" >&2
  echo "$(sql "SELECT upserts + deletes + key_changes FROM feed.feed_run WHERE id = $run") $(echo "$(date +%s.%N) - $started" | bc)"
}
read -r full_records full_seconds < <(sync)

# the delta: 1% of the records changed, a fifth of them natural-key changes
records=$(sql "SELECT count(*) FROM feed.identity_map")
changes=$(( records / 100 )); keys=$(( changes / 5 )); renames=$(( changes - keys ))
ids=$(curl -fs "http://localhost:$sim_port/vendor/v1/students?limit=$(( renames + keys ))" | grep -o '"studentUniqueId":"[0-9]*"' | cut -d'"' -f4)
ops="["; i=0
for sid in $ids; do
  if [ $i -lt $renames ]; then op="{\"op\":\"rename\",\"studentUniqueId\":\"$sid\",\"firstName\":\"Delta$i\"}"
  else op="{\"op\":\"entryDate\",\"studentUniqueId\":\"$sid\",\"entryDate\":\"2024-09-0$(( i % 9 + 1 ))\"}"; fi
  ops+="$([ $i = 0 ] || echo ,)$op"; i=$((i + 1))
done
ops+="]"
curl -fs -X POST -H 'Content-Type: application/json' -d "$ops" "http://localhost:$sim_port/admin/v1/changes" > /dev/null
read -r delta_records delta_seconds < <(sync)
peak_rss=$(awk '/VmHWM/ {printf "%d", $2 / 1024}' "/proc/$feed_pid/status")

mkdir -p bench/results
out="bench/results/feed-sync-$(date -u +%Y%m%dT%H%M%SZ).md"
{
  echo "feed sync of $students students ($records records), feed-service -Xmx$heap; $(nproc) cores, $(date -u +%Y-%m-%d)"
  echo
  echo "| step | records published | wall s | records/s |"
  echo "|---|---:|---:|---:|"
  echo "| full sync | $full_records | $(printf %.1f "$full_seconds") | $(awk "BEGIN {printf \"%d\", $full_records / $full_seconds}") |"
  echo "| delta ($changes changes asked, $keys entry-date key changes) | $delta_records | $(printf %.1f "$delta_seconds") | $(awk "BEGIN {printf \"%d\", $delta_records / $delta_seconds}") |"
  echo
  echo "feed-service peak RSS: $peak_rss MB"
} | tee "$out"
