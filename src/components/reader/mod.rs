//! The reading view: the document's text with its highlights, the tag toolbar by the
//! selection, and beside them the selected annotation's details and the annotation list. Its
//! pieces: the head ([`head`]), tagging with the mouse, the toolbar and the keys
//! ([`tagging`]), the text ([`doc_text`]), the details ([`details`]), the list
//! ([`annotation_list`]) and the printed handout ([`handout`]).

pub mod annotation_list;
pub mod details;
pub mod doc_text;
pub mod handout;
pub mod head;
pub mod tag_toolbar;
pub mod tagging;

use crate::browser::dom::MAIN_ID;
use crate::components::context::use_app;
use crate::components::hooks::use_after_paint;
use crate::fill;
use crate::i18n::T;
use crate::state::{Action, ReadAction, Shared};
use annotation_list::AnnotationList;
use details::Details;
use discern_model::outcome::Outcome;
use discern_model::{Annotation, Document, Label};
use doc_text::DocText;
use std::rc::Rc;
use tag_toolbar::tag_toolbar;
use yew::prelude::*;

pub use tagging::keys_and_labels;

/// What a practice *Check* shows on the text: the annotations, each with its outcome.
pub type Checked = (Shared<Vec<Rc<Annotation>>>, Shared<Vec<Option<Outcome>>>);

#[derive(Properties, PartialEq)]
pub struct ReaderProps {
    pub doc: Shared<Document>,
    /// What the text shows instead of the document's annotations, each with its outcome
    /// (a practice *Check*, on the assignment page).
    #[prop_or_default]
    pub checked: Option<Checked>,
    /// What the side panel shows above the annotations (the practice *Check*).
    #[prop_or_default]
    pub aside: Html,
    /// On the assignment page: back goes to the document's assignment.
    #[prop_or_default]
    pub assigned: bool,
}

#[function_component]
pub fn Reader(props: &ReaderProps) -> Html {
    let state = use_app();
    let doc = props.doc.rc().clone();
    let annotations = state.workspace.annotations(&doc.id);
    let pending = tagging::use_selection(&doc);
    let guide = crate::messages::guidelines_or_default(state.workspace.guidelines_of(&doc.id));
    // A document opens at its top.
    use_effect_with(doc.id.clone(), |_| {
        gloo::utils::window().scroll_to_with_x_and_y(0.0, 0.0)
    });
    tagging::use_tag_keys(&state, &doc, &annotations, pending.setter());

    let on_toolbar = {
        let (state, doc, pending) = (state.clone(), doc.clone(), pending.clone());
        Callback::from(move |label: Label| {
            if let Some(sel) = &*pending {
                if tagging::tag(&state, &doc, &state.prefs, sel.start, sel.end, label) {
                    pending.set(None);
                }
            }
        })
    };
    // Stable callbacks, so that the text and the list do not re-render for their sake.
    let on_select = {
        let dispatcher = state.dispatcher();
        use_callback((), move |id: Option<String>, _| {
            dispatcher.dispatch(Action::from(ReadAction::Select(id)))
        })
    };
    let on_filter = {
        let dispatcher = state.dispatcher();
        use_callback((), move |f: Option<Label>, _| {
            dispatcher.dispatch(Action::from(ReadAction::SetFilter(f)))
        })
    };
    let on_reveal = {
        let dispatcher = state.dispatcher();
        use_callback((), move |id: Option<String>, _| {
            dispatcher.dispatch(match id {
                Some(id) => Action::from(ReadAction::Reveal(id)),
                None => Action::from(ReadAction::Select(None)),
            })
        })
    };
    let (shown, outcomes) = match &props.checked {
        Some((shown, outcomes)) => (shown.rc().clone(), outcomes.rc().clone()),
        None => (annotations.clone(), Rc::default()),
    };
    // The details follow a frame behind, so a new tag paints first.
    let details_for = use_after_paint(state.selected.clone());
    let selected = details_for
        .as_deref()
        .and_then(|id| annotations.iter().find(|a| a.id == id))
        .cloned();
    handout::use_handout((
        doc.clone(),
        shown.clone(),
        outcomes.clone(),
        state.annotator.clone(),
    ));

    html! {
        <main class="reader" id={MAIN_ID}>
            {head::head(&state, &doc, props.assigned)}
            <div class="reader-body">
                <p class="handout handout-by" id={handout::BY_ID}></p>
                <article class="doc" aria-label={fill!(TextOf, title = doc.meta.title)}>
                    // Keyed by the document: another document is drawn afresh, from its start;
                    // and by the language, which its titles speak.
                    <DocText key={format!("{}/{}", doc.id, state.language)} doc={doc.clone()} annotations={shown} {outcomes}
                        active={state.selected.clone()} reveal={state.reveal}
                        on_select={on_select.clone()} />
                </article>
                <aside class="side" aria-label={T::Annotations}>
                    {props.aside.clone()}
                    if let Some(a) = selected {
                        <Details ann={a} doc={doc.clone()} />
                    }
                    <AnnotationList key={state.language} doc={doc.clone()} annotations={annotations}
                        filter={state.filter} active={state.selected.clone()} on_select={on_reveal} {on_filter} />
                </aside>
            </div>
            {handout::list()}
            if let Some(sel) = &*pending {
                {tag_toolbar(sel.left, sel.bottom, &on_toolbar, &guide)}
            }
        </main>
    }
}
