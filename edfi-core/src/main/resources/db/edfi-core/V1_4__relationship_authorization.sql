-- Relationship-based authorization (edfi-core Relationships): which students and education organizations a
-- client scoped to some education organizations may reach. Every service answers from what it holds: its own
-- documents and its replicas of other services' items, so the views read both tables.

-- Who created an item (the client id of the token), kept so a client still sees a student or contact it has
-- just created before any relationship to its organizations exists.
ALTER TABLE document ADD COLUMN created_by TEXT;
-- Tombstones keep the last body and creator, so /deletes shows a client only the deletes inside its scope.
ALTER TABLE deleted_document ADD COLUMN created_by TEXT;
ALTER TABLE deleted_document ADD COLUMN body JSONB;

-- Every item a service holds: its own and its replicas of other services' items (filters on resource reach
-- both tables' indexes through the union).
CREATE VIEW auth_item AS
    SELECT resource, body FROM document
    UNION ALL
    SELECT resource, body FROM replica_item;

-- Schools and the LEA each belongs to. Ids are compared as text: no cast can fail on a stored value.
CREATE VIEW auth_school AS
    SELECT body ->> 'schoolId' AS school_id,
           body #>> '{localEducationAgencyReference,localEducationAgencyId}' AS local_education_agency_id
      FROM auth_item WHERE resource = 'schools';

-- A student's relationships to education organizations: enrollments (school) and SEOAs (any organization).
CREATE VIEW auth_student_education_organization AS
    SELECT body #>> '{studentReference,studentUniqueId}' AS student_unique_id,
           body #>> '{schoolReference,schoolId}' AS education_organization_id
      FROM auth_item WHERE resource = 'studentSchoolAssociations'
    UNION ALL
    SELECT body #>> '{studentReference,studentUniqueId}',
           body #>> '{educationOrganizationReference,educationOrganizationId}'
      FROM auth_item WHERE resource = 'studentEducationOrganizationAssociations';

-- Contacts and the students they are associated with.
CREATE VIEW auth_student_contact AS
    SELECT body #>> '{studentReference,studentUniqueId}' AS student_unique_id,
           body #>> '{contactReference,contactUniqueId}' AS contact_unique_id
      FROM auth_item WHERE resource = 'studentContactAssociations';

-- The organizations a client reaches from the ones in its token: those, plus the schools of the LEAs among them.
CREATE FUNCTION auth_education_organizations(claimed TEXT[]) RETURNS TEXT[] LANGUAGE sql STABLE AS $$
    SELECT coalesce(array_agg(DISTINCT id), '{}') FROM (
        SELECT unnest(claimed) AS id
        UNION ALL
        SELECT school_id FROM auth_school WHERE local_education_agency_id = ANY (claimed)) reached
$$;

-- The students related to any of these organizations.
CREATE FUNCTION auth_students(organizations TEXT[]) RETURNS SETOF TEXT LANGUAGE sql STABLE AS $$
    SELECT student_unique_id FROM auth_student_education_organization
     WHERE education_organization_id = ANY (organizations)
$$;

-- Partial indexes: only the association rows carry these entries, so writes of other resources pay nothing.
CREATE INDEX document_auth_student ON document ((body #>> '{studentReference,studentUniqueId}'))
    WHERE resource IN ('studentSchoolAssociations', 'studentEducationOrganizationAssociations',
                       'studentContactAssociations');
CREATE INDEX document_auth_school ON document ((body #>> '{schoolReference,schoolId}'))
    WHERE resource = 'studentSchoolAssociations';
CREATE INDEX document_auth_organization
    ON document ((body #>> '{educationOrganizationReference,educationOrganizationId}'))
    WHERE resource = 'studentEducationOrganizationAssociations';
CREATE INDEX document_auth_contact ON document ((body #>> '{contactReference,contactUniqueId}'))
    WHERE resource = 'studentContactAssociations';
CREATE INDEX replica_item_auth_student ON replica_item ((body #>> '{studentReference,studentUniqueId}'))
    WHERE resource IN ('studentSchoolAssociations', 'studentEducationOrganizationAssociations',
                       'studentContactAssociations');
CREATE INDEX replica_item_auth_school ON replica_item ((body #>> '{schoolReference,schoolId}'))
    WHERE resource = 'studentSchoolAssociations';
CREATE INDEX replica_item_auth_organization
    ON replica_item ((body #>> '{educationOrganizationReference,educationOrganizationId}'))
    WHERE resource = 'studentEducationOrganizationAssociations';
CREATE INDEX replica_item_auth_contact ON replica_item ((body #>> '{contactReference,contactUniqueId}'))
    WHERE resource = 'studentContactAssociations';
