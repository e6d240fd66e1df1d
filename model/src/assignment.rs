//! Assignments (`docs/FORMATS.md#assignments`): one file in which a teacher sets the work:
//! a title and instructions, the documents to read, what each label means, and optionally a
//! practice document with the key's spans and why. This module reads and checks such a file
//! and writes one; what is wrong with a file is an [`AssignmentError`], turned into words
//! where it is shown.

use super::annotation::{Annotation, Label};
use super::compare::Span;
use super::document::{Document, DocumentMeta};
use super::formats::{ExportedAnnotation, ExportedDocument};
use super::import::{self, MAX_BYTES};
use super::outcome::{outcomes, Outcome, Row};
use super::workspace::Change;
use serde::{Deserialize, Serialize};
use std::rc::Rc;

/// The format's name in the `format` field.
pub const FORMAT: &str = "discern.assignment";
/// The version this Discern reads and writes.
pub const VERSION: u64 = 1;

/// An assignment file, as it is written (`discern.assignment`, version 1).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[cfg_attr(
    test,
    schemars(
        title = "Discern assignment, version 1",
        extend("$id" = "urn:discern:schema:assignment:v1", "additionalProperties" = false)
    )
)]
pub struct AssignmentFile {
    #[cfg_attr(test, schemars(extend("const" = "discern.assignment")))]
    pub format: String,
    #[cfg_attr(test, schemars(extend("const" = 1)))]
    pub version: u64,
    /// A stable name of the assignment; hand-ins carry it.
    #[cfg_attr(test, schemars(length(min = 1)))]
    pub id: String,
    #[cfg_attr(test, schemars(length(min = 1)))]
    pub title: String,
    /// Plain text; blank lines separate paragraphs.
    #[serde(default)]
    pub instructions: String,
    /// The documents to read, as a native file lists them; `text` may be left out for a
    /// built-in article.
    #[cfg_attr(test, schemars(length(min = 1)))]
    pub documents: Vec<ExportedDocument>,
    /// What each label means, shown to students; Discern's own when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub guidelines: Option<Guidelines>,
    /// A document to practise on, with the key's spans.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub practice: Option<Practice>,
    /// Who set the assignment.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created_by: Option<String>,
}

// (An assignment without them shows Discern's own, in the reader's language:
// `messages::default_guidelines`.)
/// What each label means, in a sentence or two a 14-year-old understands.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[cfg_attr(test, schemars(extend("additionalProperties" = false)))]
pub struct Guidelines {
    pub claim: String,
    pub quote: String,
    pub opinion: String,
}

impl Guidelines {
    /// The guideline of `label`.
    pub fn of(&self, label: Label) -> &str {
        match label {
            Label::Claim => &self.claim,
            Label::Quote => &self.quote,
            Label::Opinion => &self.opinion,
        }
    }
}

/// The practice document and the key's spans on it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[cfg_attr(test, schemars(extend("additionalProperties" = false)))]
pub struct Practice {
    /// The id of one of the assignment's documents.
    pub document: String,
    /// The key's spans, in the native annotation shape, each with the exact `text` and a
    /// `note` saying why.
    pub annotations: Vec<ExportedAnnotation>,
}

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
    NotJson(import::JsonProblem),
    /// Another format (its name), or none.
    OtherFormat(Option<String>),
    NewerVersion(u64),
    UnknownVersion,
    /// A field has the wrong shape.
    Malformed(import::JsonProblem),
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
    text: &str,
    builtin: &dyn Fn(&str) -> Option<Rc<Document>>,
) -> Result<Assignment, AssignmentError> {
    use AssignmentError as E;
    if text.len() > MAX_BYTES {
        return Err(E::TooLarge {
            megabytes: text.len().div_ceil(1024 * 1024),
        });
    }
    if let Some(depth) = import::too_deep(text) {
        return Err(E::TooDeep { depth });
    }
    let value: serde_json::Value =
        serde_json::from_str(text).map_err(|e| E::NotJson(import::json_problem(&e)))?;
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
    let file: AssignmentFile =
        serde_json::from_str(text).map_err(|e| E::Malformed(import::json_problem(&e)))?;
    check(file, builtin)
}

/// Checks a parsed file and makes its documents.
pub fn check(
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
                let doc = Document::new(meta, text, false);
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

fn span_problem(doc: &Document, s: &ExportedAnnotation) -> Option<SpanProblem> {
    if s.document != doc.id {
        return Some(SpanProblem::OtherDocument(s.document.clone()));
    }
    if Label::parse(&s.label).is_none() {
        return Some(SpanProblem::UnknownLabel(s.label.clone()));
    }
    if s.start >= s.end || s.end > doc.len() {
        return Some(SpanProblem::OutOfRange {
            start: s.start,
            end: s.end,
            length: doc.len(),
        });
    }
    (doc.slice(s.start, s.end) != s.text).then_some(SpanProblem::TextDiffers)
}

impl AssignmentFile {
    /// The ids of the documents handed in: every document of the assignment but the
    /// practice one.
    pub fn handed_in(&self) -> Vec<String> {
        let practice = self.practice.as_ref().map(|p| p.document.as_str());
        self.documents
            .iter()
            .filter(|d| Some(d.id.as_str()) != practice)
            .map(|d| d.id.clone())
            .collect()
    }

    /// The hand-in of `annotator`'s work in `ws` on the assignment's documents (not the
    /// practice one), as a native file carrying the assignment's id, and its file name.
    pub fn hand_in(
        &self,
        ws: &super::Workspace,
        annotator: &str,
        exported_at: &str,
    ) -> (super::formats::NativeFile, String) {
        let ids = self.handed_in();
        let mut file = super::formats::export_native(ws, Some(&ids), annotator, exported_at, false);
        file.assignment = Some(self.id.clone());
        (file, hand_in_name(&self.title, annotator))
    }

    /// Whether `doc` is the assignment's practice document.
    pub fn is_practice(&self, doc: &str) -> bool {
        self.practice.as_ref().is_some_and(|p| p.document == doc)
    }

    /// The practice key's spans (none without a practice document).
    pub fn key_spans(&self) -> Vec<Span> {
        self.practice
            .iter()
            .flat_map(|p| &p.annotations)
            .filter_map(|a| {
                Some(Span {
                    doc: a.document.clone(),
                    label: Label::parse(&a.label)?,
                    start: a.start,
                    end: a.end,
                })
            })
            .collect()
    }
}

impl Assignment {
    /// The changes that open the assignment in `ws`, as one undoable step: its documents not
    /// in the library are added, and the assignment (without its documents' texts, which the
    /// library keeps) is opened, in place of a different one with the same id. None when it
    /// is open as it is already.
    pub fn opening(&self, ws: &super::Workspace) -> Vec<Change> {
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

/// A practice *Check*: the reader's spans on the practice document against the key.
#[derive(Clone, Debug, PartialEq)]
pub struct Checked {
    /// Every outcome once, in the order of the text by the reader's span (the key's where
    /// there is none), as `shown` lists them (indices into `key` and `mine`).
    pub rows: Vec<Row>,
    /// How many of each outcome, in the order of [`Outcome::ALL`].
    pub counts: [usize; 5],
    /// The key's spans, as the file gives them (with the teacher's notes).
    pub key: Vec<ExportedAnnotation>,
    /// The reader's spans checked, in text order.
    pub mine: Vec<Rc<Annotation>>,
    /// What the text shows: the reader's spans and the key's missed ones (with ids
    /// `key-<n>`, `n` counting the key's spans from 0), in text order, each with its outcome.
    pub shown: Rc<Vec<Rc<Annotation>>>,
    pub outcomes: Rc<Vec<Option<Outcome>>>,
}

/// Checks `mine`, the reader's annotations on the practice document, against the key of
/// `file` (`docs/FORMATS.md#outcomes`). `mine` is in text order, as the workspace keeps it.
pub fn check_practice(file: &AssignmentFile, mine: &[Rc<Annotation>]) -> Checked {
    let key: Vec<ExportedAnnotation> = file
        .practice
        .iter()
        .flat_map(|p| &p.annotations)
        .filter(|a| Label::parse(&a.label).is_some())
        .cloned()
        .collect();
    let key_spans = file.key_spans();
    let mine_spans: Vec<Span> = mine
        .iter()
        .map(|a| Span {
            doc: a.document.clone(),
            label: a.label,
            start: a.start,
            end: a.end,
        })
        .collect();
    let o = outcomes(&key_spans, &mine_spans);
    let mut shown: Vec<Rc<Annotation>> = mine.to_vec();
    for (k, (span, &(outcome, _))) in key_spans.iter().zip(&o.key).enumerate() {
        if outcome == Outcome::Missed {
            let mut a = Annotation::new(
                format!("key-{k}"),
                &span.doc,
                span.label,
                span.start,
                span.end,
            );
            a.note = key[k].note.clone();
            shown.push(Rc::new(a));
        }
    }
    // In the order of the text, and each with its row: the reader's own spans are found in
    // `mine` (which is in text order too), the others are the key's missed ones.
    Annotation::sort_in_text_order(&mut shown);
    let rows: Vec<Row> = shown
        .iter()
        .map(|a| {
            let at = mine.binary_search_by(|m| m.order_key().cmp(&a.order_key()));
            match at {
                Ok(m) if Rc::ptr_eq(&mine[m], a) => Row {
                    outcome: o.mine[m].0,
                    key: o.mine[m].1,
                    mine: Some(m),
                },
                _ => Row {
                    outcome: Outcome::Missed,
                    key: a.id.strip_prefix("key-").and_then(|k| k.parse().ok()),
                    mine: None,
                },
            }
        })
        .collect();
    Checked {
        outcomes: Rc::new(rows.iter().map(|r| Some(r.outcome)).collect()),
        rows,
        counts: o.counts(),
        key,
        mine: mine.to_vec(),
        shown: Rc::new(shown),
    }
}

/// What a teacher sets in a new assignment, before it is a file.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Draft {
    /// The assignment's id: made once, when the draft is begun, so that every download of
    /// it names the same assignment.
    pub id: String,
    pub title: String,
    pub instructions: String,
    /// The ids of the documents to read, in the library's order.
    pub documents: Vec<String>,
    pub guidelines: Guidelines,
    /// The practice document, one of `documents`: its key is the teacher's tags on it.
    pub practice: Option<String>,
    pub created_by: String,
}

/// Why a draft is not an assignment yet.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DraftProblem {
    NoTitle,
    NoDocuments,
}

impl Draft {
    /// The assignment file of the draft over the library `ws`: the documents with the texts
    /// of those not built in, the guidelines, and the practice key made of the teacher's
    /// annotations on the practice document (with their notes).
    pub fn file(&self, ws: &super::Workspace) -> Result<AssignmentFile, DraftProblem> {
        if self.title.trim().is_empty() {
            return Err(DraftProblem::NoTitle);
        }
        let docs: Vec<&Rc<Document>> = ws
            .documents()
            .iter()
            .filter(|d| self.documents.contains(&d.id))
            .collect();
        if docs.is_empty() {
            return Err(DraftProblem::NoDocuments);
        }
        let practice = self
            .practice
            .as_ref()
            .and_then(|id| docs.iter().find(|d| d.id == *id))
            .map(|d| Practice {
                document: d.id.clone(),
                annotations: ws
                    .annotations(&d.id)
                    .iter()
                    .map(|a| super::formats::export_annotation(d, a))
                    .collect(),
            });
        Ok(AssignmentFile {
            format: FORMAT.to_string(),
            version: VERSION,
            id: self.id.clone(),
            title: self.title.trim().to_string(),
            instructions: self.instructions.trim().to_string(),
            documents: docs
                .iter()
                .map(|d| ExportedDocument::of(d, false, !d.builtin))
                .collect(),
            guidelines: Some(self.guidelines.clone()),
            practice,
            created_by: Some(self.created_by.trim().to_string()).filter(|c| !c.is_empty()),
        })
    }
}

/// Whether `text` is an assignment file (JSON whose `format` is `discern.assignment`): how
/// a picked or dropped file is told from an annotation file.
pub fn is_assignment(text: &str) -> bool {
    #[derive(Deserialize)]
    struct Head<'a> {
        #[serde(borrow, default)]
        format: Option<std::borrow::Cow<'a, str>>,
    }
    import::too_deep(text).is_none()
        && serde_json::from_str::<Head>(text).is_ok_and(|h| h.format.as_deref() == Some(FORMAT))
}

/// A file name made of an assignment's title and a name, in safe characters only:
/// `<title>-<name>.json`. Letters and digits of any script stay, with the marks that belong
/// to them; every other run of characters becomes one `-`. Each part keeps at most 60
/// characters and 100 bytes, so the name fits every file system.
pub fn hand_in_name(title: &str, name: &str) -> String {
    let safe = |s: &str| {
        let mut out = String::new();
        let mut kept = false;
        for (i, c) in s.char_indices() {
            // A mark or joiner inside the grapheme of a kept letter stays with it.
            let inside = i > 0 && !super::text::is_grapheme_boundary(s, i);
            kept = super::text::is_alphanumeric(c) || (kept && inside);
            if kept {
                out.push(c);
            } else if !out.is_empty() && !out.ends_with('-') {
                out.push('-');
            }
        }
        let mut cut = String::new();
        for c in out.chars().take(60) {
            if cut.len() + c.len_utf8() > 100 {
                break;
            }
            cut.push(c);
        }
        cut.trim_end_matches('-').to_string()
    };
    let (t, n) = (safe(title), safe(name));
    let t = if t.is_empty() { "assignment".into() } else { t };
    let n = if n.is_empty() { "work".into() } else { n };
    format!("{t}-{n}.json")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus;

    fn builtins() -> Vec<Rc<Document>> {
        corpus::builtin().into_iter().map(Rc::new).collect()
    }

    fn lookup(docs: &[Rc<Document>]) -> impl Fn(&str) -> Option<Rc<Document>> + '_ {
        move |id| docs.iter().find(|d| d.id == id).cloned()
    }

    /// An assignment with one built-in article and one own text, practising on the latter.
    fn valid(b: &[Rc<Document>]) -> serde_json::Value {
        let own = Document::new(
            DocumentMeta::default(),
            "Ministers met. Critics said no.",
            false,
        );
        serde_json::json!({
            "format": "discern.assignment", "version": 1, "id": "a-week-3",
            "title": "Week 3", "instructions": "Read both.\n\nTag them.",
            "documents": [
                { "id": b[0].id, "title": b[0].meta.title },
                { "id": own.id, "title": "Council", "source": null, "text": "Ministers met. Critics said no." }
            ],
            "practice": { "document": own.id, "annotations": [
                { "id": "k1", "document": own.id, "label": "claim", "start": 0, "end": 13,
                  "text": "Ministers met", "note": "Can be checked." }
            ] }
        })
    }

    fn parse_value(
        v: &serde_json::Value,
        b: &[Rc<Document>],
    ) -> Result<Assignment, AssignmentError> {
        parse(&v.to_string(), &lookup(b))
    }

    #[test]
    fn a_valid_file_is_read_with_its_documents_and_the_default_guidelines() {
        let b = builtins();
        let a = parse_value(&valid(&b), &b).unwrap();
        assert_eq!(a.documents.len(), 2);
        assert!(Rc::ptr_eq(&a.documents[0], &b[0]));
        assert_eq!(a.documents[1].meta.title, "Council");
        // No guidelines: the reader's language gives Discern's own.
        assert_eq!(a.file.guidelines, None);
        // Written and read again, it is the same.
        let again = serde_json::to_string(&a.file).unwrap();
        assert_eq!(parse(&again, &lookup(&b)).unwrap().file, a.file);
    }

    #[test]
    fn each_problem_is_named_and_nothing_is_made() {
        use AssignmentError as E;
        let b = builtins();
        let with = |f: &dyn Fn(&mut serde_json::Value)| {
            let mut v = valid(&b);
            f(&mut v);
            parse_value(&v, &b).unwrap_err()
        };
        assert!(matches!(parse("{", &lookup(&b)), Err(E::NotJson(_))));
        assert_eq!(
            with(&|v| v["format"] = "discern.annotations".into()),
            E::OtherFormat(Some("discern.annotations".into()))
        );
        assert_eq!(with(&|v| v["version"] = 2.into()), E::NewerVersion(2));
        assert_eq!(with(&|v| v["version"] = "1".into()), E::UnknownVersion);
        assert!(matches!(
            with(&|v| v["documents"] = 3.into()),
            E::Malformed(_)
        ));
        assert_eq!(with(&|v| v["id"] = " ".into()), E::Missing("id"));
        assert_eq!(
            with(&|v| v["documents"] = serde_json::json!([])),
            E::Missing("documents")
        );
        assert!(matches!(
            with(&|v| v["documents"][1]["text"] = "Another text".into()),
            E::IdMismatch { .. }
        ));
        assert_eq!(
            with(&|v| v["documents"][0]["id"] = "d0000000000000000".into()),
            E::NoText {
                title: b[0].meta.title.clone(),
                id: "d0000000000000000".into()
            }
        );
        assert_eq!(
            with(&|v| v["practice"]["document"] = "dffff".into()),
            E::PracticeNotInAssignment("dffff".into())
        );
        assert_eq!(
            with(&|v| v["practice"]["annotations"][0]["end"] = 99.into()),
            E::Span {
                index: 1,
                problem: SpanProblem::OutOfRange {
                    start: 0,
                    end: 99,
                    length: 31
                }
            }
        );
        assert_eq!(
            with(&|v| v["practice"]["annotations"][0]["text"] = "Ministers".into()),
            E::Span {
                index: 1,
                problem: SpanProblem::TextDiffers
            }
        );
        assert_eq!(
            with(&|v| v["practice"]["annotations"][0]["document"] = "d123".into()),
            E::Span {
                index: 1,
                problem: SpanProblem::OtherDocument("d123".into())
            }
        );
        assert_eq!(
            with(&|v| v["practice"]["annotations"][0]["label"] = "fact".into()),
            E::Span {
                index: 1,
                problem: SpanProblem::UnknownLabel("fact".into())
            }
        );
        let big = " ".repeat(MAX_BYTES + 1);
        assert_eq!(
            parse(&big, &lookup(&b)).unwrap_err(),
            E::TooLarge { megabytes: 21 }
        );
    }

    /// `schema/discern.assignment.v1.schema.json` is the JSON Schema of what Discern writes.
    #[test]
    fn committed_schema_is_generated_from_the_types() {
        crate::formats::tests::check_schema::<AssignmentFile>("discern.assignment.v1.schema.json");
    }

    #[test]
    fn opening_adds_what_is_missing_once_and_replaces_a_changed_file() {
        let b = builtins();
        let a = parse_value(&valid(&b), &b).unwrap();
        let mut ws = crate::Workspace::new(corpus::builtin());
        let changes = a.opening(&ws);
        // The own text is added, the built-in one is there; the file is kept without texts.
        assert!(
            matches!(&changes[..], [Change::AddDocument(d), Change::OpenAssignment(f)]
            if d.id == a.documents[1].id && f.documents.iter().all(|d| d.text.is_none()))
        );
        ws.apply_all(&changes).unwrap();
        assert!(
            a.opening(&ws).is_empty(),
            "the same file again changes nothing"
        );
        assert_eq!(ws.assignment_of(&b[0].id).unwrap().id, "a-week-3");
        let mut v = valid(&b);
        v["title"] = "Week 3, corrected".into();
        let b2 = parse_value(&v, &b).unwrap();
        let replace = b2.opening(&ws);
        assert!(
            matches!(&replace[..], [Change::CloseAssignment(old), Change::OpenAssignment(new)]
            if old.title == "Week 3" && new.title == "Week 3, corrected")
        );
        ws.apply_all(&replace).unwrap();
        assert_eq!(ws.assignments().len(), 1);
    }

    #[test]
    fn a_document_in_two_assignments_belongs_to_the_one_that_practises_on_it() {
        let b = builtins();
        let a = parse_value(&valid(&b), &b).unwrap();
        let own = a.documents[1].id.clone();
        // Week 1 lists the own text as a document to hand in; week 3 practises on it.
        let mut v = valid(&b);
        v["id"] = "a-week-1".into();
        v["title"] = "Week 1".into();
        v.as_object_mut().unwrap().remove("practice");
        let week1 = parse_value(&v, &b).unwrap();
        let mut ws = crate::Workspace::new(corpus::builtin());
        ws.apply_all(&week1.opening(&ws)).unwrap();
        ws.apply_all(&a.opening(&ws)).unwrap();
        assert_eq!(ws.assignment_of(&own).unwrap().id, "a-week-3");
        assert_eq!(ws.assignment_of(&b[0].id).unwrap().id, "a-week-1");
    }

    #[test]
    fn an_assignment_is_told_from_other_files_by_its_format() {
        let b = builtins();
        assert!(is_assignment(&valid(&b).to_string()));
        assert!(!is_assignment(
            r#"{"format":"discern.annotations","version":1}"#
        ));
        assert!(!is_assignment("not json"));
        assert!(!is_assignment(&"[".repeat(10_000)));
    }

    #[test]
    fn a_check_gives_each_span_its_outcome_in_the_order_of_the_text() {
        let b = builtins();
        let mut v = valid(&b);
        let own = v["practice"]["document"].as_str().unwrap().to_string();
        // The key: a claim 0..13 (hit), a quote 15..22 (the student's opinion: wrong label),
        // an opinion 23..30 (missed).
        v["practice"]["annotations"] = serde_json::json!([
            { "id": "k1", "document": own, "label": "claim", "start": 0, "end": 13, "text": "Ministers met", "note": "Checkable." },
            { "id": "k2", "document": own, "label": "quote", "start": 15, "end": 22, "text": "Critics", "note": "Their words." },
            { "id": "k3", "document": own, "label": "opinion", "start": 23, "end": 30, "text": "said no", "note": "A judgement." }
        ]);
        let a = parse_value(&v, &b).unwrap();
        let mine = |id: &str, label, start, end| {
            Rc::new(Annotation::new(id, own.as_str(), label, start, end))
        };
        // In text order, as the workspace keeps them; m3 is extra.
        let list = vec![
            mine("m1", Label::Claim, 0, 13),
            mine("m3", Label::Claim, 9, 13),
            mine("m2", Label::Opinion, 15, 22),
        ];
        let c = check_practice(&a.file, &list);
        let rows: Vec<(Outcome, Option<usize>, Option<usize>)> =
            c.rows.iter().map(|r| (r.outcome, r.key, r.mine)).collect();
        assert_eq!(
            rows,
            [
                (Outcome::Hit, Some(0), Some(0)),
                (Outcome::Extra, None, Some(1)),
                (Outcome::WrongLabel, Some(1), Some(2)),
                (Outcome::Missed, Some(2), None),
            ]
        );
        assert_eq!(c.counts, [1, 1, 0, 1, 1]);
        let shown: Vec<&str> = c.shown.iter().map(|a| a.id.as_str()).collect();
        assert_eq!(shown, ["m1", "m3", "m2", "key-2"]);
        assert_eq!(c.shown[3].note, "A judgement.");
        assert_eq!(c.outcomes.len(), c.shown.len());
        // Nothing tagged: every key span is missed; no key: every span is extra.
        let none = check_practice(&a.file, &[]);
        assert_eq!(none.counts, [0, 0, 0, 0, 3]);
        let mut no_key = a.file.clone();
        no_key.practice.as_mut().unwrap().annotations.clear();
        assert_eq!(check_practice(&no_key, &list).counts, [0, 0, 0, 3, 0]);
    }

    #[test]
    fn a_draft_becomes_a_file_with_the_teachers_tags_as_the_key() {
        let b = builtins();
        let mut ws = crate::Workspace::new(corpus::builtin());
        let own = Rc::new(Document::new(
            DocumentMeta {
                title: "Mine".into(),
                ..DocumentMeta::default()
            },
            "My own text here.",
            false,
        ));
        ws.apply(&Change::AddDocument(own.clone())).unwrap();
        let mut key = Annotation::new("t1", own.id.as_str(), Label::Claim, 0, 6);
        key.note = "Why.".into();
        ws.apply(&Change::Add(Rc::new(key))).unwrap();
        let mut d = Draft {
            id: "a-1".into(),
            title: " ".into(),
            documents: vec![own.id.clone(), b[0].id.clone()],
            practice: Some(own.id.clone()),
            created_by: "Ms Ruiz".into(),
            ..Draft::default()
        };
        assert_eq!(d.file(&ws), Err(DraftProblem::NoTitle));
        d.title = "Week 1".into();
        let file = d.file(&ws).unwrap();
        // In the library's order; own texts travel, built-in ones do not.
        assert_eq!(
            file.documents
                .iter()
                .map(|x| x.id.as_str())
                .collect::<Vec<_>>(),
            [b[0].id.as_str(), own.id.as_str()]
        );
        assert_eq!(file.documents[0].text, None);
        assert_eq!(file.documents[1].text.as_deref(), Some("My own text here."));
        let p = file.practice.clone().unwrap();
        assert_eq!(
            (
                p.annotations[0].text.as_str(),
                p.annotations[0].note.as_str()
            ),
            ("My own", "Why.")
        );
        // What it writes, it reads.
        let again = parse(&serde_json::to_string(&file).unwrap(), &lookup(&b)).unwrap();
        assert_eq!(again.file, file);
        d.documents.clear();
        assert_eq!(d.file(&ws), Err(DraftProblem::NoDocuments));
    }

    #[test]
    fn a_hand_in_carries_the_assignment_and_leaves_out_the_practice() {
        let b = builtins();
        let a = parse_value(&valid(&b), &b).unwrap();
        let mut ws = crate::Workspace::new(corpus::builtin());
        ws.apply(&crate::Change::AddDocument(a.documents[1].clone()))
            .unwrap();
        let ann = |id: &str, doc: &str| {
            Rc::new(crate::Annotation::new(
                id.to_string(),
                doc,
                Label::Claim,
                0,
                9,
            ))
        };
        // One tag in the assigned built-in article, one in the practice text, one elsewhere.
        for (id, doc) in [
            ("x1", &b[0].id),
            ("x2", &a.documents[1].id),
            ("x3", &b[1].id),
        ] {
            ws.apply(&crate::Change::Add(ann(id, doc))).unwrap();
        }
        let (file, name) = a.file.hand_in(&ws, "Ana B.", "2026-12-01T10:00:00Z");
        assert_eq!(file.assignment.as_deref(), Some("a-week-3"));
        assert_eq!(file.annotator, "Ana B.");
        assert_eq!(name, "Week-3-Ana-B.json");
        assert_eq!(file.documents.len(), 1);
        assert_eq!(file.documents[0].id, b[0].id);
        let ids: Vec<&str> = file.annotations.iter().map(|a| a.id.as_str()).collect();
        assert_eq!(ids, ["x1"]);
        // It reads back as an annotation file.
        let text = serde_json::to_string(&file).unwrap();
        assert!(text.contains(r#""assignment":"a-week-3""#));
        assert!(crate::import::parse(&text).is_ok());
    }

    #[test]
    fn hand_in_names_keep_letters_and_digits_only() {
        assert_eq!(
            hand_in_name("Week 3: El Salvador", "Ana B."),
            "Week-3-El-Salvador-Ana-B.json"
        );
        assert_eq!(hand_in_name("../../etc", "<script>"), "etc-script.json");
        assert_eq!(hand_in_name("", ""), "assignment-work.json");
        assert_eq!(
            hand_in_name("Semana 3 – García", "Zoë"),
            "Semana-3-García-Zoë.json"
        );
        // Marks stay with their letters, even where they are not letters themselves.
        assert_eq!(hand_in_name("हिन्दी", "e\u{301}va"), "हिन्दी-e\u{301}va.json");
        // A cut never leaves a dash, and a long name stays short in bytes too.
        let title = format!("{} words", "a".repeat(59));
        assert_eq!(
            hand_in_name(&title, "Ana"),
            format!("{}-Ana.json", "a".repeat(59))
        );
        let long = hand_in_name(&"漢".repeat(80), &"字".repeat(80));
        assert!(long.len() <= 100 + 1 + 100 + 5, "{} bytes", long.len());
    }
}
