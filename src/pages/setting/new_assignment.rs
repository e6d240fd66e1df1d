//! *New assignment*, the page for setting an assignment (`docs/FORMATS.md#assignments`): a title and
//! instructions, the documents from the library, what each label means (Discern's own words
//! to start from), and optionally a practice document whose key is the teacher's own tags on
//! it, made on the reading page like any others. Downloads the assignment file, and opens it
//! in a new tab as a student sees it.

use crate::browser::clock;
use crate::browser::dom::MAIN_ID;
use crate::browser::files;
use crate::browser::unicode::UNICODE;
use crate::components::context::use_app;
use crate::fill;
use crate::i18n::{t, T};
use crate::messages::{default_guidelines, label_title};
use crate::state::{Action, Message};
use discern_model::assignment::{hand_in_name, Draft, DraftProblem, Guidelines};
use discern_model::Label;
use yew::prelude::*;

/// What a draft needs before it is an assignment.
fn problem(p: DraftProblem) -> T {
    match p {
        DraftProblem::NoTitle => T::NoTitle,
        DraftProblem::NoDocuments => T::NoDocuments,
    }
}

thread_local! {
    /// The previews' files, for the life of the page.
    static PREVIEWS: std::cell::RefCell<Vec<gloo::file::ObjectUrl>> = const { std::cell::RefCell::new(Vec::new()) };
}

#[function_component]
pub fn NewAssignment() -> Html {
    let state = use_app();
    let id = use_memo((), |_| format!("a-{}", clock::new_id()));
    let docs = use_state(Vec::<String>::new);
    let practice = use_state(|| None::<String>);
    let said = use_state(|| None::<T>);
    // The link for students, once the file is downloaded.
    let link = use_state(|| None::<String>);
    let (title, instructions) = (use_node_ref(), use_node_ref());
    let guides = [use_node_ref(), use_node_ref(), use_node_ref()];
    let defaults = default_guidelines();

    let draft = {
        let (state, id, docs, practice) =
            (state.clone(), id.clone(), docs.clone(), practice.clone());
        let (title, instructions, guides) = (title.clone(), instructions.clone(), guides.clone());
        move || {
            let g = |l: Label| crate::components::field_value(&guides[l as usize]);
            Draft {
                id: (*id).clone(),
                title: crate::components::field_value(&title),
                instructions: crate::components::field_value(&instructions),
                documents: (*docs).clone(),
                guidelines: Guidelines {
                    claim: g(Label::Claim),
                    quote: g(Label::Quote),
                    opinion: g(Label::Opinion),
                },
                practice: (*practice).clone().filter(|p| docs.contains(p)),
                created_by: state.annotator.clone(),
            }
            .file(&state.workspace)
        }
    };
    let download = {
        let (state, said, draft, link) = (state.clone(), said.clone(), draft.clone(), link.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            match draft() {
                Err(p) => said.set(Some(problem(p))),
                Ok(file) => {
                    said.set(None);
                    let json = serde_json::to_string(&file).unwrap_or_default();
                    let name = hand_in_name(UNICODE, &file.title, "assignment");
                    let result = files::download_json(&name, "application/json", &json);
                    let here = gloo::utils::window().location();
                    let page = here.href().unwrap_or_default();
                    let base = page.rsplit_once('/').map_or(page.as_str(), |(b, _)| b);
                    link.set(Some(format!("{base}/?assignment={name}")));
                    state.dispatch(Action::Notify(match result {
                        Ok(()) => Message::Downloaded(name),
                        Err(e) => Message::DownloadFailed(e),
                    }));
                }
            }
        })
    };
    let preview = {
        let (said, draft) = (said.clone(), draft.clone());
        Callback::from(move |_| match draft() {
            Err(p) => said.set(Some(problem(p))),
            Ok(file) => {
                said.set(None);
                let json = serde_json::to_string(&file).unwrap_or_default();
                let blob =
                    gloo::file::Blob::new_with_options(json.as_str(), Some("application/json"));
                let url = gloo::file::ObjectUrl::from(blob);
                let link = format!("./?assignment={}", js_sys::encode_uri_component(&url));
                let _ = gloo::utils::window().open_with_url_and_target(&link, "_blank");
                // The new tab reads the file from this page: it is kept while the page is
                // open, whatever view it shows meanwhile.
                PREVIEWS.with(|p| p.borrow_mut().push(url));
            }
        })
    };
    let toggle = |id: String| {
        let docs = docs.clone();
        Callback::from(move |e: Event| {
            let on = e
                .target_dyn_into::<web_sys::HtmlInputElement>()
                .is_some_and(|i| i.checked());
            let mut list: Vec<String> = (*docs).iter().filter(|d| **d != id).cloned().collect();
            if on {
                list.push(id.clone());
            }
            docs.set(list);
        })
    };
    let on_practice = {
        let practice = practice.clone();
        Callback::from(move |e: Event| {
            let v = e
                .target_dyn_into::<web_sys::HtmlSelectElement>()
                .map(|s| s.value())
                .unwrap_or_default();
            practice.set(Some(v).filter(|v| !v.is_empty()));
        })
    };
    let chosen: Vec<_> = state
        .workspace
        .documents()
        .iter()
        .filter(|d| docs.contains(&d.id))
        .cloned()
        .collect();
    let key = (*practice)
        .as_ref()
        .filter(|p| docs.contains(p))
        .map(|p| state.workspace.annotations(p));

    html! {
        <main class="new-assignment" id={MAIN_ID}>
            <h1>{T::NewAssignment}</h1>
            <p class="lead">{T::NewLead}</p>
            <form class="assignment-form" onsubmit={download}>
                <label>{T::Title}<input type="text" ref={title} maxlength="200" /></label>
                <label>{T::Instructions}
                    <textarea ref={instructions} rows="4" placeholder={T::InstructionsPlaceholder} />
                </label>
                <fieldset>
                    <legend>{T::Documents}</legend>
                    { for state.workspace.documents().iter().map(|d| html! {
                        <label class="check-row">
                            <input type="checkbox" checked={docs.contains(&d.id)} onchange={toggle(d.id.clone())} />
                            {format!(" {}", d.meta.title)}
                        </label>
                    }) }
                </fieldset>
                <fieldset>
                    <legend>{T::WhatLabelsMean}</legend>
                    { for Label::ALL.iter().map(|&l| html! {
                        <label><span>{crate::components::badge(l)}{format!(" {}", label_title(l))}</span>
                            <textarea ref={guides[l as usize].clone()} rows="2" defaultvalue={defaults.of(l).to_string()} />
                        </label>
                    }) }
                </fieldset>
                <fieldset>
                    <legend>{T::PracticeOptional}</legend>
                    <label>{T::PracticeDocument}
                        <select onchange={on_practice}>
                            <option value="" selected={practice.is_none()}>{T::None}</option>
                            { for chosen.iter().map(|d| html! {
                                <option value={d.id.clone()} selected={practice.as_deref() == Some(d.id.as_str())}>{&d.meta.title}</option>
                            }) }
                        </select>
                    </label>
                    if let Some(key) = &key {
                        <p class="doc-facts" role="status">{
                            match (key.len(), key.iter().filter(|a| a.note.trim().is_empty()).count()) {
                                (0, _) => crate::i18n::owned(T::KeyNone),
                                (n, 0) => fill!(KeyAllNoted, n = n),
                                (n, m) => fill!(KeySomeUnnoted, n = n, m = m),
                            }
                        }</p>
                    }
                </fieldset>
                if let Some(p) = *said {
                    <p class="form-error" role="alert">{t(p)}</p>
                }
                if let Some(l) = &*link {
                    <p class="doc-facts" role="status">{T::StudentLink}{" "}<code>{l}</code></p>
                }
                <div class="form-actions">
                    <button type="submit" class="btn primary">{T::DownloadAssignment}</button>
                    <button type="button" class="btn" onclick={preview}>{T::Preview}</button>
                </div>
            </form>
        </main>
    }
}
