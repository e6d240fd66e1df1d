//! The root component: holds the state and its reducer, loads and saves the work, keeps two
//! tabs together, installs `window.discern` and the global keys (undo, redo), takes dropped
//! files, and shows the library or the reader with the header, warnings and reports.

use super::compare::Compare;
use super::export_panel::{ExportPanel, ImportButton};
use super::library::Library;
use super::reader::Reader;
use crate::browser::{api, dom, files, storage};
use crate::model::corpus;
use crate::model::formats::export_native;
use crate::state::{Action, AppState, Tone, View};
use gloo::events::{EventListener, EventListenerOptions};
use gloo::timers::callback::Timeout;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// What every component reads: the state, and the way to change it.
pub type AppContext = UseReducerHandle<AppState>;

/// Reads the files of `list` as text and hands the readable ones (name, text) to `then`; a
/// file the browser cannot read is reported by name.
pub fn read_files(
    list: &web_sys::FileList,
    dispatch: UseReducerDispatcher<AppState>,
    then: impl FnOnce(Vec<(String, String)>) + 'static,
) {
    let list = files::take(list);
    yew::platform::spawn_local(async move {
        let mut read = Vec::new();
        for (name, text) in files::read_all(list).await {
            match text {
                Ok(text) => read.push((name, text)),
                Err(e) => dispatch.dispatch(Action::Notify(
                    format!("“{name}” could not be read: {e}."),
                    Tone::Refused,
                )),
            }
        }
        then(read);
    });
}

/// Reads dropped or picked files: `.txt` and `.md` become documents, the rest are imported
/// as annotation files.
pub fn import_files(list: &web_sys::FileList, dispatch: UseReducerDispatcher<AppState>) {
    let d = dispatch.clone();
    read_files(list, dispatch, move |read| {
        let (texts, annotation_files): (Vec<_>, Vec<_>) =
            read.into_iter().partition(|(name, _)| {
                let lower = name.to_ascii_lowercase();
                lower.ends_with(".txt") || lower.ends_with(".md")
            });
        if !texts.is_empty() {
            let docs = texts
                .iter()
                .map(|(name, text)| Rc::new(super::library::document_from_file(name, text)))
                .collect();
            d.dispatch(Action::AddDocuments(docs));
        }
        if !annotation_files.is_empty() {
            d.dispatch(Action::Import(annotation_files));
        }
    });
}

#[function_component]
pub fn App() -> Html {
    let loaded = use_memo((), |_| storage::load(corpus::builtin()));
    let state = {
        let loaded = loaded.clone();
        use_reducer(move || (*loaded).clone())
    };
    let latest: api::Latest = {
        let first = loaded.clone();
        use_mut_ref(move || first)
    };
    *latest.borrow_mut() = Rc::new((*state).clone());

    // Saving: queue the state after every render that changed it.
    let autosave = {
        let dispatch = state.dispatcher();
        let first = loaded.clone();
        use_memo((), move |_| {
            storage::AutoSave::new(&first, move |(warning, other)| {
                dispatch.dispatch(Action::SaveResult(warning));
                dispatch.dispatch(Action::FromOtherTab(other));
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
                state.view.clone(),
            ),
            move |_| {
                autosave.queue(latest.borrow().clone());
            },
        );
    }
    // Save before the page goes away; take in what another tab saved.
    {
        let autosave = autosave.clone();
        let latest = latest.clone();
        use_effect_with((), move |_| {
            let window = gloo::utils::window();
            let a = autosave.clone();
            let hide = EventListener::new(&window, "pagehide", move |_| a.flush());
            let b = autosave.clone();
            let vis = EventListener::new(&gloo::utils::document(), "visibilitychange", move |_| {
                b.flush()
            });
            let c = autosave.clone();
            let other = EventListener::new(&window, "storage", move |e| {
                let key = e
                    .dyn_ref::<web_sys::StorageEvent>()
                    .and_then(|e| e.key())
                    .unwrap_or_default();
                if key.starts_with(storage::PREFIX) || key.is_empty() {
                    c.other_tab_wrote(latest.borrow().clone());
                }
            });
            move || drop((hide, vis, other))
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
    // Undo and redo keys, anywhere but in a text field; files dropped anywhere are imported.
    {
        let dispatch = state.dispatcher();
        use_effect_with((), move |_| {
            let opts = EventListenerOptions::enable_prevent_default();
            let d = dispatch.clone();
            let keys = dom::on_keydown(move |e| {
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
                d.dispatch(action);
            });
            let window = gloo::utils::window();
            let over = EventListener::new_with_options(&window, "dragover", opts, |e| {
                e.prevent_default();
            });
            let drop_files = EventListener::new_with_options(&window, "drop", opts, move |e| {
                let Some(e) = e.dyn_ref::<web_sys::DragEvent>() else {
                    return;
                };
                let files = e.data_transfer().and_then(|d| d.files());
                if let Some(files) = files.filter(|f| f.length() > 0) {
                    e.prevent_default();
                    import_files(&files, dispatch.clone());
                }
            });
            move || drop((keys, over, drop_files))
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
                <nav class="head-nav" aria-label="Views">
                    <button type="button" class={classes!("btn", "link", (state.view != View::Compare).then_some("current"))}
                        onclick={{ let s = state.clone(); move |_| s.dispatch(Action::ShowLibrary) }}>{"Library"}</button>
                    <button type="button" class={classes!("btn", "link", (state.view == View::Compare).then_some("current"))}
                        onclick={{ let s = state.clone(); move |_| s.dispatch(Action::ShowCompare) }}>{"Compare"}</button>
                </nav>
                <div class="head-tools">
                    <label class="name-field">
                        <span>{"Your name"}</span>
                        <input type="text" value={state.annotator.clone()} onchange={on_name}
                            placeholder="Name" autocomplete="name" maxlength="80" />
                    </label>
                    <ImportButton />
                    <ExportPanel />
                    <button type="button" class="btn" onclick={undo} disabled={!state.history.can_undo()}
                        title="Undo (Ctrl+Z)" aria-keyshortcuts="Control+Z">{"↶ Undo"}</button>
                    <button type="button" class="btn" onclick={redo} disabled={!state.history.can_redo()}
                        title="Redo (Ctrl+Shift+Z)" aria-keyshortcuts="Control+Shift+Z">{"↷ Redo"}</button>
                </div>
            </header>
            if !state.prefs.name_asked && state.annotator.is_empty() {
                <NamePrompt />
            }
            if state.storage_warning.is_some() || state.save_error.is_some() {
                <StorageWarning text={[state.save_error.clone(), state.storage_warning.clone()]
                    .into_iter().flatten().collect::<Vec<_>>().join(" ")} />
            }
            if let Some(report) = &state.import_report {
                <ImportReport lines={report.clone()} />
            }
            if state.view == View::Compare {
                <Compare />
            } else if let Some(doc) = state.open_document() {
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

/// Asks for the reader's name once, on the first visit; it can be changed in the header.
#[function_component]
fn NamePrompt() -> Html {
    let state = use_context::<AppContext>().expect("AppContext");
    let input = use_node_ref();
    let save = {
        let (state, input) = (state.clone(), input.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            if let Some(i) = input.cast::<web_sys::HtmlInputElement>() {
                state.dispatch(Action::SetAnnotator(i.value()));
            }
        })
    };
    let skip = Callback::from(move |_| state.dispatch(Action::NameAsked));
    html! {
        <form class="name-prompt" onsubmit={save} aria-label="Welcome">
            <label for="first-name">{"Welcome to Discern. What name should go on your annotations and on the files you hand in?"}</label>
            <input id="first-name" type="text" ref={input} autocomplete="name" maxlength="80" />
            <button type="submit" class="btn primary">{"Save"}</button>
            <button type="button" class="btn link" onclick={skip}>{"Not now"}</button>
        </form>
    }
}

#[derive(Properties, PartialEq)]
struct StorageWarningProps {
    text: String,
}

/// The lasting storage warning, with a one-click export of the work in memory and, when
/// unreadable data was kept aside, a download of it.
#[function_component]
fn StorageWarning(props: &StorageWarningProps) -> Html {
    let state = use_context::<AppContext>().expect("AppContext");
    let export = {
        let state = state.clone();
        Callback::from(move |_| {
            let now = crate::browser::clock::now_iso();
            let file = export_native(&state.workspace, None, &state.annotator, &now, true);
            let name = format!(
                "discern-{}-{}.json",
                files::file_part(&state.annotator),
                &now[..10]
            );
            let json = serde_json::to_string_pretty(&file).unwrap_or_default();
            if let Err(e) = files::download(&name, "application/json", &json) {
                state.dispatch(Action::Notify(format!("Export failed: {e}"), Tone::Refused));
            }
        })
    };
    let kept = !storage::keys_with_prefix(storage::ASIDE_PREFIX).is_empty();
    let download_kept = Callback::from(|_| {
        let dump = storage::dump(storage::ASIDE_PREFIX);
        let _ = files::download("discern-kept-aside.json", "application/json", &dump);
    });
    html! {
        <div class="storage-warning" role="alert">
            <p>{&props.text}</p>
            <div class="warning-actions">
                <button type="button" class="btn" onclick={export}>{"Export my work now"}</button>
                if kept {
                    <button type="button" class="btn" onclick={download_kept}>
                        {"Download the data kept aside"}
                    </button>
                }
            </div>
        </div>
    }
}

#[derive(Properties, PartialEq)]
struct ImportReportProps {
    lines: Vec<String>,
}

/// What the last import did, file by file; it stays until closed.
#[function_component]
fn ImportReport(props: &ImportReportProps) -> Html {
    let state = use_context::<AppContext>().expect("AppContext");
    let close = Callback::from(move |_| state.dispatch(Action::DismissImportReport));
    html! {
        <section class="import-report" role="status" aria-label="Import report">
            <h2>{"Import"}</h2>
            <ul>
                { for props.lines.iter().map(|l| html! {
                    <li class={classes!(l.contains("was not imported").then_some("bad"))}>{l}</li>
                }) }
            </ul>
            <button type="button" class="btn" onclick={close}>{"Close"}</button>
        </section>
    }
}
