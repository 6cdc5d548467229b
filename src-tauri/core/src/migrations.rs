//! Numbered, additive schema migrations over `PRAGMA user_version`.
//!
//! DESIGN.md allows rusqlite_migration or "an equally small runner": the
//! migration crates pin older rusqlite releases, so this is that runner. Each
//! entry is applied once, in order, inside one transaction with the version
//! bump; a database newer than this build is refused rather than guessed at.

use crate::msg;
use rusqlite::Connection;

use crate::{CoreError, Result};

/// Never edit or reorder an entry once released; append a new one instead.
pub(crate) const MIGRATIONS: &[&str] = &[
    // 1: cases, their tags, the reply, follow-ups.
    r#"
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
    "#,
    // 2: follow-up reschedule history, the due list's ordered index, settings.
    r#"
    -- Every change of a follow-up's date or time, oldest first: a reschedule
    -- keeps the date it replaced. Goes with its follow-up (and so its case).
    CREATE TABLE follow_up_history (
        id           INTEGER PRIMARY KEY,
        follow_up_id INTEGER NOT NULL REFERENCES follow_ups (id) ON DELETE CASCADE,
        from_on      TEXT NOT NULL CHECK (date(from_on) IS from_on),
        from_time    TEXT,
        to_on        TEXT NOT NULL CHECK (date(to_on) IS to_on),
        to_time      TEXT,
        changed_at   TEXT NOT NULL
    );
    CREATE INDEX follow_up_history_by_follow_up ON follow_up_history (follow_up_id, id);
    -- The due list reads each bucket in (date, time, id) order a page at a
    -- time; the done bucket newest first.
    CREATE INDEX follow_ups_due_at ON follow_ups (state, due_on, due_time);
    CREATE INDEX follow_ups_by_state_change ON follow_ups (state, updated_at);

    -- Small app preferences (for example whether reminders notify).
    CREATE TABLE settings (
        key   TEXT PRIMARY KEY,
        value TEXT NOT NULL
    ) WITHOUT ROWID;
    "#,
    // 3: full-text search (see search/mod.rs for the design and the measurements).
    SEARCH_INDEX,
    // 4: addenda, reply revisions, templates, clinician profile, audit trail (replies/schema.rs).
    crate::replies::schema::MIGRATION,
];

/// Migration 3. The index is contentless; `search_source` computes a case's
/// row (`casebook_search_text` is registered in Rust by `search`), and the
/// triggers re-index a case whenever it, its tags or its reply change.
/// Addenda join the `replies` column by redefining the view in a later
/// migration and adding the same three triggers on their table.
const SEARCH_INDEX: &str = r#"
    CREATE VIRTUAL TABLE search_index USING fts5 (
        title, tags, people, body, replies,
        content = '', contentless_delete = 1,
        tokenize = 'porter unicode61 remove_diacritics 2'
    );
    CREATE VIEW search_source (id, title, tags, people, body, replies) AS
    SELECT c.id,
        casebook_search_text(c.title),
        casebook_search_text((SELECT group_concat(t.tag, ' | ' ORDER BY t.position)
                              FROM case_tags t WHERE t.case_id = c.id)),
        casebook_search_text(concat_ws(' ', c.asker, c.department)),
        casebook_search_text(c.body),
        casebook_search_text((SELECT concat_ws(' ', r.body, r.more_info)
                              FROM replies r WHERE r.case_id = c.id))
    FROM cases c;

    -- While a bulk write (an import) holds the one row of search_batch, the
    -- insert/update triggers only note the case in search_pending, and
    -- search::batched re-indexes those cases once, before the same commit.
    CREATE TABLE search_batch (open INTEGER PRIMARY KEY CHECK (open = 1));
    CREATE TABLE search_pending (case_id INTEGER PRIMARY KEY);
    CREATE TRIGGER search_cases_insert_batched AFTER INSERT ON cases
        WHEN EXISTS (SELECT 1 FROM search_batch)
        BEGIN INSERT OR IGNORE INTO search_pending VALUES (NEW.id); END;
    CREATE TRIGGER search_tags_insert_batched AFTER INSERT ON case_tags
        WHEN EXISTS (SELECT 1 FROM search_batch)
        BEGIN INSERT OR IGNORE INTO search_pending VALUES (NEW.case_id); END;
    CREATE TRIGGER search_replies_insert_batched AFTER INSERT ON replies
        WHEN EXISTS (SELECT 1 FROM search_batch)
        BEGIN INSERT OR IGNORE INTO search_pending VALUES (NEW.case_id); END;

    CREATE TRIGGER search_cases_insert AFTER INSERT ON cases
        WHEN NOT EXISTS (SELECT 1 FROM search_batch) BEGIN
        INSERT INTO search_index (rowid, title, tags, people, body, replies)
            SELECT * FROM search_source WHERE id = NEW.id;
    END;
    CREATE TRIGGER search_cases_update AFTER UPDATE ON cases BEGIN
        DELETE FROM search_index WHERE rowid IN (OLD.id, NEW.id);
        INSERT INTO search_index (rowid, title, tags, people, body, replies)
            SELECT * FROM search_source WHERE id = NEW.id;
    END;
    CREATE TRIGGER search_cases_delete AFTER DELETE ON cases BEGIN
        DELETE FROM search_index WHERE rowid = OLD.id;
    END;

    CREATE TRIGGER search_tags_insert AFTER INSERT ON case_tags
        WHEN NOT EXISTS (SELECT 1 FROM search_batch) BEGIN
        DELETE FROM search_index WHERE rowid = NEW.case_id;
        INSERT INTO search_index (rowid, title, tags, people, body, replies)
            SELECT * FROM search_source WHERE id = NEW.case_id;
    END;
    CREATE TRIGGER search_tags_update AFTER UPDATE ON case_tags BEGIN
        DELETE FROM search_index WHERE rowid IN (OLD.case_id, NEW.case_id);
        INSERT INTO search_index (rowid, title, tags, people, body, replies)
            SELECT * FROM search_source WHERE id IN (OLD.case_id, NEW.case_id);
    END;
    CREATE TRIGGER search_tags_delete AFTER DELETE ON case_tags BEGIN
        DELETE FROM search_index WHERE rowid = OLD.case_id;
        INSERT INTO search_index (rowid, title, tags, people, body, replies)
            SELECT * FROM search_source WHERE id = OLD.case_id;
    END;

    CREATE TRIGGER search_replies_insert AFTER INSERT ON replies
        WHEN NOT EXISTS (SELECT 1 FROM search_batch) BEGIN
        DELETE FROM search_index WHERE rowid = NEW.case_id;
        INSERT INTO search_index (rowid, title, tags, people, body, replies)
            SELECT * FROM search_source WHERE id = NEW.case_id;
    END;
    CREATE TRIGGER search_replies_update AFTER UPDATE ON replies BEGIN
        DELETE FROM search_index WHERE rowid IN (OLD.case_id, NEW.case_id);
        INSERT INTO search_index (rowid, title, tags, people, body, replies)
            SELECT * FROM search_source WHERE id IN (OLD.case_id, NEW.case_id);
    END;
    CREATE TRIGGER search_replies_delete AFTER DELETE ON replies BEGIN
        DELETE FROM search_index WHERE rowid = OLD.case_id;
        INSERT INTO search_index (rowid, title, tags, people, body, replies)
            SELECT * FROM search_source WHERE id = OLD.case_id;
    END;

    INSERT INTO search_index (rowid, title, tags, people, body, replies)
        SELECT * FROM search_source;
"#;

/// The schema version this build writes.
pub const LATEST: i64 = MIGRATIONS.len() as i64;

/// Brings the schema up to [`LATEST`]. Returns the version found before.
pub fn apply(conn: &mut Connection) -> Result<i64> {
    // The search triggers (migration 3) call Rust; no connection migrates
    // or writes without it.
    crate::search::register_functions(conn)?;
    let found: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    if found > LATEST {
        return Err(CoreError::Unavailable(msg!(
            "store.newer_schema",
            found = found,
            known = LATEST
        )));
    }
    for (index, sql) in MIGRATIONS.iter().enumerate().skip(found as usize) {
        let tx = conn.transaction()?;
        tx.execute_batch(sql)?;
        tx.pragma_update(None, "user_version", index as i64 + 1)?;
        tx.commit()?;
    }
    Ok(found)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_migration_applies_in_order_and_is_recorded() {
        let mut conn = Connection::open_in_memory().unwrap();
        assert_eq!(apply(&mut conn).unwrap(), 0);
        let v: i64 = conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .unwrap();
        assert_eq!(v, LATEST);
        // A second run is a no-op.
        assert_eq!(apply(&mut conn).unwrap(), LATEST);
        let ok: String = conn
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))
            .unwrap();
        assert_eq!(ok, "ok");
        let fk_problems: i64 = conn
            .query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| {
                r.get(0)
            })
            .unwrap();
        assert_eq!(fk_problems, 0);
    }

    #[test]
    fn each_step_applies_on_top_of_the_previous_one() {
        // Apply migrations one at a time, as an old database being upgraded would.
        let mut conn = Connection::open_in_memory().unwrap();
        crate::search::register_functions(&conn).unwrap();
        for (i, sql) in MIGRATIONS.iter().enumerate() {
            conn.execute_batch(sql)
                .unwrap_or_else(|e| panic!("migration {} fails: {e}", i + 1));
            conn.pragma_update(None, "user_version", i as i64 + 1)
                .unwrap();
        }
        assert_eq!(apply(&mut conn).unwrap(), LATEST);
    }

    #[test]
    fn a_newer_database_is_refused_with_a_clear_message() {
        let mut conn = Connection::open_in_memory().unwrap();
        conn.pragma_update(None, "user_version", LATEST + 1)
            .unwrap();
        let err = apply(&mut conn).unwrap_err();
        assert!(err.to_string().contains("newer Casebook"), "{err}");
    }

    #[test]
    fn impossible_dates_are_refused_by_the_schema() {
        let mut conn = Connection::open_in_memory().unwrap();
        apply(&mut conn).unwrap();
        let r = conn.execute(
            "INSERT INTO cases (status, title, body, asked_on, created_at, updated_at)
             VALUES ('new', 't', 'b', '2026-02-30', 'x', 'x')",
            [],
        );
        assert!(r.is_err());
    }
}
