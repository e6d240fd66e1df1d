//! The root component: holds the state and its reducer, loads and saves the work, installs
//! `window.discern` and the global keys (undo, redo), and shows the library or the reader.

use super::library::Library;
use super::reader::Reader;
use crate::browser::{api, dom, storage};
use crate::model::corpus;
use crate::state::{Action, AppState, Tone};
use gloo::events::{EventListener, EventListenerOptions};
use gloo::timers::callback::Timeout;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// What every component reads: the state, and the way to change it.
pub type AppContext = UseReducerHandle<AppState>;

#[function_component]
pub fn App() -> Html {
    let loaded = use_memo((), |_| storage::load(corpus::builtin()));
    let state = {
        let loaded = loaded.clone();
        use_reducer(move || loaded.0.clone())
    };
    let latest: api::Latest = {
        let first = Rc::new(loaded.0.clone());
        use_mut_ref(move || first)
    };
    *latest.borrow_mut() = Rc::new((*state).clone());

    // Saving: queue the state after every render that changed it.
    let autosave = {
        let dispatch = state.dispatcher();
        let first = loaded.0.clone();
        use_memo((), move |_| {
            storage::AutoSave::new(&first, move |result| {
                dispatch.dispatch(Action::StorageWarning(result));
            })
        })
    };
    {
        let autosave = autosave.clone();
        let latest = latest.clone();
        use_effect_with(
            (
                state.revision,
                state.annotator.clone(),
                state.prefs.clone(),
                state.open.clone(),
            ),
            move |_| {
                autosave.queue(latest.borrow().clone());
            },
        );
    }
    // Save before the page goes away.
    {
        let autosave = autosave.clone();
        use_effect_with((), move |_| {
            let window = gloo::utils::window();
            let a = autosave.clone();
            let hide = EventListener::new(&window, "pagehide", move |_| a.flush());
            let doc = gloo::utils::document();
            let b = autosave.clone();
            let vis = EventListener::new(&doc, "visibilitychange", move |_| b.flush());
            move || drop((hide, vis))
        });
    }
    // The JavaScript API.
    {
        let latest = latest.clone();
        let dispatch = state.dispatcher();
        use_effect_with((), move |_| {
            api::install(latest, Callback::from(move |a| dispatch.dispatch(a)));
        });
    }
    // Undo and redo keys, anywhere but in a text field.
    {
        let dispatch = state.dispatcher();
        use_effect_with((), move |_| {
            let opts = EventListenerOptions::enable_prevent_default();
            let listener = EventListener::new_with_options(
                &gloo::utils::document(),
                "keydown",
                opts,
                move |e| {
                    let Some(e) = e.dyn_ref::<web_sys::KeyboardEvent>() else {
                        return;
                    };
                    if !(e.ctrl_key() || e.meta_key()) || dom::is_typing_target(e.target()) {
                        return;
                    }
                    let key = e.key().to_ascii_lowercase();
                    let action = match (key.as_str(), e.shift_key()) {
                        ("z", false) => Action::Undo,
                        ("z", true) | ("y", false) => Action::Redo,
                        _ => return,
                    };
                    e.prevent_default();
                    dispatch.dispatch(action);
                },
            );
            move || drop(listener)
        });
    }
    // Messages fade after a few seconds.
    {
        let dispatch = state.dispatcher();
        use_effect_with(state.notice.clone(), move |notice| {
            let timer = notice.as_ref().map(|n| {
                let seq = n.seq;
                Timeout::new(5000, move || dispatch.dispatch(Action::ClearNotice(seq)))
            });
            move || drop(timer)
        });
    }

    let undo = {
        let s = state.clone();
        Callback::from(move |_| s.dispatch(Action::Undo))
    };
    let redo = {
        let s = state.clone();
        Callback::from(move |_| s.dispatch(Action::Redo))
    };
    let home = {
        let s = state.clone();
        Callback::from(move |e: MouseEvent| {
            e.prevent_default();
            s.dispatch(Action::ShowLibrary)
        })
    };
    let on_name = {
        let s = state.clone();
        Callback::from(move |e: Event| {
            if let Some(input) = e.target_dyn_into::<web_sys::HtmlInputElement>() {
                s.dispatch(Action::SetAnnotator(input.value()));
            }
        })
    };
    let notice = state.notice.clone();

    html! {
        <ContextProvider<AppContext> context={state.clone()}>
            <header class="app-head">
                <a href="./" class="brand" onclick={home}>{"Discern"}</a>
                <div class="head-tools">
                    <label class="name-field">
                        <span>{"Your name"}</span>
                        <input type="text" value={state.annotator.clone()} onchange={on_name}
                            placeholder="Name" autocomplete="name" maxlength="80" />
                    </label>
                    <button type="button" class="btn" onclick={undo} disabled={!state.history.can_undo()}
                        title="Undo (Ctrl+Z)" aria-keyshortcuts="Control+Z">{"↶ Undo"}</button>
                    <button type="button" class="btn" onclick={redo} disabled={!state.history.can_redo()}
                        title="Redo (Ctrl+Shift+Z)" aria-keyshortcuts="Control+Shift+Z">{"↷ Redo"}</button>
                </div>
            </header>
            if let Some(w) = &state.storage_warning {
                <div class="storage-warning" role="alert">{w}</div>
            }
            if let Some(doc) = state.open_document() {
                <Reader doc={doc.clone()} />
            } else {
                <Library />
            }
            <div class="notice-region" role="status" aria-live="polite">
                if let Some(n) = notice {
                    <div class={classes!("notice", (n.tone == Tone::Refused).then_some("refused"))}>
                        {n.text}
                    </div>
                }
            </div>
        </ContextProvider<AppContext>>
    }
}
