//! The browser side of saving the work: [`LocalStore`], the page's local storage as a
//! [`Store`]; [`AutoSave`], which saves soon after each change is painted and takes in what
//! another tab wrote. `crate::messages::storage_problem` puts a storage problem into words.
//!
//! What is stored, under which keys (`docs/FORMATS.md#storage`), how it is loaded, kept aside
//! and merged with another tab's work lives in [`discern_model::store`], tested natively; the
//! functions here only hand it the browser's storage and the app's state.

use crate::browser::unicode::UNICODE;
use crate::state::{AppState, View, Warning};
use discern_model::store::{
    self, AssignmentKeeping, Meta, Saver, StorageProblem, Store, StoreError,
};
use discern_model::sync::FromOtherTab;
use discern_model::Document;
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::{JsCast, JsValue};

pub use discern_model::store::{ASIDE_PREFIX, PREFIX, SCHEMA};

/// The page's local storage. Each call asks the window for it again, so storage that goes
/// away or comes back is seen at once.
#[derive(Clone, Copy, Debug, Default)]
pub struct LocalStore;

/// The `name` of what the browser threw (`QuotaExceededError`, `SecurityError`…), or empty.
fn thrown_name(e: &JsValue) -> String {
    js_sys::Reflect::get(e, &"name".into())
        .ok()
        .and_then(|v| v.as_string())
        .unwrap_or_default()
}

fn thrown(e: JsValue) -> StoreError {
    match thrown_name(&e) {
        name if name == "QuotaExceededError" => StoreError::Quota,
        name => StoreError::Refused(name),
    }
}

/// The page's local storage, or why there is none (disabled, private mode, sandboxed page).
fn storage() -> Result<web_sys::Storage, StoreError> {
    let window = web_sys::window().ok_or(StoreError::Missing)?;
    match window.local_storage() {
        Ok(Some(s)) => Ok(s),
        Ok(None) => Err(StoreError::Missing),
        Err(e) => Err(StoreError::Unavailable(thrown_name(&e))),
    }
}

impl Store for LocalStore {
    fn get(&self, key: &str) -> Result<Option<String>, StoreError> {
        storage()?.get_item(key).map_err(thrown)
    }

    fn set(&self, key: &str, value: &str) -> Result<(), StoreError> {
        storage()?.set_item(key, value).map_err(thrown)
    }

    fn remove(&self, key: &str) -> Result<(), StoreError> {
        storage()?.remove_item(key).map_err(thrown)
    }

    fn keys(&self) -> Result<Vec<String>, StoreError> {
        let s = storage()?;
        let n = s.length().unwrap_or(0);
        Ok((0..n).filter_map(|i| s.key(i).ok().flatten()).collect())
    }
}

/// Every stored key that starts with `prefix`.
pub fn keys_with_prefix(prefix: &str) -> Vec<String> {
    store::keys_with_prefix(&LocalStore, prefix)
}

/// Every stored Discern key and its value, as one JSON object: what the "download" buttons
/// hand over when the work cannot be read or saved.
pub fn dump(prefix: &str) -> String {
    store::dump(&LocalStore, prefix)
}

/// Loads the saved work over the built-in documents, with the open assignments where
/// `keeping` keeps them (the assignment page); problems go into the storage warning. Returns
/// the state and the saver that knows what the storage holds.
pub fn load(
    builtin: Vec<Document>,
    keeping: Option<&'static dyn AssignmentKeeping>,
) -> (AppState, Saver) {
    let mut loaded = store::load(UNICODE, &LocalStore, builtin, keeping);
    loaded.saver.name_tab(crate::browser::clock::new_id());
    let mut state = AppState::new(loaded.workspace);
    state.annotator = loaded.meta.annotator;
    state.prefs = loaded.meta.prefs;
    if let Some(id) = loaded.meta.open {
        state.view = View::Reader(id);
    }
    state.storage_warning = loaded.problems.into_iter().map(Warning::Storage).collect();
    (state, loaded.saver)
}

/// What of `state` is stored besides the workspace.
fn meta_of(state: &AppState) -> Meta {
    Meta {
        annotator: state.annotator.clone(),
        prefs: state.prefs.clone(),
        open: state.view.document_id().map(str::to_string),
    }
}

/// At the latest, a change is saved this long after it was made (milliseconds).
const IDLE_TIMEOUT_MS: u32 = 300;

/// What a save or another tab's write brings: when a save was made, its lasting warning (or
/// none, all is well); and the other tab's work to take in.
pub type SaveReport = (Option<Rc<[StorageProblem]>>, FromOtherTab);

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
    /// Saves with `saver` (from [`load`]); `on_result` hears of each save's outcome.
    pub fn new(saver: Saver, on_result: impl Fn(SaveReport) + 'static) -> Self {
        AutoSave {
            inner: Rc::new(RefCell::new(AutoSaveInner {
                saver,
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
        let (other, problems) = inner
            .saver
            .save(&LocalStore, &state.workspace, &meta_of(&state));
        if problems.iter().any(|p| {
            matches!(
                p,
                StorageProblem::SaveFailed(_) | StorageProblem::AnnotationsNotKept { .. }
            )
        }) {
            // Keep it pending: the next change or page hide tries again.
            inner.pending = Some(state);
        }
        let report = inner.on_result.clone();
        drop(inner);
        report((Some(problems.into()), other));
    }

    /// Another tab wrote: saves what is pending here (merging), then takes in the rest. When
    /// the storage was cleared, writes all of this tab's work again at once.
    pub fn other_tab_wrote(&self, state: Rc<AppState>) {
        self.flush();
        let mut inner = self.inner.borrow_mut();
        let mut other = inner.saver.incoming(UNICODE, &LocalStore, &state.workspace);
        let mut warning = None;
        if other.restored {
            let (more, problems) =
                inner
                    .saver
                    .save(&LocalStore, &state.workspace, &meta_of(&state));
            other.annotations.extend(more.annotations);
            if more.assignments.is_some() {
                other.assignments = more.assignments;
            }
            warning = Some(problems.into());
        }
        let report = inner.on_result.clone();
        drop(inner);
        if !other.is_empty() {
            report((warning, other));
        }
    }
}
