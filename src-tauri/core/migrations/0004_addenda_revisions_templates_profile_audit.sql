-- Migration 4: addenda, reply revisions, the template library, the
-- clinician profile and the per-case audit trail.
-- Released: never edit this file; add a new one.

    -- Corrections to an answered (locked) reply. Append-only: the database
    -- refuses to change or remove one, and a case with addenda is never deleted.
    CREATE TABLE addenda (
        id         INTEGER PRIMARY KEY,
        case_id    INTEGER NOT NULL REFERENCES cases (id) ON DELETE RESTRICT,
        body       TEXT NOT NULL CHECK (length(body) > 0),
        clinician  TEXT,
        created_at TEXT NOT NULL
    );
    CREATE INDEX addenda_by_case ON addenda (case_id, id);
    CREATE TRIGGER addenda_no_update BEFORE UPDATE ON addenda
        BEGIN SELECT RAISE(ABORT, 'addenda are never edited'); END;
    CREATE TRIGGER addenda_no_delete BEFORE DELETE ON addenda
        BEGIN SELECT RAISE(ABORT, 'addenda are never deleted'); END;

    -- Earlier states of a draft, oldest first (autosaves within a minute of
    -- each other share one revision).
    CREATE TABLE reply_revisions (
        id       INTEGER PRIMARY KEY,
        case_id  INTEGER NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
        body     TEXT NOT NULL,
        reason   TEXT NOT NULL DEFAULT 'edit',
        saved_at TEXT NOT NULL
    );
    CREATE INDEX reply_revisions_by_case ON reply_revisions (case_id, id);

    -- The template library. department NULL means every department;
    -- trigger is the dot-phrase word (without the dot).
    CREATE TABLE templates (
        id         INTEGER PRIMARY KEY,
        name       TEXT NOT NULL UNIQUE CHECK (length(name) > 0),
        department TEXT,
        trigger    TEXT UNIQUE CHECK (trigger IS NULL OR length(trigger) > 0),
        body       TEXT NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
    );

    -- The one clinician who uses this case book.
    CREATE TABLE clinician_profile (
        id          INTEGER PRIMARY KEY CHECK (id = 1),
        name        TEXT NOT NULL DEFAULT '',
        title       TEXT NOT NULL DEFAULT '',
        affiliation TEXT NOT NULL DEFAULT '',
        signature   TEXT NOT NULL DEFAULT '',
        closing     TEXT NOT NULL DEFAULT '',
        updated_at  TEXT NOT NULL
    );

    -- Who did what to a case, and when; written in the same transaction as
    -- the change. Never edited.
    CREATE TABLE audit_events (
        id      INTEGER PRIMARY KEY,
        case_id INTEGER NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
        kind    TEXT NOT NULL,
        actor   TEXT,
        detail  TEXT NOT NULL DEFAULT '',
        at      TEXT NOT NULL
    );
    CREATE INDEX audit_events_by_case ON audit_events (case_id, id);
    CREATE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events
        BEGIN SELECT RAISE(ABORT, 'audit events are never edited'); END;

    -- Addenda are part of the answer: search finds their words in `replies`
    -- (as migration 3's note says, by redefining the view and indexing on insert).
    DROP VIEW search_source;
    CREATE VIEW search_source (id, title, tags, people, body, replies) AS
    SELECT c.id,
        casebook_search_text(c.title),
        casebook_search_text((SELECT group_concat(t.tag, ' | ' ORDER BY t.position)
                              FROM case_tags t WHERE t.case_id = c.id)),
        casebook_search_text(concat_ws(' ', c.asker, c.department)),
        casebook_search_text(c.body),
        casebook_search_text(concat_ws(' ',
            (SELECT concat_ws(' ', r.body, r.more_info) FROM replies r WHERE r.case_id = c.id),
            (SELECT group_concat(a.body, ' ' ORDER BY a.id) FROM addenda a WHERE a.case_id = c.id)))
    FROM cases c;
    CREATE TRIGGER search_addenda_insert AFTER INSERT ON addenda BEGIN
        DELETE FROM search_index WHERE rowid = NEW.case_id;
        INSERT INTO search_index (rowid, title, tags, people, body, replies)
            SELECT * FROM search_source WHERE id = NEW.case_id;
    END;
