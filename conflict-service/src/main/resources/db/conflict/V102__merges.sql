-- conflict-service: merges of duplicate students (a retired studentUniqueId into a surviving one) and their splits.
-- A merge writes through student-service's and enrollment-service's Ed-Fi APIs; what it changed, and the state of
-- each of its steps, is kept here so that it can be resumed after a crash and undone later. See docs/CONFLICTS.md,
-- "Merge and split".

-- A pair on the worklist ends 'merged' when a merge naming it is done.
ALTER TABLE duplicate_pair DROP CONSTRAINT IF EXISTS duplicate_pair_state_check;
ALTER TABLE duplicate_pair ADD CONSTRAINT duplicate_pair_state_check
    CHECK (state IN ('open', 'dismissed', 'closed', 'merged'));

-- One merge, from its request to its split:
--   requested -> rejected | approved -> merging -> merged -> splitting -> split, or approved -> failed when a
--   student is gone before anything was written.
CREATE TABLE merge_request (
    id                    BIGSERIAL    PRIMARY KEY,
    state                 TEXT         NOT NULL CHECK (state IN ('requested', 'rejected', 'approved', 'merging',
                                                                 'merged', 'failed', 'splitting', 'split')),
    retired_unique_id     TEXT         NOT NULL,
    survivor_unique_id    TEXT         NOT NULL,
    pair_id               BIGINT       REFERENCES duplicate_pair (id),  -- the worklist pair it resolves, if any
    requested_by          TEXT         NOT NULL,                       -- token subjects (client ids)
    requested_at          TIMESTAMPTZ  NOT NULL,
    decided_by            TEXT,                                        -- who approved or rejected it
    decided_at            TIMESTAMPTZ,
    merged_at             TIMESTAMPTZ,
    split_by              TEXT,
    split_requested_at    TIMESTAMPTZ,
    split_at              TIMESTAMPTZ,
    retired_student_id    UUID,         -- the students' ids at student-service when the before-image was taken
    survivor_student_id   UUID,
    recreated_student_id  UUID,         -- the retired student's new id once a split recreated it
    last_error            TEXT,         -- why the last run stopped short (cleared when a step succeeds)
    lease_owner           TEXT,         -- the run working on it now, until lease_until (then another may resume)
    lease_until           TIMESTAMPTZ,
    updated_at            TIMESTAMPTZ  NOT NULL,
    CHECK (retired_unique_id <> survivor_unique_id)
);
CREATE INDEX merge_request_state ON merge_request (state, id);
CREATE INDEX merge_request_retired ON merge_request (retired_unique_id);
CREATE INDEX merge_request_survivor ON merge_request (survivor_unique_id);

-- The before-image, recorded before the merge writes anything: the retired student and every item of it the merge
-- moves, as the owning service served them (without id, _etag and _lastModifiedDate). When the survivor already
-- has an item with the natural key the moved copy would take, that item is kept and recorded here too
-- (survivor_item_id, survivor_body); the retired item's body stays in the image.
CREATE TABLE merge_item (
    id                BIGSERIAL    PRIMARY KEY,
    merge_id          BIGINT       NOT NULL REFERENCES merge_request (id),
    resource          TEXT         NOT NULL,   -- students, studentEducationOrganizationAssociations, ...
    item_id           UUID         NOT NULL,   -- its id at the owning service
    etag              TEXT         NOT NULL,
    body              JSONB        NOT NULL,
    survivor_item_id  UUID,
    survivor_body     JSONB,
    recorded_at       TIMESTAMPTZ  NOT NULL,
    UNIQUE (merge_id, resource, item_id)
);

-- The steps of a merge (phase 'merge') and of its split (phase 'split'), run in seq order, each one idempotent:
--   move: POST a copy under the survivor (only if its key is free), then DELETE the original
--   drop: the survivor has the key: DELETE the original only (its body is in the before-image)
--   delete-student: DELETE the retired student (after a last look for items that appeared meanwhile)
--   recreate-student: POST the retired student from the before-image
--   restore: POST the item under the retired id again, then DELETE the copy the merge made (if any)
-- progress records the half of a two-part step that is done ('copied', 'restored').
CREATE TABLE merge_step (
    id            BIGSERIAL    PRIMARY KEY,
    merge_id      BIGINT       NOT NULL REFERENCES merge_request (id),
    phase         TEXT         NOT NULL CHECK (phase IN ('merge', 'split')),
    seq           INT          NOT NULL,
    action        TEXT         NOT NULL CHECK (action IN ('move', 'drop', 'delete-student', 'recreate-student',
                                                          'restore')),
    item          BIGINT       NOT NULL REFERENCES merge_item (id),
    state         TEXT         NOT NULL CHECK (state IN ('pending', 'done')),
    progress      TEXT,
    copy_id       UUID,         -- move: the copy made under the survivor; restore: the copy to delete
    copy_etag     TEXT,         -- the copy's version as last seen (a copy changed since is carried back on split)
    restored_id   UUID,         -- restore, recreate-student: the item made under the retired id
    attempts      INT          NOT NULL DEFAULT 0,
    last_error    TEXT,
    done_at       TIMESTAMPTZ,
    UNIQUE (merge_id, phase, seq)
);
CREATE INDEX merge_step_item ON merge_step (item);

-- Who did what to a merge, when and why.
CREATE TABLE merge_event (
    id        BIGSERIAL    PRIMARY KEY,
    merge_id  BIGINT       NOT NULL REFERENCES merge_request (id),
    at        TIMESTAMPTZ  NOT NULL,
    actor     TEXT         NOT NULL,
    action    TEXT         NOT NULL,
    note      TEXT
);
CREATE INDEX merge_event_merge ON merge_event (merge_id, id);
