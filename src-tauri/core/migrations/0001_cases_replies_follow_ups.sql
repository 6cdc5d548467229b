-- Migration 1: cases, their tags, the reply, follow-ups.
-- Released: never edit this file; add a new one.

    CREATE TABLE cases (
        id          INTEGER PRIMARY KEY,
        status      TEXT NOT NULL CHECK (status IN ('new', 'drafting', 'answered', 'closed')),
        title       TEXT NOT NULL CHECK (length(title) > 0),
        body        TEXT NOT NULL CHECK (length(body) > 0),
        asker       TEXT,
        sex         TEXT CHECK (sex IN ('female', 'male', 'other', 'unspecified')),
        age_range   TEXT,
        asked_on    TEXT NOT NULL CHECK (date(asked_on) IS asked_on),
        department  TEXT,
        source      TEXT,
        external_id TEXT UNIQUE,
        created_at  TEXT NOT NULL,
        updated_at  TEXT NOT NULL
    );
    CREATE INDEX cases_by_date ON cases (asked_on DESC, id DESC);
    CREATE INDEX cases_by_status ON cases (status, asked_on DESC, id DESC);
    CREATE INDEX cases_by_department ON cases (department, asked_on DESC, id DESC);

    CREATE TABLE case_tags (
        case_id  INTEGER NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        tag      TEXT NOT NULL CHECK (length(tag) > 0),
        PRIMARY KEY (case_id, position),
        UNIQUE (case_id, tag)
    ) WITHOUT ROWID;
    CREATE INDEX case_tags_by_tag ON case_tags (tag, case_id);

    -- A case with a reply cannot be deleted (RESTRICT): clinical records stay.
    CREATE TABLE replies (
        case_id     INTEGER PRIMARY KEY REFERENCES cases (id) ON DELETE RESTRICT,
        body        TEXT NOT NULL,
        clinician   TEXT,
        affiliation TEXT,
        signature   TEXT,
        replied_on  TEXT CHECK (replied_on IS NULL OR date(replied_on) IS replied_on),
        more_info   TEXT,
        locked_at   TEXT,
        created_at  TEXT NOT NULL,
        updated_at  TEXT NOT NULL
    );
    -- An answered (locked) reply is part of the record: the database itself
    -- refuses to change or remove it; corrections are addenda.
    CREATE TRIGGER replies_locked_no_update BEFORE UPDATE ON replies
        WHEN OLD.locked_at IS NOT NULL
        BEGIN SELECT RAISE(ABORT, 'reply is locked: answered replies are changed only by addenda'); END;
    CREATE TRIGGER replies_locked_no_delete BEFORE DELETE ON replies
        WHEN OLD.locked_at IS NOT NULL
        BEGIN SELECT RAISE(ABORT, 'reply is locked: answered replies are never deleted'); END;

    -- Follow-ups go with their case (CASCADE): a follow-up of a deleted case
    -- cannot exist.
    CREATE TABLE follow_ups (
        id         INTEGER PRIMARY KEY,
        case_id    INTEGER NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
        due_on     TEXT NOT NULL CHECK (date(due_on) IS due_on),
        due_time   TEXT,
        reason     TEXT NOT NULL DEFAULT '',
        state      TEXT NOT NULL CHECK (state IN ('pending', 'done', 'cancelled')),
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
    );
    CREATE INDEX follow_ups_by_case ON follow_ups (case_id);
    CREATE INDEX follow_ups_due ON follow_ups (state, due_on);
    