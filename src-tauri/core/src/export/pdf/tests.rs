use super::*;
use crate::testing::now;

#[test]
fn logos_are_sniffed_and_non_images_refused() {
    assert_eq!(sniff_logo(b"\x89PNG\r\n\x1a\n...."), Some("/logo.png"));
    assert_eq!(sniff_logo(&[0xFF, 0xD8, 0xFF, 0xE0]), Some("/logo.jpg"));
    assert_eq!(sniff_logo(b"%PDF-1.7"), None);
    let err = check_logo(b"<html>not an image</html>", now()).unwrap_err();
    assert_eq!(err.field(), Some("logo"));
    // PNG magic with garbage after it: typst cannot decode it either.
    let err = check_logo(b"\x89PNG\r\n\x1a\nnot really", now()).unwrap_err();
    assert_eq!(err.field(), Some("logo"), "{err}");
}

#[test]
fn a_case_renders_to_a_pdf() {
    let bytes = render(
        &CasePrint::sample(),
        &Letterhead::default(),
        &PdfSettings::default(),
        now(),
    )
    .unwrap();
    assert!(bytes.starts_with(b"%PDF-"));
}

/// A 1×1 PNG.
const PNG: [u8; 70] = [
    0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52,
    0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1f, 0x15, 0xc4,
    0x89, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x44, 0x41, 0x54, 0x78, 0xda, 0x63, 0x64, 0x60, 0xf8, 0x5f,
    0x0f, 0x00, 0x02, 0x87, 0x01, 0x80, 0xeb, 0x47, 0xba, 0x92, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45,
    0x4e, 0x44, 0xae, 0x42, 0x60, 0x82,
];

#[test]
fn a_real_image_is_accepted_stored_and_printed() {
    check_logo(&PNG, now()).unwrap();
    let store = crate::Store::open_in_memory().unwrap();
    crate::export::set_logo(store.conn(), Some(&PNG), now()).unwrap();
    let head = crate::export::letterhead(store.conn()).unwrap();
    assert_eq!(head.logo.as_deref(), Some(&PNG[..]));
    let pdf = render(&CasePrint::sample(), &head, &PdfSettings::default(), now()).unwrap();
    assert!(pdf.windows(6).any(|w| w == b"/Image"));
    let refused = crate::export::set_logo(store.conn(), Some(b"GIF89a-but-not"), now());
    assert_eq!(refused.unwrap_err().field(), Some("logo"));
    crate::export::set_logo(store.conn(), None, now()).unwrap();
    assert!(crate::export::logo(store.conn()).unwrap().is_none());
}
