-- pgbench script (bench/gateway-upserts.sh): the engine's upsert of a new studentSchoolAttendanceEvent, with
-- the body bench/wrk/gateway-attendance.lua sends (natural key category, eventDate, schoolId (the school's
-- and the session's, unified), schoolYear, sessionName, studentUniqueId, as the engine writes it) and a 20-character creator,
-- into a table of the same shape and indexes (schema "bench", every edfi-core migration). No colon in the JSON
-- text is directly followed by a letter or digit, which pgbench would read as a variable (chr(58) is one).
\set n random(1, 2000000000)
INSERT INTO bench.document AS d (id, resource, natural_key, body, change_version, last_modified, created_by)
VALUES (gen_random_uuid(), 'studentSchoolAttendanceEvents',
        '["uri://ed-fi.org/AttendanceEventCategoryDescriptor#Tardy","2024-09-03",255901001,2025,'
          '"2024-2025 Fall Semester","pg-' || :client_id || '-' || :n || '"]',
        ('{"attendanceEventCategoryDescriptor": "uri://ed-fi.org/AttendanceEventCategoryDescriptor#Tardy",'
         '"eventDate": "2024-09-03","schoolReference": {"schoolId": 255901001},'
         '"sessionReference": {"schoolId": 255901001,"schoolYear": 2025,"sessionName": "2024-2025 Fall Semester"},'
         '"studentReference": {"studentUniqueId": "pg-' || :client_id || '-' || :n || '"},'
         '"arrivalTime": "08' || chr(58) || '12' || chr(58) || '00","eventDuration": 0.05,'
         '"schoolAttendanceDuration": 420,"attendanceEventReason": "Bus late",'
         '"educationalEnvironmentDescriptor": "uri://ed-fi.org/EducationalEnvironmentDescriptor#Classroom"}')::jsonb,
        nextval('bench.change_version_seq'), clock_timestamp(), '0123456789abcdef0123')
ON CONFLICT (resource, natural_key) DO UPDATE SET body = EXCLUDED.body,
    change_version = EXCLUDED.change_version, last_modified = EXCLUDED.last_modified
    WHERE d.body IS DISTINCT FROM EXCLUDED.body
RETURNING d.id, d.change_version, (xmax = 0) AS inserted;
