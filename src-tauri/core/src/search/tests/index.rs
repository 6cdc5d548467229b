//! The search index: kept by triggers through every write, backfilled by
//! its migration, written in bulk, and why its tokenizer is what it is.

use super::*;

#[test]
fn the_index_follows_create_edit_delete_and_import() {
    let mut store = Store::open_in_memory().unwrap();
    let id = cases::create(
        &mut store,
        &question("Hiccups", "Hiccups for days.", &[]),
        now(),
    )
    .unwrap()
    .id;
    assert_eq!(find(store.conn(), "hiccups"), vec![id]);

    // Editing the text and the tags re-indexes the case.
    cases::update(
        &mut store,
        id,
        &question("Vertigo", "Spinning room.", &["暈眩"]),
        now(),
    )
    .unwrap();
    assert!(find(store.conn(), "hiccups").is_empty());
    assert_eq!(find(store.conn(), "vertigo"), vec![id]);
    assert_eq!(find(store.conn(), "暈眩"), vec![id]);

    cases::delete(&mut store, id).unwrap();
    assert!(find(store.conn(), "vertigo").is_empty());
    assert!(find(store.conn(), "暈眩").is_empty());
    assert!(search(store.conn(), &SearchRequest::default(), 10)
        .unwrap()
        .hits
        .is_empty());

    // An import indexes questions, tags and replies.
    let line = r#"{"external_id": "x:1", "question": {"title": "Gout", "body": "Big toe hurts.", "asked_on": "2024-01-01", "tags": ["Podagra"]}, "reply": {"body": "Allopurinol may help."}}"#;
    import::import_jsonl(&mut store, line.as_bytes(), now()).unwrap();
    let gout = cases::find_by_external_id(store.conn(), "x:1")
        .unwrap()
        .unwrap();
    assert_eq!(find(store.conn(), "allopurinol"), vec![gout]);
    assert_eq!(find(store.conn(), "podagra"), vec![gout]);
    let reply_hit = &search(
        store.conn(),
        &SearchRequest {
            query: "allopurinol".into(),
            ..Default::default()
        },
        5,
    )
    .unwrap()
    .hits[0];
    assert_eq!(reply_hit.snippet_source, SnippetSource::Reply);

    // The index and the cases agree row for row.
    let (indexed, cases): (i64, i64) = store
        .conn()
        .query_row(
            "SELECT (SELECT count(*) FROM search_index), (SELECT count(*) FROM cases)",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!(indexed, cases);
}

#[test]
fn a_database_from_before_search_is_backfilled_by_the_migration() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("old.sqlite3");
    {
        let conn = Connection::open(&path).unwrap();
        // Schema 2, as released before search, with one case in it.
        register_functions(&conn).unwrap();
        for sql in &crate::migrations::MIGRATIONS[..2] {
            conn.execute_batch(sql).unwrap();
        }
        conn.pragma_update(None, "user_version", 2).unwrap();
        conn.execute(
            "INSERT INTO cases (status, title, body, asked_on, created_at, updated_at)
             VALUES ('new', '頭暈', '起床時頭暈 dizziness', '2026-01-01', 'x', 'x')",
            [],
        )
        .unwrap();
    }
    let store = Store::open(&path).unwrap();
    assert_eq!(find(store.conn(), "頭暈").len(), 1);
    assert_eq!(
        find(store.conn(), "dizzy").len(),
        1,
        "porter: dizzy ~ dizziness"
    );
}

/// The measurement behind the tokenizer choice (see the module comment):
/// FTS5's `trigram` cannot match 1–2 character CJK queries nor stem, while
/// CJK-spaced text under `porter unicode61` matches all of them.
#[test]
fn trigram_misses_short_chinese_queries_and_stems_where_this_index_does_not() {
    let conn = Connection::open_in_memory().unwrap();
    conn.execute_batch("CREATE VIRTUAL TABLE tri USING fts5 (body, tokenize = 'trigram');")
        .unwrap();
    let body = "最近一直有面部抽搐的情形 twitching";
    conn.execute("INSERT INTO tri (body) VALUES (?1)", [body])
        .unwrap();
    let tri = |q: &str| -> i64 {
        conn.query_row("SELECT count(*) FROM tri WHERE tri MATCH ?1", [q], |r| {
            r.get(0)
        })
        .unwrap()
    };
    assert_eq!(tri("\"面部抽搐\""), 1);
    assert_eq!(tri("\"抽搐\""), 0, "2 characters: below the trigram size");
    assert_eq!(tri("\"痛\""), 0);
    assert_eq!(tri("\"twitches\""), 0, "no stemming");

    let (store, ids) = fixture_store();
    assert_eq!(find(store.conn(), "抽搐"), vec![ids[0]]);
    assert!(find(store.conn(), "twitches").contains(&ids[3]));
}

#[test]
fn a_bulk_write_restores_the_cache_and_index_buffer_whether_or_not_it_fails() {
    let mut store = Store::open_in_memory().unwrap();
    let settings = |conn: &Connection| -> (i64, Option<i64>) {
        let cache = conn
            .query_row("PRAGMA cache_size", [], |r| r.get(0))
            .unwrap();
        let hash = conn
            .query_row(
                "SELECT v FROM search_index_config WHERE k = 'hashsize'",
                [],
                |r| r.get(0),
            )
            .optional()
            .unwrap();
        (cache, hash)
    };
    let before = settings(store.conn());
    let lines = crate::synthetic::jsonl(3, 20);
    import::import_jsonl(&mut store, lines.as_bytes(), now()).unwrap();
    let after = settings(store.conn());
    assert_eq!(after.0, before.0);
    assert_eq!(after.1.unwrap_or(DEFAULT_HASH_SIZE), DEFAULT_HASH_SIZE);
    assert_eq!(find(store.conn(), "").len(), 20);

    let failed = store.with_tx(|tx| {
        batched(tx, |_| -> Result<()> {
            Err(crate::CoreError::invalid(
                "x",
                crate::msg!("export.no_cases"),
            ))
        })
    });
    assert!(failed.is_err());
    assert_eq!(settings(store.conn()).0, before.0);
    assert_eq!(
        settings(store.conn()).1.unwrap_or(DEFAULT_HASH_SIZE),
        DEFAULT_HASH_SIZE
    );
}
