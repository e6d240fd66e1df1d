//! The workspace written as a native file: the documents asked for (every one by default),
//! with or without their texts, and their annotations, each with its quote.

use crate::document::Document;
use crate::formats::native::{Exported, ExportedDocument, NativeFile, FORMAT};
use crate::workspace::Workspace;

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
                    .map(|a| Exported::of(d, a))
                    .collect::<Vec<_>>()
            })
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{corpus, Annotation, Change, Label};
    use std::rc::Rc;

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
        let (e, q) = (&file.annotations[0].annotation, &file.annotations[0].quote);
        assert_eq!(q.text, "JUST IN");
        let cps: Vec<char> = doc.text.chars().collect();
        assert_eq!(cps[e.start..e.end].iter().collect::<String>(), q.text);
        assert!(q.prefix.ends_with("🚨 "));
        assert_eq!(q.prefix.chars().count(), 32);
        assert_eq!(file.documents[2].length, Some(4573));
    }
}
