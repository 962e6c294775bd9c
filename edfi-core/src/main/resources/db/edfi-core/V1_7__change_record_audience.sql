-- Tombstones and key changes remember who could see the item when it was deleted or re-keyed (edfi-core
-- Relationships.audience): the education organizations it belonged to and their LEAs, or those of its student's
-- (its contact's students') relationships. /deletes and /keyChanges show a scoped client a record when one of
-- these is in its token, or when it created an item that no organization saw; deleting a school later no longer
-- hides the records of what was at it. Text, as the authorization views compare ids. Records from before this
-- migration have NULL here and are filtered as before (tombstones on their last body, key changes on the item as
-- it is now).
ALTER TABLE deleted_document ADD COLUMN education_organization_ids TEXT[];
ALTER TABLE key_change ADD COLUMN education_organization_ids TEXT[];
-- The creator of a re-keyed item, as tombstones keep it (V1_4).
ALTER TABLE key_change ADD COLUMN created_by TEXT;
