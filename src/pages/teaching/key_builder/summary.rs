//! The key builder's summary and tools: the threshold, how many groups are in the key and
//! how many the teacher decided, whether the key in use is older than this one, and *Use as
//! key*, *Download the key*, *Start over*, *Close*.

use super::{change, Built};
use crate::browser::{clock, files};
use crate::components::context::AppContext;
use crate::fill;
use crate::i18n::T;
use crate::state::{Action, CompareAction, Message};
use discern_model::key::{self, KeyDraft, KEY_NAME};
use discern_model::span::Span;
use discern_model::Annotation;
use std::rc::Rc;
use yew::prelude::*;

/// The summary and tools of the key being built.
pub fn summary(view: &Built) -> Html {
    let (state, draft, groups) = (view.state, view.draft, view.groups);
    let in_key = view.places.iter().flatten().count();
    let decided = groups
        .iter()
        .filter(|g| draft.decision(g).is_some())
        .count();
    // Whether the key in use (a key built before) differs from the key as decided now.
    let stale = state
        .compare
        .files
        .iter()
        .find(|f| f.file == discern_model::compare::BUILT_KEY)
        .is_some_and(|f| {
            let notes = f.notes.iter().map(String::as_str);
            !f.submission
                .spans
                .iter()
                .zip(notes)
                .eq(view.key.iter().map(|(s, n)| (s, n.as_str())))
        });
    let on_threshold = {
        let (state, current) = (state.clone(), draft.settled.threshold);
        Callback::from(move |e: Event| {
            if let Some(i) = e.target_dyn_into::<web_sys::HtmlInputElement>() {
                match i.value().trim().parse::<u32>() {
                    Ok(p) if p <= 100 => change(&state, &|d| d.set_threshold(p)),
                    // Not a whole number from 0 to 100: the field shows the threshold again.
                    _ => i.set_value(&current.to_string()),
                }
            }
        })
    };
    // (The key as drawn is the key as decided: each change draws the page again.)
    let use_key = {
        let (state, key) = (state.clone(), view.key.clone());
        Callback::from(move |_| state.dispatch(Action::from(CompareAction::Use((*key).clone()))))
    };
    let download = {
        let (state, key) = (state.clone(), view.key.clone());
        Callback::from(move |_| download_key(&state, &key))
    };
    let start_over = {
        let state = state.clone();
        Callback::from(move |_| change(&state, &KeyDraft::start_over))
    };
    let close = {
        let state = state.clone();
        Callback::from(move |_| change(&state, &|d| d.open = false))
    };
    html! {
        <>
            <div class="key-tools">
                <label>{T::Threshold}{" "}
                    <input type="number" class="threshold" min="0" max="100" step="1"
                        value={draft.settled.threshold.to_string()} onchange={on_threshold} />
                    {format!(" {}", fill!(ThresholdOf, n = view.annotators()))}
                </label>
            </div>
            <p class="key-summary" role="status">
                {fill!(
                    KeySummary,
                    groups = groups.len(),
                    in_key = in_key,
                    out = groups.len() - in_key,
                    spans = view.key.len(),
                    decided = decided
                )}
            </p>
            if stale {
                <p class="stale">{T::KeyStale}</p>
            }
            <div class="key-tools">
                <button type="button" class="btn primary" onclick={use_key} disabled={in_key == 0}>{T::UseAsKey}</button>
                <button type="button" class="btn" onclick={download} disabled={in_key == 0}>{T::DownloadKey}</button>
                <button type="button" class="btn" onclick={start_over}>{T::StartOver}</button>
                <button type="button" class="btn link" onclick={close}>{T::Close}</button>
            </div>
        </>
    }
}

/// Downloads the key as a native file by the annotator `Key`, its spans with their notes.
fn download_key(state: &AppContext, key: &Rc<Vec<(Span, String)>>) {
    let name = KEY_NAME;
    let now = clock::now_iso();
    let annotations: Vec<Annotation> = (**key)
        .clone()
        .into_iter()
        .map(|(s, note)| Annotation {
            note,
            annotator: name.to_string(),
            created: now.clone(),
            modified: now.clone(),
            ..Annotation::new(clock::new_id(), s.doc, s.label, s.start, s.end)
        })
        .collect();
    let file = key::key_file(&state.workspace, &annotations, name, &now);
    let file_name = files::export_name(name, &now, "json");
    let body = serde_json::to_string(&file).unwrap_or_default();
    let message = match files::download_json(&file_name, "application/json", &body) {
        Ok(()) => Message::Downloaded(file_name),
        Err(e) => Message::DownloadFailed(e),
    };
    state.dispatch(Action::Notify(message));
}
