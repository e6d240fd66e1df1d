//! The root component: fetches the built-in articles, then holds the state and its reducer,
//! provides them to every component,
//! and wires the page-wide behaviour (saving, other tabs, the JavaScript API, undo keys,
//! dropped files, fading notices) through the named hooks of [`super::hooks`]. It shows the
//! header, the warnings and reports, and the current view.

use super::compare::Compare;
use super::context::AppContext;
use super::header::{header, NamePrompt};
use super::hooks::{
    use_file_drop, use_history_keys, use_import, use_js_api, use_latest, use_notice_timeout,
    use_saving,
};
use super::library::Library;
use super::reader::Reader;
use super::reports::{notice_region, report_panel, storage_warning};
use crate::browser::dom::MAIN_ID;
use crate::browser::{files, storage};
use crate::messages;
use crate::model::Document;
use crate::state::View;
use std::cell::RefCell;
use std::rc::Rc;
use yew::prelude::*;

/// The built-in articles as fetched, and those that could not be had (file, why).
#[derive(PartialEq)]
pub struct Builtin {
    /// Taken once, when the work is loaded over them.
    pub documents: RefCell<Vec<Document>>,
    pub missing: Vec<(&'static str, String)>,
}

/// Fetches the built-in articles, then opens the work.
#[function_component]
pub fn App() -> Html {
    let builtin = use_state(|| None::<Rc<Builtin>>);
    {
        let builtin = builtin.clone();
        use_effect_with((), move |_| {
            wasm_bindgen_futures::spawn_local(async move {
                let (documents, missing) = files::fetch_builtin().await;
                let documents = RefCell::new(documents);
                builtin.set(Some(Rc::new(Builtin { documents, missing })));
            });
        });
    }
    match &*builtin {
        Some(b) => html! { <Work builtin={b.clone()} /> },
        None => html! {
            <main class="loading" id={MAIN_ID} aria-busy="true"><p>{"Opening Discern…"}</p></main>
        },
    }
}

#[derive(Properties, PartialEq)]
struct WorkProps {
    builtin: Rc<Builtin>,
}

/// The app over the loaded work: the state and its reducer, provided to every component.
#[function_component]
fn Work(props: &WorkProps) -> Html {
    let (loaded, saver) = &*use_memo(props.builtin.clone(), |b| {
        let (mut state, saver) = storage::load(b.documents.take());
        let missing = b
            .missing
            .iter()
            .map(|(f, why)| messages::builtin_missing(f, why));
        let warning: Vec<String> = missing.chain(state.storage_warning.take()).collect();
        state.storage_warning = (!warning.is_empty()).then(|| warning.join(" "));
        (Rc::new(state), RefCell::new(Some(saver)))
    });
    let state = {
        let loaded = loaded.clone();
        use_reducer(move || (*loaded).clone())
    };
    let latest = use_latest(&state, loaded);
    use_saving(&state, saver, &latest);
    use_js_api(&latest, state.dispatcher());
    use_history_keys(state.dispatcher());
    use_file_drop(state.dispatcher());
    use_import(&state);
    use_notice_timeout(state.notice.clone(), state.dispatcher());

    let warnings: Vec<String> = [state.save_error.clone(), state.storage_warning.clone()]
        .into_iter()
        .flatten()
        .collect();
    html! {
        <ContextProvider<AppContext> context={state.clone()}>
            {header(&state)}
            if !state.prefs.name_asked && state.annotator.is_empty() {
                <NamePrompt />
            }
            if !warnings.is_empty() {
                {storage_warning(warnings.join(" "), &state)}
            }
            if let Some(share) = state.importing {
                <div class="import-progress" role="status">
                    <label>{"Importing… "}<progress max="1" value={super::fixed(share, 3)} /></label>
                </div>
            }
            if let Some(report) = &state.report {
                {report_panel(report, &state)}
            }
            {
                match &state.view {
                    View::Compare => html! { <Compare /> },
                    View::Reader(_) => match state.open_document() {
                        Some(doc) => html! { <Reader doc={doc.clone()} /> },
                        None => html! { <Library /> },
                    },
                    View::Library => html! { <Library /> },
                }
            }
            {notice_region(state.notice.as_ref())}
        </ContextProvider<AppContext>>
    }
}
