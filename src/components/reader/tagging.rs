//! Tagging in the reader: the selection followed as it changes (for the toolbar by it), the
//! reader's keys (1/2/3 or C/Q/O tag the selection, Enter opens the highlight at the caret,
//! Escape lets go), a selection normalized and tagged, and the reader's part of the keys
//! overlay.

use crate::browser::clock;
use crate::browser::dom::{self, TextSelection, TEXT_ID};
use crate::browser::unicode::UNICODE;
use crate::components::context::AppContext;
use crate::i18n::T;
use crate::state::{Action, Message, Prefs, ReadAction};
use discern_model::selection;
use discern_model::workspace::AnnotationList;
use discern_model::{Document, Label};
use gloo::events::EventListener;
use std::rc::Rc;
use yew::prelude::*;

/// How to tag: select words, then press 1, 2 or 3.
pub fn hint() -> Html {
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

/// Tags the raw selection `start..end` of `doc` as `label`, after normalizing it, and says
/// whether it did (a selection of only spaces and punctuation is not tagged, and stays).
pub fn tag(
    dispatch: &AppContext,
    doc: &Document,
    prefs: &Prefs,
    start: usize,
    end: usize,
    label: Label,
) -> bool {
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
            true
        }
        None => {
            dispatch.dispatch(Action::Notify(Message::NothingSelected));
            false
        }
    }
}

/// The selection in the text of `doc`, followed as it changes, to show the toolbar by it.
#[hook]
pub fn use_selection(doc: &Document) -> UseStateHandle<Option<TextSelection>> {
    let pending = use_state_eq(|| None::<TextSelection>);
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
    pending
}

/// The reader's keys: tag the selection, open the highlight at the caret, let go of the
/// selection. A tag lets go of the selection's toolbar (`pending`) in the same render as the
/// new highlight, not in one of its own when the cleared selection is announced.
#[hook]
pub fn use_tag_keys(
    state: &AppContext,
    doc: &Rc<Document>,
    annotations: &AnnotationList,
    pending: UseStateSetter<Option<TextSelection>>,
) {
    let state = state.clone();
    let doc = doc.clone();
    let prefs = state.prefs.clone();
    let annotations = annotations.clone();
    let selected = state.selected.clone();
    use_effect_with(
        (doc.id.clone(), prefs.clone(), annotations.clone(), selected),
        move |_| {
            let listener = dom::on_keydown(move |e| {
                if e.ctrl_key() || e.meta_key() || e.alt_key() || dom::is_typing_target(e.target())
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
                        if tag(&state, &doc, &prefs, start, end, label) {
                            pending.set(None);
                        }
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
                            Some(a) => {
                                state.dispatch(Action::from(ReadAction::Select(Some(a.id.clone()))))
                            }
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
