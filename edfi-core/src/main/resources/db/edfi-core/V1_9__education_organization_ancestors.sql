-- The education organization hierarchy (V1_8) kept as its transitive closure, so that authorization looks an
-- item's organization up the hierarchy (at most SEA > ESC > LEA > school: a few index probes) instead of expanding
-- a client's organizations down it on every statement (issue 15 item 7; docs/decisions/0011). Triggers on the two
-- tables that hold hierarchy items keep both tables below in step with every write, in the writing transaction:
-- a school moved or an LEA added under an ESC is seen by the very next statement.

-- Each organization and the one directly above it, as V1_8's auth_education_organization_parent derives them,
-- per item (source table, resource, id) so that an item's update or delete replaces exactly its own edges.
CREATE TABLE auth_education_organization_edge (
    source                    TEXT NOT NULL,  -- 'document' or 'replica_item'
    resource                  TEXT NOT NULL,
    item_id                   UUID NOT NULL,
    education_organization_id TEXT NOT NULL,
    parent_id                 TEXT NOT NULL
);
CREATE INDEX auth_education_organization_edge_item ON auth_education_organization_edge (source, resource, item_id);
CREATE INDEX auth_education_organization_edge_child ON auth_education_organization_edge (education_organization_id);
CREATE INDEX auth_education_organization_edge_parent ON auth_education_organization_edge (parent_id);

-- Every organization above each organization (its LEA, the LEA's SEA and ESC, the ESC's SEA), however far up.
-- An organization is not its own ancestor here (unless the hierarchy has a cycle).
CREATE TABLE auth_education_organization_ancestor (
    education_organization_id TEXT NOT NULL,
    ancestor_id               TEXT NOT NULL,
    PRIMARY KEY (education_organization_id, ancestor_id)
);
CREATE INDEX auth_education_organization_ancestor_down ON auth_education_organization_ancestor (ancestor_id);

-- The edges an item of the hierarchy sets (the four branches of V1_8's view; edges without a parent set nothing).
CREATE FUNCTION auth_education_organization_edges(resource TEXT, body JSONB)
    RETURNS TABLE (education_organization_id TEXT, parent_id TEXT) LANGUAGE sql IMMUTABLE AS $$
    SELECT e.child, e.parent FROM (
        SELECT body ->> 'schoolId' AS child,
               body #>> '{localEducationAgencyReference,localEducationAgencyId}' AS parent
         WHERE resource = 'schools'
        UNION ALL
        SELECT body ->> 'localEducationAgencyId', body #>> '{stateEducationAgencyReference,stateEducationAgencyId}'
         WHERE resource = 'localEducationAgencies'
        UNION ALL
        SELECT body ->> 'localEducationAgencyId', body #>> '{educationServiceCenterReference,educationServiceCenterId}'
         WHERE resource = 'localEducationAgencies'
        UNION ALL
        SELECT body ->> 'educationServiceCenterId', body #>> '{stateEducationAgencyReference,stateEducationAgencyId}'
         WHERE resource = 'educationServiceCenters') e
     WHERE e.child IS NOT NULL AND e.parent IS NOT NULL
$$;

-- Recomputes the ancestors of these organizations and of every organization below them.
CREATE FUNCTION auth_education_organization_reroot(ids TEXT[]) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    affected TEXT[];
BEGIN
    WITH RECURSIVE below(id) AS (
        SELECT unnest(ids)
        UNION
        SELECT e.education_organization_id FROM auth_education_organization_edge e JOIN below b ON e.parent_id = b.id)
    SELECT array_agg(id) INTO affected FROM below;
    DELETE FROM auth_education_organization_ancestor WHERE education_organization_id = ANY (affected);
    INSERT INTO auth_education_organization_ancestor (education_organization_id, ancestor_id)
    WITH RECURSIVE up(id, ancestor_id) AS (
        SELECT e.education_organization_id, e.parent_id
          FROM auth_education_organization_edge e WHERE e.education_organization_id = ANY (affected)
        UNION
        SELECT up.id, e.parent_id FROM up JOIN auth_education_organization_edge e ON e.education_organization_id = up.ancestor_id)
    SELECT id, ancestor_id FROM up
    ON CONFLICT DO NOTHING;
END
$$;

-- Row trigger on document and replica_item (hierarchy resources only): replaces the item's edges and, when they
-- changed, the ancestors below it. Hierarchy writes take one transaction-level advisory lock, so that two
-- transactions that change connected parts of the hierarchy (an LEA moved while a school is added under it) do not
-- each compute ancestors from the other's old state; every other write is not concerned.
CREATE FUNCTION auth_education_organization_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    -- OLD is null on insert, NEW on delete (their edges: none)
    IF TG_OP = 'UPDATE' AND NOT EXISTS (
            (SELECT * FROM auth_education_organization_edges(OLD.resource, OLD.body)
             EXCEPT SELECT * FROM auth_education_organization_edges(NEW.resource, NEW.body))
            UNION ALL
            (SELECT * FROM auth_education_organization_edges(NEW.resource, NEW.body)
             EXCEPT SELECT * FROM auth_education_organization_edges(OLD.resource, OLD.body))) THEN
        RETURN NULL;
    END IF;
    -- one lock for the whole hierarchy, held to the end of the transaction
    PERFORM pg_advisory_xact_lock(hashtext('auth_education_organization_ancestor'));
    DELETE FROM auth_education_organization_edge
     WHERE TG_OP <> 'INSERT' AND source = TG_TABLE_NAME AND resource = OLD.resource AND item_id = OLD.id;
    INSERT INTO auth_education_organization_edge (source, resource, item_id, education_organization_id, parent_id)
    SELECT TG_TABLE_NAME, NEW.resource, NEW.id, e.education_organization_id, e.parent_id
      FROM auth_education_organization_edges(NEW.resource, NEW.body) e
     WHERE TG_OP <> 'DELETE';
    PERFORM auth_education_organization_reroot(ARRAY(
        SELECT education_organization_id FROM auth_education_organization_edges(OLD.resource, OLD.body)
        UNION
        SELECT education_organization_id FROM auth_education_organization_edges(NEW.resource, NEW.body)));
    RETURN NULL;
END
$$;

DO $$
DECLARE
    item_table TEXT;
BEGIN
    FOREACH item_table IN ARRAY ARRAY['document', 'replica_item'] LOOP
        EXECUTE format('CREATE TRIGGER %1$s_education_organization_inserted AFTER INSERT ON %1$s FOR EACH ROW'
                       ' WHEN (NEW.resource IN (''schools'', ''localEducationAgencies'', ''educationServiceCenters''))'
                       ' EXECUTE FUNCTION auth_education_organization_changed()', item_table);
        EXECUTE format('CREATE TRIGGER %1$s_education_organization_updated AFTER UPDATE ON %1$s FOR EACH ROW'
                       ' WHEN (NEW.resource IN (''schools'', ''localEducationAgencies'', ''educationServiceCenters'')'
                       ' OR OLD.resource IN (''schools'', ''localEducationAgencies'', ''educationServiceCenters''))'
                       ' EXECUTE FUNCTION auth_education_organization_changed()', item_table);
        EXECUTE format('CREATE TRIGGER %1$s_education_organization_deleted AFTER DELETE ON %1$s FOR EACH ROW'
                       ' WHEN (OLD.resource IN (''schools'', ''localEducationAgencies'', ''educationServiceCenters''))'
                       ' EXECUTE FUNCTION auth_education_organization_changed()', item_table);
    END LOOP;
END
$$;

-- The hierarchy as it is now.
INSERT INTO auth_education_organization_edge (source, resource, item_id, education_organization_id, parent_id)
SELECT 'document', d.resource, d.id, e.education_organization_id, e.parent_id
  FROM document d, auth_education_organization_edges(d.resource, d.body) e
 WHERE d.resource IN ('schools', 'localEducationAgencies', 'educationServiceCenters')
UNION ALL
SELECT 'replica_item', r.resource, r.id, e.education_organization_id, e.parent_id
  FROM replica_item r, auth_education_organization_edges(r.resource, r.body) e
 WHERE r.resource IN ('schools', 'localEducationAgencies', 'educationServiceCenters');
SELECT auth_education_organization_reroot(ARRAY(SELECT DISTINCT education_organization_id
                                                  FROM auth_education_organization_edge));

-- Who saw an item (tombstones and key changes, edfi-core Relationships.audience): V1_8's function, read from the
-- maintained ancestors instead of walking the documents up.
CREATE OR REPLACE FUNCTION auth_education_organization_ancestors(ids TEXT[]) RETURNS TEXT[] LANGUAGE sql STABLE AS $$
    SELECT coalesce(array_agg(id ORDER BY id), '{}') FROM (
        SELECT v AS id FROM unnest(ids) v WHERE v IS NOT NULL
        UNION
        SELECT a.ancestor_id FROM auth_education_organization_ancestor a WHERE a.education_organization_id = ANY (ids)) up
$$;
