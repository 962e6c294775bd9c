# The pgbench side of the upsert benchmarks (source it from the project root): the statement the engine runs for
# a POST of a new item (DocumentStore.upsert: INSERT ... ON CONFLICT ... RETURNING) into a table of the same shape
# and indexes in schema "bench", with the bodies the wrk scripts send (bench/wrk/*.lua). Each item has a natural
# key no other has ("pg-" client_id "-" n). No colon in the JSON text is directly followed by a letter or digit,
# which pgbench would read as a variable (chr(58) is one).

# The natural key and body (SQL text expressions) of a student, as bench/wrk/student-upsert.lua and
# bench/wrk/gateway-students.lua send it.
read -r -d '' pgbench_student_key <<'SQL' || true
'["pg-' || :client_id || '-' || :n || '"]'
SQL
read -r -d '' pgbench_student_body <<'SQL' || true
'{"studentUniqueId": "pg-' || :client_id || '-' || :n || '","firstName": "Lisa","lastSurname": "Woods",'
         '"birthDate": "2008-05-17","birthCity": "Lubbock","birthSexDescriptor": "uri://ed-fi.org/SexDescriptor#Female",'
         '"birthCountryDescriptor": "uri://ed-fi.org/CountryDescriptor#US","multipleBirthStatus": false,'
         '"otherNames": [{"otherNameTypeDescriptor": "uri://ed-fi.org/OtherNameTypeDescriptor#Nickname",'
         '"firstName": "Liz","lastSurname": "Woods"}]}'
SQL

# A studentSchoolAssociation as bench/wrk/gateway-enrollments.lua sends it (natural key entryDate, schoolId,
# studentUniqueId, as the engine writes it; the partial indexes on enrollments are maintained too).
read -r -d '' pgbench_enrollment_key <<'SQL' || true
'["2024-08-19",255901001,"pg-' || :client_id || '-' || :n || '"]'
SQL
read -r -d '' pgbench_enrollment_body <<'SQL' || true
'{"entryDate": "2024-08-19","schoolReference": {"schoolId": 255901001},'
         '"studentReference": {"studentUniqueId": "pg-' || :client_id || '-' || :n || '"},'
         '"entryGradeLevelDescriptor": "uri://ed-fi.org/GradeLevelDescriptor#Ninth grade",'
         '"schoolYearTypeReference": {"schoolYear": 2025},'
         '"calendarReference": {"calendarCode": "2025-REG","schoolId": 255901001,"schoolYear": 2025},'
         '"entryTypeDescriptor": "uri://ed-fi.org/EntryTypeDescriptor#Transfer","fullTimeEquivalency": 1.0,'
         '"primarySchool": true,"educationPlans": [{"educationPlanDescriptor": '
         '"uri://ed-fi.org/EducationPlanDescriptor#Career Pathways"}]}'
SQL

# A studentSchoolAttendanceEvent as bench/wrk/gateway-attendance.lua sends it (natural key category, eventDate,
# schoolId (the school's and the session's, unified), schoolYear, sessionName, studentUniqueId).
read -r -d '' pgbench_attendance_key <<'SQL' || true
'["uri://ed-fi.org/AttendanceEventCategoryDescriptor#Tardy","2024-09-03",255901001,2025,'
          '"2024-2025 Fall Semester","pg-' || :client_id || '-' || :n || '"]'
SQL
read -r -d '' pgbench_attendance_body <<'SQL' || true
'{"attendanceEventCategoryDescriptor": "uri://ed-fi.org/AttendanceEventCategoryDescriptor#Tardy",'
         '"eventDate": "2024-09-03","schoolReference": {"schoolId": 255901001},'
         '"sessionReference": {"schoolId": 255901001,"schoolYear": 2025,"sessionName": "2024-2025 Fall Semester"},'
         '"studentReference": {"studentUniqueId": "pg-' || :client_id || '-' || :n || '"},'
         '"arrivalTime": "08' || chr(58) || '12' || chr(58) || '00","eventDuration": 0.05,'
         '"schoolAttendanceDuration": 420,"attendanceEventReason": "Bus late",'
         '"educationalEnvironmentDescriptor": "uri://ed-fi.org/EducationalEnvironmentDescriptor#Classroom"}'
SQL

# bench_pgbench_upsert RESOURCE KEY BODY VERSION_CALL [CREATOR]: the pgbench script of one new item's upsert;
# VERSION_CALL is how the engine takes a change version (nextval('bench.change_version_seq'), or
# bench.next_change_version() where the migrations define it), CREATOR (a client id, recorded on insert) is
# left out of the statement when not given.
bench_pgbench_upsert() {
  local creator_column="" creator_value=""
  [ -z "${5:-}" ] || { creator_column=", created_by"; creator_value=", '$5'"; }
  cat <<SQL
\\set n random(1, 2000000000)
INSERT INTO bench.document AS d (id, resource, natural_key, body, change_version, last_modified$creator_column)
VALUES (gen_random_uuid(), '$1', $2,
        ($3)::jsonb,
        $4, clock_timestamp()$creator_value)
ON CONFLICT (resource, natural_key) DO UPDATE SET body = EXCLUDED.body,
    change_version = EXCLUDED.change_version, last_modified = EXCLUDED.last_modified
    WHERE d.body IS DISTINCT FROM EXCLUDED.body
RETURNING d.id, d.change_version, (xmax = 0) AS inserted;
SQL
}
