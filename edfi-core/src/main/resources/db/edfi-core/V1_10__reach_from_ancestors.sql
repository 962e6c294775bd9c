-- The organizations a client reaches, computed once per statement as before V1_9 (edfi-core Relationships'
-- REACH, conflict-service Scope), but read from the ancestors V1_9 keeps instead of walking the hierarchy down
-- through the documents: the client's organizations and every organization that has one of them as an ancestor.
-- An item is then matched with "= ANY (reach)", which PostgreSQL can also use from the other side (the students
-- related to the reached organizations, through the relationship indexes) when a page scans many items
-- (issue 15 item 7; docs/decisions/0014 says why the look-up from each item alone, tried first, was not kept).
CREATE OR REPLACE FUNCTION auth_education_organizations(claimed TEXT[]) RETURNS TEXT[] LANGUAGE sql STABLE AS $$
    SELECT coalesce(array_agg(id), '{}') FROM (
        SELECT unnest(claimed) AS id
        UNION
        SELECT a.education_organization_id
          FROM unnest(claimed) c(id) JOIN auth_education_organization_ancestor a ON a.ancestor_id = c.id) reached
$$;

-- V1_8's view of the hierarchy over the documents: nothing reads it any more (V1_9's edges replace it).
DROP VIEW auth_education_organization_parent;
