//! Building a key from the compare set (`docs/FORMATS.md#building-a-key`): the groups where
//! the annotators agree, the threshold that accepts them, and one click per group to
//! accept, reject or relabel it (with Undo and Redo); then the key downloads as a native
//! file, or goes into the comparison as its key.

use crate::browser::{clock, dom, files};
use crate::components::context::use_app;
use crate::components::hooks::use_refocus;
use crate::fill;
use crate::i18n::T;
use crate::markup;
use crate::markup::Markup;
use crate::messages::label_word;
use crate::state::{Action, CompareAction, Message};
use discern_model::key::{self, Decision, Group, KeyDraft, KEY_NAME};
use discern_model::{Annotation, Label};
use std::rc::Rc;
use yew::prelude::*;

/// Rows of groups shown at first, and added by each *Show more*.
const ROWS: usize = 100;

/// What a group's place in the key says, for its row.
fn state_said(decision: Option<Decision>, in_key: Option<Label>) -> String {
    match (decision, in_key) {
        (Some(Decision::Accept), _) => crate::i18n::owned(T::StateAccepted),
        (Some(Decision::Reject), _) => crate::i18n::owned(T::StateRejected),
        (Some(Decision::Relabel(l)), _) => fill!(StateRelabelled, label = label_word(l)),
        (None, Some(_)) => crate::i18n::owned(T::StateIn),
        (None, None) => crate::i18n::owned(T::StateOut),
    }
}

#[function_component]
pub fn KeyBuilder() -> Html {
    let state = use_app();
    let ws = &state.workspace;
    let draft = state.key_draft.clone();
    // The spans chosen, their groups, and the files they come from, by annotator number.
    let built = use_memo(
        (state.compare.clone(), draft.without.clone()),
        |(set, without)| {
            let (chosen, files) = key::chosen(set, without.as_deref());
            let groups = key::groups(&chosen);
            (chosen, groups, files)
        },
    );
    let (chosen, groups, annotators) = (&built.0, &built.1, built.2.len());
    let doc_of = use_state(|| None::<String>);
    let every = use_state(|| false);
    let rows = use_state(|| ROWS);
    let set = &state.compare;
    // The name of the annotator of chosen span `m`.
    let who_of = |m: usize| {
        set.files[built.2[chosen[m].annotator]]
            .submission
            .name
            .as_str()
    };

    // The documents that have groups, in order; the one shown.
    let mut docs: Vec<&str> = groups.iter().map(|g| g.doc.as_str()).collect();
    docs.dedup();
    let shown = (*doc_of)
        .clone()
        .filter(|d| docs.contains(&d.as_str()))
        .or_else(|| docs.first().map(|d| d.to_string()));
    let places: Vec<Option<Label>> = groups.iter().map(|g| draft.in_key(g, annotators)).collect();
    let in_key = places.iter().flatten().count();
    // The key as decided now, and whether the one in use (a key built before) differs.
    let key_now = Rc::new(key::key_spans(&draft, groups, chosen, annotators));
    let in_use = set
        .files
        .iter()
        .find(|f| f.file == discern_model::compare::BUILT_KEY);
    let stale = in_use.is_some_and(|f| {
        let notes = f.notes.iter().map(String::as_str);
        !f.submission
            .spans
            .iter()
            .zip(notes)
            .eq(key_now.iter().map(|(s, n)| (s, n.as_str())))
    });
    let decided = groups
        .iter()
        .filter(|g| draft.decision(g).is_some())
        .count();

    // Each change is made on a copy of the draft, whose history records it.
    let change = {
        let state = state.clone();
        move |f: &dyn Fn(&mut KeyDraft)| {
            let mut d = (*state.key_draft).clone();
            f(&mut d);
            state.dispatch(Action::from(CompareAction::Draft(Rc::new(d))));
        }
    };
    // (The key as drawn is the key as decided: each change draws the page again.)
    let use_key = {
        let (state, key_now) = (state.clone(), key_now.clone());
        Callback::from(move |_| {
            state.dispatch(Action::from(CompareAction::Use((*key_now).clone())))
        })
    };
    let download = {
        let (state, key_now) = (state.clone(), key_now.clone());
        Callback::from(move |_| {
            let name = KEY_NAME;
            let now = clock::now_iso();
            let annotations: Vec<Annotation> = (*key_now)
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
        })
    };
    let on_threshold = {
        let (change, current) = (change.clone(), draft.settled.threshold);
        Callback::from(move |e: Event| {
            if let Some(i) = e.target_dyn_into::<web_sys::HtmlInputElement>() {
                match i.value().trim().parse::<u32>() {
                    Ok(p) if p <= 100 => change(&|d| d.set_threshold(p)),
                    // Not a whole number from 0 to 100: the field shows the threshold again.
                    _ => i.set_value(&current.to_string()),
                }
            }
        })
    };
    // One listener for every row's buttons: `data-g` is the group, `data-d` the decision; the
    // focus stays on the button clicked, in the row drawn again.
    let refocus = use_refocus(Rc::as_ptr(draft.rc()) as usize);
    let on_decide = {
        let (change, built, refocus) = (change.clone(), built.clone(), refocus.clone());
        Callback::from(move |e: MouseEvent| {
            let at = |n| dom::closest_attr(e.target(), n).unwrap_or_default();
            let Some(g) = at("data-g")
                .parse::<usize>()
                .ok()
                .and_then(|i| built.1.get(i))
            else {
                return;
            };
            let Some(decision) = Decision::from_code(&at("data-d")) else {
                return;
            };
            let pressed = at("aria-pressed") == "true";
            *refocus.borrow_mut() = Some(format!(
                "button[data-g=\"{}\"][data-d=\"{}\"]",
                at("data-g"),
                at("data-d")
            ));
            change(&|d| d.decide(g, (!pressed).then_some(decision)));
        })
    };
    let close = {
        let change = change.clone();
        Callback::from(move |_| change(&|d| d.open = false))
    };
    let start_over = Callback::from(move |_| change(&KeyDraft::start_over));

    let listed: Vec<(usize, &Group)> = groups
        .iter()
        .enumerate()
        .filter(|(i, g)| {
            Some(g.doc.as_str()) == shown.as_deref()
                && (*every || places[*i].is_none() || draft.decision(g).is_some())
        })
        .collect();
    let more = listed.len().saturating_sub(*rows);
    let title = |id: &str| {
        ws.document(id)
            .map(|d| d.meta.title.clone())
            .unwrap_or_else(|| id.to_string())
    };
    // A row as markup (its buttons answer through the list's one listener); after a click
    // the focus goes back to the button clicked, which the new row holds again.
    let row = |i: usize, g: &Group| {
        let decision = draft.decision(g);
        let text = ws
            .document(&g.doc)
            .map(|d| d.slice(g.start, g.end).to_string())
            .unwrap_or_default();
        // Each annotator once (one may have two spans in a group).
        let mut who: Vec<&str> = Vec::new();
        for &m in &g.members {
            let name = who_of(m);
            if !who.contains(&name) {
                who.push(name);
            }
        }
        let notes: Markup = g
            .members
            .iter()
            .filter(|&&m| !chosen[m].note.trim().is_empty())
            .map(|&m| markup!("<li><b>{}:</b> {}</li>", who_of(m), chosen[m].note.trim()))
            .collect();
        let notes = if notes.is_empty() {
            notes
        } else {
            markup!("<ul class=\"group-notes\">{}</ul>", notes)
        };
        let choices = [
            (crate::i18n::owned(T::Accept), Decision::Accept),
            (crate::i18n::owned(T::Reject), Decision::Reject),
        ];
        let relabels = Label::ALL
            .into_iter()
            .filter(|&l| l != g.label)
            .map(|l| (fill!(AsLabel, label = label_word(l)), Decision::Relabel(l)));
        let buttons: Markup = choices
            .into_iter()
            .chain(relabels)
            .map(|(said, d)| {
                markup!(
                    "<button type=\"button\" class=\"chip\" data-g=\"{}\" data-d=\"{}\" aria-pressed=\"{}\">{}</button>",
                    i,
                    d.code(),
                    (decision == Some(d)).to_string(),
                    said
                )
            })
            .collect();
        markup!(
            "<li class=\"group\" data-in=\"{}\" data-place=\"{}|{}|{}\"><div class=\"group-text\">{}<q>{}</q> \
             <span class=\"group-range\">{} {}–{}</span></div><p class=\"group-who\">{}</p>\
             {}<div class=\"group-decide\" role=\"group\" aria-label=\"{}\"><span class=\"group-state\">{}</span>{}</div></li>",
            places[i].map_or("no", |l| l.as_str()),
            g.label.as_str(),
            g.start,
            g.end,
            crate::components::badge_markup(g.label),
            crate::components::shorten(&text, 160),
            label_word(g.label),
            g.start,
            g.end,
            fill!(ChosenBy, n = g.chosen_by, of = annotators, who = who.join(", ")),
            notes,
            fill!(Decide, text = crate::components::shorten(&text, 40)),
            state_said(decision, places[i]),
            buttons
        )
        .to_html()
    };

    html! {
        <section class="key-builder" aria-label={T::BuildKeyLabel}>
            <h2>{T::BuildKey}</h2>
            <p class="lead">{T::BuildKeyLead}</p>
            <div class="key-tools">
                <label>{T::Threshold}{" "}
                    <input type="number" class="threshold" min="0" max="100" step="1"
                        value={draft.settled.threshold.to_string()} onchange={on_threshold} />
                    {format!(" {}", fill!(ThresholdOf, n = annotators))}
                </label>
            </div>
            <p class="key-summary" role="status">
                {fill!(
                    KeySummary,
                    groups = groups.len(),
                    in_key = in_key,
                    out = groups.len() - in_key,
                    spans = key_now.len(),
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
            if let Some(doc) = &shown {
                <div class="key-tools">
                    <label>{T::GroupsOf}{" "}
                        <select onchange={{
                            let (d, r) = (doc_of.clone(), rows.clone());
                            Callback::from(move |e: Event| {
                                if let Some(s) = e.target_dyn_into::<web_sys::HtmlSelectElement>() {
                                    d.set(Some(s.value()));
                                    r.set(ROWS);
                                }
                            })
                        }}>
                            { for docs.iter().map(|&id| html! {
                                <option value={id.to_string()} selected={id == doc}>{title(id)}</option>
                            }) }
                        </select>
                    </label>
                    <label>
                        <input type="checkbox" checked={*every} onchange={{
                            let e = every.clone();
                            Callback::from(move |_| e.set(!*e))
                        }} />
                        {" "}{T::ShowEvery}
                    </label>
                </div>
                if listed.is_empty() {
                    <p class="empty">{T::EveryInKey}</p>
                }
                <ol class="groups" onclick={on_decide}>
                    { for listed.iter().take(*rows).map(|&(i, g)| row(i, g)) }
                </ol>
                if more > 0 {
                    <button type="button" class="btn" onclick={{
                        let r = rows.clone();
                        Callback::from(move |_| r.set(*r + ROWS))
                    }}>{fill!(ShowMoreLeft, n = more)}</button>
                }
            }
        </section>
    }
}

/// The button that opens the key building, when it is not shown; `first` when there is no
/// key yet, so that it is the next thing to do.
pub fn build_button(state: &crate::components::context::AppContext, first: bool) -> Html {
    let s = state.clone();
    let open = move |_| {
        let mut d = (*s.key_draft).clone();
        d.open = true;
        // The key marked now stays out of what the key is built from.
        d.without = s
            .compare
            .key
            .and_then(|k| s.compare.files.get(k))
            .map(|f| f.submission.name.clone());
        s.dispatch(Action::from(CompareAction::Draft(Rc::new(d))));
    };
    html! {
        <button type="button" class={classes!("btn", first.then_some("primary"))}
            onclick={open}>{T::BuildKey}</button>
    }
}
