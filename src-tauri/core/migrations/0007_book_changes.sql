-- Migration 7: a serial that moves when the book changes, so Casebook can
-- tell whether its newest backup still holds everything (a backup's
-- manifest records the serial of its copy). It is bumped once after each
-- backup, at the first change that follows (see store::Book::write), not
-- per row, so it costs nothing on a long import.
CREATE TABLE book_changes (
    id     INTEGER PRIMARY KEY CHECK (id = 1),
    serial INTEGER NOT NULL
);
INSERT INTO book_changes (id, serial) VALUES (1, 1);
