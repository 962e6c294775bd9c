-- pgbench script (bench/gateway-upserts.sh): the engine's upsert of a new studentSchoolAssociation, with the
-- body bench/wrk/gateway-enrollments.lua sends (natural key entryDate, schoolId, studentUniqueId, as the engine
-- writes it) and a 20-character creator, into a table of the same shape and indexes (schema "bench", every
-- edfi-core migration, so the partial indexes on enrollments are maintained too). No colon in the JSON text
-- is directly followed by a letter or digit, which pgbench would read as a variable.
\set n random(1, 2000000000)
INSERT INTO bench.document AS d (id, resource, natural_key, body, change_version, last_modified, created_by)
VALUES (gen_random_uuid(), 'studentSchoolAssociations', '["2024-08-19",255901001,"pg-' || :client_id || '-' || :n || '"]',
        ('{"entryDate": "2024-08-19","schoolReference": {"schoolId": 255901001},'
         '"studentReference": {"studentUniqueId": "pg-' || :client_id || '-' || :n || '"},'
         '"entryGradeLevelDescriptor": "uri://ed-fi.org/GradeLevelDescriptor#Ninth grade",'
         '"schoolYearTypeReference": {"schoolYear": 2025},'
         '"calendarReference": {"calendarCode": "2025-REG","schoolId": 255901001,"schoolYear": 2025},'
         '"entryTypeDescriptor": "uri://ed-fi.org/EntryTypeDescriptor#Transfer","fullTimeEquivalency": 1.0,'
         '"primarySchool": true,"educationPlans": [{"educationPlanDescriptor": '
         '"uri://ed-fi.org/EducationPlanDescriptor#Career Pathways"}]}')::jsonb,
        nextval('bench.change_version_seq'), clock_timestamp(), '0123456789abcdef0123')
ON CONFLICT (resource, natural_key) DO UPDATE SET body = EXCLUDED.body,
    change_version = EXCLUDED.change_version, last_modified = EXCLUDED.last_modified
    WHERE d.body IS DISTINCT FROM EXCLUDED.body
RETURNING d.id, d.change_version, (xmax = 0) AS inserted;
