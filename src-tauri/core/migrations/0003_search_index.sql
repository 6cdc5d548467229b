-- Migration 3: full-text search (see src/search/mod.rs for the design).
-- The index is contentless; search_source computes a case's row
-- (casebook_search_text is registered in Rust by search), and the triggers
-- re-index a case whenever it, its tags or its reply change.
-- Released: never edit this file; add a new one.

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
