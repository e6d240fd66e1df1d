//! The compare view (`docs/FORMATS.md#compare-rules`): a class's annotation files loaded side
//! by side, one marked as the key or a key built from them; the figures against the key and
//! the class's agreement; the class against the key, with each student's feedback; an
//! agreement map of one document; and a chart of how much of each text is tagged claim, quote
//! and opinion. Each part is a piece of its own: [`super::loaded`], [`super::figures`],
//! [`super::feedback`], [`super::agreement`], [`super::chart`], [`super::key_builder`].

use super::agreement::agreement_map;
use super::chart::chart_section;
use super::feedback;
use super::figures::{class_agreement, csv_rows, kappas_table, scores_table, HEADER};
use super::key_builder::{build_button, KeyBuilder};
use super::loaded::{files_table, load_in_slices};
use super::words::{not_kept, TeachingWords};
use crate::browser::dom::MAIN_ID;
use crate::browser::{clock, dom, files};
use crate::components::context::{read_files, use_app, AppContext};
use crate::components::file_button::{file_button, FileButton};
use crate::components::hooks::use_refocus;
use crate::components::reports::report_panel;
use crate::i18n::{t, T};
use crate::state::{Action, CompareAction, Message};
use discern_model::compare::{Figures, Submission};
use discern_model::formats::csv::csv;
use std::rc::Rc;
use yew::prelude::*;

#[function_component]
pub fn Compare() -> Html {
    let state = use_app();
    let set = state.compare.clone();
    let ws = &state.workspace;
    // The annotator whose kappa with every other one is shown, on demand.
    let pairs_of = use_state(|| None::<usize>);
    // Nothing is figured while files are still loading, a slice at a time.
    let loading = state.importing.is_some();
    let figures = use_memo(
        (set.clone(), state.revision(), *pairs_of, loading),
        |(set, _, p, loading)| match loading {
            true => Figures::default(),
            false => set.figures(&|id| ws.document(id).map(|d| d.len()), *p),
        },
    );
    let subs: Vec<Submission> = set.files.iter().map(|f| f.submission.clone()).collect();
    let names: Vec<&str> = subs.iter().map(|s| s.name.as_str()).collect();
    let agree_doc = use_state(|| None::<String>);
    let chart_of = use_state(|| None::<usize>);
    let feedback_of = use_state(|| None::<usize>);
    let refocus = use_refocus(Rc::as_ptr(set.rc()) as usize);
    let docs: Vec<String> = figures.documents.iter().map(|d| d.0.clone()).collect();
    let overview = use_memo(
        (
            set.clone(),
            figures.clone(),
            state.revision(),
            state.language,
        ),
        |(set, f, _, _)| {
            let ids: Vec<String> = f.documents.iter().map(|d| d.0.clone()).collect();
            feedback::overview(ws, set, &ids)
        },
    );
    let shown_doc = (*agree_doc)
        .clone()
        .or_else(|| docs.first().cloned())
        .and_then(|id| ws.document(&id).cloned());
    let whose = (*chart_of)
        .filter(|&w| w < subs.len())
        .or(set.key)
        .or((!subs.is_empty()).then_some(0));
    let has_figures = !figures.scores.is_empty() || !figures.kappas.is_empty();
    let choose_feedback = {
        let f = feedback_of.clone();
        Callback::from(move |c| f.set(c))
    };
    let feedback_csv = {
        let state = state.clone();
        Callback::from(move |_| {
            let rows = feedback::csv_rows(&state.compare, &state.workspace);
            download_csv(&state, "feedback", &csv(&feedback::HEADER, &rows));
        })
    };

    html! {
        <main class="compare" id={MAIN_ID}>
            <h1>{T::Compare}</h1>
            <p class="lead">{T::CompareLead}</p>
            {tools(&state, &figures, has_figures)}
            if let Some(report) = &state.report {
                {report_panel(report, &state, &TeachingWords)}
            }
            if let Some(problem) = &state.compare_not_kept {
                <p class="warning" role="alert">{not_kept(problem)}</p>
            }
            if subs.is_empty() {
                <p class="empty">{T::NothingLoaded}</p>
            } else {
                {files_table(&state, &set, &refocus)}
                if state.builds_key() {
                    <KeyBuilder />
                } else if set.files.len() > usize::from(set.key.is_some()) {
                    <div class="compare-tools">{build_button(&state, set.key.is_none())}</div>
                }
            }
            if !figures.scores.is_empty() {
                {scores_table(&figures)}
            }
            if subs.len() > 1 {
                {class_agreement(&figures, &names, set.key, &pairs_of)}
            }
            if !figures.kappas.is_empty() {
                {kappas_table(&figures)}
            }
            <div onclick={on_overview(&feedback_of)}>{(*overview).clone()}</div>
            {feedback::section(ws, &set, *feedback_of, choose_feedback, feedback_csv)}
            if let Some(doc) = shown_doc {
                {agreement_map(&state, &doc, &subs, &docs, {
                    let a = agree_doc.clone();
                    Callback::from(move |id| a.set(Some(id)))
                })}
            }
            if let Some(w) = whose {
                {chart_section(&subs, w, &chart_of, ws.documents())}
            }
        </main>
    }
}

/// The tools above the files: load files, add this browser's own work, and (once there are
/// figures) download them as CSV.
fn tools(state: &AppContext, figures: &Rc<Figures>, has_figures: bool) -> Html {
    let on_files = {
        let dispatch = state.dispatcher();
        Callback::from(move |list| {
            let d = dispatch.clone();
            read_files(&list, dispatch.clone(), move |read| {
                load_in_slices(read, 0, d)
            });
        })
    };
    let add_mine = {
        let state = state.clone();
        Callback::from(move |_| {
            let me = crate::i18n::owned(T::Me);
            let file = crate::i18n::owned(T::ThisBrowser);
            state.dispatch(Action::from(CompareAction::AddMine(me, file)))
        })
    };
    let download = {
        let (state, figures) = (state.clone(), figures.clone());
        Callback::from(move |_| {
            download_csv(&state, "comparison", &csv(&HEADER, &csv_rows(&figures)))
        })
    };
    html! {
        <div class="compare-tools">
            {file_button(FileButton {
                label: t(T::LoadFiles),
                aria_label: t(T::LoadFilesLabel),
                accept: ".json,.jsonld,application/json,application/ld+json",
                title: None,
            }, on_files)}
            <button type="button" class="btn" onclick={add_mine}>{T::AddMine}</button>
            if has_figures {
                <button type="button" class="btn" onclick={download}>{T::DownloadFigures}</button>
            }
        </div>
    }
}

/// Downloads `body` as `discern-<what>-<date>.csv`, or says why it did not start.
fn download_csv(state: &AppContext, what: &str, body: &str) {
    let now = clock::now_iso();
    let name = format!("discern-{what}-{}.csv", &now[..10]);
    if let Err(e) = files::download(&name, "text/csv;charset=utf-8", body) {
        state.dispatch(Action::Notify(Message::DownloadFailed(e)));
    }
}

/// A name in the class table opens that student's feedback (`feedback_of`).
fn on_overview(feedback_of: &UseStateHandle<Option<usize>>) -> Callback<MouseEvent> {
    let f = feedback_of.clone();
    Callback::from(move |e: MouseEvent| {
        if let Some(i) = dom::closest_attr(e.target(), "data-feedback").and_then(|i| i.parse().ok())
        {
            f.set(Some(i));
            if let Some(el) = gloo::utils::document().get_element_by_id("feedback-head") {
                el.scroll_into_view();
            }
        }
    })
}
