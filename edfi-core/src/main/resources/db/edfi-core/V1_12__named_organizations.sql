-- Every organization id that some item names where authorization reads it (issue 15 item 7; decision 0021): the
-- identity and references of the resources edfi-core Relationships authorizes by organization, which include
-- the enrollments and SEOAs that relate students to organizations. A client whose organizations are stored
-- under a key (V1_11) matches pages against its reach cut down to these ids: the ids of its set that no item
-- names (a vendor's list of every organization it may ever serve) cost nothing, so a page of a client of 10,000
-- organizations costs what its reach among the stored items costs, as an LEA's or an SEA's does.
--
-- The table only grows: an id is added, in the writing transaction, by the trigger below when an item naming it
-- is inserted or updated, and is never removed (an item deleted, or moved to another organization, leaves its
-- old ids here). So it always holds every id a stored item names, and cutting a reach down to it never changes
-- which items a statement matches; an id no item names any more only costs its place in the reach.
CREATE TABLE auth_named_organization (
    education_organization_id TEXT PRIMARY KEY
);

-- The ids an item names at the paths Relationships' organization rules read (whatever its resource: a path a
-- resource does not have gives nothing).
CREATE FUNCTION auth_named_organizations(body JSONB) RETURNS TABLE (education_organization_id TEXT)
    LANGUAGE sql IMMUTABLE AS $$
    SELECT id FROM (VALUES
        (body #>> '{stateEducationAgencyId}'),
        (body #>> '{educationServiceCenterId}'),
        (body #>> '{localEducationAgencyId}'),
        (body #>> '{schoolId}'),
        (body #>> '{stateEducationAgencyReference,stateEducationAgencyId}'),
        (body #>> '{educationServiceCenterReference,educationServiceCenterId}'),
        (body #>> '{localEducationAgencyReference,localEducationAgencyId}'),
        (body #>> '{schoolReference,schoolId}'),
        (body #>> '{educationOrganizationReference,educationOrganizationId}')) named(id)
     WHERE id IS NOT NULL
$$;

-- Row trigger on document and replica_item (the resources Relationships authorizes by organization): adds the
-- ids the new body names. An id already named costs one index probe and writes nothing.
CREATE FUNCTION auth_named_organization_written() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO auth_named_organization (education_organization_id)
    SELECT DISTINCT n.education_organization_id FROM auth_named_organizations(NEW.body) n
    ON CONFLICT DO NOTHING;
    RETURN NULL;
END
$$;

DO $$
DECLARE
    item_table TEXT;
BEGIN
    FOREACH item_table IN ARRAY ARRAY['document', 'replica_item'] LOOP
        EXECUTE format('CREATE TRIGGER %1$s_named_organization AFTER INSERT OR UPDATE OF body ON %1$s FOR EACH ROW'
                       ' WHEN (NEW.resource IN (''stateEducationAgencies'', ''educationServiceCenters'','
                       ' ''localEducationAgencies'', ''schools'', ''sessions'', ''calendars'','
                       ' ''studentSchoolAssociations'', ''studentSchoolAttendanceEvents'','
                       ' ''studentEducationOrganizationAssociations''))'
                       ' EXECUTE FUNCTION auth_named_organization_written()', item_table);
    END LOOP;
END
$$;

-- The ids named by the items held now, tombstones' last bodies included (V1_4: a page of /deletes from before
-- V1_7 is matched on them).
INSERT INTO auth_named_organization (education_organization_id)
SELECT n.education_organization_id FROM document d, auth_named_organizations(d.body) n
UNION
SELECT n.education_organization_id FROM replica_item r, auth_named_organizations(r.body) n
UNION
SELECT n.education_organization_id FROM deleted_document t, auth_named_organizations(t.body) n
 WHERE t.body IS NOT NULL
ON CONFLICT DO NOTHING;

-- V1_11's auth_claimed_reach cut down to the ids some item names: the same matches for any statement that
-- compares an item's organization with it, computed from the named ids (a few thousand in a state) instead of
-- from every id of the set.
CREATE FUNCTION auth_claimed_named_reach(set_key TEXT) RETURNS TEXT[] LANGUAGE sql STABLE AS $$
    SELECT coalesce(array_agg(id), '{}') FROM (
        SELECT n.education_organization_id AS id
          FROM auth_named_organization n
          JOIN auth_claimed_organization c ON c.organization_id = n.education_organization_id
         WHERE c.claimed_key = set_key
        UNION
        SELECT n.education_organization_id
          FROM auth_named_organization n
          JOIN auth_education_organization_ancestor a ON a.education_organization_id = n.education_organization_id
          JOIN auth_claimed_organization c ON c.organization_id = a.ancestor_id
         WHERE c.claimed_key = set_key) reached
$$;
