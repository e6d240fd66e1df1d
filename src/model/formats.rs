//! Discern's native export format (`discern.annotations`, version 1): documents with their
//! SHA-256 and length, annotations with code-point offsets and the exact quote with up to 32
//! characters of context either side.

use super::annotation::Annotation;
use super::document::Document;
use super::workspace::Workspace;
use serde::{Deserialize, Serialize};

/// The format's name in the `format` field.
pub const FORMAT: &str = "discern.annotations";
/// How many code points of context `prefix` and `suffix` hold at most.
pub const CONTEXT: usize = 32;

/// A document as exported.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExportedDocument {
    pub id: String,
    pub title: String,
    pub source: Option<String>,
    pub sha256: String,
    pub length: usize,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
}

/// An annotation as exported.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExportedAnnotation {
    pub id: String,
    pub document: String,
    pub label: String,
    pub start: usize,
    pub end: usize,
    pub text: String,
    pub prefix: String,
    pub suffix: String,
    pub note: String,
    pub speaker: Option<String>,
    pub annotator: String,
    pub created: String,
    pub modified: String,
}

/// A whole export file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NativeFile {
    pub format: String,
    pub version: u32,
    pub exported_at: String,
    pub annotator: String,
    pub documents: Vec<ExportedDocument>,
    pub annotations: Vec<ExportedAnnotation>,
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
        documents: docs
            .iter()
            .map(|d| ExportedDocument {
                id: d.id.clone(),
                title: d.meta.title.clone(),
                source: d.meta.source.clone(),
                sha256: d.sha256.clone(),
                length: d.len(),
                text: include_texts.then(|| d.text.to_string()),
            })
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{corpus, Change, Label};
    use std::rc::Rc;

    #[test]
    fn exported_offsets_slice_the_text_by_code_points() {
        let mut ws = Workspace::new(corpus::builtin());
        let doc = ws.documents()[2].clone();
        // The words after the first emoji of article 002.
        let at = doc.text.chars().position(|c| c == '🚨').unwrap();
        let a = Annotation {
            id: "a".into(),
            document: doc.id.clone(),
            label: Label::Claim,
            start: at + 2,
            end: at + 9,
            note: String::new(),
            speaker: None,
            annotator: "Ana".into(),
            created: String::new(),
            modified: String::new(),
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
        assert_eq!(file.documents[2].length, 4573);
    }
}
