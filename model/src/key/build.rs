//! The key built from a compare set: what it is built from, its spans once the groups and the
//! decisions are applied, and its native file.

use super::draft::KeyDraft;
use super::groups::{Chosen, Group};
use crate::compare::{CompareSet, BUILT_KEY};
use crate::formats::native::{Exported, ExportedDocument, NativeFile, FORMAT};
use crate::span::Span;
use crate::{Annotation, Document, Workspace};
use std::rc::Rc;

/// What a key is built from: the spans of every file of `set` but its key, a key built in
/// Discern and the file named `without`, with their notes; and those files, by place in
/// the set. Annotators are
/// numbered in the order of their names (unique in a set), so that no tie between equal
/// spans, and so no group, depends on the order the files were loaded in.
pub fn chosen(set: &CompareSet, without: Option<&str>) -> (Vec<Chosen>, Vec<usize>) {
    let mut files: Vec<usize> = (0..set.files.len())
        .filter(|&i| {
            let f = &set.files[i];
            Some(i) != set.key && f.file != BUILT_KEY && Some(f.submission.name.as_str()) != without
        })
        .collect();
    files.sort_by(|&a, &b| {
        set.files[a]
            .submission
            .name
            .cmp(&set.files[b].submission.name)
    });
    let mut out = Vec::new();
    for (annotator, &i) in files.iter().enumerate() {
        let f = &set.files[i];
        for (span, note) in f.submission.spans.iter().zip(&f.notes) {
            out.push(Chosen {
                annotator,
                span: span.clone(),
                note: note.clone(),
            });
        }
    }
    (out, files)
}

/// The built key's spans, in text order, each with its note: the distinct notes of the
/// group's members, one a line, in the order of the text. A range and label the key would
/// have twice (a group relabelled onto another's place) is there once, with the notes of
/// both.
pub fn key_spans(
    draft: &KeyDraft,
    groups: &[Group],
    chosen: &[Chosen],
    annotators: usize,
) -> Vec<(Span, String)> {
    let mut out: Vec<(Span, Vec<&str>)> = Vec::new();
    for g in groups {
        let Some(label) = draft.in_key(g, annotators) else {
            continue;
        };
        let notes = g.members.iter().map(|&m| chosen[m].note.trim());
        let span = Span {
            doc: g.doc.clone(),
            label,
            start: g.start,
            end: g.end,
        };
        out.push((span, notes.filter(|n| !n.is_empty()).collect()));
    }
    out.sort_by(|a, b| (a.0.doc.as_str(), a.0.place()).cmp(&(b.0.doc.as_str(), b.0.place())));
    let mut merged: Vec<(Span, Vec<&str>)> = Vec::with_capacity(out.len());
    for (span, notes) in out {
        match merged.last_mut() {
            Some(last) if last.0 == span => last.1.extend(notes),
            _ => merged.push((span, notes)),
        }
    }
    merged
        .into_iter()
        .map(|(span, notes)| {
            let mut once: Vec<&str> = Vec::new();
            for n in notes {
                if !once.contains(&n) {
                    once.push(n);
                }
            }
            (span, once.join("\n"))
        })
        .collect()
}

/// The built key as a native file (`docs/FORMATS.md#native-format`) of `annotations`, whose
/// documents are taken from `ws`, by `annotator`, written at `now`.
pub fn key_file(
    ws: &Workspace,
    annotations: &[Annotation],
    annotator: &str,
    now: &str,
) -> NativeFile {
    let mut docs: Vec<&str> = annotations.iter().map(|a| a.document.as_str()).collect();
    docs.sort_unstable();
    docs.dedup();
    let docs: Vec<&Rc<Document>> = docs.into_iter().filter_map(|id| ws.document(id)).collect();
    NativeFile {
        format: FORMAT.to_string(),
        version: 1,
        exported_at: now.to_string(),
        annotator: annotator.to_string(),
        assignment: None,
        documents: docs
            .iter()
            .map(|d| ExportedDocument::of(d, true, false))
            .collect(),
        annotations: annotations
            .iter()
            .filter_map(|a| Some(Exported::of(ws.document(&a.document)?, a)))
            .collect(),
    }
}
