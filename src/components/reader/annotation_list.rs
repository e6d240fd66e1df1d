//! The document's annotations in text order, filterable by label. Choosing one selects it,
//! which marks its highlight and scrolls to it. Long lists show a page at a time. Callbacks
//! come in as props (stable across renders), so items re-render only when they change.

use crate::components::hooks::use_after_paint;
use crate::fill;
use crate::i18n::{t, T};
use crate::messages::label_title;

use crate::state::Shared;
use discern_model::{Annotation, Document, Label};
use std::rc::Rc;
use yew::prelude::*;

/// How many items a page of the list shows.
const PAGE: usize = 200;

#[derive(Properties, PartialEq)]
pub struct AnnotationListProps {
    pub doc: Shared<Document>,
    pub annotations: Shared<Vec<Rc<Annotation>>>,
    pub filter: Option<Label>,
    pub active: Option<String>,
    pub on_select: Callback<Option<String>>,
    pub on_filter: Callback<Option<Label>>,
}

#[function_component]
pub fn AnnotationList(props: &AnnotationListProps) -> Html {
    let shown = use_state(|| PAGE);
    // The list follows the text a frame behind, so a new tag paints first.
    let (annotations, active) = use_after_paint((props.annotations.clone(), props.active.clone()));
    let items: Vec<&Rc<Annotation>> = annotations
        .iter()
        .filter(|a| props.filter.is_none_or(|f| a.label == f))
        .collect();
    let total = items.len();
    let filter_btn = |f: Option<Label>, name: &str| {
        let on_filter = props.on_filter.clone();
        let on = props.filter == f;
        html! {
            <button type="button" class="chip" aria-pressed={on.to_string()}
                onclick={move |_| on_filter.emit(f)}>
                if let Some(l) = f { {crate::components::badge(l)} }
                {format!(" {name}")}
            </button>
        }
    };
    let more = {
        let shown = shown.clone();
        Callback::from(move |_| shown.set(*shown + PAGE))
    };
    html! {
        <section class="ann-list" aria-label={T::AnnotationsInOrder}>
            <h2>{T::Annotations}</h2>
            <div class="chips" role="group" aria-label={T::Show}>
                {filter_btn(None, t(T::All))}
                { for Label::ALL.iter().map(|&l| filter_btn(Some(l), label_title(l))) }
            </div>
            if total == 0 {
                <p class="empty">{T::NoAnnotations}</p>
            }
            <ol class="items">
                { for items.iter().take(*shown).map(|a| {
                    let active = active.as_deref() == Some(a.id.as_str());
                    html! {
                        <Item key={a.id.as_str()} ann={(*a).clone()} doc={props.doc.clone()} {active}
                            on_select={props.on_select.clone()} />
                    }
                }) }
            </ol>
            if total > *shown {
                <button type="button" class="btn" onclick={more}>
                    {fill!(ShowMore, shown = *shown, total = total)}
                </button>
            }
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct ItemProps {
    ann: Shared<Annotation>,
    doc: Shared<Document>,
    active: bool,
    on_select: Callback<Option<String>>,
}

#[function_component]
fn Item(props: &ItemProps) -> Html {
    let a = &props.ann;
    let text = props.doc.slice(a.start, a.end);
    let excerpt = crate::components::shorten(text, 90);
    let onclick = {
        let (id, on_select) = (a.id.clone(), props.on_select.clone());
        Callback::from(move |_| on_select.emit(Some(id.clone())))
    };
    html! {
        <li class="item">
            <button type="button" class="item-btn" {onclick} aria-current={props.active.then_some("true")}
                data-id={a.id.clone()}>
                {crate::components::badge(a.label)}
                <span class="sr-only">{format!("{}: ", label_title(a.label))}</span>
                <span class="item-text">{excerpt}</span>
                if !a.note.is_empty() {
                    <span class="item-note">{&a.note}</span>
                }
            </button>
        </li>
    }
}
