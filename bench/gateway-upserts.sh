#!/usr/bin/env bash
# Benchmark: upserts THROUGH THE GATEWAY as a SIS vendor, next to PostgreSQL's own rate for the same rows.
#
# Starts one fresh PostgreSQL, the gateway, student-service and enrollment-service from their packaged jars; as
# the bootstrap state admin creates a school year, an LEA, its schools with a session and a calendar each, and
# a SISVendor client scoped to the LEA (gateway admin API). Then, with the vendor's token, wrk POSTs through the
# gateway, closed loop, at each number of connections: new students, then enrollments (studentSchoolAssociations
# of those students) and attendance events (studentSchoolAttendanceEvents), every request with a natural key no
# other request has (bench/wrk/gateway-*.lua). Each request is authorized by relationship (the vendor reaches
# the LEA's schools and the students it created or enrolled there), its references checked and its access
# logged, as in production. Right before each wrk step, pgbench runs the engine's INSERT ... ON CONFLICT with
# the same body into a table of the same shape and indexes (bench/lib/pgbench.sh) at the same number of
# connections, on the same PostgreSQL. Reports requests/s, p50/p99 latency, errors, pgbench's rate and the
# ratio, and where the CPU went (each process's CPU time per request). Prints a Markdown report and writes it to
# bench/results/. Needs a JDK >= 21, wrk, pgbench, psql and curl (Debian: apt-get install wrk postgresql-client).
#
# Settings: BENCH_SECONDS (measured seconds per step, default 15), BENCH_WARMUP (seconds of warm-up at 16
#           connections before each resource's steps, default 20), BENCH_CLIENTS (default "1 16 64"),
#           BENCH_RESOURCES (default "students enrollments attendance"; students are always created first, as
#           the others refer to them), BENCH_SCHOOLS (schools of the LEA, default 10), BENCH_BUILD (0 skips
#           the Maven build and uses the jars as they are), BENCH_PROFILE (1: a JFR recording of each JVM over
#           the measured steps, and `top -H` of the JVMs' threads in the middle of each measured step, all in the
#           work folder bench/results/work-gateway-upserts/), BENCH_BULK (N > 0: each request carries N items to
#           the bulk endpoint POST /bulk/v1/ed-fi/{resource}; rates and CPU are then per record, and an item the
#           answer reports as not written counts as an error; default 0, one Ed-Fi POST per record).
# The gateway's per-client rate limit (1000/s by default) is raised out of the way: this measures the API.
source "$(dirname "$0")/lib/common.sh"
source bench/lib/attendance.sh
seconds="${BENCH_SECONDS:-15}"
warmup="${BENCH_WARMUP:-20}"
clients_list="${BENCH_CLIENTS:-1 16 64}"
resources="${BENCH_RESOURCES:-students enrollments attendance}"
pg_port=26432
gateway_port=18380 student_port=18381 enrollment_port=18382
source bench/lib/pgbench.sh
bench_require wrk pgbench psql curl

[ "${BENCH_BUILD:-1}" = 0 ] || ./mvnw -B -q install -DskipTests
bench_start bench/results/work-gateway-upserts
bench_postgres $pg_port
# pgbench's table: the document store as every edfi-core migration makes it, in schema "bench"
psql_bench -c "CREATE SCHEMA bench"
for migration in $(ls edfi-core/src/main/resources/db/edfi-core/V*.sql | sort -V); do
  PGOPTIONS="-c search_path=bench" psql_bench -f "$migration" > /dev/null
done
# the engine takes change versions from next_change_version() where the migrations define it (V1_5), else
# straight from the sequence: pgbench does as the engine does
version_call="nextval('bench.change_version_seq')"
[ "$(sql "SELECT to_regproc('bench.next_change_version') IS NOT NULL")" = t ] && version_call="bench.next_change_version()"
creator=0123456789abcdef0123 # 20 characters, as a vendor's client id
bench_pgbench_upsert students "$pgbench_student_key" "$pgbench_student_body" "$version_call" $creator \
  > "$work/pgbench-students.sql"
bench_pgbench_upsert studentSchoolAssociations "$pgbench_enrollment_key" "$pgbench_enrollment_body" "$version_call" \
  $creator > "$work/pgbench-enrollments.sql"
bench_pgbench_upsert studentSchoolAttendanceEvents "$pgbench_attendance_key" "$pgbench_attendance_body" \
  "$version_call" $creator > "$work/pgbench-attendance.sql"

bench_hub_env $gateway_port
export GATEWAY_RATE_LIMIT=1000000 GATEWAY_RATE_BURST=1000000 TOKEN_LIFETIME=6H
bench_hub_services $gateway_port $student_port $enrollment_port
bench_descriptors_replicated

admin_token=$(token_of "$HUB_ADMIN_CLIENT_ID" "$HUB_ADMIN_CLIENT_SECRET")
admin_post() { bench_post "http://localhost:$gateway_port" "$admin_token" "$@"; } # path body: through the gateway, as the state admin
api=/data/v3/ed-fi
bench_organizations admin_post $lea $school_base "$schools"
for i in $(seq 1 "$schools"); do
  school=$((school_base + i))
  admin_post $api/calendars "{\"calendarCode\": \"2025-REG\", \"schoolReference\": {\"schoolId\": $school},
    \"schoolYearTypeReference\": {\"schoolYear\": 2025},
    \"calendarTypeDescriptor\": \"uri://ed-fi.org/CalendarTypeDescriptor#School\",
    \"gradeLevels\": [{\"gradeLevelDescriptor\": \"uri://ed-fi.org/GradeLevelDescriptor#Ninth grade\"}]}"
done
admin_post /admin/v1/clients "{\"displayName\": \"Bench SIS for Bench ISD\", \"claimSet\": \"SISVendor\",
  \"educationOrganizationIds\": [$lea], \"namespacePrefixes\": [\"uri://bench.example\"]}"
vendor_id=$(sed -E 's/.*"clientId":"([^"]+)".*/\1/' "$work/last-answer.json")
vendor_secret=$(sed -E 's/.*"clientSecret":"([^"]+)".*/\1/' "$work/last-answer.json")
BENCH_TOKEN=$(token_of "$vendor_id" "$vendor_secret")
[ -n "$BENCH_TOKEN" ] || { echo "no token for the vendor client" >&2; exit 1; }
export BENCH_TOKEN BENCH_SCHOOLS=$schools BENCH_SCHOOL_BASE=$school_base BENCH_STUDENTS_FILE="$work/students.txt"

bulk="${BENCH_BULK:-0}"
export BENCH_BULK=$bulk
if [ "$bulk" -gt 0 ]; then url="http://localhost:$gateway_port/bulk/v1/ed-fi"; else url="http://localhost:$gateway_port$api"; fi
per_request=$(( bulk > 0 ? bulk : 1 )) # records per request
path_of() { case "$1" in students) echo students ;; enrollments) echo studentSchoolAssociations ;;
                         attendance) echo studentSchoolAttendanceEvents ;; esac; }
wrk_threads() { if [ "$1" -ge 2 ]; then echo 2; else echo 1; fi; }
base=0
busy_ticks() { awk '/^cpu / {print $2 + $3 + $4 + $7 + $8, $2 + $3 + $4 + $5 + $6 + $7 + $8}' /proc/stat; }
cpu_all() { # CPU ms so far of: gateway student-service enrollment-service PostgreSQL; and the machine's busy/total ticks
  echo "$(bench_cpu_ms "$gateway_pid") $(bench_cpu_ms "$student_pid") $(bench_cpu_ms "$enrollment_pid")" \
    "$(bench_cpu_ms "$(bench_postmaster_pid)") $(busy_ticks)"
}
cpu_delta() { # before after -> the differences, field by field
  paste <(tr ' ' '\n' <<<"$1") <(tr ' ' '\n' <<<"$2") | awk '{printf "%s ", $2 - $1}'
}
run_http() { # resource clients seconds label: wrk through the gateway; sets result (the RESULT line) and cpu
  local before after
  before=$(cpu_all)
  if [ "${BENCH_PROFILE:-0}" = 1 ] && [ "$3" -ge 4 ]; then
    (sleep $(( $3 / 2 - 1 )); top -H -b -n 2 -d 2 -w 200 -p "$gateway_pid,$student_pid,$enrollment_pid" \
      | awk '/^top -/ {n++} n == 2' | head -40 > "$work/top-$4.txt") &
  fi
  BENCH_BASE=$base BENCH_THREADS=$(wrk_threads "$2") wrk -t"$(wrk_threads "$2")" -c"$2" -d"$3s" --timeout 10s \
    -s "bench/wrk/gateway-$1.lua" "$url/$(path_of "$1")" > "$work/wrk-$4.log" 2>&1 \
    || { echo "wrk failed; see $work/wrk-$4.log" >&2; exit 1; }
  after=$(cpu_all)
  cpu=$(cpu_delta "$before" "$after")
  result=$(grep '^RESULT' "$work/wrk-$4.log") || { echo "no result; see $work/wrk-$4.log" >&2; exit 1; }
  base=$(sed -E 's/.*next_base=([0-9]+).*/\1/' <<<"$result")
}
run_pg() { # resource clients label: pgbench; sets pg_tps and pg_cpu
  local before after
  before=$(cpu_all)
  pgbench -h localhost -p $pg_port -U statehub -n -M prepared -c "$2" -j "$(wrk_threads "$2")" -T "$seconds" \
    -f "$work/pgbench-$1.sql" statehub > "$work/pgbench-$3.log" 2>&1 \
    || { echo "pgbench failed; see $work/pgbench-$3.log" >&2; exit 1; }
  after=$(cpu_all)
  pg_cpu=$(cpu_delta "$before" "$after")
  pg_tps=$(awk -F'= ' '/^tps/ {split($2, a, " "); print a[1]; exit}' "$work/pgbench-$3.log")
}
field() { sed -E "s/.* $1=([0-9.]+).*/\1/" <<<"$result"; }
check_clean() { # label: stop when the step had errors (the wrk log says which)
  if [ "$(field errors)" != 0 ] || [ "$(field non2xx)" != 0 ]; then
    echo "step $1 had errors: $result; see $work/wrk-$1.log and the service logs" >&2
    exit 1
  fi
}
student_pool() { # the students that exist (for enrollments and attendance), once enrollment-service has them all
  sql "SELECT body ->> 'studentUniqueId' FROM student.document WHERE resource = 'students' ORDER BY sid" \
    > "$work/students.txt"
  local want have
  want=$(wc -l < "$work/students.txt")
  for _ in $(seq 1 600); do
    have=$(sql "SELECT count(*) FROM enrollment.replica_item WHERE resource = 'students'")
    [ "$have" -ge "$want" ] && return
    sleep 1
  done
  echo "enrollment-service replicated $have of $want students in 10 minutes" >&2
  exit 1
}

out="bench/results/gateway-upserts-$(date -u +%Y%m%dT%H%M%SZ).md"
rows="$work/rows.md"; cpu_rows="$work/cpu.md"
: > "$rows"; : > "$cpu_rows"
for r in students enrollments attendance; do
  measured=0
  case " $resources " in *" $r "*) measured=1 ;; esac
  [ "$r" = students ] || [ "$measured" = 1 ] || continue
  [ "$r" = students ] || student_pool
  # one request first (a wrong body stops here), then the warm-up
  BENCH_SHOW_ERRORS=1 run_http "$r" 1 1 "$r-check"; check_clean "$r-check"
  run_http "$r" 16 "$warmup" "$r-warmup"; check_clean "$r-warmup"
  [ "$measured" = 1 ] || continue
  if [ "${BENCH_PROFILE:-0}" = 1 ] && [ -z "${profiling:-}" ]; then
    for pid in $gateway_pid $student_pid $enrollment_pid; do
      "$JAVA_HOME/bin/jcmd" "$pid" JFR.start name=bench settings=profile > /dev/null
    done
    profiling=1
  fi
  for c in $clients_list; do
    run_pg "$r" "$c" "$r-$c"
    run_http "$r" "$c" "$seconds" "$r-$c"
    rate=$(awk -v n="$(field requests)" -v k="$per_request" -v s="$(field seconds)" 'BEGIN { printf "%.0f", n * k / s }')
    requests=$(( $(field requests) * per_request ))
    errors=$(( $(field errors) + $(field non2xx) ))
    ratio=$(awk -v a="$rate" -v b="$pg_tps" 'BEGIN { printf "%.0f%%", (b > 0 ? 100 * a / b : 0) }')
    printf "| %s | %s | %s | %s | %s | %s | %.0f | %s |\n" "$(path_of "$r")" "$c" "$rate" "$(field p50_ms)" \
      "$(field p99_ms)" "$errors" "$pg_tps" "$ratio" >> "$rows"
    # CPU per request (µs): gateway, student-service, enrollment-service, PostgreSQL; machine busy %
    read -r g s e p busy total <<<"$cpu"
    read -r _ _ _ pp pbusy ptotal <<<"$pg_cpu"
    pg_tx=$(awk -v t="$pg_tps" -v s="$seconds" 'BEGIN { printf "%d", t * s }')
    awk -v r="$(path_of "$r")" -v c="$c" -v n="$requests" -v g="$g" -v s="$s" -v e="$e" -v p="$p" -v b="$busy" \
        -v t="$total" -v pp="$pp" -v pt="$pg_tx" -v pb="$pbusy" -v ptt="$ptotal" 'BEGIN {
      us = 1000 / (n > 0 ? n : 1)
      printf "| %s | %d | %.0f | %.0f | %.0f | %.0f | %.0f | %.0f%% | %.0f | %.0f%% |\n", r, c, g * us, s * us, e * us,
        p * us, (g + s + e + p) * us, 100 * b / t, pp * 1000 / (pt > 0 ? pt : 1), 100 * pb / ptt }' >> "$cpu_rows"
  done
done

if [ -n "${profiling:-}" ]; then
  for name in gateway student-service enrollment-service; do
    case $name in gateway) pid=$gateway_pid ;; student-service) pid=$student_pid ;; *) pid=$enrollment_pid ;; esac
    "$JAVA_HOME/bin/jcmd" "$pid" JFR.stop name=bench filename="$(pwd)/$work/$name.jfr" > /dev/null
    "$JAVA_HOME/bin/jfr" view --width 200 hot-methods "$work/$name.jfr" > "$work/$name-hot-methods.txt" 2>&1 || true
  done
fi
{
  echo "Upserts through the gateway as a SISVendor client (one LEA, $schools schools), next to pgbench running the"
  echo "engine's INSERT ... ON CONFLICT with the same rows at the same number of connections:"
  echo
  if [ "$bulk" -gt 0 ]; then
    echo "Bulk: $bulk items per request (POST /bulk/v1/ed-fi/{resource}); rates are records per second, latencies"
    echo "those of the whole request, errors the items not written."
    echo
    echo "| resource | connections | API records/s | p50 ms | p99 ms | errors | pgbench tps (same rows) | ratio |"
  else
    echo "| resource | connections | API POST/s | p50 ms | p99 ms | errors | pgbench tps (same rows) | ratio |"
  fi
  echo "|---|---:|---:|---:|---:|---:|---:|---:|"
  cat "$rows"
  echo
  echo "CPU time per record in µs (process CPU over the step / records; PostgreSQL = server and backends),"
  echo "and how busy the machine was; the same for pgbench per transaction (PostgreSQL only, pgbench itself not counted):"
  echo
  echo "| resource | connections | gateway | student-service | enrollment-service | PostgreSQL | total | machine busy | PostgreSQL per pgbench tx | busy (pgbench) |"
  echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
  cat "$cpu_rows"
  echo
  echo "Machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB; $(java -version 2>&1 | head -1);" \
    "PostgreSQL $(sql 'SHOW server_version'); $(wrk -v 2>&1 | head -1 | cut -d' ' -f1-2);" \
    "$(pgbench --version); ${seconds}s per step, ${warmup}s of warm-up at 16 connections per resource;" \
    "change versions by $version_call; build $(git rev-parse --short HEAD)$(git diff --quiet HEAD -- . ':!bench' ':!docs' || echo ' with local changes');" \
    "$(date -u '+%Y-%m-%d %H:%M') UTC."
} > "$out"
cat "$out"
