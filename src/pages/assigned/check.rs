//! The practice *Check* beside an assignment's practice document: the button, the counts per
//! outcome, and every outcome in a list, in the order of the text, with the teacher's note
//! beside each span missed or given another label (`docs/FORMATS.md#outcomes`). The same
//! outcomes show on the text (`doc_text`).

use crate::components::context::{use_app, AppContext};
use crate::components::outcomes::{self, name, sign, Item, Side};
use crate::components::reader::Reader;
use crate::fill;
use crate::i18n::{t, T};
use crate::markup;
use crate::markup::Markup;
use crate::messages::outcome_count;
use crate::state::{Action, ReadAction};
use discern_model::assignment::check_practice;
use discern_model::assignment::{AssignmentFile, Checked};
use discern_model::outcome::Outcome;
use discern_model::Document;
use std::rc::Rc;
use yew::prelude::*;

/// What an outcome means, for the list.
fn said(o: Outcome) -> &'static str {
    t(match o {
        Outcome::Hit => T::CheckHit,
        Outcome::WrongLabel => T::CheckWrongLabel,
        Outcome::Partial => T::CheckPartial,
        Outcome::Extra => T::CheckExtra,
        Outcome::Missed => T::CheckMissed,
    })
}

/// The check panel of the practice document `doc` of `a`; `checked` is the last check, which
/// is `fresh` while the tags are as they were then.
pub fn check_panel(
    state: &AppContext,
    a: &AssignmentFile,
    doc: &Document,
    checked: Option<&Checked>,
    fresh: bool,
) -> Html {
    let check = {
        let (state, id) = (state.clone(), doc.id.clone());
        Callback::from(move |_| state.dispatch(Action::from(ReadAction::Check(id.clone()))))
    };
    let result = checked.map(|c| {
        let counts: Markup = Outcome::ALL
            .iter()
            .map(|&o| {
                markup!(
                    "<span class=\"outcome-count\" data-outcome=\"{}\"><span aria-hidden=\"true\">{}</span> {}</span>",
                    name(o),
                    sign(o),
                    outcome_count(o, c.counts[o as usize])
                )
            })
            .collect();
        let rows: Markup = c
            .rows
            .iter()
            .map(|r| {
                let mine = r.mine.map(|m| &c.mine[m]).map(|m| {
                    let side = Side { label: m.label, start: m.start, end: m.end, note: &m.note };
                    (t(T::Yours), side)
                });
                let key = r.key.map(|k| &c.key[k].annotation).map(|k| {
                    Side { label: k.label, start: k.start, end: k.end, note: &k.note }
                });
                let item = Item { outcome: r.outcome, said: said(r.outcome), number: None, mine, key };
                outcomes::item(doc, &item, 80, false)
            })
            .collect();
        // (Markup: a practice key of any length, drawn in one go, as a student's feedback is.)
        html! {
            <>
                if !fresh {
                    <p class="stale" role="status">{T::CheckStale}</p>
                }
                <p class="outcome-counts" role="status">{counts.to_html()}</p>
                <ol class="outcomes" aria-label={T::OutcomesInOrder}>{rows.to_html()}</ol>
            </>
        }
    });
    let lead = fill!(
        PracticeLead,
        teacher = a.created_by.as_deref().unwrap_or(t(T::YourTeacher))
    );
    html! {
        <section class="check" aria-labelledby="check-head">
            <h2 id="check-head">{T::Practice}</h2>
            <p class="lead">{lead}</p>
            <button type="button" class="btn primary" onclick={check}>
                {t(if checked.is_some() { T::CheckAgain } else { T::Check })}
            </button>
            {result.unwrap_or_default()}
        </section>
    }
}

#[derive(Properties, PartialEq)]
pub struct PracticeReaderProps {
    pub doc: Rc<Document>,
}

/// The reader on the assignment page: for an assignment's practice document, with the
/// *Check* beside the text and its outcomes on it while the tags are as they were checked.
#[function_component]
pub fn PracticeReader(props: &PracticeReaderProps) -> Html {
    let state = use_app();
    let doc = props.doc.clone();
    let practice = state
        .workspace
        .assignment_of(&doc.id)
        .filter(|a| a.is_practice(&doc.id))
        .cloned();
    let snapshot = practice.as_ref().and_then(|_| {
        let (d, list) = state.check.as_ref()?;
        (*d == doc.id).then(|| list.clone())
    });
    let checked = {
        let (practice, snapshot) = (practice.clone(), snapshot.clone());
        let ptr = snapshot.as_ref().map(|l| Rc::as_ptr(l.rc()) as usize);
        use_memo((doc.id.clone(), ptr), move |_| {
            let (practice, snapshot) = (practice?, snapshot?);
            Some(Rc::new(check_practice(&practice, &snapshot)))
        })
    };
    let current = state.workspace.annotations(&doc.id);
    // (A document with no annotations gives a new empty list each time.)
    let fresh = snapshot
        .as_ref()
        .is_some_and(|l| Rc::ptr_eq(l.rc(), &current) || (l.is_empty() && current.is_empty()));
    let shown = checked
        .as_ref()
        .as_ref()
        .filter(|_| fresh)
        .map(|c| (c.shown.clone().into(), c.outcomes.clone().into()));
    let aside = practice
        .map(|p| check_panel(&state, &p, &doc, checked.as_deref(), fresh))
        .unwrap_or_default();
    html! { <Reader {doc} checked={shown} {aside} assigned=true /> }
}
