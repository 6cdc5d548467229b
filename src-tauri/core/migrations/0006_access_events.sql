-- Migration 6: the book's own trail of who opened it and when: set up,
-- unlocked (with the key store, the passphrase or the recovery code),
-- locked (by hand or after inactivity), passphrase changed. Case events
-- stay in audit_events; these concern the whole book.
CREATE TABLE access_events (
    id     INTEGER PRIMARY KEY,
    kind   TEXT NOT NULL,
    detail TEXT NOT NULL DEFAULT '',
    actor  TEXT,
    at     TEXT NOT NULL
);
CREATE TRIGGER access_events_no_update BEFORE UPDATE ON access_events
    BEGIN SELECT RAISE(ABORT, 'access events are never edited'); END;
CREATE TRIGGER access_events_no_delete BEFORE DELETE ON access_events
    BEGIN SELECT RAISE(ABORT, 'access events are never deleted'); END;
