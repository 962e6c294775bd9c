#!/usr/bin/env bash
# Benchmark: reading a million attendance events (studentSchoolAttendanceEvents) through cursor paging.
#
# Starts one fresh PostgreSQL, the gateway (tokens), enrollment-service (which owns attendance) and
# student-service (for the one write below, whose student it checks) from their packaged jars; as the bootstrap
# state admin creates a school year, an LEA and its schools with a session each through the API; then loads
# BENCH_ATTENDANCE_COUNT events straight into enrollment-service's document table with one INSERT ... SELECT
# FROM generate_series (valid bodies, natural keys as the engine writes them, ids UUIDv7, change versions from
# the service's sequence; BENCH_EVENTS_PER_STUDENT events per student on distinct school days of the session).
# The students they name are not loaded: references are not checked on read. One loaded event is then POSTed
# again through the API (its student created first), which must find it identical (200, change version kept),
# so the loaded rows are what the engine itself would have stored.
# student-service, which keeps a replica of attendance events, then copies them all; the walks begin once it is
# done (the time it took is reported).
# A StateAdmin client then reads them all with pageSize/pageToken (bench/java/PageWalk.java, one request at a
# time): from enrollment-service directly and through the gateway, each after a warm-up, BENCH_WALKS full walks
# (records/s; the time of every page), then the first and the last page BENCH_REPEATS times each (medians).
# Also reports each process's CPU time per 1,000 records during the walks. Prints a Markdown report and writes it
# to bench/results/. Needs a JDK >= 21, psql and curl.
#
# Settings: BENCH_ATTENDANCE_COUNT (default 1000000), BENCH_EVENTS_PER_STUDENT (default 20, at most 45),
#           BENCH_SCHOOLS (default 10), BENCH_PAGE_SIZE (default 500, the most the API allows),
#           BENCH_WALKS (default 2), BENCH_REPEATS (default 15), BENCH_WARMUP_PAGES (default 300),
#           BENCH_TARGETS (default "service gateway"), BENCH_JFR (1: a JFR recording of enrollment-service during
#           the walks from it, summarized in the report), BENCH_BUILD (0 skips the Maven build).
source "$(dirname "$0")/lib/common.sh"
source bench/lib/attendance.sh
count="${BENCH_ATTENDANCE_COUNT:-1000000}"
per_student="${BENCH_EVENTS_PER_STUDENT:-20}"
page_size="${BENCH_PAGE_SIZE:-500}"
walks="${BENCH_WALKS:-2}"
repeats="${BENCH_REPEATS:-15}"
warmup_pages="${BENCH_WARMUP_PAGES:-300}"
targets="${BENCH_TARGETS:-service gateway}"
pg_port=28432
gateway_port=18480 student_port=18481 enrollment_port=18482
[ "$per_student" -le 45 ] || { echo "BENCH_EVENTS_PER_STUDENT must be at most 45" >&2; exit 1; }
bench_require psql curl bc

[ "${BENCH_BUILD:-1}" = 0 ] || ./mvnw -B -q install -DskipTests
bench_start bench/results/work-attendance-paging
bench_postgres $pg_port
bench_hub_env $gateway_port
export TOKEN_LIFETIME=6H
bench_hub_services $gateway_port $student_port $enrollment_port

token=$(token_of "$HUB_ADMIN_CLIENT_ID" "$HUB_ADMIN_CLIENT_SECRET")
post() { bench_post "http://localhost:$gateway_port" "$token" "$@"; } # path body: through the gateway, as the state admin
api=/data/v3/ed-fi
bench_organizations post $lea $school_base "$schools"

# The load: which event is whose, on which day, at which school: bench_attendance_sql (bench/lib/attendance.sh).
load_started=$(date +%s.%N)
psql_bench <<SQL
$(bench_attendance_sql "$count" "$per_student" $school_base "$schools")
COMMIT;
VACUUM ANALYZE document;
SQL
bench_loaded enrollment.document studentSchoolAttendanceEvents "$count" "$load_started"

# the engine must find a loaded event identical to what it would store for the same POST
probe="natural_key = (SELECT natural_key FROM enrollment.document WHERE resource = 'studentSchoolAttendanceEvents'
         ORDER BY sid OFFSET $((count / 2)) LIMIT 1) AND resource = 'studentSchoolAttendanceEvents'"
version_before=$(sql "SELECT change_version FROM enrollment.document WHERE $probe")
bench_descriptors_replicated
post $api/students "{\"studentUniqueId\": \"$(sql "SELECT body #>> '{studentReference,studentUniqueId}' FROM enrollment.document
  WHERE $probe")\", \"firstName\": \"Probe\", \"lastSurname\": \"Student\", \"birthDate\": \"2010-01-01\"}"
post $api/studentSchoolAttendanceEvents "$(sql "SELECT body::text FROM enrollment.document WHERE $probe")"
if [ "$(sql "SELECT count(*) FROM enrollment.document WHERE resource = 'studentSchoolAttendanceEvents'")" != "$count" ]; then
  echo "the API inserted a loaded event again: the loaded natural keys differ from the engine's:" >&2
  sql "SELECT natural_key FROM enrollment.document WHERE $probe UNION ALL (SELECT natural_key FROM enrollment.document
       WHERE resource = 'studentSchoolAttendanceEvents' ORDER BY sid DESC LIMIT 1)" >&2
  exit 1
fi
[ "$(sql "SELECT change_version FROM enrollment.document WHERE $probe")" = "$version_before" ] \
  || { echo "the API changed a loaded event it was sent unchanged: the loaded bodies differ from the engine's" >&2; exit 1; }

# student-service keeps a replica of attendance events: it now copies the million through enrollment-service's
# change queries. The walks wait for that to end, so they are measured without it (and it is reported).
newest=$(sql "SELECT last_value FROM enrollment.change_version_seq")
replication_started=$(date +%s.%N)
for _ in $(seq 1 900); do
  [ "$(sql "SELECT coalesce(max(change_version), 0) FROM student.replication_watermark WHERE source = 'enrollment-service'")" \
    -ge "$newest" ] && break
  sleep 1
done
replication_seconds=$(echo "$(date +%s.%N) - $replication_started" | bc)
replicated=$(sql "SELECT count(*) FROM student.replica_item WHERE resource = 'studentSchoolAttendanceEvents'")

busy_ticks() { awk '/^cpu / {print $2 + $3 + $4 + $7 + $8, $2 + $3 + $4 + $5 + $6 + $7 + $8}' /proc/stat; }
cpu_all() { echo "$(bench_cpu_ms "$gateway_pid") $(bench_cpu_ms "$enrollment_pid") $(bench_cpu_ms "$(bench_postmaster_pid)") $(busy_ticks)"; }
cpu_delta() { paste <(tr ' ' '\n' <<<"$1") <(tr ' ' '\n' <<<"$2") | awk '{printf "%s ", $2 - $1}'; }
jfr=""
rows="$work/rows.md"; cpu_rows="$work/cpu.md"
: > "$rows"; : > "$cpu_rows"
for target in $targets; do
  case "$target" in
    service) url="http://localhost:$enrollment_port$api/studentSchoolAttendanceEvents" ;;
    gateway) url="http://localhost:$gateway_port$api/studentSchoolAttendanceEvents" ;;
    *) echo "unknown target $target" >&2; exit 1 ;;
  esac
  if [ "${BENCH_JFR:-0}" = 1 ] && [ "$target" = service ]; then
    "$JAVA_HOME/bin/jcmd" "$enrollment_pid" JFR.start name=walk settings=profile > /dev/null
  fi
  before=$(cpu_all)
  java bench/java/PageWalk.java "$url" "$token" "$page_size" "$warmup_pages" "$walks" "$repeats" \
    "$work/pages-$target.txt" > "$work/walk-$target.log" 2>&1 || { echo "the walk failed; see $work/walk-$target.log" >&2; exit 1; }
  after=$(cpu_all)
  if [ "${BENCH_JFR:-0}" = 1 ] && [ "$target" = service ]; then
    "$JAVA_HOME/bin/jcmd" "$enrollment_pid" JFR.stop name=walk filename="$(pwd)/$work/enrollment-walk.jfr" > /dev/null
    jfr="$work/enrollment-walk.jfr"
  fi
  read -r g e p busy total <<<"$(cpu_delta "$before" "$after")"
  # records read in this target's run: warm-up pages, the walks, and the 2 x repeats single pages
  read_records=$(( (warmup_pages + 2 * repeats) * page_size + walks * count ))
  while read -r line; do
    f() { sed -E "s/.* $1=([0-9.]+).*/\1/" <<<"$line"; }
    [ "$(f records)" = "$count" ] || { echo "walk read $(f records) records, not $count: $line" >&2; exit 1; }
    printf "| %s | %s | %s | %s | %s | %s | %s | %s | %s |\n" "$target" "$(f walk)" "$(f records_per_s)" "$(f seconds)" \
      "$(f pages)" "$(f page_p50_ms)" "$(f page_p99_ms)" "$(f first_tenth_p50_ms)" "$(f last_tenth_p50_ms)" >> "$rows"
  done < <(grep '^RESULT walk=' "$work/walk-$target.log")
  line=$(grep '^RESULT repeats=' "$work/walk-$target.log")
  first=$(sed -E 's/.* first_page_median_ms=([0-9.]+).*/\1/' <<<"$line")
  last=$(sed -E 's/.* last_page_median_ms=([0-9.]+).*/\1/' <<<"$line")
  echo "$target $first $last" >> "$work/first-last.txt"
  awk -v t="$target" -v n="$read_records" -v g="$g" -v e="$e" -v p="$p" -v b="$busy" -v tt="$total" 'BEGIN {
    k = 1000 / n
    printf "| %s | %.1f | %.1f | %.1f | %.1f | %.0f%% |\n", t, g * k, e * k, p * k, (g + e + p) * k, 100 * b / tt }' >> "$cpu_rows"
done

out="bench/results/attendance-paging-$(date -u +%Y%m%dT%H%M%SZ).md"
{
  echo "Cursor paging over $count studentSchoolAttendanceEvents (pageSize $page_size, one request at a time, a"
  echo "StateAdmin token). Loaded in $(printf %.0f "$load_seconds") s; the document table with its indexes: $table_mb MB."
  echo "student-service then replicated them from enrollment-service's change queries: $replicated events in"
  echo "$(printf %.0f "$replication_seconds") s (the walks start after it)."
  echo
  echo "| read from | walk | records/s | seconds | pages | page p50 ms | page p99 ms | first 10% of pages p50 ms | last 10% p50 ms |"
  echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|"
  cat "$rows"
  echo
  echo "The first and the last page, read $repeats times each, alternately (medians):"
  echo
  echo "| read from | first page ms | last page ms | last / first |"
  echo "|---|---:|---:|---:|"
  while read -r target first last; do
    awk -v t="$target" -v f="$first" -v l="$last" 'BEGIN { printf "| %s | %.2f | %.2f | %.2f |\n", t, f, l, l / f }'
  done < "$work/first-last.txt"
  echo
  echo "CPU time per 1,000 records read, in ms (process CPU over the run of each target, warm-up and repeats"
  echo "included), and how busy the machine was:"
  echo
  echo "| read from | gateway | enrollment-service | PostgreSQL | total | machine busy |"
  echo "|---|---:|---:|---:|---:|---:|"
  cat "$cpu_rows"
  if [ -n "$jfr" ]; then
    echo
    echo "enrollment-service during the walks from it (JFR, settings=profile), the hottest methods:"
    echo
    echo '```'
    "$JAVA_HOME/bin/jfr" view --width 160 hot-methods "$jfr" | head -30
    echo '```'
  fi
  echo
  echo "Machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB; $(java -version 2>&1 | head -1);" \
    "PostgreSQL $(sql 'SHOW server_version'); $per_student events per student, $schools schools; $warmup_pages" \
    "warm-up pages per target; build $(git rev-parse --short HEAD)$(git diff --quiet HEAD -- . ':!bench' ':!docs' || echo ' with local changes');" \
    "$(date -u '+%Y-%m-%d %H:%M') UTC."
} > "$out"
cat "$out"
