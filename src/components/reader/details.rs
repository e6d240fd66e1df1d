//! The selected annotation's details: its label (change it), the reader's note ("why?"),
//! the speaker of a quote, and delete.

use crate::components::context::use_app;

use crate::browser::clock;
use crate::fill;
use crate::i18n::T;
use crate::messages::label_title;
use crate::state::{Action, ReadAction};
use discern_model::{Annotation, Document, Label};
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties)]
pub struct DetailsProps {
    pub ann: Rc<Annotation>,
    pub doc: Rc<Document>,
}

impl PartialEq for DetailsProps {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.ann, &other.ann) && Rc::ptr_eq(&self.doc, &other.doc)
    }
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
                <textarea class="note" rows="3" value={a.note.clone()} oninput={on_note}
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
