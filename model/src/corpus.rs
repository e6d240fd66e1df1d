//! The four articles Discern ships with: one event, Nayib Bukele's invitation to and visit at
//! the White House in spring 2025, told by a report, a wire-style report, an opinion piece and
//! a live page. The texts live in `static/corpus/`, byte for byte; the browser fetches them
//! from the release's `corpus/` folder, and native code (tests) has them embedded. Metadata is
//! only what each text shows.

use crate::document::{Document, DocumentMeta};
use crate::text::{Tables, Unicode};

/// The file names of the built-in articles, in `static/corpus/` and the release's `corpus/`.
pub const NAMES: [&str; 4] = [
    "000_0088a8e5e4a8a485.txt",
    "001_b0502ea1321b6f98.txt",
    "002_0d060278c02bdc2e.txt",
    "003_db9c15911bdacefb.txt",
];

/// The id each built-in text has (`d` and the first 16 hex digits of its SHA-256): a text
/// that arrives changed is refused rather than shown under a new id.
pub const IDS: [&str; 4] = [
    "d6e150f1b9e44f87b",
    "da647a0ec757bcd33",
    "d201e0dcc2bd8dad4",
    "d06c220c372c64740",
];

/// File name and text of each built-in article, embedded for native code; the page fetches
/// them instead, so its download does not carry them.
pub const FILES: [(&str, &str); 4] = [
    (
        "000_0088a8e5e4a8a485.txt",
        include_str!("../../static/corpus/000_0088a8e5e4a8a485.txt"),
    ),
    (
        "001_b0502ea1321b6f98.txt",
        include_str!("../../static/corpus/001_b0502ea1321b6f98.txt"),
    ),
    (
        "002_0d060278c02bdc2e.txt",
        include_str!("../../static/corpus/002_0d060278c02bdc2e.txt"),
    ),
    (
        "003_db9c15911bdacefb.txt",
        include_str!("../../static/corpus/003_db9c15911bdacefb.txt"),
    ),
];

fn meta(
    title: &str,
    date: Option<&str>,
    byline: Option<&str>,
    outlet: Option<&str>,
) -> DocumentMeta {
    DocumentMeta {
        title: title.to_string(),
        source: None,
        date: date.map(str::to_string),
        byline: byline.map(str::to_string),
        outlet: outlet.map(str::to_string),
    }
}

/// The built-in documents from their embedded texts, in corpus order, with Rust's own
/// Unicode tables: for native code and tests (the page fetches the texts, and makes them with
/// the browser's tables: [`documents`]).
pub fn builtin() -> Vec<Document> {
    let texts: Vec<&str> = FILES.iter().map(|(_, text)| *text).collect();
    documents(&Tables, &texts)
        .into_iter()
        .map(|d| d.expect("the embedded texts are the shipped ones"))
        .collect()
}

/// The built-in documents from their texts (in the order of [`NAMES`]); a text whose id is not
/// the expected one gives the name of its file instead.
pub fn documents<T: AsRef<str>>(
    unicode: &dyn Unicode,
    texts: &[T],
) -> Vec<Result<Document, &'static str>> {
    let metas = [
        meta(
            "Bukele announces Trump's invitation to the White House",
            Some("2025-04-03"),
            Some("Christian K. Caruzo"),
            None,
        ),
        meta(
            "Trump invites El Salvador's leader to the White House (Washington report)",
            None,
            None,
            None,
        ),
        meta(
            "Bukele to visit Trump: an opinion piece with embedded posts",
            None,
            None,
            None,
        ),
        meta(
            "Live page: Bukele meets Trump at the White House",
            Some("2025-04-14"),
            None,
            Some("BBC"),
        ),
    ];
    texts
        .iter()
        .zip(metas)
        .zip(NAMES.iter().zip(IDS))
        .map(|((text, m), (name, id))| {
            let doc = Document::new(unicode, m, text.as_ref(), true);
            if doc.id == id {
                Ok(doc)
            } else {
                Err(*name)
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lengths_match_the_corpus_notes() {
        let docs = builtin();
        let cps: Vec<usize> = docs.iter().map(Document::len).collect();
        assert_eq!(cps, [3710, 2467, 4573, 22028]);
        assert_eq!(docs[2].index.len_utf16(), 4581);
        assert!(docs[0].text.starts_with(" date 2025-04-03"));
        let ids: Vec<&str> = docs.iter().map(|d| d.id.as_str()).collect();
        assert_eq!(ids, IDS);
        let changed = documents(&Tables, &[FILES[0].1, FILES[1].1, "changed", FILES[3].1]);
        assert_eq!(changed[2].as_ref().err(), Some(&NAMES[2]));
    }

    /// The shipped copies are byte-identical to the shared corpus, where it is present.
    #[test]
    fn shipped_texts_equal_the_shared_corpus() {
        let shared = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/corpus");
        if !shared.is_dir() {
            eprintln!("no ../shared/corpus beside the checkout; comparison skipped");
            return;
        }
        for (name, text) in FILES {
            let original = std::fs::read(shared.join(name)).expect("corpus file");
            assert_eq!(
                original,
                text.as_bytes(),
                "{name} differs from the shared corpus"
            );
        }
    }
}
