//! `window.discern`: a small JavaScript API for pages that embed Discern and for tests. Values
//! cross as plain JavaScript objects in the shapes of the native format
//! (`docs/FORMATS.md#native-format`), made from the model's own serde types by
//! serde-wasm-bindgen, both ways.
//!
//! - `documents()`: the documents, as a native file lists them (`id`, `title`, `source`,
//!   `sha256`, `length`)
//! - `annotations(docId?)`: the annotations (of one document), as exported (each with its
//!   quote and context)
//! - `exportNative(includeTexts)`: the whole native export file
//! - `addDocument({title, text, source?})` (or `addDocument(title, text)`): adds an own
//!   document and returns its id; a blank title or text throws an `Error` with the form's
//!   message and adds nothing
//! - `addAnnotations(docId, [{start, end, label, note?, speaker?, id?}])`: adds them, in the
//!   native annotation shape (`document` is `docId`; an id is made where none is given), as
//!   one undoable step
//! - `testPanic()`: stops Discern with a panic (in a task of its own), to check the error screen
//!
//! What cannot be read throws an `Error` that says what is wrong in Discern's words, in the
//! page's language (`docs/FORMATS.md#json-problems`), and adds nothing.

use crate::browser::clock;
use crate::browser::unicode::UNICODE;
use crate::messages;
use crate::state::{Action, AppState, Message, ReadAction};
use discern_model::formats::export::export_native;
use discern_model::formats::native::{Exported, ExportedDocument};
use discern_model::json::{what_serde_says, JsonKind, JsonWhat};
use discern_model::{Annotation, Document};
use js_sys::{Function, Object, Reflect};
use serde::{Deserialize, Serialize};
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use yew::Callback;

/// The state the API reads: the page keeps it current after every render.
pub type Latest = Rc<RefCell<Rc<AppState>>>;

/// `value` as a plain JavaScript value (objects, not maps).
fn to_js<T: Serialize>(value: &T) -> JsValue {
    let plain = serde_wasm_bindgen::Serializer::json_compatible();
    value.serialize(&plain).unwrap_or(JsValue::NULL)
}

/// A JavaScript value read as `T`, or an `Error` saying in Discern's words what is wrong.
fn from_js<T: for<'de> Deserialize<'de>>(value: JsValue) -> Result<T, JsValue> {
    serde_wasm_bindgen::from_value(value).map_err(|e| {
        // (A JavaScript `Error` carries serde's words, after its name.)
        let words = e.to_string();
        refused(&what_serde_says(
            words.strip_prefix("Error: ").unwrap_or(&words),
        ))
    })
}

/// The `Error` that says what is wrong with a value given.
fn refused(what: &JsonWhat) -> JsValue {
    js_sys::Error::new(&messages::json_what(what)).into()
}

/// What kind of value `v` is, as a format names it.
fn kind_of(v: &JsValue) -> JsonKind {
    if v.is_string() {
        JsonKind::Text
    } else if v.as_f64().is_some() {
        JsonKind::Number
    } else if v.as_bool().is_some() {
        JsonKind::TrueFalse
    } else if v.is_null() || v.is_undefined() {
        JsonKind::Null
    } else if js_sys::Array::is_array(v) {
        JsonKind::List
    } else {
        JsonKind::Object
    }
}

/// A document to add: as a native file gives one with its text.
#[derive(Deserialize)]
struct NewDocument {
    title: String,
    text: String,
    #[serde(default)]
    source: Option<String>,
}

fn set(obj: &Object, name: &str, f: &Function) {
    let _ = Reflect::set(obj, &name.into(), f);
}

/// Installs `window.discern`.
pub fn install(latest: Latest, dispatch: Callback<Action>) {
    let api = Object::new();

    let l = latest.clone();
    let documents = Closure::<dyn Fn() -> JsValue>::new(move || {
        let state = l.borrow().clone();
        let docs: Vec<ExportedDocument> = state
            .workspace
            .documents()
            .iter()
            .map(|d| ExportedDocument::of(d, true, false))
            .collect();
        to_js(&docs)
    });
    set(&api, "documents", documents.as_ref().unchecked_ref());
    documents.forget();

    let l = latest.clone();
    let annotations = Closure::<dyn Fn(JsValue) -> JsValue>::new(move |doc: JsValue| {
        let state = l.borrow().clone();
        let only = doc.as_string();
        let list: Vec<Exported> = state
            .workspace
            .documents()
            .iter()
            .filter(|d| only.as_ref().is_none_or(|id| *id == d.id))
            .flat_map(|d| {
                state
                    .workspace
                    .annotations(&d.id)
                    .iter()
                    .map(|a| Exported::of(d, a))
                    .collect::<Vec<_>>()
            })
            .collect();
        to_js(&list)
    });
    set(&api, "annotations", annotations.as_ref().unchecked_ref());
    annotations.forget();

    let l = latest.clone();
    let export = Closure::<dyn Fn(JsValue) -> JsValue>::new(move |texts: JsValue| {
        let state = l.borrow().clone();
        let file = export_native(
            &state.workspace,
            None,
            &state.annotator,
            &clock::now_iso(),
            texts.is_truthy(),
        );
        to_js(&file)
    });
    set(&api, "exportNative", export.as_ref().unchecked_ref());
    export.forget();

    let d = dispatch.clone();
    // The form's checks and message: a blank title or text is refused, and nothing changes.
    let add_document = Closure::<dyn Fn(JsValue, JsValue) -> Result<JsValue, JsValue>>::new(
        move |doc: JsValue, text: JsValue| {
            let doc: NewDocument = match (doc.as_string(), text.as_string()) {
                (Some(title), Some(text)) => NewDocument {
                    title,
                    text,
                    source: None,
                },
                _ => from_js(doc)?,
            };
            let source = doc.source.unwrap_or_default();
            let Some(doc) = Document::own(UNICODE, &doc.title, &source, &doc.text) else {
                let message = messages::message(&Message::DocumentIncomplete, &messages::NoWords);
                d.emit(Action::Notify(Message::DocumentIncomplete));
                return Err(js_sys::Error::new(&message).into());
            };
            let id = doc.id.clone();
            d.emit(Action::from(ReadAction::AddDocument(Rc::new(doc))));
            Ok(JsValue::from_str(&id))
        },
    );
    set(&api, "addDocument", add_document.as_ref().unchecked_ref());
    add_document.forget();

    let l = latest;
    let add_annotations = Closure::<dyn Fn(String, JsValue) -> Result<JsValue, JsValue>>::new(
        move |doc: String, spans: JsValue| {
            let Some(spans) = spans.dyn_ref::<js_sys::Array>() else {
                let found = kind_of(&spans);
                let expected = JsonKind::List;
                return Err(refused(&JsonWhat::WrongKind { found, expected }));
            };
            let annotator = l.borrow().annotator.clone();
            let now = clock::now_iso();
            let mut list = Vec::with_capacity(spans.length() as usize);
            for given in spans.iter() {
                // A copy of what was given (which stays as it was), in the document named,
                // and with an id made where it has none.
                let span = Object::assign(&Object::new(), given.unchecked_ref());
                let given = |field: &str| Reflect::get(&span, &field.into()).ok();
                for (field, value) in [
                    ("document", JsValue::from_str(&doc)),
                    (
                        "id",
                        JsValue::from_str(&(clock::new_id() + &list.len().to_string())),
                    ),
                ] {
                    if given(field).is_none_or(|v| v.is_undefined()) {
                        let _ = Reflect::set(&span, &field.into(), &value);
                    }
                }
                let mut a: Annotation = from_js(span.into())?;
                a.document.clone_from(&doc);
                if a.annotator.is_empty() {
                    a.annotator.clone_from(&annotator);
                }
                a.created.clone_from(&now);
                a.modified.clone_from(&now);
                list.push(a);
            }
            let n = list.len();
            dispatch.emit(Action::from(ReadAction::AddAnnotations(list)));
            Ok(JsValue::from_f64(n as f64))
        },
    );
    set(
        &api,
        "addAnnotations",
        add_annotations.as_ref().unchecked_ref(),
    );
    add_annotations.forget();

    // The panic happens in a task of its own, as one inside an event handler would.
    let panic = Closure::<dyn Fn()>::new(|| {
        let stop = Closure::once_into_js(|| -> () { panic!("testPanic was called") });
        if let Some(w) = web_sys::window() {
            let _ = w.set_timeout_with_callback(stop.unchecked_ref());
        }
    });
    set(&api, "testPanic", panic.as_ref().unchecked_ref());
    panic.forget();

    if let Some(w) = web_sys::window() {
        let _ = Reflect::set(&w, &"discern".into(), &api);
    }
}
