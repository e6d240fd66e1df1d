//! Documents: a text Discern can tag, with what is known about it, the offset tables of its
//! text, and its division into chunks (lines, and long lines cut at spaces) that render and
//! re-render independently.

use super::text::TextIndex;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::rc::Rc;

/// A chunk never grows much past this many code points, so that re-rendering one is cheap.
const CHUNK_TARGET: usize = 1024;

/// What is known about a document besides its text. Unknown fields stay empty.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocumentMeta {
    pub title: String,
    #[serde(default)]
    pub source: Option<String>,
    #[serde(default)]
    pub date: Option<String>,
    #[serde(default)]
    pub byline: Option<String>,
    #[serde(default)]
    pub outlet: Option<String>,
}

/// A run of a document's text rendered as one unit.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Chunk {
    /// Code point offset of the chunk in the document.
    pub start: usize,
    /// Code point offset just past the chunk.
    pub end: usize,
    pub text: Rc<str>,
}

/// A document and its derived tables.
#[derive(Debug, PartialEq, Eq)]
pub struct Document {
    pub id: String,
    pub meta: DocumentMeta,
    pub builtin: bool,
    pub text: Rc<str>,
    pub sha256: String,
    pub index: TextIndex,
    pub chunks: Vec<Chunk>,
}

impl Document {
    /// Makes a document; its id is derived from the text, so the same text has the same id
    /// in every browser.
    pub fn new(meta: DocumentMeta, text: &str, builtin: bool) -> Self {
        let sha256 = hex(&Sha256::digest(text.as_bytes()));
        Document {
            id: format!("d{}", &sha256[..16]),
            meta,
            builtin,
            index: TextIndex::new(text),
            chunks: chunks(text),
            text: Rc::from(text),
            sha256,
        }
    }

    /// Length in code points.
    pub fn len(&self) -> usize {
        self.index.len_cp()
    }

    /// Whether the text is empty.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The text of code points `start..end`.
    pub fn slice(&self, start: usize, end: usize) -> &str {
        self.index.slice(&self.text, start, end)
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Cuts a text into chunks: after every line feed, and inside long lines after a space.
fn chunks(text: &str) -> Vec<Chunk> {
    let mut out = Vec::new();
    let (mut start_b, mut start_cp, mut cp) = (0usize, 0usize, 0usize);
    for (b, c) in text.char_indices() {
        cp += 1;
        let len = cp - start_cp;
        if c == '\n' || (len >= CHUNK_TARGET && c == ' ') || len >= 4 * CHUNK_TARGET {
            let end_b = b + c.len_utf8();
            // Never cut inside a grapheme cluster.
            if c == '\n' || super::text::is_grapheme_boundary(text, end_b) {
                out.push(Chunk {
                    start: start_cp,
                    end: cp,
                    text: Rc::from(&text[start_b..end_b]),
                });
                start_b = end_b;
                start_cp = cp;
            }
        }
    }
    if start_b < text.len() {
        out.push(Chunk {
            start: start_cp,
            end: cp,
            text: Rc::from(&text[start_b..]),
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chunks_cover_the_text_exactly() {
        let text = "one\n\n  two 🇸🇻\nthree";
        let doc = Document::new(DocumentMeta::default(), text, false);
        let joined: String = doc.chunks.iter().map(|c| &*c.text).collect();
        assert_eq!(joined, text);
        assert_eq!(doc.chunks.len(), 4);
        assert_eq!(doc.chunks[2].start, 5);
        assert_eq!(doc.chunks.last().unwrap().end, doc.len());
        assert!(doc.id.starts_with('d') && doc.id.len() == 17);
    }

    #[test]
    fn long_lines_are_cut_at_spaces() {
        let text = "word ".repeat(1000);
        let doc = Document::new(DocumentMeta::default(), &text, false);
        assert!(doc.chunks.len() > 3);
        assert!(doc.chunks.iter().all(|c| c.text.ends_with(' ')));
    }
}
