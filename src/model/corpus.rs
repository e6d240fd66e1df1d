//! The four articles Discern ships with: one event, Nayib Bukele's invitation to and visit at
//! the White House in spring 2025, told by a report, a wire-style report, an opinion piece and
//! a live page. The texts are embedded byte for byte; metadata is only what each text shows.

use super::document::{Document, DocumentMeta};

/// File name and text of each built-in article, as in `static/corpus/`.
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

/// The built-in documents, in corpus order.
pub fn builtin() -> Vec<Document> {
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
    FILES
        .iter()
        .zip(metas)
        .map(|((_, text), m)| Document::new(m, text, true))
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
        let ids: std::collections::HashSet<_> = docs.iter().map(|d| d.id.clone()).collect();
        assert_eq!(ids.len(), 4);
    }

    /// The shipped copies are byte-identical to the shared corpus, where it is present.
    #[test]
    fn shipped_texts_equal_the_shared_corpus() {
        let shared = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
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
