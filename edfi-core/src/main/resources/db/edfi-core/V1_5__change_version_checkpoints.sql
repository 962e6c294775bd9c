-- Change versions that a client of the whole API can trust (decision 0007).
--
-- Every change version is now handed out by next_change_version(), which first takes a shared advisory lock for
-- the rest of the writing transaction. change_version_checkpoint(at_least) takes the same lock exclusively, so it
-- waits until every transaction holding a version has ended, and while it holds the lock no new version is handed
-- out. It then raises the sequence to at_least if it is below it, and answers a version V such that every change
-- with a version up to V is committed and every later change gets a higher one. The gateway asks each service for
-- such a checkpoint at the largest newest version among them, so one newestChangeVersion holds for every service.
--
-- The lock key is derived from this schema's sequence (several services may share one database), and the
-- sequence is named by its oid so that the functions do not depend on the caller's search_path.

DO $migration$
DECLARE
    sequence_oid bigint := 'change_version_seq'::regclass::oid::bigint;
    lock_key     bigint := (1544413184::bigint << 32) | sequence_oid;  -- high half (0x5C0DE000) marks change versions
BEGIN
    EXECUTE format($f$
        CREATE FUNCTION next_change_version() RETURNS bigint LANGUAGE plpgsql VOLATILE AS $body$
        BEGIN
            PERFORM pg_advisory_xact_lock_shared(%1$s);
            RETURN nextval(%2$s::oid::regclass);
        END
        $body$ $f$, lock_key, sequence_oid);

    EXECUTE format($f$
        CREATE FUNCTION change_version_checkpoint(at_least bigint) RETURNS bigint LANGUAGE plpgsql VOLATILE AS $body$
        DECLARE
            newest bigint;
        BEGIN
            PERFORM pg_advisory_xact_lock(%1$s);
            newest := coalesce(pg_sequence_last_value(%2$s::oid::regclass), 0);
            IF newest < at_least THEN
                PERFORM setval(%2$s::oid::regclass, at_least, true);
                newest := at_least;
            END IF;
            RETURN newest;
        END
        $body$ $f$, lock_key, sequence_oid);
END
$migration$;
