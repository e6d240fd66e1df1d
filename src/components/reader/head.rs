//! The reader's head: back to the library (or to the document's assignment, on the assignment
//! page), the title and what is known of the document, the counts per label, whether
//! selections snap to words, how to tag, and *Print handout*.

use super::tagging::hint;
use crate::browser::dom;
use crate::components::context::AppContext;
use crate::components::{counts, facts};
use crate::i18n::T;
use crate::state::{Action, ReadAction};
use discern_model::Document;
use yew::prelude::*;

/// The head of the reader of `doc`; `assigned`, on the assignment page, goes back to the
/// document's assignment.
pub fn head(state: &AppContext, doc: &Document, assigned: bool) -> Html {
    // Back to the assignment the document belongs to, or to the library.
    let to = state
        .workspace
        .assignment_of(&doc.id)
        .filter(|_| assigned)
        .map(|a| (a.id.clone(), a.title.clone()));
    let back_to = to
        .as_ref()
        .map_or(crate::i18n::owned(T::Library), |(_, title)| title.clone());
    let back = {
        let state = state.clone();
        Callback::from(move |_| {
            state.dispatch(match &to {
                Some((id, _)) => Action::ShowAssignment(id.clone()),
                None => Action::ShowLibrary,
            })
        })
    };
    let on_snap = {
        let state = state.clone();
        Callback::from(move |e: Event| {
            if let Some(input) = e.target_dyn_into::<web_sys::HtmlInputElement>() {
                state.dispatch(Action::from(ReadAction::SetSnapWords(input.checked())));
            }
        })
    };
    let facts = facts(&doc.meta);
    html! {
        <div class="reader-head">
            <button type="button" class="btn link" onclick={back}>{format!("← {back_to}")}</button>
            <h1>{&doc.meta.title}</h1>
            if !facts.is_empty() {
                <p class="doc-facts">{facts.join(" · ")}</p>
            }
            <div class="reader-tools">
                {counts(state.workspace.counts(&doc.id))}
                <label class="toggle">
                    <input type="checkbox" checked={state.prefs.snap_words} onchange={on_snap} />
                    {" "}{T::SnapWords}
                </label>
                {hint()}
                <button type="button" class="btn link" onclick={|_| dom::print()}>{T::PrintHandout}</button>
            </div>
        </div>
    }
}
