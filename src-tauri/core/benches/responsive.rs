//! Does the window wait while a long import runs? Prints the inbox page,
//! search and autosave latencies measured WHILE a 100,000-case import is
//! being written, for the app's way of reaching the case book (reads on
//! connections of their own, writes through the one writer: [`Book`]) and,
//! side by side in the same run, for the earlier way (every request through
//! one connection behind one lock). Goal: inbox and search p95 < 50 ms
//! during the import; an autosave waits for the import and then commits.
//!
//! Run: `cargo bench -p casebook-core --bench responsive`
//! (`CASEBOOK_BENCH_CASES=20000` for a quicker run).

use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use casebook_core::cases::inbox::{self, CaseFilter};
use casebook_core::cases::{self, QuestionInput};
use casebook_core::search::{self, SearchRequest};
use casebook_core::{import, replies, synthetic, Book, Connection, Now, Result};

#[derive(Clone, Copy, PartialEq)]
enum Access {
    /// Reads on their own connections (the app today).
    Readers,
    /// Every request through the writer's lock (the app before).
    OneLock,
}

fn read<T>(book: &Book, access: Access, f: impl FnOnce(&Connection) -> Result<T>) -> T {
    match access {
        Access::Readers => book.read(f),
        Access::OneLock => book.write(|s| f(s.conn())),
    }
    .unwrap()
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    sorted[((sorted.len() as f64 - 1.0) * p).round() as usize]
}

fn line(name: &str, mut v: Vec<Duration>) -> String {
    v.sort();
    format!(
        "{name:<9} n={:<5} p50 {:>8.1} ms  p95 {:>8.1} ms  max {:>8.1} ms",
        v.len(),
        percentile(&v, 0.5).as_secs_f64() * 1e3,
        percentile(&v, 0.95).as_secs_f64() * 1e3,
        v.last().copied().unwrap_or_default().as_secs_f64() * 1e3,
    )
}

fn run(access: Access, bytes: &[u8]) {
    let dir = tempfile::tempdir().unwrap();
    let now = Now::system();
    let book = Book::open_in_dir(dir.path(), now).unwrap();
    let draft_case = book
        .write(|s| {
            let q = QuestionInput {
                title: "Autosaved while importing".into(),
                body: "A draft is typed while the import runs.".into(),
                asker: None,
                sex: None,
                age_range: None,
                asked_on: now.today.to_string(),
                department: None,
                tags: vec![],
                source: None,
            };
            cases::create(s, &q, now)
        })
        .unwrap()
        .id;
    let plan = book.read(|c| import::check(c, bytes, now.today)).unwrap();
    let importing = AtomicBool::new(true);
    let (mut pages, mut searches, mut saves) = (Vec::new(), Vec::new(), Vec::new());
    let mut import_time = Duration::ZERO;
    std::thread::scope(|s| {
        s.spawn(|| {
            let started = Instant::now();
            book.write(|store| import::apply(store, &plan, now))
                .unwrap();
            import_time = started.elapsed();
            importing.store(false, Ordering::SeqCst);
        });
        // Let the import take the writer first.
        std::thread::sleep(Duration::from_millis(200));
        let request = SearchRequest {
            query: "twitching".into(),
            ..Default::default()
        };
        let mut last_save = Instant::now();
        let mut typed = 0;
        while importing.load(Ordering::SeqCst) {
            let t = Instant::now();
            read(&book, access, |c| {
                inbox::list(c, &CaseFilter::default(), 0, 50)
            });
            pages.push(t.elapsed());
            let t = Instant::now();
            read(&book, access, |c| search::search(c, &request, 20));
            searches.push(t.elapsed());
            if last_save.elapsed() > Duration::from_secs(2) && saves.is_empty() {
                // One autosave: it waits for the writer, then commits.
                typed += 1;
                let text = format!("Draft typed during the import, version {typed}.");
                let t = Instant::now();
                book.write(|s| replies::save_draft(s, draft_case, &text, now))
                    .unwrap();
                saves.push(t.elapsed());
                last_save = Instant::now();
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    });
    let kept = book.read(|c| replies::get(c, draft_case)).unwrap();
    assert!(
        kept.body.starts_with("Draft typed during the import"),
        "the autosaved draft was committed"
    );
    let label = match access {
        Access::Readers => "readers of their own (now)",
        Access::OneLock => "one connection, one lock (before)",
    };
    println!(
        "\n{label}: import of {} cases took {:.1} s",
        plan.ready.len(),
        import_time.as_secs_f64()
    );
    println!("  {}", line("inbox", pages));
    println!("  {}", line("search", searches));
    println!("  {}", line("autosave", saves));
}

fn main() {
    // `cargo bench` passes --bench; a plain `cargo test --benches` run passes
    // nothing and only checks that this compiles and starts.
    if !std::env::args().any(|a| a == "--bench") {
        return;
    }
    let n: u64 = std::env::var("CASEBOOK_BENCH_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(100_000);
    let bytes = synthetic::jsonl(7, n).into_bytes();
    println!("Requests while {n} cases are imported (the same run, side by side):");
    run(Access::Readers, &bytes);
    run(Access::OneLock, &bytes);
}
