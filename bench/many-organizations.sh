#!/usr/bin/env bash
# Benchmark: what relationship authorization costs a statement at state scale, for a client of one LEA, of the
# SEA and of 10,000 education organizations (the LEA and 9,999 ids of nothing, as student-service's
# ManyOrganizationsTest claims them); issue 15 item 7, decisions 0014, 0018 and 0021.
#
# Starts one fresh, durable PostgreSQL with two schemas made by every edfi-core migration, as the services make
# them: "student" (student-service: BENCH_STUDENTS students as its own documents; one SEA, BENCH_LEAS LEAs of
# BENCH_SCHOOLS schools each and one enrollment per student as replicas of enrollment-service's items) and
# "enrollment" (enrollment-service: the same organizations and enrollments as its own documents). The
# 10,000-organization set is stored under a key, as edfi-core ClaimedOrganizations stores a set of 64 or more.
#
# Then pgbench (-M prepared: server-prepared statements with parameters, as the JDBC driver sends them, plans after
# the driver's fifth execution) runs, for BENCH_SECONDS each and in BENCH_ROUNDS interleaved rounds, the statements
# the engine sends (edfi-core QueryStore.page with Relationships.filter or itemFilter) for GET /students?
# studentUniqueId=... (one student of the LEA), GET /students and GET /studentSchoolAssociations (first pages of
# BENCH_PAGE_SIZE), for each client: the LEA's and the SEA's with their ids sent, the 10,000 organizations by key
# with V1_11's reach and with V1_12's; and a write of 100 enrollments with and without V1_12's trigger. Prints
# Markdown tables of milliseconds per statement and the EXPLAIN (ANALYZE, BUFFERS) of each page statement, and
# writes them to bench/results/. Needs a JDK >= 21 (for the embedded PostgreSQL), psql and pgbench (Debian:
# apt-get install postgresql-client).
#
# Settings: BENCH_LEAS (default 50), BENCH_SCHOOLS (100 per LEA), BENCH_STUDENTS (50000), BENCH_PAGE_SIZE (500),
#           BENCH_SECONDS (5), BENCH_ROUNDS (3).
source "$(dirname "$0")/lib/common.sh"
export MAVEN_ARGS="${MAVEN_ARGS:--o}"
leas="${BENCH_LEAS:-50}"
schools="${BENCH_SCHOOLS:-100}"
students="${BENCH_STUDENTS:-50000}"
page_size="${BENCH_PAGE_SIZE:-500}"
seconds="${BENCH_SECONDS:-5}"
rounds="${BENCH_ROUNDS:-3}"
pg_port=28533
sea=255900 lea=255901 # the LEAs are 255901.. and LEA l's schools 255901000 + (l - 1) * 1000 + s
bench_require psql pgbench bc

bench_start bench/results/work-many-organizations
bench_postgres $pg_port
durable=$(sql "SELECT string_agg(name || '=' || setting, ', ' ORDER BY name) FROM pg_settings
               WHERE name IN ('fsync', 'synchronous_commit', 'full_page_writes')")
psql_bench -c "CREATE SCHEMA student"
for migration in $(ls edfi-core/src/main/resources/db/edfi-core/V*.sql | sort -V); do
  PGOPTIONS="-c search_path=student" psql_bench -f "$migration" > /dev/null
done
export PGOPTIONS="-c search_path=student"

echo "loading: 1 SEA, $leas LEAs, $((leas * schools)) schools, $students students and their enrollments"
started=$(date +%s.%N)
psql_bench <<SQL
INSERT INTO replica_item (resource, id, natural_key, body, change_version)
SELECT 'localEducationAgencies', gen_random_uuid(), '[' || ($lea + l - 1) || ']',
       jsonb_build_object('localEducationAgencyId', $lea + l - 1, 'nameOfInstitution', 'LEA ' || l,
                          'stateEducationAgencyReference', jsonb_build_object('stateEducationAgencyId', $sea)), 1
  FROM generate_series(1, $leas) l;
INSERT INTO replica_item (resource, id, natural_key, body, change_version)
SELECT 'schools', gen_random_uuid(), '[' || school || ']',
       jsonb_build_object('schoolId', school, 'nameOfInstitution', 'School ' || school,
                          'localEducationAgencyReference', jsonb_build_object('localEducationAgencyId', lea)), 1
  FROM (SELECT $lea + l - 1 AS lea, ($lea + l - 1)::bigint * 1000 + s AS school
          FROM generate_series(1, $leas) l, generate_series(0, $schools - 1) s) o;
-- student n goes to school n modulo the number of schools: every school has students, spread over the collection
INSERT INTO document (id, resource, natural_key, body, change_version, last_modified, created_by)
SELECT gen_random_uuid(), 'students', '["s' || n || '"]',
       jsonb_build_object('studentUniqueId', 's' || n, 'firstName', 'First' || n, 'lastSurname', 'Last' || n,
                          'birthDate', '2010-01-01'), nextval('change_version_seq'), now(), 'loader'
  FROM generate_series(1, $students) n;
INSERT INTO replica_item (resource, id, natural_key, body, change_version)
SELECT 'studentSchoolAssociations', gen_random_uuid(), '["2024-08-19",' || school || ',"s' || n || '"]',
       jsonb_build_object('entryDate', '2024-08-19', 'schoolReference', jsonb_build_object('schoolId', school),
                          'studentReference', jsonb_build_object('studentUniqueId', 's' || n)), 1
  FROM (SELECT n, ($lea + (n % ($leas * $schools)) / $schools)::bigint * 1000 + (n % ($leas * $schools)) % $schools
               AS school
          FROM generate_series(1, $students) n) e;
-- the 10,000-organization client's set: its LEA and 9,999 ids of nothing, stored under a key
INSERT INTO auth_claimed (claimed_key, organizations, registered_at) VALUES ('many', 10000, now());
INSERT INTO auth_claimed_organization (claimed_key, organization_id)
SELECT 'many', '$lea' UNION ALL SELECT 'many', (900000000 + i)::text FROM generate_series(1, 9999) i;
-- enrollment-service's store: the hierarchy and the enrollments as its own documents
CREATE SCHEMA enrollment;
SQL
for migration in $(ls edfi-core/src/main/resources/db/edfi-core/V*.sql | sort -V); do
  PGOPTIONS="-c search_path=enrollment" psql_bench -f "$migration" > /dev/null
done
PGOPTIONS="-c search_path=enrollment" psql_bench <<SQL
INSERT INTO document (id, resource, natural_key, body, change_version, last_modified, created_by)
SELECT id, resource, natural_key, body, nextval('change_version_seq'), now(), 'loader' FROM student.replica_item
 ORDER BY resource = 'studentSchoolAssociations', ltrim(body #>> '{studentReference,studentUniqueId}', 's')::int;
INSERT INTO auth_claimed SELECT * FROM student.auth_claimed;
INSERT INTO auth_claimed_organization SELECT * FROM student.auth_claimed_organization;
ANALYZE;
SQL
psql_bench -c "VACUUM ANALYZE" 2> /dev/null
echo "loaded in $(echo "$(date +%s.%N) - $started" | bc | cut -c1-5) s; ancestors: $(sql "SELECT count(*) FROM auth_education_organization_ancestor")"


# The statements the engine sends (QueryStore.page around Where.of and Relationships.filter / itemFilter), with
# the reach condition of each kind of client (chr(58) is the rendering's colons, which pgbench would read as
# variables): the ids sent (V1_10), a stored set's key with V1_11's reach (before) and V1_12's (now); one item
# with a stored set's key looks the item's organizations up in the set (the item shape, the same in both).
render="(jsonb_build_object('id', replace(id::text, '-', '')) || body || jsonb_build_object('_etag', change_version::text, '_lastModifiedDate', to_char(last_modified AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24' || chr(58) || 'MI' || chr(58) || 'SS.US\"Z\"')))::text"
declare -A reach=(
  [sent]="= ANY ((SELECT auth_education_organizations(:claimed::text[]))::text[])"
  [v1_11]="= ANY ((SELECT auth_claimed_reach(:claimed))::text[])"
  [v1_12]="= ANY ((SELECT auth_claimed_named_reach(:claimed))::text[])")
student_filter() { # REACHED: Relationships' STUDENT rule, REACHED the condition on r.education_organization_id
  echo "(EXISTS (SELECT 1 FROM auth_student_education_organization r WHERE r.student_unique_id = d.body #>> '{studentUniqueId}' AND $1) OR (d.created_by = :client AND NOT EXISTS (SELECT 1 FROM auth_student_education_organization r WHERE r.student_unique_id = d.body #>> '{studentUniqueId}')))"
}
page() { # RESOURCE FILTER LIMIT [item]: a page, or one item by its containment
  local containment=""
  [ -z "${4:-}" ] || containment=" AND body @> :containment::jsonb"
  echo "SELECT $render, sid, id FROM document d WHERE d.sid IN (SELECT d.sid FROM document d WHERE resource = '$1'$containment AND $2 ORDER BY d.sid LIMIT $3 OFFSET 0) ORDER BY sid;"
}
for shape in sent v1_11 v1_12; do
  page students "$(student_filter "r.education_organization_id ${reach[$shape]}")" "$page_size" \
    > "$work/students-page-$shape.sql"
  page studentSchoolAssociations "(d.body #>> '{schoolReference,schoolId}' ${reach[$shape]})" "$page_size" \
    > "$work/enrollments-page-$shape.sql"
done
page students "$(student_filter "r.education_organization_id ${reach[sent]}")" 25 item > "$work/students-item-sent.sql"
page students "$(student_filter "auth_claimed_reaches(:claimed, r.education_organization_id)")" 25 item \
  > "$work/students-item-v1_11.sql"
cp "$work/students-item-v1_11.sql" "$work/students-item-v1_12.sql"
one_student='{"studentUniqueId": "s'$((leas * schools))'"}' # enrolled at the LEA's first school
# the write V1_12 adds a trigger to: 100 enrollments in one statement, at schools already named
cat > "$work/enrollments-write.sql" <<SQL
\set n random(1, 1000000000)
INSERT INTO document (id, resource, natural_key, body, change_version, last_modified, created_by)
SELECT gen_random_uuid(), 'studentSchoolAssociations', '["2025-08-19",' || school || ',"w' || (:n::bigint * 100 + i) || '"]',
       jsonb_build_object('entryDate', '2025-08-19', 'schoolReference', jsonb_build_object('schoolId', school),
                          'studentReference', jsonb_build_object('studentUniqueId', 'w' || (:n::bigint * 100 + i))),
       nextval('change_version_seq'), now(), 'bench'
  FROM (SELECT i, ($lea::bigint + i % $leas) * 1000 + i % $schools AS school FROM generate_series(1, 100) i) w;
SQL

# run SCRIPT CLAIMED SCHEMA: milliseconds per statement (pgbench's average latency, one connection)
run() {
  PGOPTIONS="-c search_path=$3" pgbench -n -M prepared -c 1 -T "$seconds" -f "$work/$1.sql" -D claimed="$2" \
    -D client=vendor -D containment="$one_student" -h localhost -p "$bench_pg_port" -U statehub statehub 2>&1 \
    | sed -n 's/^latency average = \([0-9.]*\) ms$/\1/p'
}
schema_of() { case $1 in enrollments-*) echo enrollment ;; *) echo student ;; esac; }
rows="" writes=""
for round in $(seq 1 "$rounds"); do
  for statement in students-item students-page enrollments-page; do
    schema=$(schema_of $statement)
    rows="$rows| $round | $statement | $(run "$statement-sent" "{$lea}" "$schema") | $(run "$statement-sent" "{$sea}" "$schema")"
    rows="$rows | $(run "$statement-v1_11" many "$schema") | $(run "$statement-v1_12" many "$schema") |"$'\n'
  done
  with=$(run enrollments-write many enrollment)
  sql "ALTER TABLE enrollment.document DISABLE TRIGGER document_named_organization"
  without=$(run enrollments-write many enrollment)
  sql "ALTER TABLE enrollment.document ENABLE TRIGGER document_named_organization"
  writes="$writes| $round | $without | $with |"$'\n'
done

# the plans: each page statement's sixth execution in one session (the generic plan, if PostgreSQL keeps one)
plans=""
for statement in students-page enrollments-page; do
  for client in lea sea v1_11 v1_12; do
    case $client in
      lea) claimed="{$lea}" type=text[] file=sent ;;
      sea) claimed="{$sea}" type=text[] file=sent ;;
      *) claimed=many type=text file=$client ;;
    esac
    executions=6
    [ "$statement-$client" = enrollments-page-v1_11 ] && executions=1 # seconds each
    sql_text=$(sed -e 's/:claimed/$1/; s/:client/$2/; s/;$//' "$work/$statement-$file.sql")
    plan=$(PGOPTIONS="-c search_path=$(schema_of $statement)" psql_bench -tA <<SQL
PREPARE page($type, text) AS $sql_text;
\o /dev/null
$(for _ in $(seq 2 $executions); do echo "EXECUTE page('$claimed', 'vendor');"; done)
\o
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) EXECUTE page('$claimed', 'vendor');
SQL
    )
    plans="$plans"$'\n'"#### $statement, $client"$'\n\n```\n'"$plan"$'\n```\n'
  done
done

report=$(cat <<EOF
## Relationship authorization at state scale ($(date -u +%Y-%m-%d), bench/many-organizations.sh)

1 SEA, $leas LEAs, $((leas * schools)) schools, $students students each enrolled at one school; PostgreSQL
$(sql "SHOW server_version" | cut -d' ' -f1) ($durable), pgbench -M prepared, one connection, $seconds s per cell.
Clients: one LEA and the SEA (ids sent, V1_10); 10,000 organizations (the LEA and 9,999 ids of nothing, stored
under a key) with V1_11's reach (before) and V1_12's (now). Milliseconds per statement: student-service's one
student by natural key ("students-item", the item shape: the same statement in both 10,000 columns) and first page
of $page_size students; enrollment-service's first page of $page_size enrollments.

| round | statement | LEA | SEA | 10,000, V1_11 | 10,000, V1_12 |
|---|---|---:|---:|---:|---:|
$rows
Writes of 100 enrollments in one statement (enrollment-service's documents), ms per statement:

| round | without V1_12's trigger | with it |
|---|---:|---:|
$writes
### Plans of the page statements
$plans
EOF
)
echo "$report"
mkdir -p bench/results
echo "$report" > "bench/results/many-organizations-$(date -u +%Y%m%dT%H%M%SZ).md"
