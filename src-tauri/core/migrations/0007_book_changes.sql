-- Migration 7: a mark that changes when the book changes, so Casebook can
-- tell whether its newest backup still holds everything (a backup's
-- manifest records the mark of its copy). It takes a new random value once
-- after each backup, at the first change that follows (see
-- store::Book::write), not per row, so it costs nothing on a long import.
-- Random rather than counted: a book restored from a backup and then
-- changed must never carry the mark of another backup's different content.
CREATE TABLE book_changes (
    id     INTEGER PRIMARY KEY CHECK (id = 1),
    serial INTEGER NOT NULL
);
INSERT INTO book_changes (id, serial) VALUES (1, random());
