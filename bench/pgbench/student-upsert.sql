-- pgbench script: the statement the engine runs for a POST of a new student, with the same body the HTTP
-- load sends, into a table of the same shape and indexes (schema "bench"). No colon in the JSON text is
-- directly followed by a letter, which pgbench would read as a variable.
\set n random(1, 2000000000)
INSERT INTO bench.document AS d (id, resource, natural_key, body, change_version, last_modified)
VALUES (gen_random_uuid(), 'students', '["pg-' || :client_id || '-' || :n || '"]',
        ('{"studentUniqueId": "pg-' || :client_id || '-' || :n || '","firstName": "Lisa","lastSurname": "Woods",'
         '"birthDate": "2008-05-17","birthCity": "Lubbock","birthSexDescriptor": "uri://ed-fi.org/SexDescriptor#Female",'
         '"birthCountryDescriptor": "uri://ed-fi.org/CountryDescriptor#US","multipleBirthStatus": false,'
         '"otherNames": [{"otherNameTypeDescriptor": "uri://ed-fi.org/OtherNameTypeDescriptor#Nickname",'
         '"firstName": "Liz","lastSurname": "Woods"}]}')::jsonb,
        nextval('bench.change_version_seq'), clock_timestamp())
ON CONFLICT (resource, natural_key) DO UPDATE SET body = EXCLUDED.body,
    change_version = EXCLUDED.change_version, last_modified = EXCLUDED.last_modified
    WHERE d.body IS DISTINCT FROM EXCLUDED.body
RETURNING d.id, d.change_version, (xmax = 0) AS inserted;
