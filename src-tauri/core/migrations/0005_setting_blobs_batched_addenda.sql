-- Migration 5: binary settings get a BLOB column of their own, and an
-- imported addendum no longer re-indexes its case on every insert.

-- Settings whose value is bytes (the letterhead logo), beside the text
-- settings of migration 2. The logo moves here from `settings`.
CREATE TABLE setting_blobs (
    key   TEXT PRIMARY KEY,
    value BLOB NOT NULL
) WITHOUT ROWID;
INSERT INTO setting_blobs (key, value)
    SELECT key, CAST(value AS BLOB) FROM settings WHERE key = 'export.logo';
DELETE FROM settings WHERE key = 'export.logo';

-- Addenda follow the bulk-write rule of migration 3: while search_batch
-- holds its row, an insert only notes the case in search_pending.
DROP TRIGGER search_addenda_insert;
CREATE TRIGGER search_addenda_insert_batched AFTER INSERT ON addenda
    WHEN EXISTS (SELECT 1 FROM search_batch)
    BEGIN INSERT OR IGNORE INTO search_pending VALUES (NEW.case_id); END;
CREATE TRIGGER search_addenda_insert AFTER INSERT ON addenda
    WHEN NOT EXISTS (SELECT 1 FROM search_batch) BEGIN
    DELETE FROM search_index WHERE rowid = NEW.case_id;
    INSERT INTO search_index (rowid, title, tags, people, body, replies)
        SELECT * FROM search_source WHERE id = NEW.case_id;
END;
