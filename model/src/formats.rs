//! Discern's export formats, as `docs/FORMATS.md` describes them: the native format
//! (`discern.annotations`, version 1: documents with their SHA-256 and length, annotations
//! with code-point offsets and the exact quote with up to 32 characters of context either
//! side), whose types import reads too; W3C Web Annotation JSON-LD; and CSV.

use super::annotation::{Annotation, Label};
use super::document::Document;
use super::workspace::{Orphan, Workspace};
use serde::{Deserialize, Serialize};

/// The format's name in the `format` field.
pub const FORMAT: &str = "discern.annotations";
/// How many code points of context `prefix` and `suffix` hold at most.
pub const CONTEXT: usize = 32;

/// Reads `null` as the field's default, as files written by other tools often have it.
fn null_as_default<'de, D, T>(d: D) -> Result<T, D::Error>
where
    D: serde::Deserializer<'de>,
    T: Default + Deserialize<'de>,
{
    Ok(Option::<T>::deserialize(d)?.unwrap_or_default())
}

/// A document as a native file describes it. Exports always write every field but `text`
/// (written when the export includes the texts); import also reads files without `sha256`
/// or `length`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[cfg_attr(test, schemars(extend("additionalProperties" = false)))]
pub struct ExportedDocument {
    /// `d` and the first 16 hex digits of the SHA-256 of the text.
    #[cfg_attr(test, schemars(length(min = 1)))]
    pub id: String,
    #[serde(default, deserialize_with = "null_as_default")]
    pub title: String,
    /// Where the text comes from, when the reader said.
    #[serde(default)]
    pub source: Option<String>,
    /// The SHA-256 of the text's UTF-8 bytes, in lowercase hex.
    #[serde(default)]
    #[cfg_attr(test, schemars(regex(pattern = r"^[0-9a-f]{64}$")))]
    pub sha256: Option<String>,
    /// The text's length in Unicode code points.
    #[serde(default)]
    #[cfg_attr(test, schemars(range(min = 0)))]
    pub length: Option<usize>,
    /// The text itself, in a reading pack.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
}

impl ExportedDocument {
    /// How a file lists `doc`: with its `sha256` and `length` when `sums`, with its text when
    /// `text`.
    pub fn of(doc: &Document, sums: bool, text: bool) -> Self {
        ExportedDocument {
            id: doc.id.clone(),
            title: doc.meta.title.clone(),
            source: doc.meta.source.clone(),
            sha256: sums.then(|| doc.sha256.clone()),
            length: sums.then(|| doc.len()),
            text: text.then(|| doc.text.to_string()),
        }
    }
}

/// An annotation as a native file describes it. Offsets count Unicode code points of the
/// document's text, end exclusive. Import reads files without the optional context fields.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[cfg_attr(test, schemars(extend("additionalProperties" = false)))]
pub struct ExportedAnnotation {
    #[cfg_attr(test, schemars(length(min = 1)))]
    pub id: String,
    /// The id of the annotated document.
    #[cfg_attr(test, schemars(length(min = 1)))]
    pub document: String,
    /// `claim`, `quote` or `opinion`.
    #[cfg_attr(test, schemars(extend("enum" = ["claim", "quote", "opinion"])))]
    pub label: String,
    #[cfg_attr(test, schemars(range(min = 0)))]
    pub start: usize,
    #[cfg_attr(test, schemars(range(min = 1)))]
    pub end: usize,
    /// The exact quote: the text from `start` to `end`.
    // `exact` is the name a stored orphan gives it.
    #[serde(default, alias = "exact", deserialize_with = "null_as_default")]
    #[cfg_attr(test, schemars(length(min = 1)))]
    pub text: String,
    /// Up to 32 code points before the quote.
    #[serde(default, deserialize_with = "null_as_default")]
    pub prefix: String,
    /// Up to 32 code points after the quote.
    #[serde(default, deserialize_with = "null_as_default")]
    pub suffix: String,
    /// Why the reader tagged it.
    #[serde(default, deserialize_with = "null_as_default")]
    pub note: String,
    /// Who is quoted, for a quote.
    #[serde(default)]
    pub speaker: Option<String>,
    #[serde(default, deserialize_with = "null_as_default")]
    pub annotator: String,
    #[serde(default, deserialize_with = "null_as_default")]
    pub created: String,
    #[serde(default, deserialize_with = "null_as_default")]
    pub modified: String,
    /// Only in storage, for an orphan: the file it came from. Never exported.
    #[serde(default, skip_serializing, deserialize_with = "null_as_default")]
    #[cfg_attr(test, schemars(skip))]
    pub source_file: String,
}

impl ExportedAnnotation {
    fn label(&self) -> Result<Label, String> {
        Label::parse(&self.label).ok_or_else(|| format!("unknown label {}", self.label))
    }
}

/// An orphan is read with the same code as an annotation (`docs/FORMATS.md#storage`).
impl TryFrom<ExportedAnnotation> for Orphan {
    type Error = String;

    fn try_from(e: ExportedAnnotation) -> Result<Self, String> {
        let label = e.label()?;
        Ok(Orphan {
            id: e.id,
            document: e.document,
            label,
            start: e.start,
            end: e.end,
            exact: e.text,
            prefix: e.prefix,
            suffix: e.suffix,
            note: e.note,
            speaker: e.speaker,
            annotator: e.annotator,
            source_file: e.source_file,
        })
    }
}

impl TryFrom<ExportedAnnotation> for Annotation {
    type Error = String;

    fn try_from(e: ExportedAnnotation) -> Result<Self, String> {
        let label = e.label()?;
        Ok(Annotation {
            note: e.note,
            speaker: e.speaker,
            annotator: e.annotator,
            created: e.created,
            modified: e.modified,
            ..Annotation::new(e.id, e.document, label, e.start, e.end)
        })
    }
}

/// A Discern export: documents (optionally with their texts) and annotations whose start and
/// end count Unicode code points of the document's text, end exclusive.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[cfg_attr(
    test,
    schemars(
        title = "Discern annotations, version 1",
        extend("$id" = "urn:discern:schema:annotations:v1", "additionalProperties" = false)
    )
)]
pub struct NativeFile<A = ExportedAnnotation> {
    #[cfg_attr(test, schemars(extend("const" = "discern.annotations")))]
    pub format: String,
    #[cfg_attr(test, schemars(extend("const" = 1)))]
    pub version: u32,
    /// When the file was written, in UTC.
    #[serde(default, deserialize_with = "null_as_default")]
    #[cfg_attr(
        test,
        schemars(regex(pattern = r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$"))
    )]
    pub exported_at: String,
    /// Whose work this is.
    #[serde(default, deserialize_with = "null_as_default")]
    pub annotator: String,
    /// In a hand-in: the id of the assignment the work was done for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub assignment: Option<String>,
    #[serde(default, deserialize_with = "null_as_default")]
    pub documents: Vec<ExportedDocument>,
    // (Import reads them first as raw JSON, to parse a batch at a time.)
    pub annotations: Vec<A>,
}

/// Exports one annotation of `doc`.
pub fn export_annotation(doc: &Document, a: &Annotation) -> ExportedAnnotation {
    let len = doc.len();
    ExportedAnnotation {
        id: a.id.clone(),
        document: a.document.clone(),
        label: a.label.as_str().to_string(),
        start: a.start,
        end: a.end,
        text: doc.slice(a.start, a.end).to_string(),
        prefix: doc
            .slice(a.start.saturating_sub(CONTEXT), a.start)
            .to_string(),
        suffix: doc.slice(a.end, (a.end + CONTEXT).min(len)).to_string(),
        note: a.note.clone(),
        speaker: a.speaker.clone(),
        annotator: a.annotator.clone(),
        created: a.created.clone(),
        modified: a.modified.clone(),
        source_file: String::new(),
    }
}

/// Exports the documents `ids` (every document when `None`) with their annotations.
pub fn export_native(
    ws: &Workspace,
    ids: Option<&[String]>,
    annotator: &str,
    exported_at: &str,
    include_texts: bool,
) -> NativeFile {
    let docs: Vec<&std::rc::Rc<Document>> = ws
        .documents()
        .iter()
        .filter(|d| ids.is_none_or(|ids| ids.contains(&d.id)))
        .collect();
    NativeFile {
        format: FORMAT.to_string(),
        version: 1,
        exported_at: exported_at.to_string(),
        annotator: annotator.to_string(),
        assignment: None,
        documents: docs
            .iter()
            .map(|d| ExportedDocument::of(d, true, include_texts))
            .collect(),
        annotations: docs
            .iter()
            .flat_map(|d| {
                ws.annotations(&d.id)
                    .iter()
                    .map(|a| export_annotation(d, a))
                    .collect::<Vec<_>>()
            })
            .collect(),
    }
}

/// The JSON-LD context of the W3C Web Annotation data model.
pub const W3C_CONTEXT: &str = "http://www.w3.org/ns/anno.jsonld";

/// The `source` of a W3C target: the document's text, named by its SHA-256.
pub fn w3c_source(sha256: &str) -> String {
    format!("urn:sha256:{sha256}")
}

/// A W3C Web Annotation `AnnotationCollection` as Discern writes it, with every annotation
/// on its first page.
#[derive(Debug, Serialize)]
pub struct W3cCollection {
    #[serde(rename = "@context")]
    context: &'static str,
    #[serde(rename = "type")]
    kind: &'static str,
    label: String,
    generated: String,
    total: usize,
    first: W3cPage,
}

#[derive(Debug, Serialize)]
struct W3cPage {
    #[serde(rename = "type")]
    kind: &'static str,
    #[serde(rename = "startIndex")]
    start_index: usize,
    items: Vec<W3cAnnotation>,
}

#[derive(Debug, Serialize)]
struct W3cAnnotation {
    id: String,
    #[serde(rename = "type")]
    kind: &'static str,
    motivation: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    creator: Option<W3cPerson>,
    #[serde(skip_serializing_if = "String::is_empty")]
    created: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    modified: String,
    body: Vec<W3cBody>,
    target: W3cTarget,
}

#[derive(Debug, Serialize)]
struct W3cPerson {
    #[serde(rename = "type")]
    kind: &'static str,
    name: String,
}

/// A `TextualBody`: the label (`tagging`), the note (`commenting`) or a quote's speaker
/// (`identifying`).
#[derive(Debug, Serialize)]
struct W3cBody {
    #[serde(rename = "type")]
    kind: &'static str,
    purpose: &'static str,
    value: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    format: Option<&'static str>,
}

#[derive(Debug, Serialize)]
struct W3cTarget {
    source: String,
    selector: (W3cQuoteSelector, W3cPositionSelector),
}

#[derive(Debug, Serialize)]
struct W3cQuoteSelector {
    #[serde(rename = "type")]
    kind: &'static str,
    exact: String,
    prefix: String,
    suffix: String,
}

#[derive(Debug, Serialize)]
struct W3cPositionSelector {
    #[serde(rename = "type")]
    kind: &'static str,
    start: usize,
    end: usize,
}

fn body(purpose: &'static str, value: String) -> W3cBody {
    W3cBody {
        kind: "TextualBody",
        purpose,
        value,
        format: None,
    }
}

/// Exports the documents `ids` (every document when `None`) as a W3C Web Annotation
/// `AnnotationCollection`: a tagging body with the label, a commenting body with the note,
/// an identifying body with a quote's speaker, and a target with a `TextQuoteSelector` and a
/// `TextPositionSelector` (code points, as the model requires).
pub fn export_w3c(
    ws: &Workspace,
    ids: Option<&[String]>,
    annotator: &str,
    exported_at: &str,
) -> W3cCollection {
    let NativeFile {
        documents,
        annotations,
        ..
    } = export_native(ws, ids, annotator, exported_at, false);
    let label = match documents.as_slice() {
        [one] => format!("Discern annotations of “{}”", one.title),
        _ => "Discern annotations".to_string(),
    };
    let mut docs = documents.iter();
    let mut doc = docs.next();
    let items: Vec<W3cAnnotation> = annotations
        .into_iter()
        .map(|a| {
            // The annotations come document by document, in the documents' order.
            while doc.is_some_and(|d| d.id != a.document) {
                doc = docs.next();
            }
            let mut bodies = vec![body("tagging", a.label)];
            if !a.note.is_empty() {
                bodies.push(W3cBody {
                    format: Some("text/plain"),
                    ..body("commenting", a.note)
                });
            }
            if let Some(s) = a.speaker {
                bodies.push(body("identifying", s));
            }
            let source = w3c_source(doc.and_then(|d| d.sha256.as_deref()).unwrap_or_default());
            W3cAnnotation {
                id: format!("urn:discern:annotation:{}", a.id),
                kind: "Annotation",
                motivation: "classifying",
                creator: (!a.annotator.is_empty()).then_some(W3cPerson {
                    kind: "Person",
                    name: a.annotator,
                }),
                created: a.created,
                modified: a.modified,
                body: bodies,
                target: W3cTarget {
                    source,
                    selector: (
                        W3cQuoteSelector {
                            kind: "TextQuoteSelector",
                            exact: a.text,
                            prefix: a.prefix,
                            suffix: a.suffix,
                        },
                        W3cPositionSelector {
                            kind: "TextPositionSelector",
                            start: a.start,
                            end: a.end,
                        },
                    ),
                },
            }
        })
        .collect();
    W3cCollection {
        context: W3C_CONTEXT,
        kind: "AnnotationCollection",
        label,
        generated: exported_at.to_string(),
        total: items.len(),
        first: W3cPage {
            kind: "AnnotationPage",
            start_index: 0,
            items,
        },
    }
}

/// The CSV columns, one row per annotation.
pub const CSV_HEADER: [&str; 7] = [
    "annotator",
    "document",
    "label",
    "start",
    "end",
    "text",
    "note",
];

/// One CSV field: quoted when it holds a comma, quote or line break; a leading `=`, `+`, `-`,
/// `@`, tab or carriage return (which a spreadsheet would run as a formula) gets a `'` first,
/// unless the field is a plain number such as `-0.25`.
pub fn csv_field(value: &str) -> String {
    let number = is_plain_number(value);
    let guarded = if !number && value.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{value}")
    } else {
        value.to_string()
    };
    if guarded.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", guarded.replace('"', "\"\""))
    } else {
        guarded
    }
}

/// Whether `s` is a plain decimal number: a sign, digits, and at most one point among them.
fn is_plain_number(s: &str) -> bool {
    let body = s.strip_prefix(['-', '+']).unwrap_or(s);
    let (int, frac) = body.split_once('.').unwrap_or((body, ""));
    let digits = |p: &str| p.bytes().all(|b| b.is_ascii_digit());
    !int.is_empty() && digits(int) && digits(frac) && !(body.ends_with('.'))
}

/// Writes rows as CSV that spreadsheets open correctly: UTF-8 with a byte-order mark, CRLF.
pub fn csv<R: AsRef<[String]>>(header: &[&str], rows: &[R]) -> String {
    let mut out = String::from("\u{feff}");
    let head: Vec<String> = header.iter().map(|h| csv_field(h)).collect();
    out.push_str(&head.join(","));
    out.push_str("\r\n");
    for row in rows {
        let fields: Vec<String> = row.as_ref().iter().map(|f| csv_field(f)).collect();
        out.push_str(&fields.join(","));
        out.push_str("\r\n");
    }
    out
}

/// Exports the documents `ids` (every document when `None`) as CSV, one row per annotation;
/// `document` is the document's title.
pub fn export_csv(ws: &Workspace, ids: Option<&[String]>) -> String {
    let file = export_native(ws, ids, "", "", false);
    let mut docs = file.documents.iter();
    let mut doc = docs.next();
    let rows: Vec<Vec<String>> = file
        .annotations
        .iter()
        .map(|a| {
            // The annotations come document by document, in the documents' order.
            while doc.is_some_and(|d| d.id != a.document) {
                doc = docs.next();
            }
            vec![
                a.annotator.clone(),
                doc.map(|d| d.title.clone()).unwrap_or_default(),
                a.label.clone(),
                a.start.to_string(),
                a.end.to_string(),
                a.text.clone(),
                a.note.clone(),
            ]
        })
        .collect();
    csv(&CSV_HEADER, &rows)
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// The committed JSON Schema is the one the types give (what exports write). After a
    /// change to the types: `DISCERN_WRITE_SCHEMA=1 cargo test schema` writes it anew.
    #[test]
    fn committed_schema_is_generated_from_the_types() {
        check_schema::<NativeFile>("discern.annotations.v1.schema.json");
    }

    /// Compares `schema/<name>` with the JSON Schema of `T` (what is written, so the
    /// serialize contract), or writes it there with `DISCERN_WRITE_SCHEMA` set.
    pub(crate) fn check_schema<T: schemars::JsonSchema>(name: &str) {
        use schemars::generate::{Contract, SchemaSettings};
        let settings = SchemaSettings::draft2020_12().with(|s| s.contract = Contract::Serialize);
        let schema = settings.into_generator().into_root_schema_for::<T>();
        // Rust's integer widths ("format": "uint32") mean nothing to other tools.
        fn drop_formats(v: &mut serde_json::Value) {
            match v {
                serde_json::Value::Object(m) => {
                    if m.get("format").is_some_and(serde_json::Value::is_string) {
                        m.remove("format");
                    }
                    m.values_mut().for_each(drop_formats);
                }
                serde_json::Value::Array(a) => a.iter_mut().for_each(drop_formats),
                _ => {}
            }
        }
        let mut value = serde_json::to_value(&schema).unwrap();
        drop_formats(&mut value);
        let generated = serde_json::to_string_pretty(&value).unwrap() + "\n";
        // (The schemas are in the repository's own schema/, beside this crate.)
        let path = format!("{}/../schema/{name}", env!("CARGO_MANIFEST_DIR"));
        if std::env::var_os("DISCERN_WRITE_SCHEMA").is_some() {
            std::fs::write(&path, &generated).unwrap();
        }
        let committed = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            committed == generated,
            "schema/{name} differs from the types; regenerate with DISCERN_WRITE_SCHEMA=1 cargo test schema"
        );
    }
    use crate::{corpus, Change, Label};
    use std::rc::Rc;

    #[test]
    fn csv_quotes_and_guards_formulas() {
        assert_eq!(csv_field("plain"), "plain");
        assert_eq!(csv_field("a, b"), "\"a, b\"");
        assert_eq!(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(csv_field("=1+2"), "'=1+2");
        assert_eq!(csv_field("-5"), "-5");
        assert_eq!(csv_field("-0.25"), "-0.25");
        assert_eq!(csv_field("-5+A1"), "'-5+A1");
        assert_eq!(csv_field("-inf"), "'-inf");
        assert_eq!(csv_field("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(csv_field("line\nbreak"), "\"line\nbreak\"");
        let out = csv(&["a", "b"], &[vec!["1".to_string(), "=x".to_string()]]);
        assert_eq!(out, "\u{feff}a,b\r\n1,'=x\r\n");
    }

    #[test]
    fn exported_offsets_slice_the_text_by_code_points() {
        let mut ws = Workspace::new(corpus::builtin());
        let doc = ws.documents()[2].clone();
        // The words after the first emoji of article 002.
        let at = doc.text.chars().position(|c| c == '🚨').unwrap();
        let a = Annotation {
            annotator: "Ana".into(),
            ..Annotation::new("a", &doc.id, Label::Claim, at + 2, at + 9)
        };
        ws.apply(&Change::Add(Rc::new(a))).unwrap();
        let file = export_native(&ws, None, "Ana", "2026-11-22T10:00:00Z", false);
        assert_eq!(file.documents.len(), 4);
        let e = &file.annotations[0];
        assert_eq!(e.text, "JUST IN");
        let cps: Vec<char> = doc.text.chars().collect();
        assert_eq!(cps[e.start..e.end].iter().collect::<String>(), e.text);
        assert!(e.prefix.ends_with("🚨 "));
        assert_eq!(e.prefix.chars().count(), 32);
        assert_eq!(file.documents[2].length, Some(4573));
    }
}
