-- The education organization hierarchy as Ed-Fi models it (issue 15): a school belongs to its LEA, an LEA to its
-- state education agency and/or education service center, an ESC to its SEA. stateEducationAgencies and
-- educationServiceCenters are resources now (enrollment-service; replicated where needed), so a client scoped to
-- an SEA or an ESC reaches the organizations below it through these references, whichever service answers.

-- Each organization and the one directly above it, one row per reference (an LEA may have both an SEA and an
-- ESC). Ids are text, as the other authorization views compare them.
CREATE VIEW auth_education_organization_parent AS
    SELECT body ->> 'schoolId' AS education_organization_id,
           body #>> '{localEducationAgencyReference,localEducationAgencyId}' AS parent_id
      FROM auth_item WHERE resource = 'schools'
    UNION ALL
    SELECT body ->> 'localEducationAgencyId', body #>> '{stateEducationAgencyReference,stateEducationAgencyId}'
      FROM auth_item WHERE resource = 'localEducationAgencies'
    UNION ALL
    SELECT body ->> 'localEducationAgencyId', body #>> '{educationServiceCenterReference,educationServiceCenterId}'
      FROM auth_item WHERE resource = 'localEducationAgencies'
    UNION ALL
    SELECT body ->> 'educationServiceCenterId', body #>> '{stateEducationAgencyReference,stateEducationAgencyId}'
      FROM auth_item WHERE resource = 'educationServiceCenters';

-- The organizations a client reaches from the ones in its token: those and everything below them (an SEA's
-- ESCs, LEAs and their schools; an ESC's LEAs and their schools; an LEA's schools). Replaces V1_4's, which knew
-- only LEAs and schools.
CREATE OR REPLACE FUNCTION auth_education_organizations(claimed TEXT[]) RETURNS TEXT[] LANGUAGE sql STABLE AS $$
    WITH RECURSIVE reached(id) AS (
        SELECT unnest(claimed)
        UNION
        SELECT p.education_organization_id
          FROM auth_education_organization_parent p JOIN reached r ON p.parent_id = r.id
         WHERE p.education_organization_id IS NOT NULL)
    SELECT coalesce(array_agg(id), '{}') FROM reached
$$;

-- These organizations and every one above them, sorted: who could see an item that belongs to them (recorded with
-- tombstones and key changes, edfi-core Relationships.audience).
CREATE FUNCTION auth_education_organization_ancestors(ids TEXT[]) RETURNS TEXT[] LANGUAGE sql STABLE AS $$
    WITH RECURSIVE up(id) AS (
        SELECT v FROM unnest(ids) v WHERE v IS NOT NULL
        UNION
        SELECT p.parent_id
          FROM auth_education_organization_parent p JOIN up ON p.education_organization_id = up.id
         WHERE p.parent_id IS NOT NULL)
    SELECT coalesce(array_agg(id ORDER BY id), '{}') FROM up
$$;
