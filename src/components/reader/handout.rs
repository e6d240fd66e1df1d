//! The printed handout of a document (`docs/ARCHITECTURE.md#print`): who annotated it and
//! when, a legend, and the numbered list of the annotations with their labels, quotes, notes
//! and speakers. It is hidden on screen. Its parts are written into the page only when the
//! page is about to print, so that tagging never pays for a list of every annotation; the
//! numbered markers on the text are CSS counters on the highlights (`doc_text`), in the same
//! order as this list.
//!
//! What prints (`@media print` in `static/discern.css`): the reader's heading (the title and
//! what is known of the source); "Annotated by *name*" (or a line to write a name on) and
//! today's date in the page's language; the text, with a numbered marker where each
//! annotation begins (an empty `span.n` that `doc_text` puts before a highlight for each
//! annotation opening there, numbered by a CSS counter, `display: none` on screen, holding no
//! text); highlights that stay apart in black and white (every colour black, tints dropped,
//! claim a solid line, quote a dashed one, opinion a dotted one, with
//! `print-color-adjust: exact`); the legend, and the numbered list (with a practice *Check*'s
//! outcome sign). Never printed: the header, notices and warnings, the reader's tools,
//! buttons, the side panel, the tag toolbar, the keys overlay.
//!
//! The list is in the markers' order: both follow text order (`Annotation::order_key`;
//! `render::segments` opens the pieces by start, the longer first, then as listed), so the
//! n-th item is the n-th marker (a test below checks it). It is written in when the page is
//! about to print (`dom::on_print`: `beforeprint`, or print media starting to apply).

use crate::browser::{clock, dom};
use crate::components::{badge_markup, outcomes};
use crate::i18n::{t, T};
use crate::markup::Markup;
use crate::messages::label_title;
use crate::{fill_markup, markup};
use discern_model::outcome::Outcome;
use discern_model::workspace::AnnotationList;
use discern_model::{Annotation, Document, Label};
use std::rc::Rc;
use yew::prelude::*;

/// The numbered list, as markup: label, quoted text, note and speaker of each. The
/// list is in text order (`Annotation::order_key`, as the workspace and a *Check* keep it),
/// which is the order in which the text's markers open (`render::segments`: by start, the
/// longer first, then as listed), so the n-th item is the n-th marker.
fn items(doc: &Document, list: &[Rc<Annotation>], outcomes: &[Option<Outcome>]) -> Markup {
    list.iter()
        .enumerate()
        .map(|(i, a)| {
            let sign = outcomes
                .get(i)
                .copied()
                .flatten()
                .map_or(String::new(), |o| format!(" {}", outcomes::sign(o)));
            let note = if a.note.is_empty() {
                Markup::default()
            } else {
                markup!("<p class=\"handout-note\">{}</p>", a.note)
            };
            let speaker = match a.speaker.as_deref().filter(|s| !s.is_empty()) {
                Some(s) => markup!("<p>{}</p>", fill_markup!(HandoutSpeaker, name = s)),
                None => Markup::default(),
            };
            markup!(
                "<li><p>{} <b>{}{}</b> <q>{}</q></p>{}{}</li>",
                badge_markup(a.label),
                label_title(a.label),
                sign,
                doc.slice(a.start, a.end),
                note,
                speaker
            )
        })
        .collect()
}

/// Who and when: the reader's name (or a line to write it on) and today's date.
fn byline(name: &str) -> Markup {
    let who = if name.is_empty() {
        Markup::text(t(T::HandoutNoName))
    } else {
        fill_markup!(HandoutBy, name = name)
    };
    markup!("{} · {}", who, clock::today_long())
}

/// The legend and the list's place: how each label looks on paper, in black and white.
pub fn list() -> Html {
    let legend = |l: Label, line: T| {
        html! {
            <li>
                <span class="hl" data-labels={l.as_str()}>{label_title(l)}</span>{" "}
                {crate::components::badge(l)}{" "}{line}
            </li>
        }
    };
    html! {
        <section class="handout handout-list">
            <h2>{T::Legend}</h2>
            <ul class="handout-legend">
                {legend(Label::Claim, T::SolidLine)}
                {legend(Label::Quote, T::DashedLine)}
                {legend(Label::Opinion, T::DottedLine)}
                <li><sup class="handout-n">{"1"}</sup>{" "}{T::MarkerBegins}</li>
            </ul>
            <h2>{T::Annotations}</h2>
            <ol id="handout-items"></ol>
        </section>
    }
}

/// The element that takes the byline.
pub const BY_ID: &str = "handout-by";

/// What a handout is made of: the document, what its text shows (in the order its
/// highlights are drawn) with their outcomes, and the reader's name.
pub type Parts = (
    Rc<Document>,
    AnnotationList,
    Rc<Vec<Option<Outcome>>>,
    String,
);

/// Keeps what a printed handout shows (`parts`, as the reader draws them now) for the moment
/// the page prints, and writes it into the page then.
#[hook]
pub fn use_handout(parts: Parts) {
    let print = use_mut_ref(|| None::<Parts>);
    *print.borrow_mut() = Some(parts);
    use_effect_with((), move |_| {
        let listeners = dom::on_print(move || {
            if let Some(parts) = &*print.borrow() {
                fill(parts)
            }
        });
        move || drop(listeners)
    });
}

/// Writes the byline and the numbered list into the page, just before it prints.
fn fill((doc, annotations, outcomes, name): &Parts) {
    dom::set_markup(BY_ID, &byline(name));
    dom::set_markup("handout-items", &items(doc, annotations, outcomes));
}

#[cfg(test)]
mod tests {

    use discern_model::render::{pieces_by_chunk, segments};
    use discern_model::{Annotation, Document, DocumentMeta, Label};
    use std::rc::Rc;

    /// The order in which the text's markers open, chunk by chunk and segment by segment, is
    /// the order of a list kept in text order: the handout's numbers match.
    #[test]
    fn markers_open_in_the_order_of_the_list() {
        let doc = Document::new(
            &discern_model::text::Tables,
            DocumentMeta::default(),
            "one two three\nfour five six",
            false,
        );
        let mut list: Vec<Rc<Annotation>> = [
            ("e", 14, 23, Label::Claim),
            ("a", 4, 13, Label::Quote),
            ("b", 4, 7, Label::Claim),
            ("c", 4, 13, Label::Opinion),
            ("d", 0, 18, Label::Opinion),
            ("f", 8, 9, Label::Claim),
        ]
        .into_iter()
        .map(|(id, s, e, l)| Rc::new(Annotation::new(id, "d", l, s, e)))
        .collect();
        Annotation::sort_in_text_order(&mut list);
        let mut opened = Vec::new();
        for (chunk, pieces) in doc
            .chunks
            .iter()
            .zip(pieces_by_chunk(&doc.chunks, &list, &[], None))
        {
            let len = chunk.text.chars().count();
            for seg in segments(&pieces, len) {
                for &i in &seg.covering {
                    if pieces[i].start == seg.start && pieces[i].opens(chunk.start) {
                        opened.push(pieces[i].ann.id.clone());
                    }
                }
            }
        }
        let listed: Vec<String> = list.iter().map(|a| a.id.clone()).collect();
        assert_eq!(opened, listed);
        assert_eq!(listed, ["d", "a", "c", "b", "f", "e"]);
    }
}
