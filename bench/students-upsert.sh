#!/usr/bin/env bash
# Benchmark: POST upserts of new students through student-service at 1 and 16 concurrent clients (wrk; each
# request carries a gateway-issued bearer token the service verifies, as in production), next
# to PostgreSQL's own rate for the same rows (pgbench running the engine's INSERT ... ON CONFLICT statement with
# the same body into a table of the same shape and indexes), against one fresh PostgreSQL in one run. Both load
# generators are small C programs on the same machine. Prints a Markdown table and writes it to bench/results/.
# Needs a JDK >= 21, wrk, pgbench and psql (Debian: apt-get install wrk postgresql-client).
#
# Settings: BENCH_SECONDS (measured seconds per step, default 20), BENCH_WARMUP (service warm-up seconds before
#           anything is measured, default 40; the JIT needs it on 2 cores), BENCH_CLIENTS (default "1 16").
source "$(dirname "$0")/lib/common.sh"
seconds="${BENCH_SECONDS:-20}"
warmup="${BENCH_WARMUP:-40}"
clients_list="${BENCH_CLIENTS:-1 16}"
pg_port=25432
http_port=18081
source bench/lib/pgbench.sh
bench_require wrk pgbench psql

./mvnw -B -q install -DskipTests
bench_start bench/results/work
bench_postgres $pg_port
psql_bench -c "CREATE SCHEMA bench"
PGOPTIONS="-c search_path=bench" psql_bench -f edfi-core/src/main/resources/db/edfi-core/V1_0__document_store.sql

gateway_port=18080 enrollment_port=18082
# the gateway issues the token every request carries; the service verifies it (RS256) on each request
bench_hub_env $gateway_port
GATEWAY_PORT=$gateway_port launch gateway java -jar gateway/target/quarkus-app/quarkus-run.jar
export STUDENT_SERVICE_URL="http://localhost:$http_port" ENROLLMENT_SERVICE_URL="http://localhost:$enrollment_port"
STUDENT_SERVICE_PORT=$http_port launch student-service java -jar student-service/target/quarkus-app/quarkus-run.jar
# enrollment-service owns the descriptors student-service validates against (through its replica)
ENROLLMENT_SERVICE_PORT=$enrollment_port launch enrollment-service java -jar enrollment-service/target/quarkus-app/quarkus-run.jar
enrollment_pid=${pids[-1]}
bench_ready $gateway_port $http_port $enrollment_port
bench_descriptors_replicated
# measured alone: enrollment-service would replicate every new student, which is its cost, not this one's
kill "$enrollment_pid"; wait "$enrollment_pid" 2>/dev/null || true
BENCH_TOKEN=$(token_of "$HUB_ADMIN_CLIENT_ID" "$HUB_ADMIN_CLIENT_SECRET")
export BENCH_TOKEN

url="http://localhost:$http_port/data/v3/ed-fi/students"
wrk_threads() { if [ "$1" -ge 2 ]; then echo 2; else echo 1; fi; }
run_http() { # clients seconds -> RESULT line
  BENCH_PREFIX="run$RANDOM" wrk -t"$(wrk_threads "$1")" -c"$1" -d"$2s" -s bench/wrk/student-upsert.lua "$url" \
    > "$work/wrk-$1.log" 2>&1 || { echo "wrk failed; see $work/wrk-$1.log" >&2; exit 1; }
  grep '^RESULT' "$work/wrk-$1.log"
}
bench_pgbench_upsert students "$pgbench_student_key" "$pgbench_student_body" "nextval('bench.change_version_seq')" \
  > "$work/pgbench.sql"
run_pg() {
  pgbench -h localhost -p $pg_port -U statehub -n -M prepared -c "$1" -j "$(wrk_threads "$1")" -T "$seconds" \
    -f "$work/pgbench.sql" statehub > "$work/pgbench-$1.log" 2>&1 \
    || { echo "pgbench failed; see $work/pgbench-$1.log" >&2; exit 1; }
  awk -F'= ' '/^tps/ {split($2, a, " "); print a[1]; exit}' "$work/pgbench-$1.log"
}

# warm the service (JIT) before anything is measured
run_http 16 "$warmup" > /dev/null

out="bench/results/students-upsert-$(date -u +%Y%m%dT%H%M%SZ).md"
{
  echo "| clients | student-service POST/s | p50 ms | p99 ms | errors | pgbench tps (same rows) | ratio |"
  echo "|---:|---:|---:|---:|---:|---:|---:|"
} > "$out"
for c in $clients_list; do
  pg=$(run_pg "$c")
  line=$(run_http "$c" "$seconds")
  field() { sed -E "s/.*$1=([0-9.]+).*/\1/" <<<"$line"; }
  rate=$(awk -v n="$(field requests)" -v s="$(field seconds)" 'BEGIN { printf "%.0f", n / s }')
  errors=$(( $(field errors) + $(field non2xx) ))
  ratio=$(awk -v a="$rate" -v b="$pg" 'BEGIN { printf "%.0f%%", (b > 0 ? 100 * a / b : 0) }')
  printf "| %s | %s | %s | %s | %s | %.0f | %s |\n" "$c" "$rate" "$(field p50_ms)" "$(field p99_ms)" "$errors" "$pg" \
    "$ratio" >> "$out"
done
{
  echo
  echo "Machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB; $(java -version 2>&1 | head -1);" \
    "PostgreSQL $(psql_bench -tA -c 'SHOW server_version'); $(wrk -v 2>&1 | head -1 | cut -d' ' -f1-2);" \
    "$(pgbench --version); ${seconds}s per step after ${warmup}s of service warm-up; $(date -u +%Y-%m-%d)."
} >> "$out"
cat "$out"
