//! Documents: a text Discern can tag, with what is known about it, the offset tables of its
//! text, and its division into chunks (lines, and long lines cut at spaces) that render and
//! re-render independently.

use crate::text::{TextIndex, Unicode};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::rc::Rc;

/// A chunk never grows much past this many code points, so that re-rendering one is cheap.
const CHUNK_TARGET: usize = 1024;
/// How many chunks a block of lines holds at most (a long line may make it more).
const BLOCK_CHUNKS: usize = 32;

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
    /// Chunk indices of each line (a line ends after a line feed). Lines lay out as blocks,
    /// so a change inside one never makes the browser lay out the others again.
    pub lines: Vec<std::ops::Range<usize>>,
    /// Line indices of each block: consecutive lines rendered as one unit, so that a long
    /// document is a few hundred units to compare rather than thousands.
    pub blocks: Vec<std::ops::Range<usize>>,
}

impl Document {
    /// The reader's own document from what they typed or pasted: the title and source
    /// trimmed (no source when blank), or `None` when the title or the text is blank. The
    /// form and `window.discern.addDocument` both go through here.
    pub fn own(unicode: &dyn Unicode, title: &str, source: &str, text: &str) -> Option<Self> {
        if Self::incomplete(title, text) {
            return None;
        }
        let meta = DocumentMeta {
            title: title.trim().to_string(),
            source: (!source.trim().is_empty()).then(|| source.trim().to_string()),
            ..DocumentMeta::default()
        };
        Some(Document::new(unicode, meta, text, false))
    }

    /// Whether the title or the text is blank, so that [`Document::own`] makes nothing: a
    /// quick check, before the text is read and indexed.
    pub fn incomplete(title: &str, text: &str) -> bool {
        title.trim().is_empty() || text.trim().is_empty()
    }

    /// Makes a document; its id is derived from the text, so the same text has the same id
    /// in every browser.
    pub fn new(unicode: &dyn Unicode, meta: DocumentMeta, text: &str, builtin: bool) -> Self {
        let sha256 = hex(&Sha256::digest(text.as_bytes()));
        let chunks = chunks(unicode, text);
        let lines = lines(&chunks);
        let blocks = blocks(&lines);
        Document {
            id: format!("d{}", &sha256[..16]),
            meta,
            builtin,
            index: TextIndex::new(text),
            chunks,
            blocks,
            lines,
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

    /// The index of the chunk that holds code point `cp`.
    pub fn chunk_at(&self, cp: usize) -> usize {
        self.chunks
            .partition_point(|c| c.end <= cp)
            .min(self.chunks.len().saturating_sub(1))
    }

    /// The index of the block that holds chunk `chunk`.
    pub fn block_of_chunk(&self, chunk: usize) -> usize {
        let line = self.lines.partition_point(|l| l.end <= chunk);
        self.blocks
            .partition_point(|b| b.end <= line)
            .min(self.blocks.len().saturating_sub(1))
    }

    /// How many rows block `block` takes, estimated at a row per 65 characters of each of its
    /// lines: its height until it has been laid out.
    pub fn block_rows(&self, block: usize) -> usize {
        self.blocks[block]
            .clone()
            .map(|l| {
                let line = &self.lines[l];
                1 + (self.chunks[line.end - 1].end - self.chunks[line.start].start) / 65
            })
            .sum()
    }
}

/// Groups lines into blocks of about `BLOCK_CHUNKS` chunks.
fn blocks(lines: &[std::ops::Range<usize>]) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    let (mut first, mut chunks) = (0, 0);
    for (i, line) in lines.iter().enumerate() {
        chunks += line.len();
        if chunks >= BLOCK_CHUNKS || i + 1 == lines.len() {
            out.push(first..i + 1);
            first = i + 1;
            chunks = 0;
        }
    }
    out
}

/// Groups chunks into lines: a line ends with the chunk that ends with a line feed.
fn lines(chunks: &[Chunk]) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    let mut first = 0;
    for (i, c) in chunks.iter().enumerate() {
        if c.text.ends_with('\n') || i + 1 == chunks.len() {
            out.push(first..i + 1);
            first = i + 1;
        }
    }
    out
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Cuts a text into chunks: after every line feed, and inside long lines after a space.
fn chunks(unicode: &dyn Unicode, text: &str) -> Vec<Chunk> {
    let mut out = Vec::new();
    let (mut start_b, mut start_cp, mut cp) = (0usize, 0usize, 0usize);
    for (b, c) in text.char_indices() {
        cp += 1;
        let len = cp - start_cp;
        if c == '\n' || (len >= CHUNK_TARGET && c == ' ') || len >= 4 * CHUNK_TARGET {
            let end_b = b + c.len_utf8();
            // Never cut inside a grapheme cluster.
            if c == '\n' || crate::text::is_grapheme_boundary(unicode, text, end_b) {
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

/// A document from a text file:  `.md` files take their title from a first `# ` line, others from
/// the file name. The text is the file's text exactly.
pub fn from_file(unicode: &dyn Unicode, name: &str, text: &str) -> Document {
    let stem = name.rsplit_once('.').map_or(name, |(s, _)| s);
    let title = text
        .lines()
        .next()
        .filter(|_| name.to_ascii_lowercase().ends_with(".md"))
        .and_then(|l| l.strip_prefix("# "))
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .unwrap_or(stem);
    Document::new(
        unicode,
        DocumentMeta {
            title: title.to_string(),
            source: Some(name.to_string()),
            ..DocumentMeta::default()
        },
        text,
        false,
    )
}

/// Whether a file, by its name, is a text to read (`.txt`, `.md`) rather than annotations.
pub fn is_text_file(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    lower.ends_with(".txt") || lower.ends_with(".md")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::Tables;

    #[test]
    fn chunks_cover_the_text_exactly() {
        let text = "one\n\n  two 🇸🇻\nthree";
        let doc = Document::new(&Tables, DocumentMeta::default(), text, false);
        let joined: String = doc.chunks.iter().map(|c| &*c.text).collect();
        assert_eq!(joined, text);
        assert_eq!(doc.chunks.len(), 4);
        assert_eq!(doc.lines, [0..1, 1..2, 2..3, 3..4]);
        assert_eq!(doc.blocks, vec![0..4]);
        assert_eq!(doc.chunk_at(5), 2);
        assert_eq!(doc.chunks[2].start, 5);
        assert_eq!(doc.chunks.last().unwrap().end, doc.len());
        assert!(doc.id.starts_with('d') && doc.id.len() == 17);
    }

    #[test]
    fn own_documents_need_a_title_and_some_text() {
        assert!(Document::own(&Tables, "", "", "").is_none());
        assert!(Document::own(&Tables, "", "", "text").is_none());
        assert!(Document::own(&Tables, " \t", "", "text").is_none());
        assert!(Document::own(&Tables, "Title", "", " \n ").is_none());
        let doc = Document::own(&Tables, "  Title ", "  ", " text").unwrap();
        assert_eq!(doc.meta.title, "Title");
        assert_eq!(doc.meta.source, None);
        assert_eq!(doc.text.as_ref(), " text", "the text is kept as it is");
        let doc = Document::own(&Tables, "T", " BBC ", "x").unwrap();
        assert_eq!(doc.meta.source.as_deref(), Some("BBC"));
    }

    #[test]
    fn long_lines_are_cut_at_spaces() {
        let text = "word ".repeat(1000);
        let doc = Document::new(&Tables, DocumentMeta::default(), &text, false);
        assert!(doc.chunks.len() > 3);
        assert!(doc.chunks.iter().all(|c| c.text.ends_with(' ')));
        assert_eq!(doc.lines, vec![0..doc.chunks.len()]);
        assert_eq!(doc.blocks, vec![0..1]);
        let many = Document::new(
            &Tables,
            DocumentMeta::default(),
            &"line\n".repeat(100),
            false,
        );
        assert_eq!(many.blocks, [0..32, 32..64, 64..96, 96..100]);
        assert_eq!(doc.chunk_at(0), 0);
        assert_eq!(doc.chunk_at(doc.len() - 1), doc.chunks.len() - 1);
    }

    #[test]
    fn each_chunk_has_its_block_and_each_block_its_estimated_rows() {
        // 100 lines of one chunk each: blocks of 32 lines.
        let many = Document::new(
            &Tables,
            DocumentMeta::default(),
            &"line\n".repeat(100),
            false,
        );
        assert_eq!(many.block_of_chunk(0), 0);
        assert_eq!(many.block_of_chunk(31), 0);
        assert_eq!(many.block_of_chunk(32), 1);
        assert_eq!(many.block_of_chunk(99), 3);
        assert_eq!(many.block_rows(0), 32);
        assert_eq!(many.block_rows(3), 4);
        // One line of 5,000 characters: a row per 65 of them.
        let long = Document::new(
            &Tables,
            DocumentMeta::default(),
            &"word ".repeat(1000),
            false,
        );
        assert_eq!(long.block_of_chunk(long.chunks.len() - 1), 0);
        assert_eq!(long.block_rows(0), 1 + 5000 / 65);
    }
}
