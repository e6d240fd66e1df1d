//! `window.discern`: a small JavaScript API for pages that embed Discern and for tests.
//! Annotations come out as plain JS objects in the shape of the native export.
//!
//! - `documents()`: `[{id, title, length, builtin, source, date, byline, outlet}]`
//! - `annotations(docId?)`: the annotations (of one document), as exported
//! - `exportNative(includeTexts)`: the whole native export file as an object
//! - `addDocument(title, text)`: adds an own document and returns its id; a blank title or
//!   text throws an `Error` with the form's message and adds nothing
//! - `addAnnotations(docId, [{start, end, label, note?}])`: adds them as one undoable step
//! - `testPanic()`: stops Discern with a panic (in a task of its own), to check the error screen

use crate::browser::clock;
use crate::browser::unicode::UNICODE;
use crate::messages;
use crate::state::{Action, AppState, Message, ReadAction};
use discern_model::formats::export::export_native;
use discern_model::formats::native::Exported;
use discern_model::json;
use discern_model::{Annotation, Document, Label};
use js_sys::{Function, Object, Reflect};
use serde::{Deserialize, Serialize};
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use yew::Callback;

/// The state the API reads: the App keeps it current after every render.
pub type Latest = Rc<RefCell<Rc<AppState>>>;

/// `value` as a plain JS object, through JSON: the one serializer the app already has.
fn to_js<T: Serialize>(value: &T) -> JsValue {
    serde_json::to_string(value)
        .ok()
        .and_then(|json| js_sys::JSON::parse(&json).ok())
        .unwrap_or(JsValue::NULL)
}

/// A JS value read as `T`, through JSON.
fn from_js<T: for<'de> Deserialize<'de>>(value: &JsValue) -> Result<T, JsValue> {
    let json = js_sys::JSON::stringify(value)?
        .as_string()
        .unwrap_or_default();
    serde_json::from_str(&json)
        .map_err(|e| JsValue::from_str(&messages::json_problem(&json::json_problem(&e))))
}

#[derive(Serialize)]
struct DocInfo<'a> {
    id: &'a str,
    title: &'a str,
    length: usize,
    builtin: bool,
    source: &'a Option<String>,
    date: &'a Option<String>,
    byline: &'a Option<String>,
    outlet: &'a Option<String>,
}

#[derive(Deserialize)]
struct NewSpan {
    start: usize,
    end: usize,
    label: String,
    #[serde(default)]
    note: String,
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
        let docs: Vec<DocInfo> = state
            .workspace
            .documents()
            .iter()
            .map(|d| DocInfo {
                id: &d.id,
                title: &d.meta.title,
                length: d.len(),
                builtin: d.builtin,
                source: &d.meta.source,
                date: &d.meta.date,
                byline: &d.meta.byline,
                outlet: &d.meta.outlet,
            })
            .collect();
        to_js(&docs)
    });
    set(&api, "documents", documents.as_ref().unchecked_ref());
    documents.forget();

    let l = latest.clone();
    let annotations = Closure::<dyn Fn(JsValue) -> JsValue>::new(move |doc: JsValue| {
        let state = l.borrow().clone();
        let only = doc.as_string();
        let list: Vec<_> = state
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
    let add_document = Closure::<dyn Fn(String, String) -> Result<JsValue, JsValue>>::new(
        move |title: String, text: String| {
            let Some(doc) = Document::own(UNICODE, &title, "", &text) else {
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
        move |doc: String, spans| {
            let spans: Vec<NewSpan> = from_js(&spans)?;
            let annotator = l.borrow().annotator.clone();
            let now = clock::now_iso();
            let mut list = Vec::with_capacity(spans.len());
            for s in spans {
                let label = Label::parse(&s.label)
                    .ok_or_else(|| JsValue::from_str(&format!("unknown label “{}”", s.label)))?;
                let id = clock::new_id() + &list.len().to_string();
                list.push(Annotation {
                    note: s.note,
                    annotator: annotator.clone(),
                    created: now.clone(),
                    modified: now.clone(),
                    ..Annotation::new(id, &doc, label, s.start, s.end)
                });
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
