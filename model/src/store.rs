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
//! - `discern/v1/assignments`: the open assignments, without their documents' texts;
//! - `discern/v1/compare`: the teacher's compare set and the key being built;
//! - `discern/v1/language`: the language the reader chose for the interface (the pages'
//!   start script reads it, before the app runs);
//! - `discern/aside/<key>`, then `<key>#2`, `#3`…: copies of values that could not be read.

use crate::annotation::Label;
use crate::assignment::AssignmentFile;
use crate::compare::{CompareSet, Loaded as CompareLoaded, Submission};
use crate::key::{Decision, KeyDraft, Place};
use crate::span::Span;
use crate::sync::{merge3, same, FromOtherTab, Incoming};
use crate::workspace::{AnnotationList, ChangeError, Orphan};
use crate::{Annotation, Change, Document, DocumentMeta, Workspace};
use serde::{Deserialize, Serialize};
use std::cell::RefCell;
use std::collections::{BTreeMap, HashMap};
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
/// The open assignments.
pub const ASSIGNMENTS: &str = "discern/v1/assignments";
/// The teacher's compare set (the files loaded, the key) and the key being built.
pub const COMPARE: &str = "discern/v1/compare";
/// The language the reader chose in the header, `{schema, language}` (a code, `es`); absent
/// until they choose one, when the browser's languages decide. Written by the header's
/// switch; read by the pages' start script (`static/start.js`) before anything else.
pub const LANGUAGE: &str = "discern/v1/language";
/// The most a compare set may take in the store, in characters: the rest is the work's.
pub const COMPARE_MAX_CHARS: usize = 2_000_000;
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
    /// The browser has no local storage to give (no window, or none at all).
    Missing,
    /// There is no storage at all (storage disabled, a sandboxed page): the name of what the
    /// browser threw (`SecurityError`), or empty when it gave none.
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

    /// When on, every call fails with `StoreError::Missing`.
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
            return Err(StoreError::Missing);
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
    /// It does not parse as what the key holds: what the parser found, and where.
    Malformed(crate::json::JsonProblem),
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
    /// A stored document was not loaded: the workspace refused it.
    DocumentRefused { title: String, refusal: ChangeError },
    /// Part of the value under `key` was refused (reported before this); the value as it was
    /// went to `kept`.
    PartlyLoaded { key: String, kept: Kept },
    /// A write failed: the work is kept in the tab only.
    SaveFailed(StoreError),
    /// The `count` annotations of the document `title` found no room in the store, though
    /// every other write succeeded: they are kept in the tab only, and tried again with the
    /// next change.
    AnnotationsNotKept { title: String, count: usize },
    /// The reader's own document `title`, of `chars` code points, does not fit in the store:
    /// it is kept in the tab only (its annotations are saved).
    DocumentNotKept { title: String, chars: usize },
}

/// Why the compare set is not kept in the store (the work itself keeps its room).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CompareNotKept {
    /// The set of `files` files, `chars` characters stored, passes [`COMPARE_MAX_CHARS`], or
    /// (`full`) the store had no room for it. What was kept of an earlier set is removed, so
    /// that a reload does not bring back an old one.
    TooLarge {
        files: usize,
        chars: usize,
        full: bool,
    },
    /// The store refused to write or remove it.
    Failed(StoreError),
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
#[derive(Debug)]
pub struct Loaded {
    /// The built-in documents with the saved work over them.
    pub workspace: Workspace,
    /// The saved name and preferences; the open document only if it exists.
    pub meta: Meta,
    /// What could not be loaded, in the order it was found.
    pub problems: Vec<StorageProblem>,
    /// Saves the work from here on, knowing what the store holds.
    pub saver: Saver,
}

#[derive(Serialize, Deserialize)]
struct StoredMeta {
    schema: u32,
    /// Which store this is: the id of the tab that first wrote to it after it was empty.
    #[serde(default)]
    store: String,
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

/// (Written from references, read as owned annotations.)
#[derive(Serialize, Deserialize)]
struct StoredAnnotations<A = Annotation> {
    schema: u32,
    annotations: Vec<A>,
}

#[derive(Serialize, Deserialize)]
struct StoredOrphans {
    schema: u32,
    orphans: Vec<Orphan>,
}

#[derive(Serialize, Deserialize)]
struct StoredAssignments {
    schema: u32,
    assignments: Vec<AssignmentFile>,
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

/// What [`LANGUAGE`] holds when the reader chose the language of code `code` (letters and
/// `-` only, as the start script lists them).
pub fn language_value(code: &str) -> String {
    format!("{{\"schema\":{SCHEMA},\"language\":\"{code}\"}}")
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

/// What reading a key found: its value, or why there is none.
type Read<T> = Result<T, NoValue>;

/// Why reading a key gave no value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum NoValue {
    Missing,
    /// Unreadable or newer: copied aside and reported (or the read itself failed).
    KeptAside,
    /// Unreadable, and it could not be copied aside: it must not be written over.
    Unsafe,
}

/// Reads `key` as a `T` of schema 1. A value that is there but unreadable or newer is copied
/// aside (once) and a problem is reported. (Only the parsing is generic.)
fn read<T: for<'de> Deserialize<'de>>(
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
fn raw_at(store: &dyn Store, key: &str, problems: &mut Vec<StorageProblem>) -> Read<String> {
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
fn unreadable(raw: &str, error: Option<&serde_json::Error>) -> Option<Unreadable> {
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
fn set_aside(
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
fn copy_aside(store: &dyn Store, key: &str, raw: &str) -> Kept {
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
fn keep_partly_loaded(
    store: &dyn Store,
    key: &str,
    saver: &mut Saver,
    problems: &mut Vec<StorageProblem>,
) {
    let kept = match store.get(key) {
        Ok(Some(raw)) => copy_aside(store, key, &raw),
        _ => Kept::InPlace,
    };
    if kept == Kept::InPlace {
        saver.block(key.to_string());
    }
    problems.push(StorageProblem::PartlyLoaded {
        key: key.to_string(),
        kept,
    });
}

fn read_annotations(
    store: &dyn Store,
    doc: &str,
    problems: &mut Vec<StorageProblem>,
) -> Read<Vec<Rc<Annotation>>> {
    read::<StoredAnnotations>(store, &annotations_key(doc), problems)
        .map(|s| s.annotations.into_iter().map(Rc::new).collect())
}

/// Only the annotations that fit document `doc` of `len` code points.
fn fitting(mut list: Vec<Rc<Annotation>>, doc: &str, len: usize) -> Vec<Rc<Annotation>> {
    list.retain(|a| a.document == doc && a.start < a.end && a.end <= len);
    list
}

/// Loads the saved work over the `builtin` documents, and says what could not be loaded.
/// A value that is not taken in as it is (unreadable, or with a part the workspace refuses)
/// is copied aside before anything is written.
pub fn load(
    store: &dyn Store,
    builtin: Vec<Document>,
    keeping: Option<&'static dyn AssignmentKeeping>,
) -> Loaded {
    let mut problems = Vec::new();
    let mut ws = Workspace::new(builtin);
    let mut saver = Saver {
        keeping,
        ..Saver::default()
    };
    if let Err(e) = store.keys() {
        problems.push(StorageProblem::Unavailable(e));
    }
    let meta = read::<StoredMeta>(store, META, &mut problems);
    saver.block_unsafe(META, meta.as_ref().err());
    let docs = read::<StoredDocuments>(store, DOCS, &mut problems);
    saver.block_unsafe(DOCS, docs.as_ref().err());
    if let Ok(docs) = docs {
        let mut refused = false;
        for d in docs.documents {
            let doc = Rc::new(Document::new(d.meta, &d.text, false));
            if let Err(refusal) = ws.apply(&Change::AddDocument(doc.clone())) {
                refused = true;
                problems.push(StorageProblem::DocumentRefused {
                    title: doc.meta.title.clone(),
                    refusal,
                });
            }
        }
        if refused {
            keep_partly_loaded(store, DOCS, &mut saver, &mut problems);
        }
    }
    saver.own_docs = Some(own_doc_ids(&ws, &[]));
    let docs: Vec<(String, usize)> = ws
        .documents()
        .iter()
        .map(|d| (d.id.clone(), d.len()))
        .collect();
    for (id, len) in docs {
        let key = annotations_key(&id);
        let list = read_annotations(store, &id, &mut problems);
        saver.block_unsafe(&key, list.as_ref().err());
        if let Ok(list) = list {
            let mut refused = false;
            for a in &list {
                if let Err(refusal) = ws.apply(&Change::Add(a.clone())) {
                    refused = true;
                    problems.push(StorageProblem::AnnotationRefused {
                        id: a.id.clone(),
                        refusal,
                    });
                }
            }
            // What the store holds, so that the next save drops what was refused (it is
            // kept aside) instead of taking it for another tab's work.
            let base = if refused {
                keep_partly_loaded(store, &key, &mut saver, &mut problems);
                Rc::new(sorted(fitting(list, &id, len)))
            } else {
                ws.annotations(&id)
            };
            saver.base.insert(id, base);
        }
    }
    let orphans = read::<StoredOrphans>(store, ORPHANS, &mut problems);
    saver.block_unsafe(ORPHANS, orphans.as_ref().err());
    for o in orphans.map(|o| o.orphans).unwrap_or_default() {
        let _ = ws.apply(&Change::AddOrphan(Rc::new(o)));
    }
    saver.orphans = Some(ws.orphans().to_vec());
    if let Some(k) = saver.keeping {
        k.load(store, &mut ws, &mut saver, &mut problems);
    }
    let meta = meta.map_or_else(
        |_| Meta::default(),
        |m| {
            let meta = Meta {
                annotator: m.annotator,
                prefs: m.prefs,
                open: m.open.filter(|id| ws.document(id).is_some()),
            };
            saver.meta = meta_json(&meta, &m.store);
            saver.store_id = Some(m.store);
            saver.said = meta.clone();
            meta
        },
    );
    Loaded {
        workspace: ws,
        meta,
        problems,
        saver,
    }
}

fn sorted(mut list: Vec<Rc<Annotation>>) -> Vec<Rc<Annotation>> {
    Annotation::sort_in_text_order(&mut list);
    list
}

/// Remembers what was last written or read, so that a save writes only what changed and
/// merges with what another tab wrote in between. [`load`] makes it.
#[derive(Debug, Default)]
pub struct Saver {
    /// The stored meta as last written or read; empty when there never was one. Kept when
    /// the store is cleared: what it held, which a cleared store is given back where this tab
    /// changed nothing.
    meta: String,
    /// This tab's own name, preferences and open document as they were when it last saved
    /// (or loaded) them. A field the tab has not changed since is not its to write: the
    /// store's (another tab's, or what the store held before it was cleared) is kept.
    said: Meta,
    /// This tab's id, and how many stores it named: a store it writes to first after it was
    /// emptied is named from both.
    tab: String,
    named: u32,
    /// The id of the store as this tab last saw it in the meta, if it did. Discern never
    /// removes the meta, so when it is gone or names another store, the store was cleared.
    store_id: Option<String>,
    /// This tab wrote annotations while it knew no store.
    unclaimed: bool,
    /// The own documents stored, by id.
    own_docs: Option<Vec<String>>,
    /// Own documents the store had no room for: kept in the tab only, not tried again.
    not_kept: Vec<String>,
    orphans: Option<Vec<Rc<Orphan>>>,
    /// The open assignments as last written or read.
    assignments: Option<Vec<Rc<AssignmentFile>>>,
    base: HashMap<String, AnnotationList>,
    /// Keys that hold data that could not be kept aside: never written over. (Few: a list.)
    blocked: Vec<String>,
    /// Who keeps the open assignments, on the page that keeps them (the assignment page).
    keeping: Option<&'static dyn AssignmentKeeping>,
}

impl Saver {
    fn block(&mut self, key: String) {
        if !self.is_blocked(&key) {
            self.blocked.push(key);
        }
    }

    /// A key whose value could not be copied aside is never written over.
    fn block_unsafe(&mut self, key: &str, read: Option<&NoValue>) {
        if read == Some(&NoValue::Unsafe) {
            self.block(key.to_string());
        }
    }

    fn is_blocked(&self, key: &str) -> bool {
        self.blocked.iter().any(|k| k == key)
    }

    /// Names this tab (an id no other tab has).
    pub fn name_tab(&mut self, tab: String) {
        self.tab = tab;
    }

    /// When the store this tab saw is gone (its meta missing, or naming another store), it
    /// was cleared, by another tab or the browser: that is not the reader deleting their
    /// work. Everything is taken as unsaved, so that the next save writes it all again, and
    /// what another tab wrote since is taken as new.
    /// The meta read is what the store holds from now on, as far as this tab knows.
    fn forget_if_cleared(&mut self, store: &dyn Store, other: &mut FromOtherTab) {
        let now = match store.get(META) {
            Ok(None) => None,
            Ok(Some(raw)) => match serde_json::from_str::<StoredMeta>(&raw) {
                // Written by a newer Discern: never written over by this one.
                Ok(m) if m.schema > SCHEMA => return self.block(META.to_string()),
                Ok(m) => {
                    self.meta = raw;
                    Some(m.store)
                }
                Err(_) => return,
            },
            Err(_) => return,
        };
        // Annotations this tab wrote while it knew no store (no meta could be written or
        // read) are taken as unsaved too: what the store holds now is merged with them, never
        // taken for their deletion.
        if self.unclaimed || self.store_id != now {
            self.base.clear();
        }
        if self.store_id == now {
            return;
        }
        if self.store_id.is_some() {
            self.own_docs = None;
            self.orphans = None;
            // The cleared store holds none: written again as this tab's, not taken as closed.
            self.assignments = Some(Vec::new());
            other.restored = true;
        }
        self.store_id = now;
    }

    /// Writes what changed in `ws` and `meta`, each key on its own: a value that cannot be
    /// stored never keeps the others from being saved. Returns what another tab had written
    /// meanwhile, for the state to take in (also when a write failed, so that the other
    /// tab's work is never mistaken for this tab's deletion), and what went wrong.
    pub fn save(
        &mut self,
        store: &dyn Store,
        ws: &Workspace,
        meta: &Meta,
    ) -> (FromOtherTab, Vec<StorageProblem>) {
        let mut other = FromOtherTab::default();
        self.forget_if_cleared(store, &mut other);
        let mut failed = None;
        let mut wrote = |result: Result<(), StoreError>| match result {
            Ok(()) => true,
            Err(e) => {
                failed.get_or_insert(e);
                false
            }
        };
        if self.own_docs.as_ref() != Some(&own_doc_ids(ws, &self.not_kept))
            && !self.is_blocked(DOCS)
        {
            // The largest document goes first when there is no room for them all.
            loop {
                let own: Vec<&Rc<Document>> = ws
                    .documents()
                    .iter()
                    .filter(|d| !d.builtin && !self.not_kept.contains(&d.id))
                    .collect();
                let docs = StoredDocuments {
                    schema: SCHEMA,
                    documents: own
                        .iter()
                        .map(|d| StoredDocument {
                            meta: d.meta.clone(),
                            text: d.text.to_string(),
                        })
                        .collect(),
                };
                let largest = own.iter().max_by_key(|d| d.text.len());
                match (store.set(DOCS, &to_json(&docs)), largest) {
                    (Err(StoreError::Quota), Some(d)) => self.not_kept.push(d.id.clone()),
                    (result, _) => {
                        if wrote(result) {
                            self.own_docs = Some(own_doc_ids(ws, &self.not_kept));
                        }
                        break;
                    }
                }
            }
        }
        // Documents whose annotations did not fit (title, how many).
        let mut too_big: Vec<(String, usize)> = Vec::new();
        for d in ws.documents() {
            let ours = ws.annotations(&d.id);
            let known = self.base.get(&d.id).cloned();
            if known.is_none() && ours.is_empty() {
                self.take_in_kept(store, d, &mut other);
                continue;
            }
            let mut base = known.unwrap_or_default();
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
                Ok(list) => fitting(list, &d.id, d.len()),
                // While no tab could name the store (it has no meta), a missing key may be a
                // cleared store as well as another tab's deletion: nothing is taken as deleted.
                Err(NoValue::Missing) if self.store_id.is_none() => {
                    base = Rc::default();
                    Vec::new()
                }
                Err(NoValue::Missing) => Vec::new(),
                Err(NoValue::KeptAside) => base.to_vec(),
                Err(NoValue::Unsafe) => {
                    self.block(key);
                    continue;
                }
            };
            let merged = merge3(&base, &ours, &theirs);
            let saved = if merged.is_empty() {
                wrote(store.remove(&key))
            } else {
                let stored = StoredAnnotations {
                    schema: SCHEMA,
                    annotations: merged.iter().map(|a| &**a).collect(),
                };
                match store.set(&key, &to_json(&stored)) {
                    // Reported by name below, unless the store refuses everything.
                    Err(StoreError::Quota) => {
                        too_big.push((d.meta.title.clone(), merged.len()));
                        false
                    }
                    result => wrote(result),
                }
            };
            if !same(&merged, &ours) {
                other.annotations.push(Incoming {
                    document: d.id.clone(),
                    base: ours.to_vec(),
                    theirs: merged.clone(),
                });
            }
            if saved {
                self.base.insert(d.id.clone(), Rc::new(merged));
                self.unclaimed |= self.store_id.is_none();
            }
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
            if self.is_blocked(&key) || wrote(store.remove(&key)) {
                self.base.remove(&id);
            }
        }
        let orphans = ws.orphans().to_vec();
        if self.orphans.as_ref() != Some(&orphans) && !self.is_blocked(ORPHANS) {
            let stored = StoredOrphans {
                schema: SCHEMA,
                orphans: orphans.iter().map(|o| (**o).clone()).collect(),
            };
            if wrote(store.set(ORPHANS, &to_json(&stored))) {
                self.orphans = Some(orphans);
            }
        }
        if let Some(k) = self.keeping {
            wrote(k.save(self, store, ws, &mut other));
        }
        let id = self.store_id.clone().unwrap_or_else(|| {
            self.named += 1;
            format!("{}-{}", self.tab, self.named)
        });
        // What this tab changed since it last saved, over what the store holds (or held before
        // it was cleared): a tab that kept an old name (it opened before another tab's reader
        // typed theirs) never writes it back over the new one.
        let held = serde_json::from_str::<StoredMeta>(&self.meta).ok();
        let json = meta_json(&merge_meta(&self.said, meta, held), &id);
        let mut stored = json == self.meta;
        if !stored && !self.is_blocked(META) && wrote(store.set(META, &json)) {
            self.meta = json;
            self.store_id = Some(id);
            self.unclaimed = false;
            stored = true;
        }
        if stored {
            self.said = meta.clone();
        }
        // When nothing else failed, the rest of the work is saved and these are named; when
        // other writes failed too, nothing can be counted on, which the general problem says.
        let mut problems: Vec<StorageProblem> = match failed {
            Some(e) => vec![StorageProblem::SaveFailed(e)],
            None => too_big
                .into_iter()
                .map(|(title, count)| StorageProblem::AnnotationsNotKept { title, count })
                .collect(),
        };
        problems.extend(
            ws.documents()
                .iter()
                .filter(|d| self.not_kept.contains(&d.id))
                .map(|d| StorageProblem::DocumentNotKept {
                    title: d.meta.title.clone(),
                    chars: d.len(),
                }),
        );
        (other, problems)
    }

    /// Takes in what the store holds for `d`, a document this tab has neither read nor saved
    /// and has no annotations on (one added again whose tags were kept while its text could
    /// not be): they arrive as another tab's work would. Nothing is written.
    fn take_in_kept(&mut self, store: &dyn Store, d: &Document, other: &mut FromOtherTab) {
        let mut ignored = Vec::new();
        match read_annotations(store, &d.id, &mut ignored) {
            Ok(list) => {
                let theirs = fitting(list, &d.id, d.len());
                if !theirs.is_empty() {
                    other.annotations.push(Incoming {
                        document: d.id.clone(),
                        base: Vec::new(),
                        theirs: theirs.clone(),
                    });
                }
                self.base.insert(d.id.clone(), Rc::new(theirs));
            }
            Err(NoValue::Missing) => {
                self.base.insert(d.id.clone(), Rc::default());
            }
            // Unreadable: left where it is, as at load.
            Err(_) => {}
        }
    }

    /// Another tab wrote to `store`: what it changed, for the state to merge with its work.
    pub fn incoming(&mut self, store: &dyn Store, ws: &Workspace) -> FromOtherTab {
        let mut other = FromOtherTab::default();
        self.forget_if_cleared(store, &mut other);
        let mut ignored = Vec::new();
        if let Ok(docs) = read::<StoredDocuments>(store, DOCS, &mut ignored) {
            for d in docs.documents {
                let doc = Document::new(d.meta, &d.text, false);
                if ws.document(&doc.id).is_none() {
                    other.documents.push(Rc::new(doc));
                }
            }
        }
        if let Some(k) = self.keeping {
            k.incoming(self, store, ws, &mut other);
        }
        let docs: Vec<(String, usize)> = ws
            .documents()
            .iter()
            .chain(&other.documents)
            .map(|d| (d.id.clone(), d.len()))
            .collect();
        for (id, len) in docs {
            let theirs = match read_annotations(store, &id, &mut ignored) {
                Ok(list) => sorted(fitting(list, &id, len)),
                Err(NoValue::Missing) => Vec::new(),
                Err(NoValue::KeptAside) | Err(NoValue::Unsafe) => continue,
            };
            let base = self.base.get(&id).cloned().unwrap_or_default();
            if same(&theirs, &base) {
                continue;
            }
            self.base.insert(id.clone(), Rc::new(theirs.clone()));
            other.annotations.push(Incoming {
                document: id,
                base: base.to_vec(),
                theirs,
            });
        }
        other
    }
}

/// Whether and how the open assignments are kept (`discern/v1/assignments`). Only the
/// assignment page keeps them: it installs [`KeepAssignments`] with [`keep_assignments`] at
/// start. The other pages leave the key alone, and do not carry the code that reads it.
pub trait AssignmentKeeping: Sync + std::fmt::Debug {
    /// Takes the stored assignments into `ws`, at load.
    fn load(
        &self,
        store: &dyn Store,
        ws: &mut Workspace,
        saver: &mut Saver,
        problems: &mut Vec<StorageProblem>,
    );
    /// Writes them when they changed, merged with another tab's; what the merge changed goes
    /// into `other`.
    fn save(
        &self,
        saver: &mut Saver,
        store: &dyn Store,
        ws: &Workspace,
        other: &mut FromOtherTab,
    ) -> Result<(), StoreError>;
    /// Another tab wrote: its assignments, merged with this tab's, go into `other`.
    fn incoming(
        &self,
        saver: &mut Saver,
        store: &dyn Store,
        ws: &Workspace,
        other: &mut FromOtherTab,
    );
}

/// The open assignments kept in `discern/v1/assignments`, merged with other tabs'.
#[derive(Debug)]
pub struct KeepAssignments;

impl AssignmentKeeping for KeepAssignments {
    fn load(
        &self,
        store: &dyn Store,
        ws: &mut Workspace,
        saver: &mut Saver,
        problems: &mut Vec<StorageProblem>,
    ) {
        let assignments = read::<StoredAssignments>(store, ASSIGNMENTS, problems);
        saver.block_unsafe(ASSIGNMENTS, assignments.as_ref().err());
        for a in assignments.map(|a| a.assignments).unwrap_or_default() {
            let _ = ws.apply(&Change::OpenAssignment(Rc::new(a)));
        }
        saver.assignments = Some(ws.assignments().to_vec());
    }

    fn save(
        &self,
        saver: &mut Saver,
        store: &dyn Store,
        ws: &Workspace,
        other: &mut FromOtherTab,
    ) -> Result<(), StoreError> {
        let ours = ws.assignments();
        if saver.assignments.as_deref() == Some(ours) || saver.is_blocked(ASSIGNMENTS) {
            return Ok(());
        }
        let base = saver.assignments.clone().unwrap_or_default();
        let mut ignored = Vec::new();
        let theirs = match read::<StoredAssignments>(store, ASSIGNMENTS, &mut ignored) {
            Ok(t) => t.assignments.into_iter().map(Rc::new).collect(),
            Err(NoValue::Missing) => Vec::new(),
            Err(NoValue::KeptAside) => base.clone(),
            Err(NoValue::Unsafe) => {
                saver.block(ASSIGNMENTS.to_string());
                return Ok(());
            }
        };
        let merged = merge_assignments(&base, ours, &theirs);
        let stored = StoredAssignments {
            schema: SCHEMA,
            assignments: merged.iter().map(|a| (**a).clone()).collect(),
        };
        if merged != ours {
            other.assignments = Some(merged.clone());
        }
        store.set(ASSIGNMENTS, &to_json(&stored))?;
        saver.assignments = Some(merged);
        Ok(())
    }

    fn incoming(
        &self,
        saver: &mut Saver,
        store: &dyn Store,
        ws: &Workspace,
        other: &mut FromOtherTab,
    ) {
        let mut ignored = Vec::new();
        if let Ok(t) = read::<StoredAssignments>(store, ASSIGNMENTS, &mut ignored) {
            let theirs: Vec<Rc<AssignmentFile>> = t.assignments.into_iter().map(Rc::new).collect();
            let base = saver.assignments.clone().unwrap_or_default();
            if theirs != base {
                let merged = merge_assignments(&base, ws.assignments(), &theirs);
                if merged != ws.assignments() {
                    other.assignments = Some(merged);
                }
                saver.assignments = Some(theirs);
            }
        }
    }
}

/// The open assignments after this tab's changes since `base` (what it last wrote or read) and
/// another tab's (`theirs`, what the store holds): one closed on either side is closed, one
/// opened or replaced here is this tab's, the others are theirs, in their order.
fn merge_assignments(
    base: &[Rc<AssignmentFile>],
    ours: &[Rc<AssignmentFile>],
    theirs: &[Rc<AssignmentFile>],
) -> Vec<Rc<AssignmentFile>> {
    let has = |list: &[Rc<AssignmentFile>], id: &str| list.iter().any(|a| a.id == id);
    let mut out: Vec<Rc<AssignmentFile>> = theirs
        .iter()
        .filter(|t| !has(base, &t.id) || has(ours, &t.id))
        .cloned()
        .collect();
    for o in ours.iter().filter(|o| !base.contains(o)) {
        match out.iter_mut().find(|t| t.id == o.id) {
            Some(t) => *t = o.clone(),
            None => out.push(o.clone()),
        }
    }
    out
}

/// A span or a decision as stored: `[document, label, start, end, note or decision]`.
type Row = (String, Label, usize, usize, String);

/// The compare set as stored (`docs/FORMATS.md#storage`): each file as `[name, file, spans]`,
/// the key's place, and the key being built: its threshold, its decisions (the group's place
/// and `accept`, `reject` or the label it is given) and whether it is shown.
#[derive(Serialize, Deserialize)]
struct StoredCompare {
    schema: u32,
    files: Vec<(String, String, Vec<Row>)>,
    key: Option<usize>,
    threshold: u32,
    decisions: Vec<Row>,
    building: bool,
    /// The file left out of the key being built (it was the key when the building began).
    #[serde(default)]
    without: Option<String>,
}

/// What [`load_compare`] found: the set and the key being built (empty when none was
/// stored), the problems, and whether the key must never be written (what it holds could
/// not be kept aside).
pub struct LoadedCompare {
    pub set: CompareSet,
    pub draft: KeyDraft,
    pub problems: Vec<StorageProblem>,
    pub blocked: bool,
}

/// Reads the stored compare set (`discern/v1/compare`); what cannot be read is kept aside.
pub fn load_compare(store: &dyn Store) -> LoadedCompare {
    let mut problems = Vec::new();
    let read = read::<StoredCompare>(store, COMPARE, &mut problems);
    // Never written over: what could not be copied aside, and what could not even be read
    // (a later read might have given it).
    let blocked = read.as_ref().err() == Some(&NoValue::Unsafe)
        || problems
            .iter()
            .any(|p| matches!(p, StorageProblem::ReadFailed { .. }));
    let (mut set, mut draft) = (CompareSet::default(), KeyDraft::default());
    if let Ok(stored) = read {
        let span = |(doc, label, start, end, note): Row| {
            let s = Span {
                doc,
                label,
                start,
                end,
            };
            (s, note)
        };
        for (name, file, spans) in stored.files {
            let (spans, notes) = spans.into_iter().map(span).unzip();
            set.files.push(CompareLoaded {
                submission: Submission { name, spans },
                file,
                notes,
            });
        }
        set.key = stored.key.filter(|&k| k < set.files.len());
        draft.open = stored.building;
        draft.without = stored.without;
        draft.settled.threshold = stored.threshold.min(100);
        // A decision this Discern does not know is left out (it changes only the key).
        let mut decisions: Vec<(Place, Decision)> = stored
            .decisions
            .into_iter()
            .filter_map(|(doc, label, start, end, d)| {
                Some(((doc, label, start, end), Decision::from_code(&d)?))
            })
            .collect();
        decisions.sort_by(|a, b| a.0.cmp(&b.0));
        decisions.dedup_by(|b, a| a.0 == b.0);
        draft.settled.decisions = decisions;
    }
    LoadedCompare {
        set,
        draft,
        problems,
        blocked,
    }
}

/// Keeps the compare set and the key being built (`discern/v1/compare`), or removes the key
/// when there is nothing to keep. A set too large to keep, or with no room for it, is not
/// kept, and an earlier one is removed.
pub fn save_compare(
    store: &dyn Store,
    set: &CompareSet,
    draft: &KeyDraft,
) -> Result<(), CompareNotKept> {
    if set.files.is_empty() && draft.is_empty() {
        return store.remove(COMPARE).map_err(CompareNotKept::Failed);
    }
    let row = |s: &Span, what: &str| (s.doc.clone(), s.label, s.start, s.end, what.to_string());
    let stored = StoredCompare {
        schema: SCHEMA,
        files: set
            .files
            .iter()
            .map(|f| {
                let spans = f.submission.spans.iter().zip(&f.notes);
                (
                    f.submission.name.clone(),
                    f.file.clone(),
                    spans.map(|(s, n)| row(s, n)).collect(),
                )
            })
            .collect(),
        key: set.key,
        threshold: draft.settled.threshold,
        decisions: draft
            .settled
            .decisions
            .iter()
            .map(|((doc, label, start, end), d)| {
                (doc.clone(), *label, *start, *end, d.code().to_string())
            })
            .collect(),
        building: draft.open,
        without: draft.without.clone(),
    };
    let json = to_json(&stored);
    let chars = json.chars().count();
    let not_kept = |full| {
        let _ = store.remove(COMPARE);
        CompareNotKept::TooLarge {
            files: set.files.len(),
            chars,
            full,
        }
    };
    if chars > COMPARE_MAX_CHARS {
        return Err(not_kept(false));
    }
    match store.set(COMPARE, &json) {
        Ok(()) => Ok(()),
        Err(StoreError::Quota) => Err(not_kept(true)),
        Err(e) => Err(CompareNotKept::Failed(e)),
    }
}

fn to_json<T: Serialize>(value: &T) -> String {
    serde_json::to_string(value).unwrap_or_default()
}

/// The meta to store: each field as `ours` when this tab changed it since it `said` it, and
/// otherwise as the store holds it (or held it before it was cleared), if it holds any.
fn merge_meta(said: &Meta, ours: &Meta, held: Option<StoredMeta>) -> Meta {
    let Some(held) = held else {
        return ours.clone();
    };
    let mut merged = Meta {
        annotator: held.annotator,
        prefs: held.prefs,
        open: held.open,
    };
    if ours.annotator != said.annotator {
        merged.annotator.clone_from(&ours.annotator);
    }
    if ours.prefs != said.prefs {
        merged.prefs = ours.prefs.clone();
    }
    if ours.open != said.open {
        merged.open.clone_from(&ours.open);
    }
    merged
}

fn meta_json(meta: &Meta, store: &str) -> String {
    to_json(&StoredMeta {
        schema: SCHEMA,
        store: store.to_string(),
        annotator: meta.annotator.clone(),
        prefs: meta.prefs.clone(),
        open: meta.open.clone(),
    })
}

/// The ids of the reader's own documents, but those in `not_kept`.
fn own_doc_ids(ws: &Workspace, not_kept: &[String]) -> Vec<String> {
    ws.documents()
        .iter()
        .filter(|d| !d.builtin && !not_kept.contains(&d.id))
        .map(|d| d.id.clone())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The assignments kept too, as on the assignment page.
    const KEEP: Option<&'static dyn AssignmentKeeping> = Some(&KeepAssignments);

    #[test]
    fn the_language_chosen_is_kept_as_the_start_script_reads_it() {
        let value: serde_json::Value = serde_json::from_str(&language_value("es")).unwrap();
        assert_eq!(value, serde_json::json!({"schema": 1, "language": "es"}));
        assert!(LANGUAGE.starts_with(PREFIX));
    }
    use crate::corpus;
    use crate::json::{JsonKind, JsonProblem, JsonWhat};
    use crate::Label;

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
        let annotation = Annotation {
            annotator: "Bo".into(),
            ..Annotation::new("lost", "sha256:abc", Label::Quote, 1, 4)
        };
        let quote = crate::formats::native::Quote {
            text: "xyz".into(),
            ..Default::default()
        };
        Rc::new(Orphan {
            exported: crate::formats::native::Exported { annotation, quote },
            source_file: "old.json".into(),
        })
    }

    thread_local! {
        static TABS: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
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
            let mut loaded = load(store, corpus::builtin(), KEEP);
            loaded
                .saver
                .name_tab(format!("tab{}", TABS.with(|t| t.replace(t.get() + 1))));
            let tab = Tab {
                ws: loaded.workspace,
                meta: loaded.meta,
                saver: loaded.saver,
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

        fn save(&mut self) -> Result<(), Vec<StorageProblem>> {
            let (other, problems) = self.saver.save(&self.store, &self.ws, &self.meta);
            other.take_into(&mut self.ws);
            if problems.is_empty() {
                Ok(())
            } else {
                Err(problems)
            }
        }

        /// Takes in what another tab wrote; says whether the store had been cleared.
        fn incoming(&mut self) -> bool {
            let other = self.saver.incoming(&self.store, &self.ws);
            let restored = other.restored;
            other.take_into(&mut self.ws);
            restored
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

    /// An assignment file with id `id` over the first built-in article.
    fn assignment(id: &str, title: &str) -> Rc<AssignmentFile> {
        let text = format!(
            r#"{{"format":"discern.assignment","version":1,"id":"{id}","title":"{title}","documents":[{{"id":"{}","title":"A"}}]}}"#,
            builtin_id(0)
        );
        Rc::new(serde_json::from_str(&text).unwrap())
    }

    fn open_ids(tab: &Tab) -> Vec<String> {
        tab.ws.assignments().iter().map(|a| a.id.clone()).collect()
    }

    #[test]
    fn assignments_opened_or_closed_in_two_tabs_survive_a_reload() {
        let store = MemoryStore::new();
        let (mut a, _) = Tab::open(&store);
        let (mut b, _) = Tab::open(&store);
        a.apply(Change::OpenAssignment(assignment("week-1", "Week 1")));
        a.save().unwrap();
        // Tab b has not heard of week 1 yet, and opens week 2: both are kept.
        b.apply(Change::OpenAssignment(assignment("week-2", "Week 2")));
        b.save().unwrap();
        assert_eq!(open_ids(&b), ["week-1", "week-2"]);
        a.incoming();
        assert_eq!(open_ids(&a), ["week-1", "week-2"]);
        // Closed in a, it is closed in b too, and after a reload.
        a.apply(Change::CloseAssignment(assignment("week-1", "Week 1")));
        a.save().unwrap();
        b.incoming();
        assert_eq!(open_ids(&b), ["week-2"]);
        // Replaced in b (the same id, another title): the new one is kept.
        b.apply(Change::CloseAssignment(assignment("week-2", "Week 2")));
        b.apply(Change::OpenAssignment(assignment(
            "week-2",
            "Week 2, again",
        )));
        b.save().unwrap();
        let (c, problems) = Tab::open(&store);
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(open_ids(&c), ["week-2"]);
        assert_eq!(c.ws.assignments()[0].title, "Week 2, again");
    }

    #[test]
    fn unreadable_assignments_are_kept_aside_and_not_written_over() {
        let store = MemoryStore::new();
        store.set(ASSIGNMENTS, "{not json").unwrap();
        let (mut a, problems) = Tab::open(&store);
        assert!(
            matches!(&problems[..], [StorageProblem::NotLoaded { key, .. }] if key == ASSIGNMENTS)
        );
        assert_eq!(
            store
                .get(&format!("{ASIDE_PREFIX}{ASSIGNMENTS}"))
                .unwrap()
                .as_deref(),
            Some("{not json")
        );
        a.apply(Change::OpenAssignment(assignment("week-1", "Week 1")));
        a.save().unwrap();
        let (b, _) = Tab::open(&store);
        assert_eq!(open_ids(&b), ["week-1"]);
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

        let again = load(&store, corpus::builtin(), KEEP);
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
        let loaded = load(&store, corpus::builtin(), KEEP);
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
    fn a_document_added_again_brings_back_the_tags_kept_while_its_text_was_not() {
        let store = MemoryStore::new();
        let (mut tab, _) = Tab::open(&store);
        let text = "Ministers met on Monday. Critics called it reckless.";
        let doc = Rc::new(Document::new(DocumentMeta::default(), text, false));
        tab.apply(Change::AddDocument(doc.clone()));
        tab.tag(&annotation("a", &doc.id, 0, 9, "why"));
        tab.save().unwrap();
        // The text goes (as when it could not be kept); its tags stay stored.
        store.remove(DOCS).unwrap();
        let (mut again, _) = Tab::open(&store);
        assert!(again.ws.document(&doc.id).is_none());
        // The same text added again: the next save brings its tag in and writes nothing.
        again.apply(Change::AddDocument(doc.clone()));
        let stored = store.get(&annotations_key(&doc.id)).unwrap();
        again.save().unwrap();
        assert_eq!(again.notes(&doc.id), ["awhy"]);
        assert_eq!(store.get(&annotations_key(&doc.id)).unwrap(), stored);
        // And it is this tab's from then on.
        again.tag(&annotation("b", &doc.id, 10, 14, ""));
        again.save().unwrap();
        assert_eq!(stored_ids(&store, &doc.id).unwrap(), ["a", "b"]);
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
        let others = store.get(META).unwrap().unwrap().replace("Ana", "Other");
        store.set(META, &others).unwrap();
        store.remove(&annotations_key(&d0)).unwrap();
        tab.tag(&annotation("b", &d1, 0, 5, ""));
        tab.save().unwrap();
        assert_eq!(store.get(META).unwrap(), Some(others));
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
        assert_eq!(load(&store, corpus::builtin(), KEEP).workspace, one.ws);
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
            load(&store, corpus::builtin(), KEEP)
                .workspace
                .documents()
                .len(),
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
        // The name fits; the document's annotations do not, and are named.
        let not_kept = StorageProblem::AnnotationsNotKept {
            title: tab.ws.document(&d).unwrap().meta.title.clone(),
            count: 2,
        };
        assert_eq!(tab.save(), Err(vec![not_kept.clone()]));
        assert_eq!(tab.ws, before, "the work in memory is untouched");
        assert_eq!(stored_ids(&store, &d), None);
        assert!(store.used() <= 400);
        assert_eq!(load(&store, corpus::builtin(), KEEP).meta.annotator, "Ana");
        // A failed save is tried again in full.
        assert_eq!(tab.save(), Err(vec![not_kept]));
        // With no room even for the name, the store is full, and says so.
        tab.meta.annotator = "Ana María de la Cruz".repeat(20);
        assert_eq!(
            tab.save(),
            Err(vec![StorageProblem::SaveFailed(StoreError::Quota)])
        );
        tab.meta.annotator = "Ana".into();
        store.set_quota(Some(1 << 20));
        assert_eq!(tab.save(), Ok(()));
        assert_eq!(stored_ids(&store, &d).unwrap(), ["a", "b"]);
        let again = load(&store, corpus::builtin(), KEEP);
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
            Err(vec![StorageProblem::AnnotationsNotKept {
                title: two.ws.document(&d1).unwrap().meta.title.clone(),
                count: 1
            }])
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
        assert_eq!(other.save(), Err(vec![StorageProblem::SaveFailed(refused)]));
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
        let none = StoreError::Missing;
        assert_eq!(problems[0], StorageProblem::Unavailable(none.clone()));
        // Each key's read fails too, and says so: meta, documents, four built-ins, orphans,
        // assignments.
        let read_failed: Vec<&str> = problems[1..]
            .iter()
            .map(|p| match p {
                StorageProblem::ReadFailed { key, error } if *error == none => key.as_str(),
                other => panic!("unexpected {other:?}"),
            })
            .collect();
        let d = builtin_id(3);
        assert_eq!(read_failed.len(), 8);
        assert_eq!(read_failed[..2], [META, DOCS]);
        assert_eq!(read_failed[5], annotations_key(&d));
        assert_eq!(read_failed[6..], [ORPHANS, ASSIGNMENTS]);
        assert_eq!(tab.ws.documents().len(), 4);
        tab.tag(&annotation("a", &d, 0, 5, ""));
        assert_eq!(tab.save(), Err(vec![StorageProblem::SaveFailed(none)]));
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
                assert_eq!(e.line, 1, "{e:?}");
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
        let _ = load(&store, corpus::builtin(), KEEP);
        store.set(&key, "{also not json").unwrap();
        let loaded = load(&store, corpus::builtin(), KEEP);
        let second = format!("{ASIDE_PREFIX}{key}#2");
        assert!(matches!(
            &loaded.problems[..],
            [StorageProblem::NotLoaded { kept: Kept::Aside(at), .. }] if *at == second
        ));
        // The first value again: already kept, not copied a third time.
        store.set(&key, "not json").unwrap();
        let loaded = load(&store, corpus::builtin(), KEEP);
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
                Unreadable::Malformed(JsonProblem {
                    what: JsonWhat::Missing("schema".into()),
                    line: 1,
                    column: 20,
                }),
            ),
            (
                "[1,2]",
                Unreadable::Malformed(JsonProblem {
                    // (serde reads a list as a struct's fields in order.)
                    what: JsonWhat::WrongKind {
                        found: JsonKind::WholeNumber,
                        expected: JsonKind::Text,
                    },
                    line: 1,
                    column: 4,
                }),
            ),
        ];
        for (value, reason) in cases {
            let store = MemoryStore::new();
            store.set(META, value).unwrap();
            let loaded = load(&store, corpus::builtin(), KEEP);
            let [StorageProblem::NotLoaded { key, why, kept }] = &loaded.problems[..] else {
                panic!("{value}: {:?}", loaded.problems);
            };
            assert_eq!(key, META);
            assert_eq!(kept, &Kept::Aside(format!("{ASIDE_PREFIX}{META}")));
            assert_eq!(why, &reason, "{value}");
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
        let loaded = load(&store, corpus::builtin(), KEEP);
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
                StorageProblem::PartlyLoaded {
                    key: annotations_key(&d),
                    kept: Kept::Aside(format!("{ASIDE_PREFIX}{}", annotations_key(&d))),
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
    fn a_cleared_store_is_written_again_in_full_not_taken_as_deletions() {
        let store = MemoryStore::new();
        let (mut one, _) = Tab::open(&store);
        let (mut two, _) = Tab::open(&store);
        let own = own_document();
        let d = builtin_id(1);
        one.apply(Change::AddDocument(own.clone()));
        one.tag(&annotation("a", &own.id, 0, 6, ""));
        one.tag(&annotation("b", &d, 0, 6, ""));
        one.apply(Change::AddOrphan(orphan()));
        one.meta.annotator = "Ana".into();
        one.save().unwrap();
        two.incoming();
        let before = store.entries();
        // Another tab clears everything: both tabs keep their work and say so.
        for k in store.keys().unwrap() {
            store.remove(&k).unwrap();
        }
        assert!(one.incoming(), "the clear is seen");
        assert_eq!(one.notes(&d), ["b"]);
        assert_eq!(one.notes(&own.id), ["a"]);
        assert_eq!(one.save(), Ok(()));
        let but_meta = |mut entries: BTreeMap<String, String>| {
            entries.remove(META);
            entries
        };
        assert_eq!(
            but_meta(store.entries()),
            but_meta(before),
            "everything is written again"
        );
        assert!(store.get(META).unwrap().unwrap().contains("Ana"));
        assert!(
            two.incoming(),
            "the other tab sees it too, and loses nothing"
        );
        assert_eq!(two.notes(&d), ["b"]);
        // Cleared while a change was waiting: the save sees it and writes everything.
        for k in store.keys().unwrap() {
            store.remove(&k).unwrap();
        }
        two.tag(&annotation("c", &d, 10, 16, ""));
        assert_eq!(two.save(), Ok(()));
        assert_eq!(stored_ids(&store, &d).unwrap(), ["b", "c"]);
        assert_eq!(stored_ids(&store, &own.id).unwrap(), ["a"]);
        let again = load(&store, corpus::builtin(), KEEP);
        assert_eq!(again.workspace, two.ws);
        assert_eq!(
            again.meta,
            Meta {
                annotator: "Ana".into(),
                ..two.meta.clone()
            },
            "the name the store held before, which this tab never changed"
        );
    }

    /// Tab one's reader types a name after tab two opened (tab two still holds none); tab
    /// two clears the store; each tab hears of the other's writes in the order `two_first`
    /// says, and writes everything again when it finds the store cleared.
    fn clear_after_a_name(two_first: bool) -> (Tab, Tab, MemoryStore) {
        let store = MemoryStore::new();
        let (mut one, _) = Tab::open(&store);
        let d = builtin_id(1);
        one.tag(&annotation("a", &d, 0, 6, ""));
        one.save().unwrap();
        let (mut two, _) = Tab::open(&store);
        two.save().unwrap();
        one.meta.annotator = "Keeper".into();
        one.save().unwrap();
        two.incoming();
        assert_eq!(two.meta.annotator, "", "the other tab keeps its own");
        for k in store.keys().unwrap() {
            store.remove(&k).unwrap();
        }
        // What `AutoSave::other_tab_wrote` does on hearing of another tab's write.
        let hear = |tab: &mut Tab| {
            if tab.incoming() {
                tab.save().unwrap();
            }
        };
        if two_first {
            // Tab two finds the store empty (it heard of tab one's first write before the
            // meta reached it) and writes all it holds first; tab one hears of that.
            hear(&mut two);
            hear(&mut one);
        } else {
            // Tab one writes everything again; tab two hears of it once it is all written.
            hear(&mut one);
            hear(&mut two);
        }
        hear(&mut one);
        hear(&mut two);
        (one, two, store)
    }

    #[test]
    fn a_cleared_store_keeps_the_name_whichever_tab_writes_it_again_first() {
        for two_first in [false, true] {
            let (one, mut two, store) = clear_after_a_name(two_first);
            let again = load(&store, corpus::builtin(), KEEP);
            assert_eq!(again.meta.annotator, "Keeper", "two_first: {two_first}");
            assert_eq!(again.workspace, one.ws);
            assert_eq!(again.workspace, two.ws);
            // A change of its own later in the tab that kept no name writes that change
            // only: the name stays.
            two.meta.open = Some(builtin_id(2));
            two.save().unwrap();
            let again = load(&store, corpus::builtin(), KEEP);
            assert_eq!(again.meta.annotator, "Keeper");
            assert_eq!(again.meta.open, Some(builtin_id(2)));
        }
    }

    #[test]
    fn a_document_too_big_to_store_blocks_nothing_else() {
        let store = MemoryStore::new();
        let (mut tab, _) = Tab::open(&store);
        let small = own_document();
        let big = Rc::new(Document::new(
            DocumentMeta {
                title: "Huge".into(),
                ..DocumentMeta::default()
            },
            &"word ".repeat(400),
            false,
        ));
        store.set_quota(Some(1500));
        tab.apply(Change::AddDocument(small.clone()));
        tab.apply(Change::AddDocument(big.clone()));
        tab.tag(&annotation("a", &big.id, 0, 4, ""));
        tab.tag(&annotation("b", &builtin_id(0), 0, 4, ""));
        tab.meta.annotator = "Ana".into();
        let not_kept = StorageProblem::DocumentNotKept {
            title: "Huge".into(),
            chars: 2000,
        };
        assert_eq!(tab.save(), Err(vec![not_kept.clone()]));
        // Said at every save while it is here, never tried again, and nothing else waits.
        assert_eq!(tab.save(), Err(vec![not_kept]));
        let again = load(&store, corpus::builtin(), KEEP);
        assert_eq!(again.problems, []);
        assert_eq!(again.workspace.documents().len(), 5);
        assert!(again.workspace.document(&small.id).is_some());
        assert_eq!(again.workspace.annotations(&builtin_id(0)).len(), 1);
        assert_eq!(again.meta.annotator, "Ana");
        assert_eq!(
            stored_ids(&store, &big.id).unwrap(),
            ["a"],
            "its tags are kept"
        );
        // Once it is removed, nothing more is said.
        let a = tab.ws.annotation("a").unwrap().clone();
        tab.apply(Change::Remove(a));
        tab.apply(Change::RemoveDocument(big));
        assert_eq!(tab.save(), Ok(()));
    }

    #[test]
    fn a_value_partly_refused_is_kept_aside_and_its_refused_part_never_comes_back() {
        let store = MemoryStore::new();
        let (d0, d1) = (builtin_id(0), builtin_id(1));
        let list = |items: Vec<Rc<Annotation>>| {
            to_json(&StoredAnnotations {
                schema: SCHEMA,
                annotations: items.iter().map(|a| (**a).clone()).collect(),
            })
        };
        let first = list(vec![
            annotation("good", &d0, 0, 5, ""),
            annotation("backwards", &d0, 20, 10, ""),
        ]);
        let second = list(vec![
            annotation("good", &d1, 30, 40, ""),
            annotation("fine", &d1, 50, 60, ""),
        ]);
        store.set(&annotations_key(&d0), &first).unwrap();
        store.set(&annotations_key(&d1), &second).unwrap();
        let (mut tab, problems) = Tab::open(&store);
        let aside = |d: &str| format!("{ASIDE_PREFIX}{}", annotations_key(d));
        assert_eq!(
            problems,
            [
                StorageProblem::AnnotationRefused {
                    id: "backwards".into(),
                    refusal: ChangeError::Empty,
                },
                StorageProblem::PartlyLoaded {
                    key: annotations_key(&d0),
                    kept: Kept::Aside(aside(&d0)),
                },
                StorageProblem::AnnotationRefused {
                    id: "good".into(),
                    refusal: ChangeError::IdTaken("good".into()),
                },
                StorageProblem::PartlyLoaded {
                    key: annotations_key(&d1),
                    kept: Kept::Aside(aside(&d1)),
                },
            ]
        );
        assert_eq!(store.get(&aside(&d0)).unwrap(), Some(first.clone()));
        assert_eq!(store.get(&aside(&d1)).unwrap(), Some(second.clone()));
        // The next saves write what was taken in, once per id; the copies stay.
        tab.tag(&annotation("new", &d1, 70, 80, ""));
        tab.save().unwrap();
        tab.incoming();
        tab.save().unwrap();
        assert_eq!(stored_ids(&store, &d1).unwrap(), ["fine", "new"]);
        assert_eq!(tab.notes(&d1), ["fine", "new"]);
        assert_eq!(tab.ws.annotation("good").unwrap().document, d0);
        assert_eq!(store.get(&aside(&d1)).unwrap(), Some(second));
        assert_eq!(load(&store, corpus::builtin(), KEEP).workspace, tab.ws);
        // Copying aside impossible: the key is never written over.
        let store = MemoryStore::new();
        store.set(&annotations_key(&d0), &first).unwrap();
        store.fail_writes(true);
        let (mut tab, problems) = Tab::open(&store);
        assert_eq!(
            problems[1],
            StorageProblem::PartlyLoaded {
                key: annotations_key(&d0),
                kept: Kept::InPlace,
            }
        );
        store.fail_writes(false);
        tab.tag(&annotation("more", &d0, 30, 35, ""));
        assert_eq!(tab.save(), Ok(()));
        assert_eq!(store.get(&annotations_key(&d0)).unwrap(), Some(first));
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
        let none = StoreError::Missing;
        assert_eq!(other_tab.get("ab"), Err(none.clone()));
        assert_eq!(other_tab.keys(), Err(none));
        store.set_unavailable(false);
        store.fail_writes(false);
        assert_eq!(store.remove("ab"), Ok(()));
        assert_eq!(other_tab.entries(), BTreeMap::new());
    }

    /// A compare set of `files` files of `spans` spans each, the second file the key, and a
    /// key being built with two decisions.
    fn compare_set(files: usize, spans: usize) -> (CompareSet, KeyDraft) {
        use crate::key::{groups, Group};
        let mut set = CompareSet::default();
        let docs = [builtin_id(0), builtin_id(1)];
        for f in 0..files {
            let list = (0..spans)
                .map(|i| {
                    let span = Span {
                        doc: docs[i % 2].clone(),
                        label: Label::ALL[i % 3],
                        start: i * 10 + f,
                        end: i * 10 + f + 8,
                    };
                    (span, format!("note {f}/{i}: “quoted”, \\ and\na line"))
                })
                .collect();
            set.add(format!("Student {f}"), &format!("s{f}.json"), list);
        }
        set.key = Some(1.min(files.saturating_sub(1)));
        let mut draft = KeyDraft::default();
        draft.open = true;
        draft.set_threshold(30);
        if files <= 3 {
            let (chosen, _) = crate::key::chosen(&set, None);
            let g: Vec<Group> = groups(&chosen);
            draft.decide(&g[0], Some(Decision::Reject));
            draft.decide(&g[1], Some(Decision::Relabel(Label::Opinion)));
        }
        (set, draft)
    }

    #[test]
    fn the_compare_set_and_the_key_being_built_come_back_as_they_were() {
        let store = MemoryStore::new();
        let (set, draft) = compare_set(3, 5);
        save_compare(&store, &set, &draft).unwrap();
        let loaded = load_compare(&store);
        assert!(loaded.problems.is_empty() && !loaded.blocked);
        assert_eq!(loaded.set, set);
        assert_eq!(loaded.draft.settled, draft.settled);
        assert!(loaded.draft.open);
        // Nothing to keep: the key goes.
        save_compare(&store, &CompareSet::default(), &KeyDraft::default()).unwrap();
        assert_eq!(store.get(COMPARE).unwrap(), None);
        let loaded = load_compare(&store);
        assert!(loaded.set.files.is_empty() && loaded.problems.is_empty());
    }

    #[test]
    fn an_unreadable_compare_set_is_kept_aside_and_one_that_cannot_be_is_never_written() {
        let store = MemoryStore::new();
        store.set(COMPARE, "{\"schema\":1,\"files\":7}").unwrap();
        let loaded = load_compare(&store);
        assert!(loaded.set.files.is_empty() && !loaded.blocked);
        assert!(matches!(
            &loaded.problems[..],
            [StorageProblem::NotLoaded {
                kept: Kept::Aside(_),
                ..
            }]
        ));
        assert_eq!(
            store
                .get(&format!("{ASIDE_PREFIX}{COMPARE}"))
                .unwrap()
                .as_deref(),
            Some("{\"schema\":1,\"files\":7}")
        );
        // A newer Discern's set that cannot be copied aside (no room): left alone.
        store.set(COMPARE, "{\"schema\":2}").unwrap();
        store.set_quota(Some(store.used()));
        let loaded = load_compare(&store);
        assert!(loaded.blocked);
        assert_eq!(
            store.get(COMPARE).unwrap().as_deref(),
            Some("{\"schema\":2}")
        );
    }

    #[test]
    fn a_compare_set_too_large_or_with_no_room_is_not_kept_and_an_old_one_goes() {
        let store = MemoryStore::new();
        let (small, draft) = compare_set(2, 3);
        save_compare(&store, &small, &draft).unwrap();
        // Past the bound: not written, and the small one stored before is removed, so that a
        // reload does not bring back a set that is not this one.
        let (large, _) = compare_set(200, 200);
        match save_compare(&store, &large, &draft) {
            Err(CompareNotKept::TooLarge {
                files: 200,
                chars,
                full: false,
            }) => {
                assert!(chars > COMPARE_MAX_CHARS)
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(store.get(COMPARE).unwrap(), None);
        // No room: the same, and the work's keys are untouched.
        store.set(META, "{}").unwrap();
        store.set_quota(Some(store.used() + 100));
        assert!(matches!(
            save_compare(&store, &small, &draft),
            Err(CompareNotKept::TooLarge { full: true, .. })
        ));
        assert_eq!(store.get(COMPARE).unwrap(), None);
        assert_eq!(store.get(META).unwrap().as_deref(), Some("{}"));
    }
}
