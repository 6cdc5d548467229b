//! Typesetting cases to PDF with typst, used as a library.
//!
//! All of typst stays behind this module (docs/decisions.md, "PDF export"): the
//! rest of the core hands over a [`CasePrint`] and gets bytes back. The case
//! travels as JSON in a virtual file (`/case.json`) read by the template
//! `data/pdf/case.typ`; user text is never spliced into markup.
//!
//! Memory: typst memoizes across documents, and the cache grows with every
//! case unless evicted, so [`render`] and [`layout`] call
//! `typst::comemo::evict(0)` (typst's own re-export, the same comemo version
//! it uses) after each document. A combined PDF is laid out case by case and
//! the finished pages (stripped of introspection tags, which hold on to each
//! case's whole content tree) are joined into one document before the PDF
//! writer runs: each case keeps its own "Page 1 of 2" and layout runs on
//! every core. The writer holds a whole document in memory, so a large
//! combined export is written in parts that [`Joiner`] joins into one file;
//! memory stays bounded by the part (measured in `benches/export.rs`).

mod join;
mod world;

use crate::msg;
use chrono::{Datelike, Timelike};
use serde::Serialize;
use typst::diag::{SourceDiagnostic, Warned};
use typst::ecow::EcoVec;
use typst::foundations::{Datetime, Smart};
use typst::layout::{Frame, FrameItem};
use typst::model::DocumentInfo;
use typst_layout::{Page, PagedDocument};
use typst_pdf::{PdfOptions, PdfStandard, PdfStandards, Timestamp};

use super::{CasePrint, Letterhead, Paper, PdfSettings};
use crate::{CoreError, Now, Result};
pub(crate) use join::{CaseMark, Joiner};
use world::CaseWorld;

/// Virtual paths a logo may have; the extension tells typst the format.
pub(crate) const LOGO_PATHS: [&str; 4] = ["/logo.png", "/logo.jpg", "/logo.gif", "/logo.webp"];

/// The JSON the template reads (`/case.json`).
#[derive(Serialize)]
struct TemplateData<'a> {
    paper: &'static str,
    title: String,
    footer: String,
    letterhead: HeadData<'a>,
    case: &'a CasePrint,
}

#[derive(Serialize)]
struct HeadData<'a> {
    name: Option<&'a str>,
    title: Option<&'a str>,
    affiliation: Option<&'a str>,
    lines: &'a [String],
    logo: Option<&'static str>,
}

/// The format of an image by its first bytes, as its virtual path; `None`
/// when the bytes are not a PNG, JPEG, GIF or WebP image.
pub fn sniff_logo(bytes: &[u8]) -> Option<&'static str> {
    if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        Some(LOGO_PATHS[0])
    } else if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some(LOGO_PATHS[1])
    } else if bytes.starts_with(b"GIF87a") || bytes.starts_with(b"GIF89a") {
        Some(LOGO_PATHS[2])
    } else if bytes.len() > 12 && &bytes[..4] == b"RIFF" && &bytes[8..12] == b"WEBP" {
        Some(LOGO_PATHS[3])
    } else {
        None
    }
}

/// Lays one case out into pages (no PDF yet).
pub(crate) fn layout(
    case: &CasePrint,
    head: &Letterhead,
    settings: &PdfSettings,
    now: Now,
) -> Result<PagedDocument> {
    let logo = match &head.logo {
        Some(bytes) => Some((sniff_logo(bytes).ok_or_else(not_an_image)?, bytes.clone())),
        None => None,
    };
    let data = TemplateData {
        paper: paper_name(settings.paper),
        title: format!("{} — {}", case.number, case.title),
        footer: format!(
            "Casebook · case {} · printed {} · confidential patient correspondence",
            case.number, now.today
        ),
        // With no clinician profile yet, the reply's own clinician and
        // affiliation head the letter rather than an empty letterhead.
        letterhead: match (&head.name, &case.reply) {
            (None, Some(reply)) => HeadData {
                name: reply.clinician.as_deref(),
                title: None,
                affiliation: reply.affiliation.as_deref(),
                lines: &head.lines,
                logo: logo.as_ref().map(|(path, _)| *path),
            },
            _ => HeadData {
                name: head.name.as_deref(),
                title: head.title.as_deref(),
                affiliation: head.affiliation.as_deref(),
                lines: &head.lines,
                logo: logo.as_ref().map(|(path, _)| *path),
            },
        },
        case,
    };
    let json = serde_json::to_vec(&data).map_err(|e| typeset_error(e.to_string()))?;
    let world = CaseWorld::new(json, logo, now.today);
    let Warned { output, .. } = typst::compile::<PagedDocument>(&world);
    typst::comemo::evict(0);
    output.map_err(|diags| {
        if head.logo.is_some() && mentions_image(&diags) {
            not_an_image()
        } else {
            typeset_error(describe(&diags))
        }
    })
}

/// A case laid out for joining into a combined PDF: its pages only, with
/// the introspection tags (and the content trees they hold on to) stripped,
/// so 1,000 cases fit in memory (about a tenth of a full document each).
pub(crate) struct Pages(Vec<Page>);

impl Pages {
    pub fn len(&self) -> usize {
        self.0.len()
    }
}

/// Lays one case out for a combined PDF (see [`Pages`]).
pub(crate) fn layout_pages(
    case: &CasePrint,
    head: &Letterhead,
    settings: &PdfSettings,
    now: Now,
) -> Result<Pages> {
    let doc = layout(case, head, settings, now)?;
    let pages = doc
        .pages()
        .iter()
        .map(|page| {
            let mut page = page.clone();
            strip_tags(&mut page.frame);
            page
        })
        .collect();
    Ok(Pages(pages))
}

fn strip_tags(frame: &mut Frame) {
    frame.retain(|item| match item {
        FrameItem::Tag(_) => false,
        FrameItem::Group(group) => {
            strip_tags(&mut group.frame);
            true
        }
        _ => true,
    });
}

/// Writes cases laid out by [`layout_pages`] as one PDF, in order. Untagged:
/// pages joined from separate compilations have no common tag tree.
pub(crate) fn write_joined(
    parts: Vec<Pages>,
    title: &str,
    head: &Letterhead,
    settings: &PdfSettings,
    now: Now,
) -> Result<Vec<u8>> {
    let pages: EcoVec<Page> = parts.into_iter().flat_map(|p| p.0).collect();
    if pages.is_empty() {
        return Err(CoreError::invalid("cases", msg!("export.no_cases")));
    }
    let info = DocumentInfo {
        title: Some(title.into()),
        author: head.name.iter().map(|n| n.as_str().into()).collect(),
        ..DocumentInfo::default()
    };
    let doc = PagedDocument::new(pages, info);
    write(&doc, title, settings, now, false)
}

fn write(
    doc: &PagedDocument,
    title: &str,
    settings: &PdfSettings,
    now: Now,
    tagged: bool,
) -> Result<Vec<u8>> {
    let options = PdfOptions {
        ident: Smart::Custom(title.to_string()),
        creator: Smart::Custom(Some("Casebook".into())),
        timestamp: stamp(now),
        standards: if settings.pdfa {
            PdfStandards::new(&[PdfStandard::A_2b])
                .map_err(|e| typeset_error(e.message().to_string()))?
        } else {
            PdfStandards::default()
        },
        tagged,
        ..PdfOptions::default()
    };
    let bytes = typst_pdf::pdf(doc, &options).map_err(|d| typeset_error(describe(&d)))?;
    typst::comemo::evict(0);
    Ok(bytes)
}

/// One case as a PDF.
pub fn render(
    case: &CasePrint,
    head: &Letterhead,
    settings: &PdfSettings,
    now: Now,
) -> Result<Vec<u8>> {
    let doc = layout(case, head, settings, now)?;
    let title = format!("{} — {}", case.number, case.title);
    write(&doc, &title, settings, now, true)
}

/// The words of a recovery sheet, in the clinician's language (see
/// `data/pdf/recovery-sheet.typ`).
#[derive(Serialize)]
pub struct SheetWords {
    pub lang: &'static str,
    pub title: String,
    pub subtitle: String,
    pub intro: String,
    pub code_label: String,
    pub code: String,
    pub facts: Vec<SheetFact>,
    pub steps_heading: String,
    pub steps: Vec<String>,
    pub warning_heading: String,
    pub warning: String,
    pub footer: String,
}

#[derive(Serialize)]
pub struct SheetFact {
    pub label: String,
    pub value: String,
}

fn paper_name(paper: Paper) -> &'static str {
    match paper {
        Paper::A4 => "a4",
        Paper::Letter => "us-letter",
    }
}

/// A recovery sheet as a PDF (one page).
pub fn recovery_sheet(words: &SheetWords, paper: Paper, now: Now) -> Result<Vec<u8>> {
    #[derive(Serialize)]
    struct Data<'a> {
        paper: &'static str,
        #[serde(flatten)]
        words: &'a SheetWords,
    }
    let json = serde_json::to_vec(&Data {
        paper: paper_name(paper),
        words,
    })
    .map_err(|e| typeset_error(e.to_string()))?;
    let world = CaseWorld::recovery_sheet(json, now.today);
    let Warned { output, .. } = typst::compile::<PagedDocument>(&world);
    typst::comemo::evict(0);
    let doc = output.map_err(|diags| typeset_error(describe(&diags)))?;
    write(&doc, &words.title, &PdfSettings::default(), now, true)
}

/// Checks that `bytes` are an image the PDF can show (refused otherwise, with
/// field `logo`), by sniffing and then really typesetting a letterhead.
pub fn check_logo(bytes: &[u8], now: Now) -> Result<()> {
    sniff_logo(bytes).ok_or_else(not_an_image)?;
    let head = Letterhead {
        logo: Some(bytes.to_vec()),
        ..Letterhead::default()
    };
    layout(&CasePrint::sample(), &head, &PdfSettings::default(), now).map(|_| ())
}

/// Loads fonts and parses the template ahead of the first export.
pub fn warm_up() {
    CaseWorld::warm_up();
}

fn stamp(now: Now) -> Option<Timestamp> {
    let t = now.utc;
    Datetime::from_ymd_hms(
        t.year(),
        t.month() as u8,
        t.day() as u8,
        t.hour() as u8,
        t.minute() as u8,
        t.second() as u8,
    )
    .map(Timestamp::new_utc)
}

fn mentions_image(diags: &EcoVec<SourceDiagnostic>) -> bool {
    diags.iter().any(|d| {
        let m = d.message.to_lowercase();
        m.contains("image") || m.contains("decode") || m.contains("logo")
    })
}

fn describe(diags: &EcoVec<SourceDiagnostic>) -> String {
    diags
        .iter()
        .map(|d| d.message.to_string())
        .collect::<Vec<_>>()
        .join("; ")
}

fn typeset_error(detail: String) -> CoreError {
    CoreError::Internal(msg!("export.typeset_failed", detail = detail))
}

fn not_an_image() -> CoreError {
    CoreError::invalid("logo", msg!("export.logo_not_image"))
}

#[cfg(test)]
mod tests;
