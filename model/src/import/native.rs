//! Reading a native file (`discern.annotations`): its format and version checked first, then
//! what it says besides its annotations, then its annotations, parsed a batch at a time as
//! the annotation record with its quote. An annotation that cannot be read is refused by its
//! place in the file, or by its id when its label is one Discern does not know.

use crate::formats::native::{Exported, ExportedDocument, NativeFile, FORMAT};
use crate::import::incoming::{Incoming, IncomingDocument};
use crate::import::report::{Item, ItemProblem, Refusal};
use crate::json::{has_lone_surrogate, json_problem, too_deep, JsonWhat, MAX_BYTES};
use serde_json::value::RawValue;
use serde_json::Value;
use std::ops::Range;

/// A native file: the format and version are checked first, then the whole file is read into
/// the types export writes.
pub(crate) fn native(
    format: &Value,
    version: Option<&Value>,
    text: &str,
) -> Result<Incoming, Refusal> {
    match format.as_str() {
        Some(FORMAT) => {}
        Some(other) => return Err(Refusal::OtherFormat(other.to_string())),
        None => return Err(Refusal::FormatNotAString),
    }
    match version.and_then(Value::as_u64) {
        Some(1) => {}
        Some(n) if n > 1 => return Err(Refusal::NewerVersion(n)),
        _ => return Err(Refusal::UnknownVersion),
    }
    let (mut incoming, items, _) = native_head(text)?;
    incoming.annotations = native_annotations(text, &items, 0)?;
    Ok(incoming)
}

/// A native file with its annotations left as raw JSON: what it says besides them, where
/// each is in `text` (to parse a batch at a time), and whether it is format version 1.
type Head = (Incoming, Vec<Range<usize>>, bool);

fn native_head(text: &str) -> Result<Head, Refusal> {
    let file: NativeFile<&RawValue> =
        serde_json::from_str(text).map_err(|e| Refusal::Malformed(json_problem(&e)))?;
    let base = text.as_ptr() as usize;
    let items = file
        .annotations
        .iter()
        .map(|raw| {
            let at = raw.get().as_ptr() as usize - base;
            at..at + raw.get().len()
        })
        .collect();
    let current = file.format == FORMAT && file.version == 1;
    Ok((
        incoming_head(file.annotator, file.documents),
        items,
        current,
    ))
}

/// The annotations at `items` of a native file's `text`, the first being annotation number
/// `first` (from 0) of the file.
pub(crate) fn native_annotations(
    text: &str,
    items: &[Range<usize>],
    first: usize,
) -> Result<Vec<Exported>, Refusal> {
    items
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let item = &text[r.clone()];
            serde_json::from_str::<Exported>(item).map_err(|e| {
                if has_lone_surrogate(item) {
                    return Refusal::LoneSurrogate;
                }
                match json_problem(&e).what {
                    // Said with the annotation's id, as a problem of that item.
                    JsonWhat::UnknownLabel(label) => Refusal::Item(
                        Item::Annotation(id_of(item).unwrap_or_default()),
                        ItemProblem::UnknownLabel(label),
                    ),
                    // Without the place inside the item, which means nothing in the file:
                    // the item's number instead.
                    what => Refusal::MalformedAt(first + i + 1, what),
                }
            })
        })
        .collect()
}

/// What a native file says besides its annotations.
fn incoming_head(annotator: String, documents: Vec<ExportedDocument>) -> Incoming {
    Incoming {
        annotator: (!annotator.is_empty()).then_some(annotator),
        documents: documents
            .into_iter()
            .map(|d| IncomingDocument {
                id: d.id,
                title: d.title,
                source: d.source,
                sha256: d.sha256,
                length: d.length,
                text: d.text,
            })
            .collect(),
        annotations: Vec::new(),
    }
}

/// The id an annotation's JSON gives, if it gives one.
fn id_of(item: &str) -> Option<String> {
    let value: Value = serde_json::from_str(item).ok()?;
    Some(value.get("id")?.as_str()?.to_string())
}

/// A native file of format version 1, read up to its annotations ([`native_head`]); `None`
/// for anything else, which [`parse`] reads whole (and refuses with the right words).
pub(crate) fn native_items(text: &str) -> Option<(Incoming, Vec<Range<usize>>)> {
    if text.len() > MAX_BYTES || too_deep(text).is_some() {
        return None;
    }
    let (incoming, items, current) = native_head(text).ok()?;
    current.then_some((incoming, items))
}
