-- A client of many education organizations (issue 15 item 7; docs/decisions/0016): its organizations are stored
-- once, under a key that is the digest of the set (edfi-core ClaimedOrganizations), and statements bind that key
-- instead of sending the ids with each statement. A key's set never changes (another set is another key), so an
-- administrator's change of the client's organizations is a new key at once; the hierarchy is still read from
-- V1_9's ancestors by every statement, so a hierarchy change counts for the very next statement, as before.

CREATE TABLE auth_claimed (
    claimed_key   TEXT PRIMARY KEY,           -- hex SHA-256 of the sorted ids, comma-separated
    organizations INTEGER     NOT NULL,       -- how many
    registered_at TIMESTAMPTZ NOT NULL        -- renewed while services use the set; unused sets are removed
);

CREATE TABLE auth_claimed_organization (
    claimed_key     TEXT NOT NULL REFERENCES auth_claimed ON DELETE CASCADE,
    organization_id TEXT NOT NULL,
    PRIMARY KEY (claimed_key, organization_id)
);

-- Whether one organization is reached by a stored set: it is in the set, or one of its ancestors is. A fixed
-- plan of a few index probes (the organization, then each of its at most three ancestors), whatever the size of
-- the set or of the hierarchy: for statements about one item (edfi-core Relationships' item shape). The LIMIT in
-- the lateral probe keeps PostgreSQL from turning it into a scan of the whole set.
CREATE FUNCTION auth_claimed_reaches(set_key TEXT, organization TEXT) RETURNS boolean
    LANGUAGE sql STABLE AS $$
    SELECT EXISTS (
        SELECT 1
          FROM (SELECT organization
                UNION ALL
                SELECT a.ancestor_id FROM auth_education_organization_ancestor a
                 WHERE a.education_organization_id = organization) up(id),
               LATERAL (SELECT 1 FROM auth_claimed_organization c
                         WHERE c.claimed_key = set_key AND c.organization_id = up.id
                         LIMIT 1) hit)
$$;

-- The organizations a stored set reaches (its organizations and every one with one of them as an ancestor):
-- V1_10's auth_education_organizations for a stored set, computed once per statement, for statements that
-- match many items (pages, totals), which PostgreSQL may then start from the reached organizations.
CREATE FUNCTION auth_claimed_reach(set_key TEXT) RETURNS TEXT[] LANGUAGE sql STABLE AS $$
    SELECT coalesce(array_agg(id), '{}') FROM (
        SELECT c.organization_id AS id FROM auth_claimed_organization c
         WHERE c.claimed_key = set_key
        UNION
        SELECT a.education_organization_id
          FROM auth_claimed_organization c JOIN auth_education_organization_ancestor a ON a.ancestor_id = c.organization_id
         WHERE c.claimed_key = set_key) reached
$$;

-- Whether a change record's organizations (Relationships.audience) meet a stored set: V1_7's "&&" for a stored set.
CREATE FUNCTION auth_claimed_overlaps(set_key TEXT, organizations TEXT[]) RETURNS boolean
    LANGUAGE sql STABLE AS $$
    SELECT EXISTS (
        SELECT 1 FROM unnest(organizations) o(id),
               LATERAL (SELECT 1 FROM auth_claimed_organization c
                         WHERE c.claimed_key = set_key AND c.organization_id = o.id
                         LIMIT 1) hit)
$$;
