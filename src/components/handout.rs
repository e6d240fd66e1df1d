//! The printed handout of a document (`docs/ARCHITECTURE.md#print`): who annotated it and
//! when, a legend, and the numbered list of the annotations with their labels, quotes, notes
//! and speakers. It is hidden on screen. Its parts are written into the page only when the
//! page is about to print, so that tagging never pays for a list of every annotation; the
//! numbered markers on the text are CSS counters on the highlights (`doc_text`), in the same
//! order as this list.

use super::{badge_markup, escape, outcomes};
use crate::browser::{clock, dom};
use crate::model::outcome::Outcome;
use crate::model::workspace::AnnotationList;
use crate::model::{Annotation, Document, Label};
use std::cmp::Reverse;
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties)]
pub struct HandoutProps {
    pub doc: Rc<Document>,
    /// What the text shows, in the order its highlights are drawn.
    pub annotations: AnnotationList,
    pub outcomes: Rc<Vec<Option<Outcome>>>,
    /// The reader's name, empty when not given.
    pub name: AttrValue,
}

impl PartialEq for HandoutProps {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.doc, &other.doc)
            && Rc::ptr_eq(&self.annotations, &other.annotations)
            && Rc::ptr_eq(&self.outcomes, &other.outcomes)
            && self.name == other.name
    }
}

/// The annotations in the order of their markers on the text: the order in which their
/// badges open (`render::segments`): by start, the longer first, then as listed.
fn in_marker_order<'a>(
    annotations: &'a [Rc<Annotation>],
    outcomes: &'a [Option<Outcome>],
) -> Vec<(&'a Annotation, Option<Outcome>)> {
    let mut order: Vec<usize> = (0..annotations.len()).collect();
    order.sort_by_key(|&i| (annotations[i].start, Reverse(annotations[i].end), i));
    order
        .into_iter()
        .map(|i| (&*annotations[i], outcomes.get(i).copied().flatten()))
        .collect()
}

/// The numbered list, as static markup: label, quoted text, note and speaker of each.
fn items(doc: &Document, list: &[(&Annotation, Option<Outcome>)]) -> String {
    let mut out = String::new();
    for (a, outcome) in list {
        out += &format!(
            "<li><p>{} <b>{}{}</b> <q>{}</q></p>",
            badge_markup(a.label),
            a.label.title(),
            outcome.map_or(String::new(), |o| format!(" {}", outcomes::sign(o))),
            escape(doc.slice(a.start, a.end))
        );
        if !a.note.is_empty() {
            out += &format!("<p class=\"handout-note\">{}</p>", escape(&a.note));
        }
        if let Some(s) = a.speaker.as_deref().filter(|s| !s.is_empty()) {
            out += &format!("<p>Speaker: {}</p>", escape(s));
        }
        out += "</li>";
    }
    out
}

/// Who and when: the reader's name (or a line to write it on) and today's date.
fn byline(name: &str) -> String {
    let who = if name.is_empty() {
        "Name: ____________________".to_string()
    } else {
        format!("Annotated by {}", escape(name))
    };
    format!("{who} · {}", escape(&clock::today_long()))
}

/// How each label looks on paper, in black and white.
fn legend() -> String {
    let mut out = String::from("<h2>Legend</h2><ul class=\"handout-legend\">");
    for (l, line) in Label::ALL
        .into_iter()
        .zip(["solid line", "dashed line", "dotted line"])
    {
        out += &format!(
            "<li><mark class=\"hl\" data-labels=\"{}\">{}</mark> {} {line}</li>",
            l.as_str(),
            l.title(),
            badge_markup(l)
        );
    }
    out + "<li><sup class=\"handout-n\">1</sup> where annotation 1 begins</li></ul>"
}

#[function_component]
pub fn Handout(props: &HandoutProps) -> Html {
    let (by, list) = (use_node_ref(), use_node_ref());
    {
        let (by, list) = (by.clone(), list.clone());
        let (doc, annotations, outcomes, name) = (
            props.doc.clone(),
            props.annotations.clone(),
            props.outcomes.clone(),
            props.name.clone(),
        );
        use_effect_with(
            (
                props.doc.id.clone(),
                Rc::as_ptr(&props.annotations),
                Rc::as_ptr(&props.outcomes),
                props.name.clone(),
            ),
            move |_| {
                let listeners = dom::on_print(move || {
                    if let (Some(by), Some(list)) = (
                        by.cast::<web_sys::Element>(),
                        list.cast::<web_sys::Element>(),
                    ) {
                        by.set_inner_html(&byline(&name));
                        list.set_inner_html(&items(
                            &doc,
                            &in_marker_order(&annotations, &outcomes),
                        ));
                    }
                });
                move || drop(listeners)
            },
        );
    }
    html! {
        <>
            <p class="handout handout-by" ref={by}></p>
            <section class="handout handout-list">
                {super::markup(legend())}
                <h2>{"Annotations"}</h2>
                <ol ref={list}></ol>
            </section>
        </>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Annotation;

    fn ann(id: &str, start: usize, end: usize, label: Label) -> Rc<Annotation> {
        Rc::new(Annotation::new(id, "d", label, start, end))
    }

    #[test]
    fn markers_go_by_start_then_the_longer_first() {
        let list = vec![
            ann("b", 5, 9, Label::Quote),
            ann("a", 0, 3, Label::Claim),
            ann("c", 5, 12, Label::Opinion),
        ];
        let order: Vec<&str> = in_marker_order(&list, &[])
            .iter()
            .map(|(a, _)| a.id.as_str())
            .collect();
        assert_eq!(order, ["a", "c", "b"]);
    }
}
