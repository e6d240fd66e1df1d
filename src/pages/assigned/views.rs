//! Assignments as a student sees them on the assignment page (`docs/FORMATS.md#assignments`):
//! the list of the open ones (the page's start), and one of them: its title
//! and instructions, what each label means, its documents with the progress on each (the
//! practice one marked), *Hand in* and *Close*.

use crate::browser::clock;
use crate::browser::dom::MAIN_ID;
use crate::browser::files;
use crate::browser::unicode::UNICODE;
use crate::components::context::{read_files, use_app, AppContext};
use crate::components::file_button::{file_button, FileButton};
use crate::fill;
use crate::i18n::{t, T};
use crate::state::{Action, Message};
use discern_model::assignment::AssignmentFile;
use discern_model::formats::native::ExportedDocument;
use std::rc::Rc;
use yew::prelude::*;

/// Plain text as paragraphs: blank lines separate them.
fn paragraphs(text: &str) -> Html {
    text.replace("\r\n", "\n")
        .split("\n\n")
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(|p| html! { <p>{p.to_string()}</p> })
        .collect()
}

/// How far the reader is with document `doc`: how many tags, or "not started".
fn progress(state: &AppContext, doc: &str) -> String {
    let n: usize = state.workspace.counts(doc).iter().sum();
    match n {
        0 => crate::i18n::owned(T::NotStarted),
        n => fill!(TagCount, n = n),
    }
}

/// `id` as an address's fragment (percent-encoded).
fn fragment(id: &str) -> String {
    js_sys::encode_uri_component(id).into()
}

/// The cards of the open assignments, for the top of the library.
pub fn assignment_cards(state: &AppContext) -> Html {
    let list = state.workspace.assignments();
    if list.is_empty() {
        return Html::default();
    }
    let card = |a: &AssignmentFile| {
        let mut facts = fill!(DocumentCount, n = a.documents.len());
        if let Some(by) = &a.created_by {
            facts = format!("{facts} · {}", fill!(SetByLower, name = by));
        }
        let show = {
            let (state, id) = (state.clone(), a.id.clone());
            Callback::from(move |e: MouseEvent| {
                e.prevent_default();
                state.dispatch(Action::ShowAssignment(id.clone()))
            })
        };
        html! {
            <li class="doc-card assignment-card">
                <h3><a href={format!("assignment.html#{}", fragment(&a.id))} onclick={show}>{&a.title}</a></h3>
                <p class="doc-facts">{facts}</p>
            </li>
        }
    };
    html! {
        <section class="assignments" aria-label={T::Assignments}>
            <h2>{T::Assignments}</h2>
            <ul class="doc-list">{ for list.iter().map(|a| card(a)) }</ul>
        </section>
    }
}

/// The assignment page's start: the open assignments.
#[function_component]
pub fn Assignments() -> Html {
    let state = use_app();
    let none = state.workspace.assignments().is_empty();
    let on_files = {
        let dispatch = state.dispatcher();
        Callback::from(move |list: web_sys::FileList| {
            let d = dispatch.clone();
            read_files(&list, dispatch.clone(), move |read| {
                d.dispatch(Action::AssignmentFiles(read))
            });
        })
    };
    html! {
        <main class="assignment" id={MAIN_ID}>
            <h1>{T::Assignments}</h1>
            <p class="lead">{t(if none { T::AssignmentsNone } else { T::AssignmentsSome })}</p>
            {file_button(FileButton {
                label: t(T::OpenAssignment),
                aria_label: t(T::OpenAssignmentLabel),
                accept: ".json,application/json",
                title: None,
            }, on_files)}
            {assignment_cards(&state)}
        </main>
    }
}

#[derive(Properties, PartialEq)]
pub struct AssignmentProps {
    pub assignment: Rc<AssignmentFile>,
}

/// One open assignment.
#[function_component]
pub fn AssignmentView(props: &AssignmentProps) -> Html {
    let state = use_app();
    let a = props.assignment.clone();
    // Asked when *Hand in* is pressed with no name set.
    let asking = use_state_eq(|| false);
    let name_ref = use_node_ref();

    let hand_in = {
        let (state, a, asking, name_ref) =
            (state.clone(), a.clone(), asking.clone(), name_ref.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let typed = name_ref
                .cast::<web_sys::HtmlInputElement>()
                .map(|i| i.value().trim().to_string());
            let name = match typed {
                Some(n) if !n.is_empty() => {
                    state.dispatch(Action::SetAnnotator(n.clone()));
                    n
                }
                _ if !state.annotator.is_empty() => state.annotator.clone(),
                _ => return asking.set(true),
            };
            asking.set(false);
            let (file, file_name) = a.hand_in(&state.workspace, &name, &clock::now_iso(), UNICODE);
            let json = serde_json::to_string(&file).unwrap_or_default();
            let result = files::download_json(&file_name, "application/json", &json);
            state.dispatch(Action::Notify(match result {
                Ok(()) => Message::Downloaded(file_name),
                Err(e) => Message::DownloadFailed(e),
            }));
        })
    };
    let close = {
        let (state, id) = (state.clone(), a.id.clone());
        Callback::from(move |_| state.dispatch(Action::CloseAssignment(id.clone())))
    };
    let g = crate::messages::guidelines_or_default(a.guidelines.as_ref());
    let handed = a.handed_in().len();
    let doc = |d: &ExportedDocument| {
        let here = state.workspace.document(&d.id).is_some();
        let open = {
            let (state, id) = (state.clone(), d.id.clone());
            Callback::from(move |e: MouseEvent| {
                e.prevent_default();
                state.dispatch(Action::Open(id.clone()))
            })
        };
        html! {
            <li data-doc={d.id.clone()}>
                if here {
                    <a href={format!("#{}", d.id)} onclick={open}>{&d.title}</a>
                } else {
                    <span>{&d.title}</span>
                }
                if a.is_practice(&d.id) {
                    <span class="tag-pill">{T::PracticePill}</span>
                }
                <span class="doc-facts">{
                    if here { progress(&state, &d.id) } else { crate::i18n::owned(T::NotInLibrary) }
                }</span>
            </li>
        }
    };

    html! {
        <main class="assignment" id={MAIN_ID}>
            <div class="reader-head">
                <button type="button" class="btn link" onclick={
                    let state = state.clone();
                    move |_| state.dispatch(Action::ShowLibrary)
                }>{format!("← {}", t(T::Assignments))}</button>
                <h1>{&a.title}</h1>
                if let Some(by) = &a.created_by {
                    <p class="doc-facts">{fill!(SetBy, name = by)}</p>
                }
            </div>
            <div class="instructions">{paragraphs(&a.instructions)}</div>
            <section aria-labelledby="guidelines-head">
                <h2 id="guidelines-head">{T::WhatLabelsMean}</h2>
                {crate::components::guidelines(&g)}
            </section>
            <section aria-labelledby="documents-head">
                <h2 id="documents-head">{T::Documents}</h2>
                <ul class="assignment-docs">{ for a.documents.iter().map(doc) }</ul>
            </section>
            <form class="hand-in" onsubmit={hand_in}>
                if *asking {
                    <label for="hand-in-name">{T::HandInName}</label>
                    <input id="hand-in-name" type="text" ref={name_ref} autocomplete="name" maxlength="80" required=true />
                }
                <button type="submit" class="btn primary" disabled={handed == 0}>{T::HandIn}</button>
                <span class="doc-facts">{if a.practice.is_some() {
                    fill!(HandInPractice, n = handed)
                } else {
                    fill!(HandInWhat, n = handed)
                }}</span>
                <button type="button" class="btn link" onclick={close}>{T::CloseAssignment}</button>
            </form>
        </main>
    }
}
