//! Reading an assignment file: every check it must pass, each failure a typed
//! [`AssignmentError`] that names the problem (and changes nothing), and its documents made;
//! then the changes that open it in the workspace.

use crate::annotation::Label;
use crate::assignment::file::{AssignmentFile, FORMAT, VERSION};
use crate::document::{Document, DocumentMeta};
use crate::formats::native::Exported;
use crate::json::{json_problem, too_deep, JsonProblem, MAX_BYTES};
use crate::text::Unicode;
use crate::workspace::{Change, Workspace};
use std::rc::Rc;

/// What is wrong with an assignment file. Each names the problem; none changes anything.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AssignmentError {
    /// Over 20 MB; the size in whole megabytes, rounded up.
    TooLarge {
        megabytes: usize,
    },
    TooDeep {
        depth: usize,
    },
    NotJson(JsonProblem),
    /// Another format (its name), or none.
    OtherFormat(Option<String>),
    NewerVersion(u64),
    UnknownVersion,
    /// A field has the wrong shape.
    Malformed(JsonProblem),
    /// No id, no title, or no documents.
    Missing(&'static str),
    /// Two documents with this id.
    DocumentTwice(String),
    /// A document whose id is not the one its text gives.
    IdMismatch {
        title: String,
        id: String,
        expected: String,
    },
    /// A document without its text that is not a built-in article.
    NoText {
        title: String,
        id: String,
    },
    /// The practice names a document the assignment does not have.
    PracticeNotInAssignment(String),
    /// A practice span (its place in the list, from 1) whose problem follows.
    Span {
        index: usize,
        problem: SpanProblem,
    },
}

/// What is wrong with one span of the practice key.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SpanProblem {
    /// Its offsets do not fit the document's length.
    OutOfRange {
        start: usize,
        end: usize,
        length: usize,
    },
    UnknownLabel(String),
    /// It names another document than the practice's.
    OtherDocument(String),
    /// Its text is not the document's text at its offsets.
    TextDiffers,
}

/// An assignment that passed every check, with its documents made.
#[derive(Clone, Debug, PartialEq)]
pub struct Assignment {
    pub file: AssignmentFile,
    /// The documents, in the file's order: built-in ones as the library has them, the others
    /// made from their texts.
    pub documents: Vec<Rc<Document>>,
}

/// Reads and checks an assignment file. `builtin` gives the built-in article with an id, for
/// documents whose text is left out.
pub fn parse(
    unicode: &dyn Unicode,
    text: &str,
    builtin: &dyn Fn(&str) -> Option<Rc<Document>>,
) -> Result<Assignment, AssignmentError> {
    use AssignmentError as E;
    if text.len() > MAX_BYTES {
        return Err(E::TooLarge {
            megabytes: text.len().div_ceil(1024 * 1024),
        });
    }
    if let Some(depth) = too_deep(text) {
        return Err(E::TooDeep { depth });
    }
    let value: serde_json::Value =
        serde_json::from_str(text).map_err(|e| E::NotJson(json_problem(&e)))?;
    match value.get("format").map(|f| f.as_str()) {
        Some(Some(FORMAT)) => {}
        Some(Some(other)) => return Err(E::OtherFormat(Some(other.to_string()))),
        _ => return Err(E::OtherFormat(None)),
    }
    match value.get("version").and_then(serde_json::Value::as_u64) {
        Some(VERSION) => {}
        Some(v) if v > VERSION => return Err(E::NewerVersion(v)),
        _ => return Err(E::UnknownVersion),
    }
    if let Some((index, label)) = unknown_label(&value) {
        let problem = SpanProblem::UnknownLabel(label);
        return Err(E::Span { index, problem });
    }
    let file: AssignmentFile =
        serde_json::from_str(text).map_err(|e| E::Malformed(json_problem(&e)))?;
    check(unicode, file, builtin)
}

/// Checks a parsed file and makes its documents.
pub fn check(
    unicode: &dyn Unicode,
    file: AssignmentFile,
    builtin: &dyn Fn(&str) -> Option<Rc<Document>>,
) -> Result<Assignment, AssignmentError> {
    use AssignmentError as E;
    if file.id.trim().is_empty() {
        return Err(E::Missing("id"));
    }
    if file.title.trim().is_empty() {
        return Err(E::Missing("title"));
    }
    if file.documents.is_empty() {
        return Err(E::Missing("documents"));
    }
    let mut documents: Vec<Rc<Document>> = Vec::with_capacity(file.documents.len());
    for d in &file.documents {
        if documents.iter().any(|o| o.id == d.id) {
            return Err(E::DocumentTwice(d.id.clone()));
        }
        // A blank text counts as none: the document must then be a built-in article.
        let doc = match d.text.as_deref().filter(|t| !t.trim().is_empty()) {
            Some(text) => {
                let meta = DocumentMeta {
                    title: d.title.clone(),
                    source: d.source.clone(),
                    ..DocumentMeta::default()
                };
                let doc = Document::new(unicode, meta, text, false);
                if doc.id != d.id {
                    return Err(E::IdMismatch {
                        title: d.title.clone(),
                        id: d.id.clone(),
                        expected: doc.id,
                    });
                }
                Rc::new(doc)
            }
            None => builtin(&d.id).ok_or_else(|| E::NoText {
                title: d.title.clone(),
                id: d.id.clone(),
            })?,
        };
        documents.push(doc);
    }
    if let Some(p) = &file.practice {
        let doc = documents
            .iter()
            .find(|d| d.id == p.document)
            .ok_or_else(|| E::PracticeNotInAssignment(p.document.clone()))?;
        for (i, s) in p.annotations.iter().enumerate() {
            span_problem(doc, s).map_or(Ok(()), |problem| {
                Err(E::Span {
                    index: i + 1,
                    problem,
                })
            })?;
        }
    }
    Ok(Assignment { file, documents })
}

fn span_problem(doc: &Document, span: &Exported) -> Option<SpanProblem> {
    let s = &span.annotation;
    if s.document != doc.id {
        return Some(SpanProblem::OtherDocument(s.document.clone()));
    }
    if s.start >= s.end || s.end > doc.len() {
        return Some(SpanProblem::OutOfRange {
            start: s.start,
            end: s.end,
            length: doc.len(),
        });
    }
    (doc.slice(s.start, s.end) != span.quote.text).then_some(SpanProblem::TextDiffers)
}

/// A practice span's label that Discern does not know, by the span's place (from 1), read
/// from the file as JSON before its types are: the problem is then said with the span.
fn unknown_label(value: &serde_json::Value) -> Option<(usize, String)> {
    let spans = value.get("practice")?.get("annotations")?.as_array()?;
    spans.iter().enumerate().find_map(|(i, span)| {
        let label = span.get("label")?.as_str()?;
        Label::parse(label)
            .is_none()
            .then(|| (i + 1, label.to_string()))
    })
}

impl Assignment {
    /// The changes that open the assignment in `ws`, as one undoable step: its documents not
    /// in the library are added, and the assignment (without its documents' texts, which the
    /// library keeps) is opened, in place of a different one with the same id. None when it
    /// is open as it is already.
    pub fn opening(&self, ws: &Workspace) -> Vec<Change> {
        let mut file = self.file.clone();
        for d in &mut file.documents {
            d.text = None;
        }
        let mut changes: Vec<Change> = self
            .documents
            .iter()
            .filter(|d| ws.document(&d.id).is_none())
            .map(|d| Change::AddDocument(d.clone()))
            .collect();
        match ws.assignment(&file.id) {
            Some(open) if **open == file => return changes,
            Some(open) => changes.push(Change::CloseAssignment(open.clone())),
            None => {}
        }
        changes.push(Change::OpenAssignment(Rc::new(file)));
        changes
    }
}
