# Shared by the bench scripts that read attendance events (source it right after common.sh): the organizations the
# events refer to, created through the API, and the events themselves loaded straight into enrollment-service's
# document table. It also sets the bench organizations' ids, the same in every
# script that uses them: lea (255901), school_base (255901000; school i is school_base + i) and schools
# (BENCH_SCHOOLS, default 10).
lea=255901 school_base=255901000
schools="${BENCH_SCHOOLS:-10}"

# bench_organizations POST LEA SCHOOL_BASE SCHOOLS: through the function POST (PATH BODY, as the state admin)
# the 2025 school year, the LEA, and SCHOOLS schools (ids SCHOOL_BASE + 1...) of it with a fall session each.
bench_organizations() {
  local post=$1 lea=$2 school_base=$3 schools=$4 api=/data/v3/ed-fi i school
  $post $api/schoolYearTypes '{"schoolYear": 2025, "currentSchoolYear": true, "schoolYearDescription": "2024-2025"}'
  $post $api/localEducationAgencies "{\"localEducationAgencyId\": $lea, \"nameOfInstitution\": \"Bench ISD\",
    \"localEducationAgencyCategoryDescriptor\": \"uri://ed-fi.org/LocalEducationAgencyCategoryDescriptor#Independent\",
    \"categories\": [{\"educationOrganizationCategoryDescriptor\": \"uri://ed-fi.org/EducationOrganizationCategoryDescriptor#Local Education Agency\"}]}"
  for i in $(seq 1 "$schools"); do
    school=$((school_base + i))
    $post $api/schools "{\"schoolId\": $school, \"nameOfInstitution\": \"Bench School $i\",
      \"localEducationAgencyReference\": {\"localEducationAgencyId\": $lea},
      \"educationOrganizationCategories\": [{\"educationOrganizationCategoryDescriptor\": \"uri://ed-fi.org/EducationOrganizationCategoryDescriptor#School\"}],
      \"gradeLevels\": [{\"gradeLevelDescriptor\": \"uri://ed-fi.org/GradeLevelDescriptor#Ninth grade\"}]}"
    $post $api/sessions "{\"sessionName\": \"2024-2025 Fall Semester\", \"schoolReference\": {\"schoolId\": $school},
      \"schoolYearTypeReference\": {\"schoolYear\": 2025}, \"beginDate\": \"2024-08-19\", \"endDate\": \"2024-12-20\",
      \"termDescriptor\": \"uri://ed-fi.org/TermDescriptor#Fall Semester\", \"totalInstructionalDays\": 82}"
  done
}

# bench_attendance_sql COUNT PER_STUDENT SCHOOL_BASE SCHOOLS: the statements for psql that begin a transaction (in
# schema enrollment; the caller adds its own and COMMIT) and load COUNT studentSchoolAttendanceEvents: valid bodies, natural keys as the engine
# writes them, ids UUIDv7, change versions from the service's sequence. Event i is student i div E's (E =
# PER_STUDENT; students AP0000000...), at school SCHOOL_BASE + 1 + (student mod SCHOOLS), on school day
# (student + 2j) mod 90 of the fall session (j = i mod E: distinct days for j < 45), in one of five categories.
# The GIN index over every body is dropped during the load and built again after it (much faster than
# maintaining it row by row); the other indexes are kept.
bench_attendance_sql() {
  local count=$1 per_student=$2 school_base=$3 schools=$4
  [ "$per_student" -le 45 ] || { echo "at most 45 events per student have distinct days" >&2; exit 1; }
  cat <<SQL
SET search_path = enrollment;
SET maintenance_work_mem = '512MB';
BEGIN;
DROP INDEX IF EXISTS document_body;
INSERT INTO document (id, resource, natural_key, body, change_version, last_modified)
SELECT uuidv7(), 'studentSchoolAttendanceEvents',
       '["' || category || '","' || event_date || '",' || school || ',2025,"2024-2025 Fall Semester","' || student || '"]',
       jsonb_build_object(
           'attendanceEventCategoryDescriptor', category, 'eventDate', event_date,
           'schoolReference', jsonb_build_object('schoolId', school),
           'sessionReference', jsonb_build_object('schoolId', school, 'schoolYear', 2025,
                                                  'sessionName', '2024-2025 Fall Semester'),
           'studentReference', jsonb_build_object('studentUniqueId', student),
           'educationalEnvironmentDescriptor', 'uri://ed-fi.org/EducationalEnvironmentDescriptor#Classroom',
           'schoolAttendanceDuration', 420, 'eventDuration', 0.05, 'arrivalTime', '08:12:00',
           'attendanceEventReason', 'Bus late'),
       nextval('change_version_seq'), clock_timestamp()
  FROM (SELECT i,
               'AP' || lpad((i / $per_student)::text, 7, '0') AS student,
               $school_base + 1 + (i / $per_student) % $schools AS school,
               'uri://ed-fi.org/AttendanceEventCategoryDescriptor#'
                   || (ARRAY['Tardy', 'Excused Absence', 'Unexcused Absence', 'Early departure', 'Partial'])[1 + i % 5]
                   AS category,
               to_char(days[1 + ((i / $per_student) + 2 * (i % $per_student)) % 90], 'YYYY-MM-DD') AS event_date
          FROM generate_series(0, $count - 1) AS i,
               (SELECT array_agg(d::date ORDER BY d) AS days
                  FROM generate_series(date '2024-08-19', date '2024-12-20', interval '1 day') AS d
                 WHERE extract(isodow FROM d) < 6) AS school_days) AS events
 ORDER BY i;
$(sql "SELECT indexdef FROM pg_indexes WHERE schemaname = 'enrollment' AND indexname = 'document_body'");
SQL
}
