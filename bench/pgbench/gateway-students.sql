-- pgbench script (bench/gateway-upserts.sh): the engine's upsert of a new student, with the body
-- bench/wrk/gateway-students.lua sends and a 20-character creator (a vendor's client id, recorded on insert),
-- into a table of the same shape and indexes (schema "bench", every edfi-core migration). No colon in the
-- JSON text is directly followed by a letter or digit, which pgbench would read as a variable.
\set n random(1, 2000000000)
INSERT INTO bench.document AS d (id, resource, natural_key, body, change_version, last_modified, created_by)
VALUES (gen_random_uuid(), 'students', '["pg-' || :client_id || '-' || :n || '"]',
        ('{"studentUniqueId": "pg-' || :client_id || '-' || :n || '","firstName": "Lisa","lastSurname": "Woods",'
         '"birthDate": "2008-05-17","birthCity": "Lubbock","birthSexDescriptor": "uri://ed-fi.org/SexDescriptor#Female",'
         '"birthCountryDescriptor": "uri://ed-fi.org/CountryDescriptor#US","multipleBirthStatus": false,'
         '"otherNames": [{"otherNameTypeDescriptor": "uri://ed-fi.org/OtherNameTypeDescriptor#Nickname",'
         '"firstName": "Liz","lastSurname": "Woods"}]}')::jsonb,
        nextval('bench.change_version_seq'), clock_timestamp(), '0123456789abcdef0123')
ON CONFLICT (resource, natural_key) DO UPDATE SET body = EXCLUDED.body,
    change_version = EXCLUDED.change_version, last_modified = EXCLUDED.last_modified
    WHERE d.body IS DISTINCT FROM EXCLUDED.body
RETURNING d.id, d.change_version, (xmax = 0) AS inserted;
