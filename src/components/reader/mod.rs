//! The reading view: the document's text with its highlights, the tag toolbar by the
//! selection, and beside them the selected annotation's details and the annotation list.
//! Tagging keys (1/2/3, C/Q/O), Enter on a highlight and Escape are handled here.

pub mod annotation_list;
pub mod details;
pub mod doc_text;
pub mod handout;
pub mod tag_toolbar;

use crate::components::context::{use_app, AppContext};
use crate::components::hooks::use_after_paint;
use annotation_list::AnnotationList;
use details::Details;
use doc_text::DocText;
use tag_toolbar::tag_toolbar;

use crate::browser::clock;
use crate::browser::dom::{self, TextSelection, MAIN_ID, TEXT_ID};
use crate::browser::unicode::UNICODE;
use crate::fill;
use crate::i18n::T;
use crate::state::{Action, Message, Prefs, ReadAction};
use discern_model::outcome::Outcome;
use discern_model::selection;
use discern_model::{Document, Label};
use gloo::events::EventListener;
use std::rc::Rc;
use yew::prelude::*;

/// How to tag: select words, then press 1, 2 or 3.
fn hint() -> Html {
    let key = |k: &'static str| html! { <kbd>{k}</kbd> };
    html! {
        <span class="hint">{crate::fill_html!(Hint, one = key("1"), two = key("2"), three = key("3"))}</span>
    }
}

/// The reader's part of the keys overlay (`?`), while a document is open: its keys and what
/// each label means (the assignment's guidelines, else Discern's own).
pub fn keys_and_labels(app: &AppContext) -> Option<Html> {
    let d = app.open_document()?;
    let guide = crate::messages::guidelines_or_default(app.workspace.guidelines_of(&d.id));
    let keys = |ks: &[&'static str]| -> Html {
        ks.iter()
            .enumerate()
            .map(|(i, &k)| html! { <>{if i > 0 { " " } else { "" }}<kbd>{k}</kbd></> })
            .collect()
    };
    Some(html! {
        <>
            <dl class="keys">
                <dt>{crate::fill_html!(KeysOr, digits = keys(&["1", "2", "3"]), letters = keys(&["C", "Q", "O"]))}</dt>
                <dd>{T::KeysTag}</dd>
                <dt>{crate::fill_html!(KeysArrows, shift = keys(&["Shift"]))}</dt>
                <dd>{T::KeysSelect}</dd>
                <dt><kbd>{"Enter"}</kbd></dt>
                <dd>{T::KeysOpen}</dd>
                <dt><kbd>{"Escape"}</kbd></dt>
                <dd>{T::KeysEscape}</dd>
            </dl>
            {crate::components::guidelines(&guide)}
        </>
    })
}

/// Tags the raw selection `start..end` of `doc` as `label`, after normalizing it.
fn tag(
    dispatch: &AppContext,
    doc: &Document,
    prefs: &Prefs,
    start: usize,
    end: usize,
    label: Label,
) {
    match selection::normalize(UNICODE, &doc.text, &doc.index, start, end, prefs.snap_words) {
        Some((start, end)) => {
            dispatch.dispatch(Action::from(ReadAction::Tag {
                doc: doc.id.clone(),
                start,
                end,
                label,
                id: clock::new_id(),
                now: clock::now_iso(),
            }));
            dom::clear_selection();
        }
        None => dispatch.dispatch(Action::Notify(Message::NothingSelected)),
    }
}

#[derive(Properties)]
pub struct ReaderProps {
    pub doc: Rc<Document>,
    /// What the text shows instead of the document's annotations, each with its outcome
    /// (a practice *Check*, on the assignment page).
    #[prop_or_default]
    pub checked: Option<(
        discern_model::workspace::AnnotationList,
        Rc<Vec<Option<Outcome>>>,
    )>,
    /// What the side panel shows above the annotations (the practice *Check*).
    #[prop_or_default]
    pub aside: Html,
    /// On the assignment page: back goes to the document's assignment.
    #[prop_or_default]
    pub assigned: bool,
}

impl PartialEq for ReaderProps {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.doc, &other.doc)
            && self.assigned == other.assigned
            && self.aside == other.aside
            && match (&self.checked, &other.checked) {
                (Some(a), Some(b)) => Rc::ptr_eq(&a.0, &b.0) && Rc::ptr_eq(&a.1, &b.1),
                (a, b) => a.is_none() && b.is_none(),
            }
    }
}

#[function_component]
pub fn Reader(props: &ReaderProps) -> Html {
    let state = use_app();
    let doc = props.doc.clone();
    let annotations = state.workspace.annotations(&doc.id);
    let pending = use_state_eq(|| None::<TextSelection>);
    let assignment = state.workspace.assignment_of(&doc.id).cloned();
    let guide = crate::messages::guidelines_or_default(state.workspace.guidelines_of(&doc.id));

    // A document opens at its top.
    use_effect_with(doc.id.clone(), |_| {
        gloo::utils::window().scroll_to_with_x_and_y(0.0, 0.0)
    });

    // Follow the page's selection, to show the toolbar by it.
    {
        let pending = pending.setter();
        let len = doc.len();
        use_effect_with(doc.id.clone(), move |_| {
            pending.set(None);
            let listener =
                EventListener::new(&gloo::utils::document(), "selectionchange", move |_| {
                    let sel =
                        dom::element_by_id(TEXT_ID).and_then(|c| dom::read_selection(&c, len));
                    pending.set(sel);
                });
            move || drop(listener)
        });
    }

    // Keys: tag the selection, open the highlight at the caret, let go of the selection.
    {
        let state = state.clone();
        let doc = doc.clone();
        let prefs = state.prefs.clone();
        let annotations = annotations.clone();
        let selected = state.selected.clone();
        use_effect_with(
            (doc.id.clone(), prefs.clone(), annotations.clone(), selected),
            move |_| {
                let listener = dom::on_keydown(move |e| {
                    if e.ctrl_key()
                        || e.meta_key()
                        || e.alt_key()
                        || dom::is_typing_target(e.target())
                    {
                        return;
                    }
                    let key = e.key();
                    let container = dom::element_by_id(TEXT_ID);
                    if let Some(label) = Label::from_key(&key) {
                        let sel = container
                            .as_ref()
                            .and_then(|c| dom::selection_offsets(c, doc.len()));
                        if let Some((start, end)) = sel {
                            e.prevent_default();
                            tag(&state, &doc, &prefs, start, end, label);
                        } else if dom::target_within(e.target(), TEXT_ID) {
                            e.prevent_default();
                            state.dispatch(Action::Notify(Message::NothingSelected));
                        }
                    } else if key == "Enter" && dom::target_within(e.target(), TEXT_ID) {
                        // (Enter on a button elsewhere, with the caret left in the text,
                        // presses the button.)
                        let caret = container.as_ref().and_then(|c| dom::caret(c, doc.len()));
                        if let Some(at) = caret {
                            e.prevent_default();
                            let hit = annotations
                                .iter()
                                .filter(|a| a.start <= at && at < a.end.max(a.start + 1))
                                .min_by_key(|a| a.end - a.start);
                            match hit {
                                Some(a) => state
                                    .dispatch(Action::from(ReadAction::Select(Some(a.id.clone())))),
                                None => state.dispatch(Action::Notify(Message::NoHighlightHere)),
                            }
                        }
                    } else if key == "Escape" {
                        dom::clear_selection();
                        state.dispatch(Action::from(ReadAction::Select(None)));
                    }
                });
                move || drop(listener)
            },
        );
    }

    let on_toolbar = {
        let state = state.clone();
        let doc = doc.clone();
        let pending = pending.clone();
        Callback::from(move |label: Label| {
            if let Some(sel) = &*pending {
                tag(&state, &doc, &state.prefs, sel.start, sel.end, label);
                pending.set(None);
            }
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
    // Back to the assignment the document belongs to, or to the library.
    let (back, back_to) = {
        let state = state.clone();
        let to = assignment
            .as_ref()
            .filter(|_| props.assigned)
            .map(|a| (a.id.clone(), a.title.clone()));
        let label = to
            .as_ref()
            .map_or(crate::i18n::owned(T::Library), |(_, title)| title.clone());
        let back = Callback::from(move |_| {
            state.dispatch(match &to {
                Some((id, _)) => Action::ShowAssignment(id.clone()),
                None => Action::ShowLibrary,
            })
        });
        (back, label)
    };
    let (shown, outcomes) = props
        .checked
        .clone()
        .unwrap_or_else(|| (annotations.clone(), Rc::default()));
    // The details follow a frame behind, so a new tag paints first.
    let details_for = use_after_paint(state.selected.clone());
    let selected = details_for
        .as_deref()
        .and_then(|id| annotations.iter().find(|a| a.id == id))
        .cloned();
    // What a printed handout shows, kept for the moment the page prints.
    let print = use_mut_ref(|| None::<handout::Parts>);
    *print.borrow_mut() = Some((
        doc.clone(),
        shown.clone(),
        outcomes.clone(),
        state.annotator.clone(),
    ));
    use_effect_with((), move |_| {
        let listeners = dom::on_print(move || {
            if let Some(parts) = &*print.borrow() {
                handout::fill(parts)
            }
        });
        move || drop(listeners)
    });
    let m = &doc.meta;
    let facts = crate::components::facts(m);

    html! {
        <main class="reader" id={MAIN_ID}>
            <div class="reader-head">
                <button type="button" class="btn link" onclick={back}>{format!("← {back_to}")}</button>
                <h1>{&m.title}</h1>
                if !facts.is_empty() {
                    <p class="doc-facts">{facts.join(" · ")}</p>
                }
                <div class="reader-tools">
                    {crate::components::counts(state.workspace.counts(&doc.id))}
                    <label class="toggle">
                        <input type="checkbox" checked={state.prefs.snap_words} onchange={on_snap} />
                        {" "}{T::SnapWords}
                    </label>
                    {hint()}
                    <button type="button" class="btn link" onclick={|_| dom::print()}>{T::PrintHandout}</button>
                </div>
            </div>
            <div class="reader-body">
                <p class="handout handout-by" id={handout::BY_ID}></p>
                <article class="doc" aria-label={fill!(TextOf, title = m.title)}>
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
