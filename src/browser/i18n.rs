//! The interface's language in the browser (`docs/ARCHITECTURE.md#languages`). The pages'
//! start script (`static/start.js`, inlined in every page's head) has chosen the language
//! (the reader's stored choice, else the browser's languages, else English), set
//! `<html lang>` and fetched its words while the module downloaded; the loader starts the
//! module once they are in. It leaves `window.discernLanguage`: `{code, list, load(code),
//! ready, text}` (`text` missing when the words could not be had). Here the words are taken
//! in ([`crate::i18n::install`]) before the page first draws, and the header's switch fetches
//! another language's, remembers the choice (`discern/v1/language`) and draws the page again
//! in it, without a reload: nothing typed, nor the undo history, is lost.
//!
//! Drawing again in another language: the components that skip redraws are keyed by the
//! language (the reader's text and its annotation list), and memoized markup with words in it
//! takes it as a dependency (the compare page's class table). Other open tabs keep their
//! language until they are reloaded.

use crate::browser::storage::LocalStore;
use crate::i18n::{self, t, T};
use crate::state::{Action, Message};
use discern_model::store::{self, Store};
use js_sys::{Function, Promise, Reflect};
use std::cell::Cell;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

thread_local! {
    /// The languages, as the start script lists them: `code name`, one a line.
    static LIST: Cell<&'static str> = const { Cell::new("") };
    /// The code of the language the interface speaks.
    static CODE: Cell<&'static str> = const { Cell::new("") };
    /// The page's title, in the window's title bar.
    static TITLE: Cell<T> = const { Cell::new(T::TitleReading) };
}

/// What the start script left.
fn left() -> JsValue {
    Reflect::get(&gloo::utils::window(), &"discernLanguage".into()).unwrap_or_default()
}

fn get(v: &JsValue, key: &str) -> JsValue {
    Reflect::get(v, &key.into()).unwrap_or_default()
}

fn set(on: &JsValue, key: &str, value: &JsValue) {
    let _ = Reflect::set(on, &key.into(), value);
}

fn keep(s: String) -> &'static str {
    Box::leak(s.into_boxed_str())
}

/// The languages Discern speaks: each one's code and name in its own language.
pub fn languages() -> impl Iterator<Item = (&'static str, &'static str)> {
    LIST.with(Cell::get)
        .split('\n')
        .filter_map(|line| line.split_once(' '))
}

/// The code of the language the interface speaks.
pub fn code() -> &'static str {
    CODE.with(Cell::get)
}

/// Takes in the words the start script fetched, shows the window's title `title` in their
/// language and calls `render`, which draws the page. When they could not be had, the start
/// script has said so on the page (in English and Spanish), and nothing is drawn: nothing
/// reads or writes the stored work.
pub fn start(title: T, render: impl FnOnce()) {
    TITLE.with(|t| t.set(title));
    let left = left();
    LIST.with(|l| l.set(keep(get(&left, "list").as_string().unwrap_or_default())));
    let code = keep(get(&left, "code").as_string().unwrap_or_default());
    if let Some(text) = get(&left, "text").as_string() {
        if i18n::install(text).is_ok() {
            show(code);
            render();
        }
    }
}

/// Shows what is not drawn in the language of `code`: the document's language (for screen
/// readers), the window's title (the page's, as [`start`] was given it), and the error
/// screen's words.
fn show(code: &'static str) {
    let title = TITLE.with(Cell::get);
    CODE.with(|c| c.set(code));
    let document: JsValue = gloo::utils::document().into();
    set(&get(&document, "documentElement"), "lang", &code.into());
    set(&document, "title", &t(title).into());
    crate::browser::crash::translate();
}

/// Switches the interface to the language `select` now names: its words are fetched, the
/// choice is remembered, and `dispatch` draws the page again in it. When they cannot be had,
/// the page stays in the language it speaks, and says so.
pub fn switch(select: web_sys::HtmlSelectElement, dispatch: impl Fn(Action) + 'static) {
    let code = keep(select.value());
    let left = left();
    let load = get(&left, "load").dyn_into::<Function>();
    let promise = load.and_then(|f| f.call1(&left, &code.into()));
    wasm_bindgen_futures::spawn_local(async move {
        let text = match promise {
            Ok(p) => JsFuture::from(Promise::from(p)).await.ok(),
            Err(_) => None,
        };
        let text = text.and_then(|t| t.as_string()).unwrap_or_default();
        if i18n::install(text).is_ok() {
            // Not remembered when the storage refuses: this page speaks it all the same.
            let _ = LocalStore.set(store::LANGUAGE, &store::language_value(code));
            show(code);
            dispatch(Action::Language(code));
        } else {
            select.set_value(self::code());
            let language = languages().find(|l| l.0 == code).map_or(code, |l| l.1);
            dispatch(Action::Notify(Message::LanguageNotLoaded(language.into())));
        }
    });
}
