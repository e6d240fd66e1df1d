//! The selected annotation's details: its label (change it), the reader's note ("why?"),
//! the speaker of a quote, and delete.

use crate::components::context::use_app;

use crate::browser::clock;
use crate::fill;
use crate::i18n::T;
use crate::messages::label_title;
use crate::state::Shared;
use crate::state::{Action, ReadAction};
use discern_model::sync::caret_after;
use discern_model::{Annotation, Document, Label};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct DetailsProps {
    pub ann: Shared<Annotation>,
    pub doc: Shared<Document>,
}

#[function_component]
pub fn Details(props: &DetailsProps) -> Html {
    let state = use_app();
    let a = &props.ann;
    let id = a.id.clone();
    let on_note = {
        let (state, id) = (state.clone(), id.clone());
        Callback::from(move |e: InputEvent| {
            if let Some(t) = e.target_dyn_into::<web_sys::HtmlTextAreaElement>() {
                state.dispatch(Action::from(ReadAction::SetNote {
                    id: id.clone(),
                    note: t.value(),
                    now: clock::now_iso(),
                }));
            }
        })
    };
    let on_speaker = {
        let (state, id) = (state.clone(), id.clone());
        Callback::from(move |e: InputEvent| {
            if let Some(t) = e.target_dyn_into::<web_sys::HtmlInputElement>() {
                state.dispatch(Action::from(ReadAction::SetSpeaker {
                    id: id.clone(),
                    speaker: t.value(),
                    now: clock::now_iso(),
                }));
            }
        })
    };
    let on_delete = {
        let (state, id) = (state.clone(), id.clone());
        Callback::from(move |_| state.dispatch(Action::from(ReadAction::Delete(id.clone()))))
    };
    let on_close = {
        let state = state.clone();
        Callback::from(move |_| state.dispatch(Action::from(ReadAction::Select(None))))
    };
    let note = use_node_ref();
    // A note changed other than by typing here (another tab's work came in, maybe while the
    // reader types): the new text is put in here, with the caret where the reader's typing
    // is (`sync::caret_after`), not at the end of the text, where drawing it would put it.
    if let Some(t) = note.cast::<web_sys::HtmlTextAreaElement>() {
        let shown = t.value();
        if let (true, Ok(Some(at))) = (shown != a.note, t.selection_start()) {
            // (The textarea counts UTF-16 units; the model, characters.)
            let mut u = 0;
            let at = shown
                .chars()
                .take_while(|c| {
                    u += c.len_utf16() as u32;
                    u <= at
                })
                .count();
            let to = caret_after(&shown, &a.note, at);
            let to: usize = a.note.chars().take(to).map(char::len_utf16).sum();
            let to = to as u32;
            t.set_value(&a.note);
            let _ = t.set_selection_range(to, to);
        }
    }
    let quote = props.doc.slice(a.start, a.end).to_string();
    html! {
        <section class="details" aria-label={T::SelectedAnnotation}>
            <div class="details-head">
                <h2>{T::Selected}</h2>
                <button type="button" class="btn link" onclick={on_close} aria-label={T::CloseDetails}>{"✕"}</button>
            </div>
            <blockquote class="details-quote">{quote}</blockquote>
            <p class="details-range">{fill!(CharactersRange, start = a.start, end = a.end)}</p>
            <div class="label-choice" role="radiogroup" aria-label={T::Label}>
                { for Label::ALL.iter().map(|&l| {
                    let (state, id) = (state.clone(), id.clone());
                    let onclick = Callback::from(move |_| state.dispatch(Action::from(ReadAction::Relabel {
                        id: id.clone(), label: l, now: clock::now_iso(),
                    })));
                    let on = a.label == l;
                    html! {
                        <button type="button" role="radio" aria-checked={on.to_string()}
                            class="label-opt"
                            data-label={l.as_str()} {onclick}>
                            {crate::components::badge(l)}{format!(" {}", label_title(l))}
                        </button>
                    }
                }) }
            </div>
            <label class="field">
                <span>{T::WhyNote}</span>
                <textarea class="note" ref={note} rows="3" value={a.note.clone()} oninput={on_note}
                    placeholder={T::NotePlaceholder} />
            </label>
            if a.label == Label::Quote {
                <label class="field">
                    <span>{T::Speaker}</span>
                    <input type="text" class="speaker" value={a.speaker.clone().unwrap_or_default()}
                        oninput={on_speaker} placeholder={T::SpeakerPlaceholder} />
                </label>
            }
            <button type="button" class="btn danger" onclick={on_delete}>{T::DeleteTag}</button>
        </section>
    }
}
