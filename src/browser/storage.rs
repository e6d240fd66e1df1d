//! Saving the work in the browser's local storage, in a versioned schema, loading it back,
//! and keeping two tabs' work together.
//!
//! Keys (schema 1):
//! - `discern/v1/meta`: the annotator's name, preferences, the open document;
//! - `discern/v1/documents`: the reader's own documents with their texts (built-in texts are
//!   never stored);
//! - `discern/v1/ann/<document id>`: that document's annotations;
//! - `discern/v1/orphans`: imported annotations that could not be placed.
//!
//! Saving writes only what changed (one key per document), when the browser is idle after the
//! change was painted. Before writing a document's annotations it merges them with what is
//! stored (another tab may have written since), so neither tab's work is lost. A value that
//! cannot be read, or is from a newer schema, is copied to `discern/aside/…` first, never
//! overwritten unseen, and the reader is told. Storage that is missing, full or throwing is
//! reported, and the work stays in memory.

use crate::model::sync::{merge3, FromOtherTab};
use crate::model::workspace::{AnnotationList, Orphan};
use crate::model::{Annotation, Change, Document, DocumentMeta, Workspace};
use crate::state::{AppState, Prefs, View};
use serde::{Deserialize, Serialize};
use std::cell::RefCell;
use std::collections::{BTreeSet, HashMap};
use std::rc::Rc;
use wasm_bindgen::{JsCast, JsValue};

/// The schema this version of Discern writes.
pub const SCHEMA: u32 = 1;
/// Every key Discern writes starts with this.
pub const PREFIX: &str = "discern/";
const META: &str = "discern/v1/meta";
const DOCS: &str = "discern/v1/documents";
const ORPHANS: &str = "discern/v1/orphans";
const ANN_PREFIX: &str = "discern/v1/ann/";
/// Where unreadable data is kept.
pub const ASIDE_PREFIX: &str = "discern/aside/";

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

fn js_error(e: &JsValue) -> String {
    js_sys::Reflect::get(e, &"name".into())
        .ok()
        .and_then(|v| v.as_string())
        .unwrap_or_else(|| "the browser refused".to_string())
}

/// The page's local storage, or why there is none (disabled, private mode, sandboxed page).
fn storage() -> Result<web_sys::Storage, String> {
    let window = web_sys::window().ok_or("no window")?;
    match window.local_storage() {
        Ok(Some(s)) => Ok(s),
        Ok(None) => Err("no local storage".to_string()),
        Err(e) => Err(js_error(&e)),
    }
}

fn raw_get(key: &str) -> Result<Option<String>, String> {
    storage()?.get_item(key).map_err(|e| js_error(&e))
}

fn raw_set(key: &str, value: &str) -> Result<(), String> {
    storage()?.set_item(key, value).map_err(|e| js_error(&e))
}

fn raw_remove(key: &str) -> Result<(), String> {
    storage()?.remove_item(key).map_err(|e| js_error(&e))
}

/// Every stored key that starts with `prefix`.
pub fn keys_with_prefix(prefix: &str) -> Vec<String> {
    let Ok(s) = storage() else {
        return Vec::new();
    };
    let n = s.length().unwrap_or(0);
    (0..n)
        .filter_map(|i| s.key(i).ok().flatten())
        .filter(|k| k.starts_with(prefix))
        .collect()
}

/// Every stored Discern key and its value, as one JSON object: what the "download" buttons
/// hand over when the work cannot be read or saved.
pub fn dump(prefix: &str) -> String {
    let mut map = serde_json::Map::new();
    for k in keys_with_prefix(prefix) {
        if let Ok(Some(v)) = raw_get(&k) {
            map.insert(k, serde_json::Value::String(v));
        }
    }
    serde_json::Value::Object(map).to_string()
}

/// What reading a key found.
enum Read<T> {
    Missing,
    Value(T),
    /// Unreadable or newer: copied aside and reported.
    KeptAside,
    /// Unreadable, and it could not be copied aside: it must not be written over.
    Unsafe,
}

/// Reads `key` as a `T` of schema 1. A value that is there but unreadable or newer is copied
/// aside (once) and a problem is reported.
fn read<T: for<'de> Deserialize<'de>>(key: &str, problems: &mut Vec<String>) -> Read<T> {
    let raw = match raw_get(key) {
        Ok(Some(raw)) => raw,
        Ok(None) => return Read::Missing,
        Err(e) => {
            problems.push(format!("Saved data could not be read ({e})."));
            return Read::KeptAside;
        }
    };
    let schema = serde_json::from_str::<SchemaOnly>(&raw).map(|s| s.schema);
    let failure = match (schema, serde_json::from_str::<T>(&raw)) {
        (Ok(SCHEMA), Ok(value)) => return Read::Value(value),
        (Ok(n), _) if n > SCHEMA => format!("it was written by a newer Discern (schema {n})"),
        (_, Err(e)) => format!("it could not be read ({e})"),
        (Ok(n), Ok(_)) => format!("it has an unknown schema {n}"),
        (Err(_), Ok(_)) => "it has no schema number".to_string(),
    };
    // Each different unreadable value gets its own copy; an earlier copy is never replaced.
    let mut aside = format!("{ASIDE_PREFIX}{key}");
    let mut n = 1;
    let kept = loop {
        match raw_get(&aside) {
            Ok(Some(v)) if v == raw => break Ok(()),
            Ok(Some(_)) => {
                n += 1;
                aside = format!("{ASIDE_PREFIX}{key}#{n}");
            }
            _ => break raw_set(&aside, &raw),
        }
    };
    let (said, read) = match kept {
        Ok(()) => (format!("it is kept aside as “{aside}”"), Read::KeptAside),
        Err(_) => (
            "it is left where it was and will not be overwritten".to_string(),
            Read::Unsafe,
        ),
    };
    problems.push(format!(
        "Saved data “{key}” was not loaded: {failure}; {said}."
    ));
    read
}

fn read_annotations(doc: &str, problems: &mut Vec<String>) -> Read<Vec<Rc<Annotation>>> {
    match read::<StoredAnnotations>(&format!("{ANN_PREFIX}{doc}"), problems) {
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

/// Loads the saved work over the built-in documents; problems go into the storage warning.
pub fn load(builtin: Vec<Document>) -> AppState {
    let mut problems = Vec::new();
    let mut ws = Workspace::new(builtin);
    if let Err(e) = storage() {
        problems.push(format!(
            "Discern cannot use this browser's storage ({e}): your work is kept in this tab \
             only. Export it before you close the tab."
        ));
    }
    let meta = match read::<StoredMeta>(META, &mut problems) {
        Read::Value(m) => Some(m),
        _ => None,
    };
    match read::<StoredDocuments>(DOCS, &mut problems) {
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
        match read_annotations(&id, &mut problems) {
            Read::Value(list) => {
                for a in list {
                    if let Err(e) = ws.apply(&Change::Add(a.clone())) {
                        problems.push(format!(
                            "A saved annotation ({}) was not loaded: {e}.",
                            a.id
                        ));
                    }
                }
            }
            Read::KeptAside | Read::Unsafe | Read::Missing => {}
        }
    }
    if let Read::Value(stored) = read::<StoredOrphans>(ORPHANS, &mut problems) {
        for o in stored.orphans {
            let _ = ws.apply(&Change::AddOrphan(Rc::new(o)));
        }
    }
    let mut state = AppState::new(ws);
    if let Some(m) = meta {
        state.annotator = m.annotator;
        state.prefs = m.prefs;
        if let Some(id) = m.open.filter(|id| state.workspace.document(id).is_some()) {
            state.view = View::Reader(id);
        }
    }
    if !problems.is_empty() {
        state.storage_warning = Some(problems.join(" "));
    }
    state
}

fn sorted(mut list: Vec<Rc<Annotation>>) -> Vec<Rc<Annotation>> {
    list.sort_by(|a, b| a.order_key().cmp(&b.order_key()));
    list
}

fn same(a: &[Rc<Annotation>], b: &[Rc<Annotation>]) -> bool {
    a.len() == b.len() && a.iter().zip(b).all(|(x, y)| Rc::ptr_eq(x, y) || x == y)
}

/// Remembers what was last written or read, so that a save writes only what changed and
/// merges with what another tab wrote in between.
#[derive(Default)]
pub struct Saver {
    meta: String,
    own_docs: Option<Vec<String>>,
    orphans: Option<Vec<Rc<Orphan>>>,
    base: HashMap<String, AnnotationList>,
    /// Keys that held unreadable data at load: never written over.
    blocked: BTreeSet<String>,
}

impl Saver {
    /// A saver that takes `state` as what storage holds (it was just loaded).
    pub fn loaded(state: &AppState) -> Self {
        let mut saver = Saver {
            meta: meta_json(state),
            own_docs: Some(own_doc_ids(&state.workspace)),
            orphans: Some(state.workspace.orphans().to_vec()),
            ..Saver::default()
        };
        for d in state.workspace.documents() {
            saver
                .base
                .insert(d.id.clone(), state.workspace.annotations(&d.id));
            saver.block_if_unsafe(&format!("{ANN_PREFIX}{}", d.id));
        }
        for key in [DOCS, META, ORPHANS] {
            saver.block_if_unsafe(key);
        }
        saver
    }

    /// A key whose unreadable value could not be copied aside is never written over.
    fn block_if_unsafe(&mut self, key: &str) {
        let Ok(Some(raw)) = raw_get(key) else {
            return;
        };
        let readable = matches!(
            serde_json::from_str::<SchemaOnly>(&raw),
            Ok(SchemaOnly { schema: SCHEMA })
        );
        let kept = keys_with_prefix(&format!("{ASIDE_PREFIX}{key}"))
            .iter()
            .any(|k| raw_get(k).ok().flatten().as_ref() == Some(&raw));
        if !readable && !kept {
            self.blocked.insert(key.to_string());
        }
    }

    /// Writes what changed in `state`. Returns what another tab had written meanwhile, merged
    /// with this tab's work, for the state to take in (also when a later write failed, so
    /// that the other tab's work is never mistaken for this tab's deletion), and whether
    /// every write worked.
    pub fn save(&mut self, state: &AppState) -> (FromOtherTab, Result<(), String>) {
        let mut other = FromOtherTab::default();
        let result = self.save_into(state, &mut other);
        (other, result)
    }

    fn save_into(&mut self, state: &AppState, other: &mut FromOtherTab) -> Result<(), String> {
        let ws = &state.workspace;
        let ids = own_doc_ids(ws);
        if self.own_docs.as_ref() != Some(&ids) && !self.blocked.contains(DOCS) {
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
            raw_set(DOCS, &to_json(&docs)).map_err(failure)?;
            self.own_docs = Some(ids);
        }
        for d in ws.documents() {
            let ours = ws.annotations(&d.id);
            let base = self.base.get(&d.id).cloned().unwrap_or_default();
            if Rc::ptr_eq(&ours, &base) || same(&ours, &base) {
                self.base.insert(d.id.clone(), ours);
                continue;
            }
            let key = format!("{ANN_PREFIX}{}", d.id);
            if self.blocked.contains(&key) {
                continue;
            }
            let mut ignored = Vec::new();
            let theirs = match read_annotations(&d.id, &mut ignored) {
                Read::Value(list) => fitting(list, &d.id, d.len()),
                Read::Missing => Vec::new(),
                Read::KeptAside => base.to_vec(),
                Read::Unsafe => {
                    self.blocked.insert(key);
                    continue;
                }
            };
            let merged = sorted(merge3(&base, &ours, &theirs));
            if merged.is_empty() {
                raw_remove(&key).map_err(failure)?;
            } else {
                let stored = StoredAnnotations {
                    schema: SCHEMA,
                    annotations: merged.iter().map(|a| (**a).clone()).collect(),
                };
                raw_set(&key, &to_json(&stored)).map_err(failure)?;
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
            let key = format!("{ANN_PREFIX}{id}");
            if !self.blocked.contains(&key) {
                raw_remove(&key).map_err(failure)?;
            }
            self.base.remove(&id);
        }
        let orphans = ws.orphans().to_vec();
        if self.orphans.as_ref() != Some(&orphans) && !self.blocked.contains(ORPHANS) {
            let stored = StoredOrphans {
                schema: SCHEMA,
                orphans: orphans.iter().map(|o| (**o).clone()).collect(),
            };
            raw_set(ORPHANS, &to_json(&stored)).map_err(failure)?;
            self.orphans = Some(orphans);
        }
        let meta = meta_json(state);
        if meta != self.meta && !self.blocked.contains(META) {
            raw_set(META, &meta).map_err(failure)?;
            self.meta = meta;
        }
        Ok(())
    }

    /// Another tab wrote to storage: what it changed, merged with this tab's work.
    pub fn incoming(&mut self, state: &AppState) -> FromOtherTab {
        let ws = &state.workspace;
        let mut other = FromOtherTab::default();
        let mut ignored = Vec::new();
        if let Read::Value(docs) = read::<StoredDocuments>(DOCS, &mut ignored) {
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
            let theirs = match read_annotations(&id, &mut ignored) {
                Read::Value(list) => fitting(list, &id, len),
                Read::Missing => Vec::new(),
                Read::KeptAside | Read::Unsafe => continue,
            };
            let base = self.base.get(&id).cloned().unwrap_or_default();
            if same(&theirs, &base) {
                continue;
            }
            let ours = ws.annotations(&id);
            let merged = sorted(merge3(&base, &ours, &theirs));
            self.base.insert(id.clone(), Rc::new(sorted(theirs)));
            if !same(&merged, &ours) {
                other.annotations.push((id, merged));
            }
        }
        other
    }
}

fn failure(name: String) -> String {
    format!(
        "Discern cannot save in this browser ({name}): your work is kept in this tab only. \
         Export it now to keep it safe."
    )
}

fn to_json<T: Serialize>(value: &T) -> String {
    serde_json::to_string(value).unwrap_or_default()
}

fn meta_json(state: &AppState) -> String {
    to_json(&StoredMeta {
        schema: SCHEMA,
        annotator: state.annotator.clone(),
        prefs: state.prefs.clone(),
        open: state.view.document_id().map(str::to_string),
    })
}

fn own_doc_ids(ws: &Workspace) -> Vec<String> {
    ws.documents()
        .iter()
        .filter(|d| !d.builtin)
        .map(|d| d.id.clone())
        .collect()
}

/// At the latest, a change is saved this long after it was made (milliseconds).
const IDLE_TIMEOUT_MS: u32 = 300;

/// What a save or another tab's write brings: a lasting warning (or none, all is well) and
/// the other tab's work to take in.
pub type SaveReport = (Option<String>, FromOtherTab);

/// Saves the latest state soon after it is painted: when the browser is next idle (within
/// 300 ms whatever happens), or after a short timer where idle callbacks do not exist, and
/// at once when the page is hidden or left. Saving never delays the frame that shows a change.
#[derive(Clone)]
pub struct AutoSave {
    inner: Rc<RefCell<AutoSaveInner>>,
}

struct AutoSaveInner {
    saver: Saver,
    pending: Option<Rc<AppState>>,
    scheduled: bool,
    on_result: Rc<dyn Fn(SaveReport)>,
}

impl AutoSave {
    /// Starts from `state` as saved; `on_result` hears of each save's outcome.
    pub fn new(state: &AppState, on_result: impl Fn(SaveReport) + 'static) -> Self {
        AutoSave {
            inner: Rc::new(RefCell::new(AutoSaveInner {
                saver: Saver::loaded(state),
                pending: None,
                scheduled: false,
                on_result: Rc::new(on_result),
            })),
        }
    }

    /// Queues `state` to be saved.
    pub fn queue(&self, state: Rc<AppState>) {
        let mut inner = self.inner.borrow_mut();
        inner.pending = Some(state);
        if inner.scheduled {
            return;
        }
        inner.scheduled = true;
        drop(inner);
        let idle = self.clone();
        let cb = wasm_bindgen::closure::Closure::once_into_js(move || idle.flush());
        let window = web_sys::window();
        let has_idle = window.as_ref().is_some_and(|w| {
            js_sys::Reflect::has(w, &"requestIdleCallback".into()).unwrap_or(false)
        });
        match window {
            Some(w) if has_idle => {
                let opts = web_sys::IdleRequestOptions::new();
                opts.set_timeout(IDLE_TIMEOUT_MS);
                let _ = w.request_idle_callback_with_options(cb.unchecked_ref(), &opts);
            }
            _ => {
                let later = self.clone();
                gloo::timers::callback::Timeout::new(50, move || later.flush()).forget();
            }
        }
    }

    /// Saves the pending state now, if there is one.
    pub fn flush(&self) {
        let mut inner = self.inner.borrow_mut();
        inner.scheduled = false;
        let Some(state) = inner.pending.take() else {
            return;
        };
        let (other, result) = inner.saver.save(&state);
        if result.is_err() {
            // Keep it pending: the next change or page hide tries again.
            inner.pending = Some(state);
        }
        let report = inner.on_result.clone();
        drop(inner);
        report((result.err(), other));
    }

    /// Another tab wrote: saves what is pending here (merging), then takes in the rest.
    pub fn other_tab_wrote(&self, state: Rc<AppState>) {
        self.flush();
        let mut inner = self.inner.borrow_mut();
        let other = inner.saver.incoming(&state);
        let report = inner.on_result.clone();
        drop(inner);
        if !other.is_empty() {
            report((None, other));
        }
    }
}
