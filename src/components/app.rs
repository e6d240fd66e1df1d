//! The root component: holds the state and its reducer, provides them to every component,
//! and wires the page-wide behaviour (saving, other tabs, the JavaScript API, undo keys,
//! dropped files, fading notices) through the named hooks of [`super::hooks`]. It shows the
//! header, the warnings and reports, and the current view.

use super::compare::Compare;
use super::context::AppContext;
use super::header::{Header, NamePrompt};
use super::hooks::{
    use_file_drop, use_history_keys, use_js_api, use_latest, use_notice_timeout, use_saving,
};
use super::library::Library;
use super::reader::Reader;
use super::reports::{NoticeRegion, ReportPanel, StorageWarning};
use crate::browser::storage;
use crate::model::corpus;
use crate::state::View;
use yew::prelude::*;

#[function_component]
pub fn App() -> Html {
    let loaded = use_memo((), |_| storage::load(corpus::builtin()));
    let state = {
        let loaded = loaded.clone();
        use_reducer(move || (*loaded).clone())
    };
    let latest = use_latest(&state, &loaded);
    use_saving(&state, &loaded, &latest);
    use_js_api(&latest, state.dispatcher());
    use_history_keys(state.dispatcher());
    use_file_drop(state.dispatcher());
    use_notice_timeout(state.notice.clone(), state.dispatcher());

    let warnings: Vec<String> = [state.save_error.clone(), state.storage_warning.clone()]
        .into_iter()
        .flatten()
        .collect();
    html! {
        <ContextProvider<AppContext> context={state.clone()}>
            <Header />
            if !state.prefs.name_asked && state.annotator.is_empty() {
                <NamePrompt />
            }
            if !warnings.is_empty() {
                <StorageWarning text={warnings.join(" ")} />
            }
            if let Some(report) = &state.report {
                <ReportPanel report={report.clone()} />
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
            <NoticeRegion notice={state.notice.clone()} />
        </ContextProvider<AppContext>>
    }
}
