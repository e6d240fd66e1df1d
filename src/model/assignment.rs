//! Assignments (`docs/FORMATS.md#assignments`): one file in which a teacher sets the work:
//! a title and instructions, the documents to read, what each label means, and optionally a
//! practice document with the key's spans and why. This module reads and checks such a file
//! and writes one; what is wrong with a file is an [`AssignmentError`], turned into words
//! where it is shown.

use super::annotation::Label;
use super::document::{Document, DocumentMeta};
use super::formats::{ExportedAnnotation, ExportedDocument};
use super::import::{self, MAX_BYTES};
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

/// What each label means, in a sentence or two a 14-year-old understands.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
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

impl Default for Guidelines {
    /// Discern's own: written for media literacy, each with a one-line example.
    fn default() -> Self {
        Guidelines {
            claim: "A statement of fact that could be checked and shown true or false. \
                    Example: “The prison holds 40,000 inmates.”"
                .into(),
            quote: "Someone's own words, reported in the article, with or without quotation \
                    marks. Example: “We will not return him,” the president said."
                .into(),
            opinion: "What the writer thinks or feels: a judgement that cannot be proved. \
                      Example: “It was a shameful visit.”"
                .into(),
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
    NotJson(String),
    /// Another format (its name), or none.
    OtherFormat(Option<String>),
    NewerVersion(u64),
    UnknownVersion,
    /// A field has the wrong shape (serde's words).
    Malformed(String),
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

impl Assignment {
    /// The guidelines shown: the file's, or Discern's own.
    pub fn guidelines(&self) -> Guidelines {
        self.file.guidelines.clone().unwrap_or_default()
    }
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
        serde_json::from_str(text).map_err(|e| E::NotJson(e.to_string()))?;
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
        serde_json::from_str(text).map_err(|e| E::Malformed(import::serde_words(&e)))?;
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

impl Assignment {
    /// The ids of the documents handed in: every document of the assignment but the
    /// practice one.
    pub fn handed_in(&self) -> Vec<String> {
        let practice = self.file.practice.as_ref().map(|p| p.document.as_str());
        self.file
            .documents
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
        file.assignment = Some(self.file.id.clone());
        (file, hand_in_name(&self.file.title, annotator))
    }
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
    use crate::model::corpus;

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
        assert_eq!(a.guidelines(), Guidelines::default());
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
        crate::model::formats::tests::check_schema::<AssignmentFile>(
            "discern.assignment.v1.schema.json",
        );
    }

    #[test]
    fn a_hand_in_carries_the_assignment_and_leaves_out_the_practice() {
        let b = builtins();
        let a = parse_value(&valid(&b), &b).unwrap();
        let mut ws = crate::model::Workspace::new(corpus::builtin());
        ws.apply(&crate::model::Change::AddDocument(a.documents[1].clone()))
            .unwrap();
        let ann = |id: &str, doc: &str| {
            Rc::new(crate::model::Annotation::new(
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
            ws.apply(&crate::model::Change::Add(ann(id, doc))).unwrap();
        }
        let (file, name) = a.hand_in(&ws, "Ana B.", "2026-12-01T10:00:00Z");
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
        assert!(crate::model::import::parse(&text).is_ok());
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
