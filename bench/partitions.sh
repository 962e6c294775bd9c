#!/usr/bin/env bash
# Benchmark: reading a large collection in 1 and in 4 partitions (GET /{resource}/partitions?number=N, then each
# partition's pages with pageToken/pageSize, one thread per partition), against PostgreSQL's own rate of reading the
# same rows rendered the same way, in the same run; and what the link objects of references cost per page.
#
# Starts one fresh, durable PostgreSQL, the gateway (tokens) and enrollment-service (which owns attendance, with
# its replication off: nothing else runs) from their packaged jars; as the bootstrap state admin creates a school
# year, an LEA, its schools and a session each through the API; then loads BENCH_COUNT attendance events straight
# into enrollment-service's document table (as bench/attendance-paging.sh does: valid bodies, natural keys as the
# engine writes them) and their students (20 events each) into its replica of student-service's students, so
# every event's school, session and student reference has an item to link to.
#
# Then, each once after a warm-up: a walk in 1 partition and a walk in 4 (bench/java/PartitionWalk.java, which
# fails if an item is read twice or the count is wrong); PostgreSQL's own rate: the same rows, rendered with the
# service's expression (body with id, _etag, _lastModifiedDate), read by 1 and by 4 concurrent psql COPY over the
# same partitions; then the first BENCH_LINK_PAGES pages read BENCH_LINK_REPEATS times with links, and again after
# restarting enrollment-service with EDFI_RESOURCE_LINKS=false (median ms per page of 500). Prints a Markdown
# report and writes it to bench/results/. Needs a JDK >= 21, psql and curl; packaged jars (BENCH_BUILD=1 packages
# them first: ./mvnw -o package -DskipTests).
#
# Settings: BENCH_COUNT (default 1000000), BENCH_SCHOOLS (10), BENCH_PAGE_SIZE (500), BENCH_LINK_PAGES (100),
#           BENCH_LINK_REPEATS (5), BENCH_BUILD (0).
source "$(dirname "$0")/lib/common.sh"
source bench/lib/attendance.sh
export MAVEN_ARGS="${MAVEN_ARGS:--o}"
count="${BENCH_COUNT:-1000000}"
page_size="${BENCH_PAGE_SIZE:-500}"
link_pages="${BENCH_LINK_PAGES:-100}"
link_repeats="${BENCH_LINK_REPEATS:-5}"
per_student=20
pg_port=28532
gateway_port=18580 enrollment_port=18582
resource=studentSchoolAttendanceEvents
bench_require psql curl bc

[ "${BENCH_BUILD:-0}" = 0 ] || ./mvnw -B -q -pl gateway,enrollment-service -am package -DskipTests
bench_start bench/results/work-partitions
bench_postgres $pg_port
durable=$(sql "SELECT string_agg(name || '=' || setting, ', ' ORDER BY name) FROM pg_settings
               WHERE name IN ('fsync', 'synchronous_commit', 'full_page_writes')")

bench_hub_env $gateway_port
export ENROLLMENT_SERVICE_URL="http://localhost:$enrollment_port" STUDENT_SERVICE_URL="http://localhost:1"
export TOKEN_LIFETIME=6H EDFI_REPLICATION_ENABLED=false
start_enrollment() { # [environment...]: enrollment-service, with these settings
  env ENROLLMENT_SERVICE_PORT=$enrollment_port "$@" java -jar enrollment-service/target/quarkus-app/quarkus-run.jar \
    > "$work/enrollment-service.log" 2>&1 &
  pids+=($!)
  enrollment_pid=$!
  bench_ready $enrollment_port
}
GATEWAY_PORT=$gateway_port launch gateway java -jar gateway/target/quarkus-app/quarkus-run.jar
bench_ready $gateway_port
start_enrollment

token=$(token_of "$HUB_ADMIN_CLIENT_ID" "$HUB_ADMIN_CLIENT_SECRET")
post() { bench_post "http://localhost:$enrollment_port" "$token" "$@"; } # path body: to enrollment-service, as the state admin
api=/data/v3/ed-fi
bench_organizations post $lea $school_base "$schools"

# The load (the same events as bench/attendance-paging.sh), and the students they name in the replica.
load_started=$(date +%s.%N)
psql_bench <<SQL
$(bench_attendance_sql "$count" "$per_student" $school_base "$schools")
INSERT INTO replica_item (resource, id, natural_key, body, change_version)
SELECT 'students', uuidv7(), '["' || student || '"]',
       jsonb_build_object('studentUniqueId', student, 'firstName', 'Bench', 'lastSurname', 'Student',
                          'birthDate', '2010-01-01'), 1
  FROM (SELECT 'AP' || lpad(s::text, 7, '0') AS student
          FROM generate_series(0, ($count - 1) / $per_student) AS s) AS students;
COMMIT;
VACUUM ANALYZE document;
VACUUM ANALYZE replica_item;
SQL
bench_loaded enrollment.document $resource "$count" "$load_started"

url="http://localhost:$enrollment_port$api/$resource"
walk() { # partitions: one walk, its RESULT line
  java -Xmx1g bench/java/PartitionWalk.java walk "$url" "$token" "$1" "$page_size" > "$work/walk-$1.log" 2>&1 \
    || { echo "the walk in $1 partitions failed; see $work/walk-$1.log" >&2; exit 1; }
  grep '^RESULT' "$work/walk-$1.log"
}
field() { sed -E "s/.* $2=([0-9.]+).*/\1/" <<<"$1"; }

# PostgreSQL's own rate: the same rows with the service's rendering, one COPY per partition, all at once
render="(jsonb_build_object('id', replace(id::text, '-', '')) || body || jsonb_build_object('_etag',
  change_version::text, '_lastModifiedDate', to_char(last_modified AT TIME ZONE 'UTC',
  'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"')))::text"
postgres_rate() { # partitions: records/s of reading every row in that many concurrent COPYs
  local n=$1 bounds started i lo hi
  mapfile -t bounds < <(sql "SELECT min(sid) FROM (SELECT sid, ntile($n) OVER (ORDER BY sid) AS part
    FROM enrollment.document WHERE resource = '$resource') p GROUP BY part ORDER BY 1")
  started=$(date +%s.%N)
  local copies=()
  for i in "${!bounds[@]}"; do
    lo=${bounds[$i]}
    hi=${bounds[$((i + 1))]:-9223372036854775807}
    psql_bench -c "COPY (SELECT $render FROM enrollment.document WHERE resource = '$resource'
      AND sid >= $lo AND sid < $hi ORDER BY sid) TO STDOUT" > "$work/copy-$n-$i.txt" &
    copies+=($!)
  done
  for pid in "${copies[@]}"; do wait "$pid"; done
  local seconds rows
  seconds=$(echo "$(date +%s.%N) - $started" | bc)
  rows=$(cat "$work"/copy-$n-*.txt | wc -l)
  rm -f "$work"/copy-$n-*.txt
  [ "$rows" = "$count" ] || { echo "PostgreSQL read $rows rows, not $count" >&2; exit 1; }
  echo "$count / $seconds" | bc
}

busy_ticks() { awk '/^cpu / {print $2 + $3 + $4 + $7 + $8, $2 + $3 + $4 + $5 + $6 + $7 + $8}' /proc/stat; }
java -Xmx1g bench/java/PartitionWalk.java pages "$url" "$token" 200 1 "$page_size" > /dev/null # warm-up
rows="$work/rows.md"; : > "$rows"
for n in 1 4; do
  pg=$(postgres_rate "$n")
  before_e=$(bench_cpu_ms "$enrollment_pid"); before_p=$(bench_cpu_ms "$(bench_postmaster_pid)")
  result=$(walk "$n")
  after_e=$(bench_cpu_ms "$enrollment_pid"); after_p=$(bench_cpu_ms "$(bench_postmaster_pid)")
  [ "$(field "$result" records)" = "$count" ] || { echo "the walk read $(field "$result" records) of $count: $result" >&2; exit 1; }
  awk -v n="$n" -v t="$(field "$result" tokens)" -v r="$(field "$result" records_per_s)" -v s="$(field "$result" seconds)" \
      -v p50="$(field "$result" page_p50_ms)" -v p99="$(field "$result" page_p99_ms)" -v sp="$(field "$result" split_ms)" \
      -v pg="$pg" -v e="$((after_e - before_e))" -v p="$((after_p - before_p))" -v c="$count" 'BEGIN {
    printf "| %d | %d | %.0f | %.1f | %.1f | %.2f | %.2f | %.0f | %.2f | %.1f | %.1f |\n", n, t, r, s, sp, p50, p99, pg, r / pg,
      e * 1000 / c, p * 1000 / c }' >> "$rows"
done

# What links cost: the same first pages with links, then with enrollment-service restarted without them
pages() { java -Xmx1g bench/java/PartitionWalk.java pages "$url" "$token" "$link_pages" "$link_repeats" "$page_size"; }
with_links=$(pages)
kill "$enrollment_pid"; wait "$enrollment_pid" 2>/dev/null || true
start_enrollment EDFI_RESOURCE_LINKS=false
pages > /dev/null # warm-up of the new JVM
without_links=$(pages)
pages > /dev/null
with_ms=$(field "$with_links" page_median_ms); without_ms=$(field "$without_links" page_median_ms)

out="bench/results/partitions-$(date -u +%Y%m%dT%H%M%SZ).md"
{
  echo "Parallel cursor paging over $count $resource from enrollment-service (pageSize $page_size, a StateAdmin"
  echo "token; one thread per partition). Loaded in $(printf %.0f "$load_seconds") s; the document table with its"
  echo "indexes: $table_mb MB. PostgreSQL: $durable."
  echo
  echo "| partitions | tokens | API records/s | seconds | /partitions ms | page p50 ms | page p99 ms | PostgreSQL records/s (same partitions, COPY) | ratio | enrollment-service CPU ms / 1,000 | PostgreSQL CPU ms / 1,000 |"
  echo "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
  cat "$rows"
  echo
  echo "Links: the first $link_pages pages of $page_size read $link_repeats times each (medians per page):"
  echo
  echo "| with links ms | without links ms | links cost ms per page | bytes per page with | without |"
  echo "|---:|---:|---:|---:|---:|"
  awk -v w="$with_ms" -v o="$without_ms" -v bw="$(field "$with_links" bytes_per_page)" \
      -v bo="$(field "$without_links" bytes_per_page)" 'BEGIN { printf "| %.2f | %.2f | %+.2f (%+.0f%%) | %d | %d |\n", w, o, w - o, 100 * (w - o) / o, bw, bo }'
  echo
  echo "Machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB; $(java -version 2>&1 | head -1);" \
    "PostgreSQL $(sql 'SHOW server_version'); build $(git rev-parse --short HEAD)$(git diff --quiet HEAD -- . ':!bench' ':!docs' || echo ' with local changes');" \
    "$(date -u '+%Y-%m-%d %H:%M') UTC."
} > "$out"
cat "$out"
