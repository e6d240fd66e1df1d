//! The key builder's list of groups, one document at a time: those the class did not settle
//! (or every group, on demand), a hundred rows at a time, each with who chose it, their
//! notes, its place in the key and one click to accept, reject or relabel it. The rows are
//! drawn as markup in one go (a class's size of groups), and answer through the list's one
//! listener.

use super::{change, Built};
use crate::browser::dom;
use crate::components::context::AppContext;
use crate::components::{badge_markup, shorten};
use crate::fill;
use crate::i18n::T;
use crate::markup;
use crate::markup::Markup;
use crate::messages::label_word;
use discern_model::key::{Chosen, Decision, Group};
use discern_model::Label;
use std::cell::RefCell;
use std::rc::Rc;
use yew::prelude::*;

/// Rows of groups shown at first, and added by each *Show more*.
pub const ROWS: usize = 100;

/// What the list shows: the document chosen (the first with groups when none), whether every
/// group shows or only those the class did not settle, and how many rows.
pub struct Choices {
    pub doc: UseStateHandle<Option<String>>,
    pub every: UseStateHandle<bool>,
    pub rows: UseStateHandle<usize>,
}

/// The list's one listener for every row's buttons: `data-g` is the group's place in
/// `built`'s groups, `data-d` the decision; the focus goes back to the button clicked
/// (`refocus`), which the row drawn again holds.
pub fn on_decide(
    state: &AppContext,
    built: Rc<(Vec<Chosen>, Vec<Group>, Vec<usize>)>,
    refocus: &Rc<RefCell<Option<String>>>,
) -> Callback<MouseEvent> {
    let (state, refocus) = (state.clone(), refocus.clone());
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
        change(&state, &|d| d.decide(g, (!pressed).then_some(decision)));
    })
}

/// The document choice and the list of its groups.
pub fn groups(view: &Built, choices: &Choices, on_decide: Callback<MouseEvent>) -> Html {
    let ws = &view.state.workspace;
    // The documents that have groups, in order; the one shown.
    let mut docs: Vec<&str> = view.groups.iter().map(|g| g.doc.as_str()).collect();
    docs.dedup();
    let Some(shown) = (*choices.doc)
        .clone()
        .filter(|d| docs.contains(&d.as_str()))
        .or_else(|| docs.first().map(|d| d.to_string()))
    else {
        return Html::default();
    };
    let every = *choices.every;
    let listed: Vec<(usize, &Group)> = view
        .groups
        .iter()
        .enumerate()
        .filter(|(i, g)| {
            g.doc == shown
                && (every || view.places[*i].is_none() || view.draft.decision(g).is_some())
        })
        .collect();
    let rows = *choices.rows;
    let more = listed.len().saturating_sub(rows);
    let title = |id: &str| {
        ws.document(id)
            .map(|d| d.meta.title.clone())
            .unwrap_or_else(|| id.to_string())
    };
    let choose = {
        let (d, r) = (choices.doc.clone(), choices.rows.clone());
        Callback::from(move |e: Event| {
            if let Some(s) = e.target_dyn_into::<web_sys::HtmlSelectElement>() {
                d.set(Some(s.value()));
                r.set(ROWS);
            }
        })
    };
    let toggle = {
        let e = choices.every.clone();
        Callback::from(move |_| e.set(!*e))
    };
    let show_more = {
        let r = choices.rows.clone();
        Callback::from(move |_| r.set(*r + ROWS))
    };
    html! {
        <>
            <div class="key-tools">
                <label>{T::GroupsOf}{" "}
                    <select onchange={choose}>
                        { for docs.iter().map(|&id| html! {
                            <option value={id.to_string()} selected={id == shown}>{title(id)}</option>
                        }) }
                    </select>
                </label>
                <label>
                    <input type="checkbox" checked={every} onchange={toggle} />
                    {" "}{T::ShowEvery}
                </label>
            </div>
            if listed.is_empty() {
                <p class="empty">{T::EveryInKey}</p>
            }
            <ol class="groups" onclick={on_decide}>
                { for listed.iter().take(rows).map(|&(i, g)| row(view, i, g).to_html()) }
            </ol>
            if more > 0 {
                <button type="button" class="btn" onclick={show_more}>{fill!(ShowMoreLeft, n = more)}</button>
            }
        </>
    }
}

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

/// Group `g`, the `i`-th of the builder's: its quote and range, who chose it and their notes,
/// its place in the key, and its buttons.
fn row(view: &Built, i: usize, g: &Group) -> Markup {
    let decision = view.draft.decision(g);
    let text = view
        .state
        .workspace
        .document(&g.doc)
        .map(|d| d.slice(g.start, g.end).to_string())
        .unwrap_or_default();
    // Each annotator once (one may have two spans in a group).
    let mut who: Vec<&str> = Vec::new();
    for &m in &g.members {
        let name = view.who_of(m);
        if !who.contains(&name) {
            who.push(name);
        }
    }
    let notes: Markup = g
        .members
        .iter()
        .filter(|&&m| !view.chosen[m].note.trim().is_empty())
        .map(|&m| {
            markup!(
                "<li><b>{}:</b> {}</li>",
                view.who_of(m),
                view.chosen[m].note.trim()
            )
        })
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
    let place = view.places[i];
    markup!(
        "<li class=\"group\" data-in=\"{}\" data-place=\"{}|{}|{}\"><div class=\"group-text\">{}<q>{}</q> \
         <span class=\"group-range\">{} {}–{}</span></div><p class=\"group-who\">{}</p>\
         {}<div class=\"group-decide\" role=\"group\" aria-label=\"{}\"><span class=\"group-state\">{}</span>{}</div></li>",
        place.map_or("no", |l| l.as_str()),
        g.label.as_str(),
        g.start,
        g.end,
        badge_markup(g.label),
        shorten(&text, 160),
        label_word(g.label),
        g.start,
        g.end,
        fill!(ChosenBy, n = g.chosen_by, of = view.annotators(), who = who.join(", ")),
        notes,
        fill!(Decide, text = shorten(&text, 40)),
        state_said(decision, place),
        buttons
    )
}
