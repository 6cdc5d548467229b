//! Joining PDFs written part by part into one file (lopdf).
//!
//! typst's PDF writer keeps a whole document in memory while it writes, so a
//! combined export of 1,000 cases is typeset and written in parts of a few
//! hundred cases, and the parts are joined here: their objects are
//! renumbered into one set, every page goes into one page tree, and the
//! first part's document-level entries (information dictionary, file
//! identifier, XMP metadata and output intent, which PDF/A needs) are kept.
//! Every part is written with the same title and identifier, so those
//! entries describe the joined file too. Each case gets a bookmark.
//!
//! Fonts are subset per part, so a font appears once per part; `pdffonts`
//! lists each of them as embedded.

use crate::msg;
use std::io::Write;

use lopdf::{Bookmark, Dictionary, Document, Object, ObjectId};

use crate::{CoreError, Result};

/// Catalog entries carried over from the first part.
const CATALOG_KEYS: [&[u8]; 5] = [
    b"Metadata",
    b"OutputIntents",
    b"Lang",
    b"ViewerPreferences",
    b"MarkInfo",
];

/// Page attributes a page may inherit from its page tree (PDF 1.7, 7.7.3.4);
/// they are copied onto the page since the parts' trees are dropped.
const INHERITED: [&[u8]; 4] = [b"Resources", b"MediaBox", b"CropBox", b"Rotate"];

/// One case's place in a part: its bookmark text and how many pages it has.
pub(crate) struct CaseMark {
    pub title: String,
    pub pages: usize,
}

/// Parts added so far.
#[derive(Default)]
pub(crate) struct Joiner {
    objects: std::collections::BTreeMap<ObjectId, Object>,
    next_id: u32,
    pages: Vec<ObjectId>,
    marks: Vec<(String, ObjectId)>,
    version: Option<String>,
    catalog: Dictionary,
    trailer: Dictionary,
}

impl Joiner {
    pub fn new() -> Self {
        Joiner {
            next_id: 1,
            ..Joiner::default()
        }
    }

    /// Adds a part: `pdf` holds the cases of `marks`, in order.
    pub fn add(&mut self, pdf: &[u8], marks: &[CaseMark]) -> Result<()> {
        let mut doc = Document::load_mem(pdf).map_err(|e| join_error(&e))?;
        let pages: Vec<ObjectId> = doc.get_pages().into_values().collect();
        let expected: usize = marks.iter().map(|m| m.pages).sum();
        if pages.len() != expected {
            return Err(CoreError::Internal(msg!(
                "export.join_pages",
                found = pages.len(),
                expected = expected
            )));
        }
        for &page in &pages {
            let own = inherit(&doc, page);
            if let Ok(Object::Dictionary(dict)) = doc.get_object_mut(page) {
                for (key, value) in own {
                    dict.set(key, value);
                }
            }
        }
        doc.renumber_objects_with(self.next_id);
        self.next_id = doc.max_id + 1;
        // The same pages, under their new numbers.
        let pages: Vec<ObjectId> = doc.get_pages().into_values().collect();
        let mut first = 0;
        for mark in marks {
            self.marks.push((mark.title.clone(), pages[first]));
            first += mark.pages;
        }
        if self.version.is_none() {
            self.version = Some(doc.version.clone());
            let catalog = doc.catalog().map_err(|e| join_error(&e))?;
            for key in CATALOG_KEYS {
                if let Ok(value) = catalog.get(key) {
                    self.catalog.set(key, value.clone());
                }
            }
            for key in [&b"Info"[..], b"ID"] {
                if let Ok(value) = doc.trailer.get(key) {
                    self.trailer.set(key, value.clone());
                }
            }
        }
        self.pages.extend(pages);
        self.objects.append(&mut doc.objects);
        Ok(())
    }

    /// Writes the joined PDF to `out`.
    pub fn write(self, out: &mut dyn Write) -> std::io::Result<()> {
        let mut doc = Document::with_version(self.version.as_deref().unwrap_or("1.7"));
        doc.objects = self.objects;
        doc.max_id = self.next_id - 1;
        let tree = doc.new_object_id();
        for &page in &self.pages {
            if let Ok(Object::Dictionary(dict)) = doc.get_object_mut(page) {
                dict.set("Parent", tree);
            }
        }
        let kids: Vec<Object> = self.pages.iter().map(|&p| Object::Reference(p)).collect();
        let count = kids.len() as i64;
        doc.objects.insert(
            tree,
            Object::Dictionary(Dictionary::from_iter([
                ("Type", Object::Name(b"Pages".to_vec())),
                ("Kids", Object::Array(kids)),
                ("Count", Object::Integer(count)),
            ])),
        );
        for (title, page) in self.marks {
            doc.add_bookmark(Bookmark::new(title, [0.0, 0.0, 0.0], 0, page), None);
        }
        let mut catalog = self.catalog;
        catalog.set("Type", Object::Name(b"Catalog".to_vec()));
        catalog.set("Pages", tree);
        if let Some(outline) = doc.build_outline() {
            catalog.set("Outlines", outline);
            catalog.set("PageMode", Object::Name(b"UseOutlines".to_vec()));
        }
        if let Ok(metadata) = catalog.get(b"Metadata").and_then(Object::as_reference) {
            if let Ok(Object::Stream(xmp)) = doc.get_object_mut(metadata) {
                if let Some(fixed) = with_page_count(&xmp.content, self.pages.len()) {
                    xmp.set_content(fixed);
                }
            }
        }
        let root = doc.add_object(catalog);
        doc.trailer = self.trailer;
        doc.trailer.set("Root", root);
        // The parts' own catalogs and page trees are no longer referenced.
        doc.prune_objects();
        let mut out = std::io::BufWriter::new(out);
        doc.save_to(&mut out)?;
        out.flush()
    }
}

/// The inheritable attributes `page` lacks, taken from its ancestors.
fn inherit(doc: &Document, page: ObjectId) -> Vec<(&'static [u8], Object)> {
    let mut found = Vec::new();
    let Ok(own) = doc.get_dictionary(page) else {
        return found;
    };
    for key in INHERITED {
        if own.has(key) {
            continue;
        }
        let mut node = own;
        // A page tree is shallow; the bound guards against a cycle.
        for _ in 0..32 {
            let Ok(parent) = node.get(b"Parent").and_then(Object::as_reference) else {
                break;
            };
            let Ok(dict) = doc.get_dictionary(parent) else {
                break;
            };
            if let Ok(value) = dict.get(key) {
                found.push((key, value.clone()));
                break;
            }
            node = dict;
        }
    }
    found
}

/// The XMP packet with its page count (`xmpTPg:NPages`, the first part's)
/// set to `pages`, or None when it has none (or is compressed).
fn with_page_count(xmp: &[u8], pages: usize) -> Option<Vec<u8>> {
    const OPEN: &[u8] = b"<xmpTPg:NPages>";
    const CLOSE: &[u8] = b"</xmpTPg:NPages>";
    let start = xmp.windows(OPEN.len()).position(|w| w == OPEN)? + OPEN.len();
    let len = xmp[start..].windows(CLOSE.len()).position(|w| w == CLOSE)?;
    let mut fixed = Vec::with_capacity(xmp.len() + 8);
    fixed.extend_from_slice(&xmp[..start]);
    fixed.extend_from_slice(pages.to_string().as_bytes());
    fixed.extend_from_slice(&xmp[start + len..]);
    Some(fixed)
}

fn join_error(e: &lopdf::Error) -> CoreError {
    CoreError::Internal(msg!("export.join_failed", detail = e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_page_count_in_the_metadata_is_the_joined_one() {
        let xmp = b"<a/><xmpTPg:NPages>1</xmpTPg:NPages><b/>";
        assert_eq!(
            with_page_count(xmp, 1234).unwrap(),
            b"<a/><xmpTPg:NPages>1234</xmpTPg:NPages><b/>"
        );
        assert_eq!(with_page_count(b"<a/>", 3), None);
    }
}
