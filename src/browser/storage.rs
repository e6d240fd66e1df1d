//! Saving the work in the browser's local storage, in a versioned schema, and loading it back.
//!
//! Keys (schema 1):
//! - `discern/v1/meta`: the annotator's name, preferences, the open document;
//! - `discern/v1/documents`: the reader's own documents with their texts (built-in texts are
//!   never stored);
//! - `discern/v1/ann/<document id>`: that document's annotations.
//!
//! Saving writes only what changed since the last save (one key per document), after the
//! change has been painted. A value that cannot be read, or is from a newer schema, is copied
//! to `discern/aside/…` before anything could overwrite it, and the reader is told.

use crate::model::{Annotation, Change, Document, DocumentMeta, Workspace};
use crate::state::{AppState, Prefs};
use gloo::storage::{LocalStorage, Storage};
use serde::{Deserialize, Serialize};
use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;
use wasm_bindgen::JsCast;

/// The schema this version of Discern writes.
pub const SCHEMA: u32 = 1;
const META: &str = "discern/v1/meta";
const DOCS: &str = "discern/v1/documents";
const ANN_PREFIX: &str = "discern/v1/ann/";
const ASIDE_PREFIX: &str = "discern/aside/";

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

#[derive(Deserialize)]
struct SchemaOnly {
    schema: u32,
}

fn raw_get(key: &str) -> Option<String> {
    LocalStorage::raw().get_item(key).ok().flatten()
}

fn raw_set(key: &str, value: &str) -> Result<(), String> {
    LocalStorage::raw()
        .set_item(key, value)
        .map_err(|e| js_message(&e))
}

fn js_message(e: &wasm_bindgen::JsValue) -> String {
    js_sys::Reflect::get(e, &"name".into())
        .ok()
        .and_then(|v| v.as_string())
        .unwrap_or_else(|| "the browser refused".to_string())
}

/// Reads `key` as a `T` of schema 1. When the value is there but unreadable or newer, it is
/// copied aside and a problem is reported.
fn read<T: for<'de> Deserialize<'de>>(key: &str, problems: &mut Vec<String>) -> Option<T> {
    let raw = raw_get(key)?;
    let schema = serde_json::from_str::<SchemaOnly>(&raw).map(|s| s.schema);
    let failure = match (schema, serde_json::from_str::<T>(&raw)) {
        (Ok(SCHEMA), Ok(value)) => return Some(value),
        (Ok(n), _) if n > SCHEMA => format!("it was written by a newer Discern (schema {n})"),
        (_, Err(e)) => format!("it could not be read ({e})"),
        (Ok(n), Ok(_)) => format!("it has an unknown schema {n}"),
        (Err(_), Ok(_)) => "it has no schema number".to_string(),
    };
    let aside = format!("{ASIDE_PREFIX}{}/{key}", crate::browser::clock::now_iso());
    let kept = match raw_set(&aside, &raw) {
        Ok(()) => format!("kept aside as “{aside}”"),
        Err(_) => "left where it was".to_string(),
    };
    problems.push(format!(
        "Saved data “{key}” was not loaded: {failure}; {kept}."
    ));
    None
}

/// Loads the saved work over the built-in documents. Returns the state and the problems met.
pub fn load(builtin: Vec<Document>) -> (AppState, Vec<String>) {
    let mut problems = Vec::new();
    let mut ws = Workspace::new(builtin);
    let meta: Option<StoredMeta> = read(META, &mut problems);
    if let Some(docs) = read::<StoredDocuments>(DOCS, &mut problems) {
        for d in docs.documents {
            let doc = Rc::new(Document::new(d.meta, &d.text, false));
            let _ = ws.apply(&Change::AddDocument(doc));
        }
    }
    let ids: Vec<String> = ws.documents().iter().map(|d| d.id.clone()).collect();
    for id in ids {
        let key = format!("{ANN_PREFIX}{id}");
        if let Some(stored) = read::<StoredAnnotations>(&key, &mut problems) {
            for a in stored.annotations {
                if let Err(e) = ws.apply(&Change::Add(Rc::new(a.clone()))) {
                    problems.push(format!(
                        "A saved annotation ({}) was not loaded: {e}.",
                        a.id
                    ));
                }
            }
        }
    }
    let mut state = AppState::new(ws);
    if let Some(m) = meta {
        state.annotator = m.annotator;
        state.prefs = m.prefs;
        state.open = m.open.filter(|id| state.workspace.document(id).is_some());
    }
    if !problems.is_empty() {
        state.storage_warning = Some(problems.join(" "));
    }
    (state, problems)
}

/// Remembers what was saved last, so that a save writes only what changed.
#[derive(Default)]
pub struct Saver {
    meta: String,
    own_docs: Option<Vec<String>>,
    annotations: HashMap<String, Rc<Vec<Rc<Annotation>>>>,
}

impl Saver {
    /// A saver that takes `state` as already saved (just loaded).
    pub fn loaded(state: &AppState) -> Self {
        let mut saver = Saver {
            meta: meta_json(state),
            own_docs: Some(own_doc_ids(&state.workspace)),
            ..Saver::default()
        };
        for d in state.workspace.documents() {
            let list = state.workspace.annotations(&d.id);
            if !list.is_empty() {
                saver.annotations.insert(d.id.clone(), list);
            }
        }
        saver
    }

    /// Writes what changed in `state`. On failure, what could not be written stays pending
    /// and is tried again at the next save.
    pub fn save(&mut self, state: &AppState) -> Result<(), String> {
        let ws = &state.workspace;
        let ids = own_doc_ids(ws);
        if self.own_docs.as_ref() != Some(&ids) {
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
        let mut seen = Vec::new();
        for d in ws.documents() {
            let list = ws.annotations(&d.id);
            seen.push(d.id.clone());
            let same = match self.annotations.get(&d.id) {
                Some(saved) => Rc::ptr_eq(saved, &list),
                None => list.is_empty(),
            };
            if same {
                continue;
            }
            let key = format!("{ANN_PREFIX}{}", d.id);
            if list.is_empty() {
                LocalStorage::delete(&key);
                self.annotations.remove(&d.id);
            } else {
                let stored = StoredAnnotations {
                    schema: SCHEMA,
                    annotations: list.iter().map(|a| (**a).clone()).collect(),
                };
                raw_set(&key, &to_json(&stored)).map_err(failure)?;
                self.annotations.insert(d.id.clone(), list);
            }
        }
        let gone: Vec<String> = self
            .annotations
            .keys()
            .filter(|id| !seen.contains(id))
            .cloned()
            .collect();
        for id in gone {
            LocalStorage::delete(format!("{ANN_PREFIX}{id}"));
            self.annotations.remove(&id);
        }
        let meta = meta_json(state);
        if meta != self.meta {
            raw_set(META, &meta).map_err(failure)?;
            self.meta = meta;
        }
        Ok(())
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
        open: state.open.clone(),
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
    on_result: Rc<dyn Fn(Option<String>)>,
}

impl AutoSave {
    /// Starts from `state` as saved; `on_result` hears of each save's outcome.
    pub fn new(state: &AppState, on_result: impl Fn(Option<String>) + 'static) -> Self {
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
        let result = inner.saver.save(&state);
        if result.is_err() {
            // Keep it pending: the next change or page hide tries again.
            inner.pending = Some(state);
        }
        let report = inner.on_result.clone();
        drop(inner);
        report(result.err());
    }
}
