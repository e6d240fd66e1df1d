//! The W3C Web Annotation export (`docs/FORMATS.md#w3c-export`): an `AnnotationCollection` in
//! JSON-LD, each annotation with a tagging body (the label), a commenting body (the note), an
//! identifying body (a quote's speaker), and a target with a `TextQuoteSelector` and a
//! `TextPositionSelector` in code points, as the model requires.

use crate::formats::export::export_native;
use crate::formats::native::NativeFile;
use crate::workspace::Workspace;
use serde::Serialize;

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
        .map(|e| {
            let (a, quote) = (e.annotation, e.quote);
            // The annotations come document by document, in the documents' order.
            while doc.is_some_and(|d| d.id != a.document) {
                doc = docs.next();
            }
            let mut bodies = vec![body("tagging", a.label.as_str().to_string())];
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
                            exact: quote.text,
                            prefix: quote.prefix,
                            suffix: quote.suffix,
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
