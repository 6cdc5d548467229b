-- Migration 2: follow-up reschedule history, the due list's ordered index,
-- settings.
-- Released: never edit this file; add a new one.

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
    