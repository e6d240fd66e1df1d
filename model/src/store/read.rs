//! Reading a stored value (a document's annotations among them), and keeping aside what
//! cannot be read: a value that is not JSON,
//! has no or an unknown schema, or was written by a newer Discern is copied to
//! `discern/aside/<key>` (then `#2`, `#3`…) before anything could write over it, and a key
//! whose copy could not be made is never written (`docs/FORMATS.md#storage`).

use crate::annotation::Annotation;
use crate::store::backend::Store;
use crate::store::keys::annotations_key;
use crate::store::keys::{ASIDE_PREFIX, SCHEMA};
use crate::store::problems::{Kept, StorageProblem, Unreadable};
use crate::store::stored::SchemaOnly;
use crate::store::stored::StoredAnnotations;
use serde::Deserialize;
use std::rc::Rc;

/// What reading a key found: its value, or why there is none.
pub(crate) type Read<T> = Result<T, NoValue>;

/// Why reading a key gave no value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum NoValue {
    Missing,
    /// Unreadable or newer: copied aside and reported (or the read itself failed).
    KeptAside,
    /// Unreadable, and it could not be copied aside: it must not be written over.
    Unsafe,
}

/// Reads `key` as a `T` of schema 1. A value that is there but unreadable or newer is copied
/// aside (once) and a problem is reported. (Only the parsing is generic.)
pub(crate) fn read<T: for<'de> Deserialize<'de>>(
    store: &dyn Store,
    key: &str,
    problems: &mut Vec<StorageProblem>,
) -> Read<T> {
    let raw = raw_at(store, key, problems)?;
    let parsed = serde_json::from_str::<T>(&raw);
    match unreadable(&raw, parsed.as_ref().err()) {
        None => parsed.map_err(|_| NoValue::KeptAside),
        Some(why) => Err(set_aside(store, key, &raw, why, problems)),
    }
}

/// The value under `key`, if there is one and it can be read.
pub(crate) fn raw_at(
    store: &dyn Store,
    key: &str,
    problems: &mut Vec<StorageProblem>,
) -> Read<String> {
    match store.get(key) {
        Ok(Some(raw)) => Ok(raw),
        Ok(None) => Err(NoValue::Missing),
        Err(error) => {
            problems.push(StorageProblem::ReadFailed {
                key: key.to_string(),
                error,
            });
            Err(NoValue::KeptAside)
        }
    }
}

/// Why `raw`, which parsed as what its key holds or failed with `error`, is not loaded; `None`
/// when it is loaded.
pub(crate) fn unreadable(raw: &str, error: Option<&serde_json::Error>) -> Option<Unreadable> {
    let schema = serde_json::from_str::<SchemaOnly>(raw).map(|s| s.schema);
    Some(match (schema, error) {
        (Ok(SCHEMA), None) => return None,
        (Ok(n), _) if n > SCHEMA => Unreadable::Newer(n),
        (_, Some(e)) => Unreadable::Malformed(crate::json::json_problem(e)),
        (Ok(n), None) => Unreadable::UnknownSchema(n),
        (Err(_), None) => Unreadable::NoSchema,
    })
}

/// Copies the unreadable `raw` under `key` aside and reports it.
pub(crate) fn set_aside(
    store: &dyn Store,
    key: &str,
    raw: &str,
    why: Unreadable,
    problems: &mut Vec<StorageProblem>,
) -> NoValue {
    let kept = copy_aside(store, key, raw);
    let read = match kept {
        Kept::Aside(_) => NoValue::KeptAside,
        Kept::InPlace => NoValue::Unsafe,
    };
    problems.push(StorageProblem::NotLoaded {
        key: key.to_string(),
        why,
        kept,
    });
    read
}

/// Copies `raw`, the value under `key`, aside. Each different value gets its own copy; an
/// earlier copy is never replaced.
pub(crate) fn copy_aside(store: &dyn Store, key: &str, raw: &str) -> Kept {
    let mut aside = format!("{ASIDE_PREFIX}{key}");
    let mut n = 1;
    loop {
        match store.get(&aside) {
            Ok(Some(v)) if v == raw => return Kept::Aside(aside),
            Ok(Some(_)) => {
                n += 1;
                aside = format!("{ASIDE_PREFIX}{key}#{n}");
            }
            _ if store.set(&aside, raw).is_ok() => return Kept::Aside(aside),
            _ => return Kept::InPlace,
        }
    }
}

/// Part of the value under `key` was refused: it is copied aside as it was, before anything
/// is written; if it cannot be, the key is never written over.
pub(crate) fn keep_partly_loaded(
    store: &dyn Store,
    key: &str,
    problems: &mut Vec<StorageProblem>,
) -> Kept {
    let kept = match store.get(key) {
        Ok(Some(raw)) => copy_aside(store, key, &raw),
        _ => Kept::InPlace,
    };
    problems.push(StorageProblem::PartlyLoaded {
        key: key.to_string(),
        kept: kept.clone(),
    });
    kept
}

pub(crate) fn read_annotations(
    store: &dyn Store,
    doc: &str,
    problems: &mut Vec<StorageProblem>,
) -> Read<Vec<Rc<Annotation>>> {
    read::<StoredAnnotations>(store, &annotations_key(doc), problems)
        .map(|s| s.annotations.into_iter().map(Rc::new).collect())
}

/// Only the annotations that fit document `doc` of `len` code points.
pub(crate) fn fitting(mut list: Vec<Rc<Annotation>>, doc: &str, len: usize) -> Vec<Rc<Annotation>> {
    list.retain(|a| a.document == doc && a.start < a.end && a.end <= len);
    list
}

pub(crate) fn sorted(mut list: Vec<Rc<Annotation>>) -> Vec<Rc<Annotation>> {
    Annotation::sort_in_text_order(&mut list);
    list
}
