//! What Discern keeps in the browser's storage, and how: the keys and stored types of schema
//! 1, loading them back (keeping aside what cannot be read), and saving only what changed,
//! merged with what another tab wrote. The key layout is described in
//! `docs/FORMATS.md#storage`.
//!
//! Everything here is written against a small key-value [`Store`], so that it builds and is
//! tested natively: the browser's local storage implements it in `browser::storage`, and
//! [`MemoryStore`] implements it in memory, with knobs for a full, failing or missing store.
//! What loading or saving finds wrong is a [`StorageProblem`]: data, which the browser side
//! puts into words.
//!
//! Keys (schema 1):
//! - `discern/v1/meta`: the annotator's name, preferences, the open document;
//! - `discern/v1/documents`: the reader's own documents with their texts (built-in texts are
//!   never stored);
//! - `discern/v1/ann/<document id>`: that document's annotations;
//! - `discern/v1/orphans`: imported annotations that could not be placed;
//! - `discern/aside/<key>`, then `<key>#2`, `#3`…: copies of values that could not be read.

use super::sync::{merge3, FromOtherTab};
use super::workspace::{AnnotationList, ChangeError, Orphan};
use super::{Annotation, Change, Document, DocumentMeta, Workspace};
use serde::{Deserialize, Serialize};
use std::cell::RefCell;
use std::collections::BTreeMap;
use std::rc::Rc;

/// Preferences kept with the work.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Prefs {
    /// Widen selections to whole words.
    pub snap_words: bool,
    /// The reader was asked for their name once (and answered or skipped).
    pub name_asked: bool,
}

impl Default for Prefs {
    fn default() -> Self {
        Prefs {
            snap_words: true,
            name_asked: false,
        }
    }
}

/// The schema this version of Discern writes.
pub const SCHEMA: u32 = 1;
/// Every key Discern writes starts with this.
pub const PREFIX: &str = "discern/";
/// The annotator's name, preferences and open document.
pub const META: &str = "discern/v1/meta";
/// The reader's own documents, with their texts.
pub const DOCS: &str = "discern/v1/documents";
/// Imported annotations that could not be placed.
pub const ORPHANS: &str = "discern/v1/orphans";
/// A document's annotations are stored under this followed by the document's id.
pub const ANN_PREFIX: &str = "discern/v1/ann/";
/// Where unreadable data is kept.
pub const ASIDE_PREFIX: &str = "discern/aside/";

/// The key that holds document `doc`'s annotations.
pub fn annotations_key(doc: &str) -> String {
    format!("{ANN_PREFIX}{doc}")
}

/// Why the store did not do what was asked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StoreError {
    /// There is no storage at all (no window, storage disabled, a sandboxed page): the
    /// browser's reason, as a short name (`no local storage`, `SecurityError`), or empty
    /// when it gave none.
    Unavailable(String),
    /// The store is full (`QuotaExceededError`).
    Quota,
    /// The store refused with any other error: its name (`SecurityError`…), or empty when
    /// it gave none.
    Refused(String),
}

/// A key-value store of strings: the browser's local storage, or [`MemoryStore`].
pub trait Store {
    /// The value under `key`, if there is one.
    fn get(&self, key: &str) -> Result<Option<String>, StoreError>;
    /// Puts `value` under `key`.
    fn set(&self, key: &str, value: &str) -> Result<(), StoreError>;
    /// Removes `key` (removing a missing key is not an error).
    fn remove(&self, key: &str) -> Result<(), StoreError>;
    /// Every key. [`load`] takes a failure here as "there is no storage".
    fn keys(&self) -> Result<Vec<String>, StoreError>;
}

/// A [`Store`] in memory. Clones share the same data, so two [`Saver`]s on clones of one
/// store behave like two tabs on one browser's storage. Knobs make it full, failing or
/// missing, for tests.
#[derive(Clone, Debug, Default)]
pub struct MemoryStore {
    inner: Rc<RefCell<Memory>>,
}

#[derive(Debug, Default)]
struct Memory {
    data: BTreeMap<String, String>,
    quota: Option<usize>,
    failing: bool,
    unavailable: bool,
}

impl MemoryStore {
    /// An empty store with no quota that works.
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets the quota in bytes (the sum of every key's and value's length); `None` for no
    /// limit. A `set` that would go over it fails with [`StoreError::Quota`]. Data already
    /// stored stays.
    pub fn set_quota(&self, bytes: Option<usize>) {
        self.inner.borrow_mut().quota = bytes;
    }

    /// When on, every `set` and `remove` fails with `StoreError::Refused("SecurityError")`;
    /// reads still work.
    pub fn fail_writes(&self, on: bool) {
        self.inner.borrow_mut().failing = on;
    }

    /// When on, every call fails with `StoreError::Unavailable("no local storage")`.
    pub fn set_unavailable(&self, on: bool) {
        self.inner.borrow_mut().unavailable = on;
    }

    /// The bytes used, as the quota counts them.
    pub fn used(&self) -> usize {
        self.inner
            .borrow()
            .data
            .iter()
            .map(|(k, v)| k.len() + v.len())
            .sum()
    }

    /// Everything stored, whatever the knobs say.
    pub fn entries(&self) -> BTreeMap<String, String> {
        self.inner.borrow().data.clone()
    }

    fn check(&self, write: bool) -> Result<(), StoreError> {
        let inner = self.inner.borrow();
        if inner.unavailable {
            return Err(StoreError::Unavailable("no local storage".to_string()));
        }
        if write && inner.failing {
            return Err(StoreError::Refused("SecurityError".to_string()));
        }
        Ok(())
    }
}

impl Store for MemoryStore {
    fn get(&self, key: &str) -> Result<Option<String>, StoreError> {
        self.check(false)?;
        Ok(self.inner.borrow().data.get(key).cloned())
    }

    fn set(&self, key: &str, value: &str) -> Result<(), StoreError> {
        self.check(true)?;
        let mut inner = self.inner.borrow_mut();
        if let Some(quota) = inner.quota {
            let old = inner.data.get(key).map_or(0, |v| key.len() + v.len());
            let used: usize = inner.data.iter().map(|(k, v)| k.len() + v.len()).sum();
            if used - old + key.len() + value.len() > quota {
                return Err(StoreError::Quota);
            }
        }
        inner.data.insert(key.to_string(), value.to_string());
        Ok(())
    }

    fn remove(&self, key: &str) -> Result<(), StoreError> {
        self.check(true)?;
        self.inner.borrow_mut().data.remove(key);
        Ok(())
    }

    fn keys(&self) -> Result<Vec<String>, StoreError> {
        self.check(false)?;
        Ok(self.inner.borrow().data.keys().cloned().collect())
    }
}

/// Why a stored value was not loaded.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Unreadable {
    /// It was written by a newer Discern, with this schema.
    Newer(u32),
    /// It does not parse as what the key holds: the parser's message.
    Malformed(String),
    /// It parses but has an older, unknown schema number.
    UnknownSchema(u32),
    /// It parses but has no schema number.
    NoSchema,
}

/// Where a value that was not loaded went.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Kept {
    /// Copied aside under this key; the original may be written over.
    Aside(String),
    /// It could not be copied aside: left where it was, and never written over.
    InPlace,
}

/// What loading or saving found wrong.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StorageProblem {
    /// There is no storage: the work is kept in the tab only.
    Unavailable(StoreError),
    /// Reading `key` failed.
    ReadFailed { key: String, error: StoreError },
    /// The value under `key` was not loaded, for `why`; it went to `kept`.
    NotLoaded {
        key: String,
        why: Unreadable,
        kept: Kept,
    },
    /// A stored annotation was not loaded: the workspace refused it.
    AnnotationRefused { id: String, refusal: ChangeError },
    /// A write failed: the work is kept in the tab only.
    SaveFailed(StoreError),
}

/// The rest of the state kept with the work.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Meta {
    /// The annotator's name.
    pub annotator: String,
    pub prefs: Prefs,
    /// The id of the document open in the reader.
    pub open: Option<String>,
}

/// What [`load`] found.
#[derive(Clone, Debug)]
pub struct Loaded {
    /// The built-in documents with the saved work over them.
    pub workspace: Workspace,
    /// The saved name and preferences; the open document only if it exists.
    pub meta: Meta,
    /// What could not be loaded, in the order it was found.
    pub problems: Vec<StorageProblem>,
}

#[derive(Serialize, Deserialize)]
struct StoredMeta {
    schema: u32,
    #[serde(default)]
    annotator: String,
    #[serde(default)]
    prefs: Prefs,
    #[serde(default)]
    open: Option<String>,
}

#[derive(Serialize, Deserialize)]
struct StoredDocument {
    meta: DocumentMeta,
    text: String,
}

#[derive(Serialize, Deserialize)]
struct StoredDocuments {
    schema: u32,
    documents: Vec<StoredDocument>,
}

#[derive(Serialize, Deserialize)]
struct StoredAnnotations {
    schema: u32,
    annotations: Vec<Annotation>,
}

#[derive(Serialize, Deserialize)]
struct StoredOrphans {
    schema: u32,
    orphans: Vec<Orphan>,
}

#[derive(Deserialize)]
struct SchemaOnly {
    schema: u32,
}

/// Every stored key that starts with `prefix` (none when the store fails).
pub fn keys_with_prefix(store: &dyn Store, prefix: &str) -> Vec<String> {
    store
        .keys()
        .unwrap_or_default()
        .into_iter()
        .filter(|k| k.starts_with(prefix))
        .collect()
}

/// Every stored key that starts with `prefix` and its value, as one JSON object: what the
/// "download" buttons hand over when the work cannot be read or saved.
pub fn dump(store: &dyn Store, prefix: &str) -> String {
    let mut keys = keys_with_prefix(store, prefix);
    keys.sort_unstable();
    let pairs: Vec<(String, String)> = keys
        .into_iter()
        .filter_map(|k| {
            let value = store.get(&k).ok()??;
            Some((k, value))
        })
        .collect();
    serde_json::to_string(&Pairs(&pairs)).unwrap_or_default()
}

/// Key and value pairs written as one JSON object, in their order.
struct Pairs<'a>(&'a [(String, String)]);

impl Serialize for Pairs<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_map(self.0.iter().map(|(k, v)| (k, v)))
    }
}

/// What reading a key found.
enum Read<T> {
    Missing,
    Value(T),
    /// Unreadable or newer: copied aside and reported (or the read itself failed).
    KeptAside,
    /// Unreadable, and it could not be copied aside: it must not be written over.
    Unsafe,
}

/// Reads `key` as a `T` of schema 1. A value that is there but unreadable or newer is copied
/// aside (once) and a problem is reported.
fn read<T: for<'de> Deserialize<'de>>(
    store: &dyn Store,
    key: &str,
    problems: &mut Vec<StorageProblem>,
) -> Read<T> {
    let raw = match store.get(key) {
        Ok(Some(raw)) => raw,
        Ok(None) => return Read::Missing,
        Err(error) => {
            problems.push(StorageProblem::ReadFailed {
                key: key.to_string(),
                error,
            });
            return Read::KeptAside;
        }
    };
    let schema = serde_json::from_str::<SchemaOnly>(&raw).map(|s| s.schema);
    let why = match (schema, serde_json::from_str::<T>(&raw)) {
        (Ok(SCHEMA), Ok(value)) => return Read::Value(value),
        (Ok(n), _) if n > SCHEMA => Unreadable::Newer(n),
        (_, Err(e)) => Unreadable::Malformed(e.to_string()),
        (Ok(n), Ok(_)) => Unreadable::UnknownSchema(n),
        (Err(_), Ok(_)) => Unreadable::NoSchema,
    };
    // Each different unreadable value gets its own copy; an earlier copy is never replaced.
    let mut aside = format!("{ASIDE_PREFIX}{key}");
    let mut n = 1;
    let copied = loop {
        match store.get(&aside) {
            Ok(Some(v)) if v == raw => break Ok(()),
            Ok(Some(_)) => {
                n += 1;
                aside = format!("{ASIDE_PREFIX}{key}#{n}");
            }
            _ => break store.set(&aside, &raw),
        }
    };
    let (kept, read) = match copied {
        Ok(()) => (Kept::Aside(aside), Read::KeptAside),
        Err(_) => (Kept::InPlace, Read::Unsafe),
    };
    problems.push(StorageProblem::NotLoaded {
        key: key.to_string(),
        why,
        kept,
    });
    read
}

fn read_annotations(
    store: &dyn Store,
    doc: &str,
    problems: &mut Vec<StorageProblem>,
) -> Read<Vec<Rc<Annotation>>> {
    match read::<StoredAnnotations>(store, &annotations_key(doc), problems) {
        Read::Value(s) => Read::Value(s.annotations.into_iter().map(Rc::new).collect()),
        Read::Missing => Read::Missing,
        Read::KeptAside => Read::KeptAside,
        Read::Unsafe => Read::Unsafe,
    }
}

/// Only the annotations that fit document `doc` of `len` code points.
fn fitting(mut list: Vec<Rc<Annotation>>, doc: &str, len: usize) -> Vec<Rc<Annotation>> {
    list.retain(|a| a.document == doc && a.start < a.end && a.end <= len);
    list
}

/// Loads the saved work over the `builtin` documents, and says what could not be loaded.
pub fn load(store: &dyn Store, builtin: Vec<Document>) -> Loaded {
    let mut problems = Vec::new();
    let mut ws = Workspace::new(builtin);
    if let Err(e) = store.keys() {
        problems.push(StorageProblem::Unavailable(e));
    }
    let meta = match read::<StoredMeta>(store, META, &mut problems) {
        Read::Value(m) => Some(m),
        _ => None,
    };
    match read::<StoredDocuments>(store, DOCS, &mut problems) {
        Read::Value(docs) => {
            for d in docs.documents {
                let doc = Rc::new(Document::new(d.meta, &d.text, false));
                let _ = ws.apply(&Change::AddDocument(doc));
            }
        }
        Read::KeptAside | Read::Unsafe | Read::Missing => {}
    }
    let ids: Vec<String> = ws.documents().iter().map(|d| d.id.clone()).collect();
    for id in ids {
        match read_annotations(store, &id, &mut problems) {
            Read::Value(list) => {
                for a in list {
                    if let Err(refusal) = ws.apply(&Change::Add(a.clone())) {
                        problems.push(StorageProblem::AnnotationRefused {
                            id: a.id.clone(),
                            refusal,
                        });
                    }
                }
            }
            Read::KeptAside | Read::Unsafe | Read::Missing => {}
        }
    }
    if let Read::Value(stored) = read::<StoredOrphans>(store, ORPHANS, &mut problems) {
        for o in stored.orphans {
            let _ = ws.apply(&Change::AddOrphan(Rc::new(o)));
        }
    }
    let meta = meta.map_or_else(Meta::default, |m| Meta {
        annotator: m.annotator,
        prefs: m.prefs,
        open: m.open.filter(|id| ws.document(id).is_some()),
    });
    Loaded {
        workspace: ws,
        meta,
        problems,
    }
}

fn sorted(mut list: Vec<Rc<Annotation>>) -> Vec<Rc<Annotation>> {
    Annotation::sort_in_text_order(&mut list);
    list
}

fn same(a: &[Rc<Annotation>], b: &[Rc<Annotation>]) -> bool {
    a.len() == b.len() && a.iter().zip(b).all(|(x, y)| Rc::ptr_eq(x, y) || x == y)
}

/// Remembers what was last written or read, so that a save writes only what changed and
/// merges with what another tab wrote in between.
#[derive(Debug, Default)]
pub struct Saver {
    meta: String,
    own_docs: Option<Vec<String>>,
    orphans: Option<Vec<Rc<Orphan>>>,
    base: BTreeMap<String, AnnotationList>,
    /// Keys that held unreadable data at load: never written over. (Few: a plain list.)
    blocked: Vec<String>,
}

impl Saver {
    /// A saver that takes `ws` and `meta` as what `store` holds (they were just loaded).
    pub fn loaded(store: &dyn Store, ws: &Workspace, meta: &Meta) -> Self {
        let mut saver = Saver {
            meta: meta_json(meta),
            own_docs: Some(own_doc_ids(ws)),
            orphans: Some(ws.orphans().to_vec()),
            ..Saver::default()
        };
        for d in ws.documents() {
            saver.base.insert(d.id.clone(), ws.annotations(&d.id));
            saver.block_if_unsafe(store, &annotations_key(&d.id));
        }
        for key in [DOCS, META, ORPHANS] {
            saver.block_if_unsafe(store, key);
        }
        saver
    }

    /// A key whose unreadable value could not be copied aside is never written over.
    fn block_if_unsafe(&mut self, store: &dyn Store, key: &str) {
        let Ok(Some(raw)) = store.get(key) else {
            return;
        };
        let readable = matches!(
            serde_json::from_str::<SchemaOnly>(&raw),
            Ok(SchemaOnly { schema: SCHEMA })
        );
        let kept = keys_with_prefix(store, &format!("{ASIDE_PREFIX}{key}"))
            .iter()
            .any(|k| store.get(k).ok().flatten().as_ref() == Some(&raw));
        if !readable && !kept {
            self.block(key.to_string());
        }
    }

    fn block(&mut self, key: String) {
        if !self.is_blocked(&key) {
            self.blocked.push(key);
        }
    }

    fn is_blocked(&self, key: &str) -> bool {
        self.blocked.iter().any(|k| k == key)
    }

    /// Writes what changed in `ws` and `meta`. Returns what another tab had written
    /// meanwhile, merged with this tab's work, for the state to take in (also when a later
    /// write failed, so that the other tab's work is never mistaken for this tab's
    /// deletion), and whether every write worked.
    pub fn save(
        &mut self,
        store: &dyn Store,
        ws: &Workspace,
        meta: &Meta,
    ) -> (FromOtherTab, Result<(), StorageProblem>) {
        let mut other = FromOtherTab::default();
        let result = self
            .save_into(store, ws, meta, &mut other)
            .map_err(StorageProblem::SaveFailed);
        (other, result)
    }

    fn save_into(
        &mut self,
        store: &dyn Store,
        ws: &Workspace,
        meta: &Meta,
        other: &mut FromOtherTab,
    ) -> Result<(), StoreError> {
        let ids = own_doc_ids(ws);
        if self.own_docs.as_ref() != Some(&ids) && !self.is_blocked(DOCS) {
            let docs = StoredDocuments {
                schema: SCHEMA,
                documents: ws
                    .documents()
                    .iter()
                    .filter(|d| !d.builtin)
                    .map(|d| StoredDocument {
                        meta: d.meta.clone(),
                        text: d.text.to_string(),
                    })
                    .collect(),
            };
            store.set(DOCS, &to_json(&docs))?;
            self.own_docs = Some(ids);
        }
        for d in ws.documents() {
            let ours = ws.annotations(&d.id);
            let base = self.base.get(&d.id).cloned().unwrap_or_default();
            if Rc::ptr_eq(&ours, &base) || same(&ours, &base) {
                self.base.insert(d.id.clone(), ours);
                continue;
            }
            let key = annotations_key(&d.id);
            if self.is_blocked(&key) {
                continue;
            }
            let mut ignored = Vec::new();
            let theirs = match read_annotations(store, &d.id, &mut ignored) {
                Read::Value(list) => fitting(list, &d.id, d.len()),
                Read::Missing => Vec::new(),
                Read::KeptAside => base.to_vec(),
                Read::Unsafe => {
                    self.block(key);
                    continue;
                }
            };
            let merged = merge3(&base, &ours, &theirs);
            if merged.is_empty() {
                store.remove(&key)?;
            } else {
                let stored = StoredAnnotations {
                    schema: SCHEMA,
                    annotations: merged.iter().map(|a| (**a).clone()).collect(),
                };
                store.set(&key, &to_json(&stored))?;
            }
            if !same(&merged, &ours) {
                other.annotations.push((d.id.clone(), merged.clone()));
            }
            self.base.insert(d.id.clone(), Rc::new(merged));
        }
        // The annotations of documents that were removed go with them.
        let gone: Vec<String> = self
            .base
            .keys()
            .filter(|id| ws.document(id).is_none())
            .cloned()
            .collect();
        for id in gone {
            let key = annotations_key(&id);
            if !self.is_blocked(&key) {
                store.remove(&key)?;
            }
            self.base.remove(&id);
        }
        let orphans = ws.orphans().to_vec();
        if self.orphans.as_ref() != Some(&orphans) && !self.is_blocked(ORPHANS) {
            let stored = StoredOrphans {
                schema: SCHEMA,
                orphans: orphans.iter().map(|o| (**o).clone()).collect(),
            };
            store.set(ORPHANS, &to_json(&stored))?;
            self.orphans = Some(orphans);
        }
        let meta = meta_json(meta);
        if meta != self.meta && !self.is_blocked(META) {
            store.set(META, &meta)?;
            self.meta = meta;
        }
        Ok(())
    }

    /// Another tab wrote to `store`: what it changed, merged with this tab's work in `ws`.
    pub fn incoming(&mut self, store: &dyn Store, ws: &Workspace) -> FromOtherTab {
        let mut other = FromOtherTab::default();
        let mut ignored = Vec::new();
        if let Read::Value(docs) = read::<StoredDocuments>(store, DOCS, &mut ignored) {
            for d in docs.documents {
                let doc = Document::new(d.meta, &d.text, false);
                if ws.document(&doc.id).is_none() {
                    other.documents.push(Rc::new(doc));
                }
            }
        }
        let ids: Vec<String> = ws
            .documents()
            .iter()
            .map(|d| d.id.clone())
            .chain(other.documents.iter().map(|d| d.id.clone()))
            .collect();
        for id in ids {
            let len = ws
                .document(&id)
                .map(|d| d.len())
                .or_else(|| other.documents.iter().find(|d| d.id == id).map(|d| d.len()))
                .unwrap_or(0);
            let theirs = match read_annotations(store, &id, &mut ignored) {
                Read::Value(list) => fitting(list, &id, len),
                Read::Missing => Vec::new(),
                Read::KeptAside | Read::Unsafe => continue,
            };
            let base = self.base.get(&id).cloned().unwrap_or_default();
            if same(&theirs, &base) {
                continue;
            }
            let ours = ws.annotations(&id);
            let merged = merge3(&base, &ours, &theirs);
            self.base.insert(id.clone(), Rc::new(sorted(theirs)));
            if !same(&merged, &ours) {
                other.annotations.push((id, merged));
            }
        }
        other
    }
}

fn to_json<T: Serialize>(value: &T) -> String {
    serde_json::to_string(value).unwrap_or_default()
}

fn meta_json(meta: &Meta) -> String {
    to_json(&StoredMeta {
        schema: SCHEMA,
        annotator: meta.annotator.clone(),
        prefs: meta.prefs.clone(),
        open: meta.open.clone(),
    })
}

fn own_doc_ids(ws: &Workspace) -> Vec<String> {
    ws.documents()
        .iter()
        .filter(|d| !d.builtin)
        .map(|d| d.id.clone())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::corpus;
    use crate::model::Label;

    /// The id of built-in document `i`.
    fn builtin_id(i: usize) -> String {
        corpus::builtin()[i].id.clone()
    }

    fn annotation(id: &str, doc: &str, start: usize, end: usize, note: &str) -> Rc<Annotation> {
        Rc::new(Annotation {
            id: id.into(),
            document: doc.into(),
            label: Label::Claim,
            start,
            end,
            note: note.into(),
            speaker: None,
            annotator: "Ana".into(),
            created: "2025-04-03T10:00:00Z".into(),
            modified: "2025-04-03T10:00:00Z".into(),
        })
    }

    fn own_document() -> Rc<Document> {
        let meta = DocumentMeta {
            title: "My own article".into(),
            source: Some("https://example.org/a".into()),
            ..DocumentMeta::default()
        };
        Rc::new(Document::new(
            meta,
            "A text of my own, to tag.\nIt has two lines.",
            false,
        ))
    }

    fn orphan() -> Rc<Orphan> {
        Rc::new(Orphan {
            id: "lost".into(),
            document: "sha256:abc".into(),
            label: Label::Quote,
            start: 1,
            end: 4,
            exact: "xyz".into(),
            prefix: String::new(),
            suffix: String::new(),
            note: String::new(),
            speaker: None,
            annotator: "Bo".into(),
            source_file: "old.json".into(),
        })
    }

    /// One tab: its work, and its saver over a shared store.
    struct Tab {
        ws: Workspace,
        meta: Meta,
        saver: Saver,
        store: MemoryStore,
    }

    impl Tab {
        /// Opens a tab: loads what `store` holds, as the app does at start.
        fn open(store: &MemoryStore) -> (Tab, Vec<StorageProblem>) {
            let loaded = load(store, corpus::builtin());
            let saver = Saver::loaded(store, &loaded.workspace, &loaded.meta);
            let tab = Tab {
                ws: loaded.workspace,
                meta: loaded.meta,
                saver,
                store: store.clone(),
            };
            (tab, loaded.problems)
        }

        fn apply(&mut self, change: Change) {
            self.ws.apply(&change).unwrap();
        }

        fn tag(&mut self, a: &Rc<Annotation>) {
            self.apply(Change::Add(a.clone()));
        }

        fn save(&mut self) -> Result<(), StorageProblem> {
            let (other, result) = self.saver.save(&self.store, &self.ws, &self.meta);
            self.take(other);
            result
        }

        fn incoming(&mut self) {
            let other = self.saver.incoming(&self.store, &self.ws);
            self.take(other);
        }

        /// Takes in another tab's work, as the reducer does.
        fn take(&mut self, other: FromOtherTab) {
            for d in other.documents {
                let _ = self.ws.apply(&Change::AddDocument(d));
            }
            for (doc, list) in other.annotations {
                self.ws.replace_annotations(&doc, list);
            }
        }

        /// The ids and notes of document `doc`'s annotations, in text order.
        fn notes(&self, doc: &str) -> Vec<String> {
            self.ws
                .annotations(doc)
                .iter()
                .map(|a| format!("{}{}", a.id, a.note))
                .collect()
        }
    }

    fn stored_ids(store: &MemoryStore, doc: &str) -> Option<Vec<String>> {
        let raw = store.get(&annotations_key(doc)).unwrap()?;
        let stored: StoredAnnotations = serde_json::from_str(&raw).unwrap();
        assert_eq!(stored.schema, SCHEMA);
        Some(stored.annotations.into_iter().map(|a| a.id).collect())
    }

    #[test]
    fn save_then_load_gives_back_the_work() {
        let store = MemoryStore::new();
        let (mut tab, problems) = Tab::open(&store);
        assert_eq!(problems, []);
        assert!(
            store.entries().is_empty(),
            "loading an empty store writes nothing"
        );
        let d0 = builtin_id(0);
        let own = own_document();
        tab.apply(Change::AddDocument(own.clone()));
        tab.tag(&annotation("b", &d0, 10, 20, "checked"));
        tab.tag(&annotation("a", &d0, 0, 5, ""));
        tab.tag(&annotation("c", &own.id, 2, 6, "mine"));
        tab.apply(Change::AddOrphan(orphan()));
        tab.meta = Meta {
            annotator: "Ana".into(),
            prefs: Prefs {
                snap_words: false,
                name_asked: true,
            },
            open: Some(own.id.clone()),
        };
        assert_eq!(tab.save(), Ok(()));

        let keys: Vec<String> = store.entries().into_keys().collect();
        let mut expected = vec![
            annotations_key(&d0),
            annotations_key(&own.id),
            DOCS.to_string(),
            META.to_string(),
            ORPHANS.to_string(),
        ];
        expected.sort();
        assert_eq!(keys, expected);
        assert_eq!(
            stored_ids(&store, &d0).unwrap(),
            ["a", "b"],
            "in text order"
        );
        // Only the reader's own document is stored, never a built-in text.
        let docs: StoredDocuments =
            serde_json::from_str(&store.get(DOCS).unwrap().unwrap()).unwrap();
        assert_eq!(docs.documents.len(), 1);
        assert_eq!(docs.documents[0].text, &*own.text);
        assert_eq!(docs.documents[0].meta, own.meta);
        for builtin in corpus::builtin() {
            let start: String = builtin.text.chars().take(60).collect();
            assert!(store.entries().values().all(|v| !v.contains(&start)));
        }

        let again = load(&store, corpus::builtin());
        assert_eq!(again.problems, []);
        assert_eq!(again.workspace, tab.ws);
        assert_eq!(again.workspace.documents().len(), 5);
        assert!(!again.workspace.documents()[4].builtin);
        assert_eq!(again.workspace.annotation("c").unwrap().note, "mine");
        assert_eq!(again.workspace.orphans(), [orphan()]);
        assert_eq!(again.meta, tab.meta);
    }

    #[test]
    fn an_open_document_that_is_gone_is_not_opened() {
        let store = MemoryStore::new();
        let meta = r#"{"schema":1,"annotator":"Bo","open":"dnothere"}"#;
        store.set(META, meta).unwrap();
        let loaded = load(&store, corpus::builtin());
        assert_eq!(loaded.problems, []);
        assert_eq!(loaded.meta.annotator, "Bo");
        assert_eq!(loaded.meta.open, None);
        assert_eq!(
            loaded.meta.prefs,
            Prefs::default(),
            "missing prefs are the defaults"
        );
    }

    #[test]
    fn a_save_writes_only_what_changed() {
        let store = MemoryStore::new();
        let (mut tab, _) = Tab::open(&store);
        let (d0, d1) = (builtin_id(0), builtin_id(1));
        tab.tag(&annotation("a", &d0, 0, 5, ""));
        tab.meta.annotator = "Ana".into();
        tab.save().unwrap();
        // Nothing changed: nothing is written, even where writes would fail.
        store.fail_writes(true);
        assert_eq!(tab.save(), Ok(()));
        let (mut reopened, _) = Tab::open(&store);
        assert_eq!(reopened.save(), Ok(()));
        store.fail_writes(false);
        // Someone else's meta stays, as this tab's meta did not change; only d1 is written.
        let others = r#"{"schema":1,"annotator":"Other"}"#;
        store.set(META, others).unwrap();
        store.remove(&annotations_key(&d0)).unwrap();
        tab.tag(&annotation("b", &d1, 0, 5, ""));
        tab.save().unwrap();
        assert_eq!(store.get(META).unwrap().as_deref(), Some(others));
        assert_eq!(stored_ids(&store, &d0), None);
        assert_eq!(stored_ids(&store, &d1).unwrap(), ["b"]);
    }

    #[test]
    fn two_tabs_tagging_in_turn_lose_nothing() {
        let store = MemoryStore::new();
        let (mut one, _) = Tab::open(&store);
        let (mut two, _) = Tab::open(&store);
        let d = builtin_id(1);
        one.tag(&annotation("x", &d, 0, 10, ""));
        one.save().unwrap();
        two.incoming();
        assert_eq!(two.notes(&d), ["x"]);
        two.tag(&annotation("y", &d, 20, 30, ""));
        two.save().unwrap();
        one.incoming();
        assert_eq!(one.notes(&d), ["x", "y"]);
        // Both tag before either hears of the other: the second save merges.
        one.tag(&annotation("z", &d, 40, 50, ""));
        two.tag(&annotation("w", &d, 60, 70, ""));
        one.save().unwrap();
        two.save().unwrap();
        assert_eq!(
            two.notes(&d),
            ["x", "y", "z", "w"],
            "the save brings tab one's z"
        );
        one.incoming();
        assert_eq!(one.notes(&d), ["x", "y", "z", "w"]);
        assert_eq!(stored_ids(&store, &d).unwrap(), ["x", "y", "z", "w"]);
        // A deletion in one tab deletes in the other.
        let y = one.ws.annotation("y").unwrap().clone();
        one.apply(Change::Remove(y));
        one.save().unwrap();
        two.incoming();
        assert_eq!(two.notes(&d), ["x", "z", "w"]);
        // And nothing comes back on the next save.
        two.save().unwrap();
        one.incoming();
        assert_eq!(one.notes(&d), ["x", "z", "w"]);
        assert_eq!(stored_ids(&store, &d).unwrap(), ["x", "z", "w"]);
        assert_eq!(load(&store, corpus::builtin()).workspace, one.ws);
    }

    #[test]
    fn work_not_yet_saved_survives_another_tabs_write() {
        let store = MemoryStore::new();
        let (mut one, _) = Tab::open(&store);
        let (mut two, _) = Tab::open(&store);
        let d = builtin_id(0);
        // Tab one tags but has not saved yet when tab two's save arrives.
        one.tag(&annotation("mine", &d, 0, 10, ""));
        two.tag(&annotation("theirs", &d, 20, 30, ""));
        two.save().unwrap();
        one.incoming();
        assert_eq!(one.notes(&d), ["mine", "theirs"]);
        assert_eq!(stored_ids(&store, &d).unwrap(), ["theirs"]);
        one.save().unwrap();
        assert_eq!(stored_ids(&store, &d).unwrap(), ["mine", "theirs"]);
        two.incoming();
        assert_eq!(two.notes(&d), ["mine", "theirs"]);
    }

    #[test]
    fn an_edit_in_one_tab_outlives_a_deletion_in_the_other() {
        for edit_saved_first in [true, false] {
            let store = MemoryStore::new();
            let (mut one, _) = Tab::open(&store);
            let d = builtin_id(0);
            let before = annotation("x", &d, 0, 10, "");
            one.tag(&before);
            one.save().unwrap();
            let (mut two, _) = Tab::open(&store);
            assert_eq!(two.notes(&d), ["x"]);
            let after = annotation("x", &d, 0, 10, "edited");
            one.apply(Change::Update {
                before: before.clone(),
                after,
            });
            two.apply(Change::Remove(before));
            if edit_saved_first {
                one.save().unwrap();
                two.save().unwrap();
            } else {
                two.save().unwrap();
                one.save().unwrap();
            }
            one.incoming();
            two.incoming();
            assert_eq!(one.notes(&d), ["xedited"], "edit first: {edit_saved_first}");
            assert_eq!(two.notes(&d), ["xedited"], "edit first: {edit_saved_first}");
            assert_eq!(stored_ids(&store, &d).unwrap(), ["x"]);
        }
    }

    #[test]
    fn another_tabs_documents_come_in_and_removed_ones_take_their_annotations() {
        let store = MemoryStore::new();
        let (mut one, _) = Tab::open(&store);
        let (mut two, _) = Tab::open(&store);
        let own = own_document();
        one.apply(Change::AddDocument(own.clone()));
        let a = annotation("a", &own.id, 0, 6, "");
        one.tag(&a);
        one.save().unwrap();
        assert_eq!(stored_ids(&store, &own.id).unwrap(), ["a"]);
        two.incoming();
        assert_eq!(two.ws.document(&own.id).unwrap().text, own.text);
        assert_eq!(two.notes(&own.id), ["a"]);

        one.apply(Change::Remove(a));
        one.apply(Change::RemoveDocument(own.clone()));
        one.save().unwrap();
        assert_eq!(stored_ids(&store, &own.id), None);
        assert!(store.keys().unwrap().iter().all(|k| !k.contains(&own.id)));
        let docs: StoredDocuments =
            serde_json::from_str(&store.get(DOCS).unwrap().unwrap()).unwrap();
        assert!(docs.documents.is_empty());
        assert_eq!(
            load(&store, corpus::builtin()).workspace.documents().len(),
            4
        );
    }

    #[test]
    fn a_full_store_refuses_the_save_and_the_work_stays_until_there_is_room() {
        let store = MemoryStore::new();
        store.set_quota(Some(400));
        let (mut tab, _) = Tab::open(&store);
        let d = builtin_id(2);
        tab.tag(&annotation(
            "a",
            &d,
            0,
            10,
            "a note long enough to fill the store. ".repeat(20).as_str(),
        ));
        tab.tag(&annotation("b", &d, 20, 30, ""));
        tab.meta.annotator = "Ana".into();
        let before = tab.ws.clone();
        assert_eq!(
            tab.save(),
            Err(StorageProblem::SaveFailed(StoreError::Quota))
        );
        assert_eq!(tab.ws, before, "the work in memory is untouched");
        assert_eq!(stored_ids(&store, &d), None);
        assert!(store.used() <= 400);
        // A failed save is tried again in full.
        assert_eq!(
            tab.save(),
            Err(StorageProblem::SaveFailed(StoreError::Quota))
        );
        store.set_quota(Some(1 << 20));
        assert_eq!(tab.save(), Ok(()));
        assert_eq!(stored_ids(&store, &d).unwrap(), ["a", "b"]);
        let again = load(&store, corpus::builtin());
        assert_eq!(again.problems, []);
        assert_eq!(again.workspace, before);
        assert_eq!(again.meta.annotator, "Ana");
    }

    #[test]
    fn a_full_store_mid_save_still_brings_the_other_tabs_work() {
        let store = MemoryStore::new();
        let (mut one, _) = Tab::open(&store);
        let (mut two, _) = Tab::open(&store);
        let (d0, d1) = (builtin_id(0), builtin_id(1));
        one.tag(&annotation("x", &d0, 0, 10, ""));
        one.save().unwrap();
        // Tab two tags d0 (fits) and d1 (too big): the d1 write fails after the d0 merge.
        two.tag(&annotation("y", &d0, 20, 30, ""));
        two.tag(&annotation("big", &d1, 0, 10, &"n".repeat(2000)));
        store.set_quota(Some(store.used() + 300));
        assert_eq!(
            two.save(),
            Err(StorageProblem::SaveFailed(StoreError::Quota))
        );
        assert_eq!(two.notes(&d0), ["x", "y"], "tab one's x came in");
        assert_eq!(stored_ids(&store, &d0).unwrap(), ["x", "y"]);
        assert_eq!(stored_ids(&store, &d1), None);
    }

    #[test]
    fn failing_writes_are_reported_and_reads_still_load() {
        let store = MemoryStore::new();
        let (mut tab, _) = Tab::open(&store);
        let d = builtin_id(0);
        tab.tag(&annotation("a", &d, 0, 5, ""));
        tab.save().unwrap();
        store.fail_writes(true);
        let (mut other, problems) = Tab::open(&store);
        assert_eq!(problems, [], "a readable store loads though writes fail");
        assert_eq!(other.notes(&d), ["a"]);
        other.tag(&annotation("b", &d, 10, 15, ""));
        let refused = StoreError::Refused("SecurityError".into());
        assert_eq!(other.save(), Err(StorageProblem::SaveFailed(refused)));
        assert_eq!(other.notes(&d), ["a", "b"]);
        assert_eq!(stored_ids(&store, &d).unwrap(), ["a"]);
        store.fail_writes(false);
        assert_eq!(other.save(), Ok(()));
        assert_eq!(stored_ids(&store, &d).unwrap(), ["a", "b"]);
    }

    #[test]
    fn no_storage_at_load_is_reported_and_the_tab_works_alone() {
        let store = MemoryStore::new();
        store.set_unavailable(true);
        let (mut tab, problems) = Tab::open(&store);
        let none = StoreError::Unavailable("no local storage".into());
        assert_eq!(problems[0], StorageProblem::Unavailable(none.clone()));
        // Each key's read fails too, and says so: meta, documents, four built-ins, orphans.
        let read_failed: Vec<&str> = problems[1..]
            .iter()
            .map(|p| match p {
                StorageProblem::ReadFailed { key, error } if *error == none => key.as_str(),
                other => panic!("unexpected {other:?}"),
            })
            .collect();
        let d = builtin_id(3);
        assert_eq!(read_failed.len(), 7);
        assert_eq!(read_failed[..2], [META, DOCS]);
        assert_eq!(read_failed[5], annotations_key(&d));
        assert_eq!(read_failed[6], ORPHANS);
        assert_eq!(tab.ws.documents().len(), 4);
        tab.tag(&annotation("a", &d, 0, 5, ""));
        assert_eq!(tab.save(), Err(StorageProblem::SaveFailed(none)));
        tab.incoming();
        assert_eq!(tab.notes(&d), ["a"]);
        assert_eq!(keys_with_prefix(&store, PREFIX), Vec::<String>::new());
        assert_eq!(dump(&store, PREFIX), "{}");
    }

    #[test]
    fn unreadable_and_newer_values_are_kept_aside_and_not_overwritten() {
        let store = MemoryStore::new();
        let (d0, d1, d2) = (builtin_id(0), builtin_id(1), builtin_id(2));
        let broken = r#"{"schema":1,"annotations":[{"id":"x", broken"#;
        let newer = r#"{"schema":2,"annotations":[],"extra":[1,2]}"#;
        store.set(&annotations_key(&d0), broken).unwrap();
        store.set(&annotations_key(&d1), newer).unwrap();
        let (mut tab, problems) = Tab::open(&store);
        let aside0 = format!("discern/aside/discern/v1/ann/{d0}");
        let aside1 = format!("discern/aside/discern/v1/ann/{d1}");
        assert_eq!(problems.len(), 2);
        match &problems[0] {
            StorageProblem::NotLoaded {
                key,
                why: Unreadable::Malformed(e),
                kept: Kept::Aside(at),
            } => {
                assert_eq!(key, &annotations_key(&d0));
                assert!(e.contains("line 1"), "{e}");
                assert_eq!(at, &aside0);
            }
            other => panic!("unexpected {other:?}"),
        }
        assert_eq!(
            problems[1],
            StorageProblem::NotLoaded {
                key: annotations_key(&d1),
                why: Unreadable::Newer(2),
                kept: Kept::Aside(aside1.clone()),
            }
        );
        assert_eq!(store.get(&aside0).unwrap().as_deref(), Some(broken));
        assert_eq!(store.get(&aside1).unwrap().as_deref(), Some(newer));
        assert_eq!(tab.notes(&d0), Vec::<String>::new());
        assert_eq!(
            keys_with_prefix(&store, ASIDE_PREFIX),
            [aside0.clone(), aside1.clone()]
        );
        let dumped: serde_json::Value = serde_json::from_str(&dump(&store, ASIDE_PREFIX)).unwrap();
        assert_eq!(dumped[&aside0], broken);
        assert_eq!(dumped[&aside1], newer);

        // Work elsewhere leaves the originals where they are.
        tab.tag(&annotation("a", &d2, 0, 5, ""));
        tab.meta.annotator = "Ana".into();
        tab.save().unwrap();
        assert_eq!(
            store.get(&annotations_key(&d0)).unwrap().as_deref(),
            Some(broken)
        );
        assert_eq!(
            store.get(&annotations_key(&d1)).unwrap().as_deref(),
            Some(newer)
        );
        // Loading again reports them again but copies nothing twice.
        let (_, again) = Tab::open(&store);
        assert_eq!(again, problems);
        assert_eq!(keys_with_prefix(&store, ASIDE_PREFIX).len(), 2);

        // Today, tagging such a document writes its key (the copy aside stays as it was).
        tab.tag(&annotation("b", &d0, 0, 5, ""));
        tab.save().unwrap();
        assert_eq!(stored_ids(&store, &d0).unwrap(), ["b"]);
        assert_eq!(store.get(&aside0).unwrap().as_deref(), Some(broken));
    }

    #[test]
    fn a_different_unreadable_value_gets_its_own_copy() {
        let store = MemoryStore::new();
        let key = annotations_key(&builtin_id(0));
        store.set(&key, "not json").unwrap();
        let _ = load(&store, corpus::builtin());
        store.set(&key, "{also not json").unwrap();
        let loaded = load(&store, corpus::builtin());
        let second = format!("{ASIDE_PREFIX}{key}#2");
        assert!(matches!(
            &loaded.problems[..],
            [StorageProblem::NotLoaded { kept: Kept::Aside(at), .. }] if *at == second
        ));
        // The first value again: already kept, not copied a third time.
        store.set(&key, "not json").unwrap();
        let loaded = load(&store, corpus::builtin());
        let first = format!("{ASIDE_PREFIX}{key}");
        assert!(matches!(
            &loaded.problems[..],
            [StorageProblem::NotLoaded { kept: Kept::Aside(at), .. }] if *at == first
        ));
        let kept = store.entries();
        assert_eq!(kept.get(&first).map(String::as_str), Some("not json"));
        assert_eq!(
            kept.get(&second).map(String::as_str),
            Some("{also not json")
        );
        assert_eq!(keys_with_prefix(&store, ASIDE_PREFIX).len(), 2);
    }

    #[test]
    fn each_reason_a_value_is_not_loaded() {
        let cases = [
            (r#"{"schema":7}"#, Unreadable::Newer(7)),
            (
                r#"{"schema":0,"annotator":"Old"}"#,
                Unreadable::UnknownSchema(0),
            ),
            (
                r#"{"annotator":"None"}"#,
                Unreadable::Malformed(String::new()),
            ),
            ("[1,2]", Unreadable::Malformed(String::new())),
        ];
        for (value, reason) in cases {
            let store = MemoryStore::new();
            store.set(META, value).unwrap();
            let loaded = load(&store, corpus::builtin());
            let [StorageProblem::NotLoaded { key, why, kept }] = &loaded.problems[..] else {
                panic!("{value}: {:?}", loaded.problems);
            };
            assert_eq!(key, META);
            assert_eq!(kept, &Kept::Aside(format!("{ASIDE_PREFIX}{META}")));
            match (why, &reason) {
                (Unreadable::Malformed(e), Unreadable::Malformed(_)) => assert!(!e.is_empty()),
                _ => assert_eq!(why, &reason, "{value}"),
            }
            assert_eq!(loaded.meta, Meta::default());
        }
    }

    #[test]
    fn a_value_that_cannot_be_kept_aside_is_never_written_over() {
        let store = MemoryStore::new();
        let d = builtin_id(1);
        let key = annotations_key(&d);
        let broken = "{broken";
        let newer = r#"{"schema":3,"annotator":"Future"}"#;
        store.set(&key, broken).unwrap();
        store.set(META, newer).unwrap();
        store.fail_writes(true);
        let (mut tab, problems) = Tab::open(&store);
        assert!(matches!(
            &problems[..],
            [
                StorageProblem::NotLoaded { key: k1, why: Unreadable::Newer(3), kept: Kept::InPlace },
                StorageProblem::NotLoaded { key: k2, why: Unreadable::Malformed(_), kept: Kept::InPlace },
            ] if k1 == META && *k2 == key
        ));
        assert_eq!(keys_with_prefix(&store, ASIDE_PREFIX), Vec::<String>::new());
        // Writes work again: this tab still never writes over them.
        store.fail_writes(false);
        tab.tag(&annotation("a", &d, 0, 5, ""));
        tab.meta.annotator = "Ana".into();
        assert_eq!(tab.save(), Ok(()));
        assert_eq!(store.get(&key).unwrap().as_deref(), Some(broken));
        assert_eq!(store.get(META).unwrap().as_deref(), Some(newer));
        assert_eq!(tab.notes(&d), ["a"], "the work stays in the tab");
        // Nor when the annotation goes again (which would remove the key).
        let a = tab.ws.annotation("a").unwrap().clone();
        tab.apply(Change::Remove(a));
        assert_eq!(tab.save(), Ok(()));
        assert_eq!(store.get(&key).unwrap().as_deref(), Some(broken));
    }

    #[test]
    fn a_saved_annotation_that_breaks_the_rules_is_reported() {
        let store = MemoryStore::new();
        let d = builtin_id(0);
        let len = corpus::builtin()[0].len();
        let stored = StoredAnnotations {
            schema: SCHEMA,
            annotations: vec![
                (*annotation("ok", &d, 0, 5, "")).clone(),
                (*annotation("long", &d, 0, len + 1, "")).clone(),
                (*annotation("twice", &d, 0, 5, "")).clone(),
            ],
        };
        store.set(&annotations_key(&d), &to_json(&stored)).unwrap();
        let loaded = load(&store, corpus::builtin());
        assert_eq!(
            loaded.problems,
            [
                StorageProblem::AnnotationRefused {
                    id: "long".into(),
                    refusal: ChangeError::OutOfRange { end: len + 1, len },
                },
                StorageProblem::AnnotationRefused {
                    id: "twice".into(),
                    refusal: ChangeError::Duplicate(Label::Claim),
                },
            ]
        );
        let ids: Vec<String> = loaded
            .workspace
            .annotations(&d)
            .iter()
            .map(|a| a.id.clone())
            .collect();
        assert_eq!(ids, ["ok"]);
    }

    #[test]
    fn the_memory_store_counts_its_quota_and_shares_its_data() {
        let store = MemoryStore::new();
        let other_tab = store.clone();
        store.set_quota(Some(10));
        assert_eq!(store.set("ab", "cdef"), Ok(()));
        assert_eq!(other_tab.get("ab"), Ok(Some("cdef".into())));
        assert_eq!(other_tab.used(), 6);
        assert_eq!(store.set("gh", "ijk"), Err(StoreError::Quota));
        assert_eq!(
            store.set("ab", "cdefghij"),
            Ok(()),
            "a replaced value is not counted twice"
        );
        assert_eq!(store.set("ab", "cdefghijk"), Err(StoreError::Quota));
        assert_eq!(
            store.get("ab"),
            Ok(Some("cdefghij".into())),
            "a refused set changes nothing"
        );
        store.fail_writes(true);
        let refused = Err(StoreError::Refused("SecurityError".into()));
        assert_eq!(store.remove("ab"), refused);
        assert_eq!(store.keys(), Ok(vec!["ab".to_string()]));
        store.set_unavailable(true);
        let none = StoreError::Unavailable("no local storage".into());
        assert_eq!(other_tab.get("ab"), Err(none.clone()));
        assert_eq!(other_tab.keys(), Err(none));
        store.set_unavailable(false);
        store.fail_writes(false);
        assert_eq!(store.remove("ab"), Ok(()));
        assert_eq!(other_tab.entries(), BTreeMap::new());
    }
}
