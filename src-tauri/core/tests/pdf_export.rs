//! PDF export checked with real tools (poppler-utils, qpdf; see
//! scripts/setup.sh): the text is there in order and selectable, every font
//! is embedded, the file is structurally sound, markup-looking text prints
//! literally, and page 1 is rendered to a PNG for a person to look at
//! (`target/pdf-export/page-1.png`).

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::AtomicBool;

use casebook_core::export::batch::{
    export_combined, export_combined_in_parts, export_folder, BatchJob,
};
use casebook_core::export::{self, pdf, Letterhead, Paper, PdfSettings};
use casebook_core::{cases, demo, import, Now, Store};
use chrono::{NaiveDate, TimeZone, Utc};

fn now() -> Now {
    Now {
        utc: Utc.with_ymd_and_hms(2027, 1, 4, 9, 30, 0).unwrap(),
        today: NaiveDate::from_ymd_opt(2027, 1, 4).unwrap(),
    }
}

const TRICKY: &str = r#"{"external_id":"t:zh","status":"answered","question":{"title":"眼皮跳：要看神經科嗎？","body":"醫師您好，我左眼皮一直跳，已經兩週了。\n請問需要看神經科嗎？","asker":"王小姐","sex":"female","age_range":"20-29","asked_on":"2024-05-01","department":"神經科","tags":["眼皮跳","抽搐"]},"reply":{"body":"王小姐您好：眼皮跳動多半與疲勞、壓力及咖啡因有關。\n建議減少咖啡因攝取，並保持充足睡眠。\nLiteral markup: #set page(width: 1cm) *not bold* _not italic_ $x^2$ ] @ref <label> \\ end.\n若症狀持續超過兩週，請至神經科門診進一步檢查。","clinician":"Dr. Jiang Junyi","affiliation":"Taoyuan Medical Center","signature":"Dr. Jiang Junyi\nTaoyuan Medical Center, Neurology","replied_on":"2024-05-02","more_info":"眼瞼肌顫搐（myokymia）通常為良性。"},"follow_ups":[{"due_on":"2024-05-16","reason":"Check the twitching / 追蹤眼皮跳","state":"pending"}],"addenda":[{"body":"補充：若出現臉部其他部位抽搐，請儘早回診。","clinician":"Dr. Jiang Junyi","created_at":"2024-05-03T08:00:00.000Z"}]}"#;

fn store() -> Store {
    let mut store = Store::open_in_memory().unwrap();
    demo::load_if_fresh(&mut store, now()).unwrap();
    let r = import::import_jsonl(&mut store, TRICKY.as_bytes(), now()).unwrap();
    assert_eq!(r.imported, 1, "{r:?}");
    store
}

fn out_dir() -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/pdf-export");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn run(cmd: &str, args: &[&str]) -> String {
    let out = Command::new(cmd)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("{cmd} is needed (scripts/setup.sh installs it): {e}"));
    assert!(
        out.status.success(),
        "{cmd} {args:?}: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn head() -> Letterhead {
    Letterhead {
        name: Some("Jiang Junyi".into()),
        title: Some("Attending physician, Neurology".into()),
        affiliation: Some("Taoyuan Medical Center".into()),
        lines: vec![],
        logo: None,
    }
}

fn export_case(store: &Store, external: &str, settings: PdfSettings, name: &str) -> PathBuf {
    let id = cases::find_by_external_id(store.conn(), external)
        .unwrap()
        .unwrap();
    let print = export::gather(store.conn(), id).unwrap();
    let bytes = pdf::render(&print, &head(), &settings, now()).unwrap();
    let path = out_dir().join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

/// Writes page 1 of `pdf` as target/pdf-export/NAME.png, for a person to look at.
fn write_page_one_png(pdf: &Path, name: &str) {
    let png = out_dir().join(name);
    let (pdf, png) = (pdf.to_str().unwrap(), png.to_str().unwrap());
    run(
        "pdftoppm",
        &[
            "-png",
            "-r",
            "70",
            "-f",
            "1",
            "-l",
            "1",
            "-singlefile",
            pdf,
            png,
        ],
    );
}

fn in_order(text: &str, needles: &[&str]) {
    let mut from = 0;
    for n in needles {
        match text[from..].find(n) {
            Some(i) => from += i + n.len(),
            None => panic!("{n:?} missing or out of order in:\n{text}"),
        }
    }
}

fn check_fonts_and_structure(path: &Path) {
    let p = path.to_str().unwrap();
    run("qpdf", &["--check", p]);
    let fonts = run("pdffonts", &[p]);
    let rows: Vec<&str> = fonts.lines().skip(2).collect();
    assert!(rows.len() >= 2, "{fonts}");
    for row in rows {
        // Columns: name type encoding emb sub uni object ID.
        let cols: Vec<&str> = row.split_whitespace().collect();
        let emb = cols[cols.len() - 5];
        let sub = cols[cols.len() - 4];
        assert_eq!((emb, sub), ("yes", "yes"), "not embedded+subset: {row}");
    }
}

#[test]
fn the_seed_case_prints_its_reply_in_order_with_embedded_fonts() {
    let store = store();
    let path = export_case(
        &store,
        "demo:facial-twitching",
        PdfSettings::default(),
        "seed.pdf",
    );
    check_fonts_and_structure(&path);
    let text = run("pdftotext", &["-layout", path.to_str().unwrap(), "-"]);
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    in_order(
        &flat,
        &[
            "Jiang Junyi",
            "Facial Twitching: When to See a Neurologist",
            "demo:facial-twitching",
            "Doctor, I started experiencing muscle twitching",
            "Facial movements are controlled by the facial nerve",
            "It is recommended to reduce the intake of caffeine",
            "Wishing you good health, peace, and joy.",
            "Follow-up plan",
            "Signature",
            "More info",
            "myokymia",
        ],
    );
    assert!(
        flat.contains("Page 1 of 2") || flat.contains("Page 1 of 3"),
        "{flat}"
    );
    write_page_one_png(&path, "page");
    assert!(out_dir().join("page.png").exists());
}

#[test]
fn chinese_and_markup_looking_text_print_literally() {
    let store = store();
    let path = export_case(&store, "t:zh", PdfSettings::default(), "zh.pdf");
    check_fonts_and_structure(&path);
    let text = run("pdftotext", &[path.to_str().unwrap(), "-"]);
    let flat: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    in_order(
        &flat,
        &[
            "眼皮跳：要看神經科嗎？",
            "醫師您好，我左眼皮一直跳",
            "眼皮跳動多半與疲勞、壓力及咖啡因有關。",
            "建議減少咖啡因攝取，並保持充足睡眠。",
            "#set page(width: 1cm) *not bold* _not italic_ $x^2$ ] @ref <label> \\ end.",
            "若症狀持續超過兩週，請至神經科門診進一步檢查。",
            "Addendum · 2024-05-03",
            "補充：若出現臉部其他部位抽搐，請儘早回診。",
            "2024-05-16",
            "Check the twitching / 追蹤眼皮跳",
        ],
    );
    write_page_one_png(&path, "page-zh");
}

#[test]
fn letter_paper_and_pdfa_2b_are_options() {
    let store = store();
    let settings = PdfSettings {
        paper: Paper::Letter,
        pdfa: true,
    };
    let path = export_case(&store, "t:zh", settings, "zh-pdfa-letter.pdf");
    check_fonts_and_structure(&path);
    let info = run("pdfinfo", &[path.to_str().unwrap()]);
    assert!(info.contains("612 x 792 pts (letter)"), "{info}");
    let bytes = std::fs::read(&path).unwrap();
    let xmp = String::from_utf8_lossy(&bytes);
    assert!(
        xmp.contains("pdfaid:part") && xmp.contains("pdfaid:conformance"),
        "no PDF/A id"
    );
}

#[test]
fn a_batch_writes_one_file_per_case_or_one_combined_file_and_cancels_cleanly() {
    let store = store();
    let ids = export::answered_between(store.conn(), None, None, None).unwrap();
    assert_eq!(ids.len(), 3);
    let dir = tempfile::tempdir().unwrap();
    let head = head();
    let cancel = AtomicBool::new(false);
    let job = BatchJob {
        head: &head,
        settings: PdfSettings::default(),
        now: now(),
        overwrite: false,
        progress: &|_| {},
        cancel: &cancel,
    };
    let outcome = export_folder(store.conn(), &ids, dir.path(), &job).unwrap();
    assert_eq!(outcome.written.len(), 3);
    assert!(dir.path().join("t_zh_2024-05-01.pdf").exists());
    assert!(dir
        .path()
        .join("demo_facial-twitching_2023-02-02.pdf")
        .exists());
    // Again without permission to overwrite: refused before anything is written.
    let err = export_folder(store.conn(), &ids, dir.path(), &job).unwrap_err();
    assert_eq!(err.code(), casebook_core::ErrorCode::Conflict);

    let combined = dir.path().join("all.pdf");
    let outcome = export_combined(store.conn(), &ids, &combined, &job).unwrap();
    assert_eq!(outcome.written.len(), 1);
    let info = run("pdfinfo", &[combined.to_str().unwrap()]);
    let pages: u32 = info
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .unwrap()
        .trim()
        .parse()
        .unwrap();
    assert!(pages >= 3, "{info}");
    let text = run("pdftotext", &[combined.to_str().unwrap(), "-"]);
    assert!(text.contains("Page 1 of"));
    check_fonts_and_structure(&combined);

    let cancelled = AtomicBool::new(true);
    let other = tempfile::tempdir().unwrap();
    let job = BatchJob {
        cancel: &cancelled,
        ..job
    };
    let outcome = export_combined(store.conn(), &ids, &other.path().join("x.pdf"), &job).unwrap();
    assert!(outcome.cancelled);
    let outcome = export_folder(store.conn(), &ids, other.path(), &job).unwrap();
    assert!(outcome.cancelled && outcome.written.is_empty());
    assert_eq!(
        std::fs::read_dir(other.path()).unwrap().count(),
        0,
        "no partial files"
    );
}

fn pages_of(path: &Path) -> u32 {
    let info = run("pdfinfo", &[path.to_str().unwrap()]);
    info.lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .unwrap_or_else(|| panic!("{info}"))
        .trim()
        .parse()
        .unwrap()
}

#[test]
fn a_combined_pdf_written_in_parts_is_one_document_with_a_bookmark_per_case() {
    let store = store();
    let ids = export::answered_between(store.conn(), None, None, None).unwrap();
    assert_eq!(ids.len(), 3);
    let head = head();
    let cancel = AtomicBool::new(false);
    let job = BatchJob {
        head: &head,
        settings: PdfSettings {
            paper: Paper::A4,
            pdfa: true,
        },
        now: now(),
        overwrite: true,
        progress: &|_| {},
        cancel: &cancel,
    };
    let whole = out_dir().join("combined-one-part.pdf");
    let parts = out_dir().join("combined-three-parts.pdf");
    export_combined_in_parts(store.conn(), &ids, &whole, &job, 100).unwrap();
    export_combined_in_parts(store.conn(), &ids, &parts, &job, 1).unwrap();
    check_fonts_and_structure(&parts);
    assert_eq!(pages_of(&parts), pages_of(&whole));
    let text = |p: &Path| run("pdftotext", &[p.to_str().unwrap(), "-"]);
    assert_eq!(text(&parts), text(&whole), "same pages, same order");

    // One bookmark per case, in order, Chinese titles intact.
    let json = run(
        "qpdf",
        &["--json", "--json-key=outlines", parts.to_str().unwrap()],
    );
    let outlines: serde_json::Value = serde_json::from_str(&json).unwrap();
    let titles: Vec<&str> = outlines["outlines"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["title"].as_str().unwrap())
        .collect();
    assert_eq!(titles.len(), 3, "{titles:?}");
    let prints: Vec<String> = ids
        .iter()
        .map(|id| {
            let p = export::gather(store.conn(), *id).unwrap();
            format!("{} — {}", p.number, p.title)
        })
        .collect();
    assert_eq!(titles, prints);
    assert!(titles.iter().any(|t| t.contains("眼皮跳")), "{titles:?}");

    // The PDF/A entries of the first part describe the joined file.
    let catalog = run("qpdf", &["--show-object=trailer", parts.to_str().unwrap()]);
    assert!(
        catalog.contains("/Info") && catalog.contains("/ID"),
        "{catalog}"
    );
    let bytes = String::from_utf8_lossy(&std::fs::read(&parts).unwrap()).into_owned();
    assert!(bytes.contains("/OutputIntents") && bytes.contains("pdfaid:part"));
    let pages = pages_of(&parts);
    assert!(
        bytes.contains(&format!("<xmpTPg:NPages>{pages}</xmpTPg:NPages>")),
        "the metadata counts the joined pages"
    );
    let info = run("pdfinfo", &[parts.to_str().unwrap()]);
    assert!(info.contains("Casebook: 3 cases"), "{info}");
}
