//! The smallest typst `World` that can typeset a case: one template
//! (`data/pdf/case.typ`, compiled in), one data file (`/case.json`, the
//! case as JSON), an optional logo, and the fonts in `data/fonts`. The
//! recovery sheet (`data/pdf/recovery-sheet.typ`) is typeset the same way.
//!
//! User text never becomes markup: the template reads `/case.json` with
//! `json(...)` and prints the strings, so a `#`, `*`, `$` or `]` in a reply
//! prints as itself. File ids are fixed paths (typst interns every id for the
//! life of the process, at most 65,535 of them), so a batch of 100,000 cases
//! reuses the same three ids with different bytes behind them.

use std::sync::LazyLock;

use typst::diag::{FileError, FileResult};
use typst::foundations::{Bytes, Datetime};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World};

/// The case template, as shipped in `data/pdf/case.typ`.
const TEMPLATE: &str = include_str!("../../../../../data/pdf/case.typ");
/// The recovery sheet's, `data/pdf/recovery-sheet.typ`.
const RECOVERY_SHEET: &str = include_str!("../../../../../data/pdf/recovery-sheet.typ");

/// Fonts, Latin first (see `data/fonts/README.md`). Compiled in so the app,
/// the CLI and tests need no font files at run time.
const FONT_FILES: [&[u8]; 5] = [
    include_bytes!("../../../../../data/fonts/NotoSans-Regular.ttf"),
    include_bytes!("../../../../../data/fonts/NotoSans-Bold.ttf"),
    include_bytes!("../../../../../data/fonts/NotoSans-Italic.ttf"),
    include_bytes!("../../../../../data/fonts/NotoSansTC-Regular.ttf"),
    include_bytes!("../../../../../data/fonts/NotoSansTC-Bold.ttf"),
];

struct Shared {
    library: LazyHash<Library>,
    book: LazyHash<FontBook>,
    fonts: Vec<Font>,
    main: Source,
    recovery_sheet: Source,
}

static SHARED: LazyLock<Shared> = LazyLock::new(|| {
    let fonts: Vec<Font> = FONT_FILES
        .iter()
        .flat_map(|data| Font::iter(Bytes::new(*data)))
        .collect();
    Shared {
        library: LazyHash::new(Library::default()),
        book: LazyHash::new(FontBook::from_fonts(&fonts)),
        fonts,
        main: Source::new(file_id("/case.typ"), TEMPLATE.to_string()),
        recovery_sheet: Source::new(file_id("/recovery-sheet.typ"), RECOVERY_SHEET.to_string()),
    }
});

fn file_id(path: &str) -> FileId {
    RootedPath::new(
        VirtualRoot::Project,
        VirtualPath::new(path).expect("a fixed, valid virtual path"),
    )
    .intern()
}

/// Where the template finds the case data.
pub const DATA_PATH: &str = "/case.json";
static DATA_ID: LazyLock<FileId> = LazyLock::new(|| file_id(DATA_PATH));

/// One document's world: the shared template and fonts, this case's data.
pub struct CaseWorld {
    /// The recovery sheet's template instead of the case's.
    recovery_sheet: bool,
    data: Bytes,
    /// The logo under its virtual path (its extension names the format).
    logo: Option<(FileId, Bytes)>,
    today: Option<Datetime>,
}

impl CaseWorld {
    pub fn new(
        data: Vec<u8>,
        logo: Option<(&'static str, Vec<u8>)>,
        today: chrono::NaiveDate,
    ) -> Self {
        use chrono::Datelike;
        static LOGO_IDS: LazyLock<Vec<(&'static str, FileId)>> =
            LazyLock::new(|| super::LOGO_PATHS.iter().map(|p| (*p, file_id(p))).collect());
        let logo = logo.and_then(|(path, bytes)| {
            let id = LOGO_IDS.iter().find(|(p, _)| *p == path)?.1;
            Some((id, Bytes::new(bytes)))
        });
        CaseWorld {
            recovery_sheet: false,
            data: Bytes::new(data),
            logo,
            today: Datetime::from_ymd(today.year(), today.month() as u8, today.day() as u8),
        }
    }

    /// The world of a recovery sheet whose words are `data`.
    pub fn recovery_sheet(data: Vec<u8>, today: chrono::NaiveDate) -> Self {
        CaseWorld {
            recovery_sheet: true,
            ..CaseWorld::new(data, None, today)
        }
    }

    fn template(&self) -> &'static Source {
        if self.recovery_sheet {
            &SHARED.recovery_sheet
        } else {
            &SHARED.main
        }
    }

    /// Loads the fonts and parses the template now (once per process).
    pub fn warm_up() {
        LazyLock::force(&SHARED);
    }
}

impl World for CaseWorld {
    fn library(&self) -> &LazyHash<Library> {
        &SHARED.library
    }

    fn book(&self) -> &LazyHash<FontBook> {
        &SHARED.book
    }

    fn main(&self) -> FileId {
        self.template().id()
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        if id == self.template().id() {
            Ok(self.template().clone())
        } else {
            Err(FileError::NotSource)
        }
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        if id == *DATA_ID {
            return Ok(self.data.clone());
        }
        match &self.logo {
            Some((logo_id, bytes)) if *logo_id == id => Ok(bytes.clone()),
            _ => Err(FileError::NotFound(id.vpath().get_without_slash().into())),
        }
    }

    fn font(&self, index: usize) -> Option<Font> {
        SHARED.fonts.get(index).cloned()
    }

    fn today(&self, _offset: Option<typst::foundations::Duration>) -> Option<Datetime> {
        self.today
    }
}
