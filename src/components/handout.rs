//! The printed handout of a document (`docs/ARCHITECTURE.md#print`): who annotated it and
//! when, a legend, and the numbered list of the annotations with their labels, quotes, notes
//! and speakers. It is hidden on screen. Its parts are written into the page only when the
//! page is about to print, so that tagging never pays for a list of every annotation; the
//! numbered markers on the text are CSS counters on the highlights (`doc_text`), in the same
//! order as this list.

use super::{badge_markup, escape, outcomes};
use crate::browser::{clock, dom};
use crate::fill_markup;
use crate::i18n::{t, T};
use crate::messages::label_title;
use discern_model::outcome::Outcome;
use discern_model::workspace::AnnotationList;
use discern_model::{Annotation, Document};
use std::rc::Rc;

/// The numbered list, as static markup: label, quoted text, note and speaker of each. The
/// list is in text order (`Annotation::order_key`, as the workspace and a *Check* keep it),
/// which is the order in which the text's markers open (`render::segments`: by start, the
/// longer first, then as listed), so the n-th item is the n-th marker.
fn items(doc: &Document, list: &[Rc<Annotation>], outcomes: &[Option<Outcome>]) -> String {
    let mut out = String::new();
    for (i, a) in list.iter().enumerate() {
        out += "<li><p>";
        out += &badge_markup(a.label);
        out += " <b>";
        out += &escape(label_title(a.label));
        if let Some(o) = outcomes.get(i).copied().flatten() {
            out += " ";
            out += outcomes::sign(o);
        }
        out += "</b> <q>";
        out += &escape(doc.slice(a.start, a.end));
        out += "</q></p>";
        if !a.note.is_empty() {
            out += "<p class=\"handout-note\">";
            out += &escape(&a.note);
            out += "</p>";
        }
        if let Some(s) = a.speaker.as_deref().filter(|s| !s.is_empty()) {
            out += "<p>";
            out += &fill_markup!(HandoutSpeaker, name = escape(s));
            out += "</p>";
        }
        out += "</li>";
    }
    out
}

/// Who and when: the reader's name (or a line to write it on) and today's date.
fn byline(name: &str) -> String {
    let who = if name.is_empty() {
        escape(t(T::HandoutNoName))
    } else {
        fill_markup!(HandoutBy, name = escape(name))
    };
    format!("{who} · {}", escape(&clock::today_long()))
}

/// The legend and the list's place, as markup: how each label looks on paper, in black and
/// white; each `{i}` is filled with words.
const LIST: &str = "<section class=\"handout handout-list\"><h2>{0}</h2>\
    <ul class=\"handout-legend\">\
    <li><span class=\"hl\" data-labels=\"claim\">{1}</span> \
    <span class=\"badge\" data-label=\"claim\" aria-hidden=\"true\">C</span> {2}</li>\
    <li><span class=\"hl\" data-labels=\"quote\">{3}</span> \
    <span class=\"badge\" data-label=\"quote\" aria-hidden=\"true\">Q</span> {4}</li>\
    <li><span class=\"hl\" data-labels=\"opinion\">{5}</span> \
    <span class=\"badge\" data-label=\"opinion\" aria-hidden=\"true\">O</span> {6}</li>\
    <li><sup class=\"handout-n\">1</sup> {7}</li></ul>\
    <h2>{8}</h2><ol id=\"handout-items\"></ol></section>";

/// The legend and the list's place, in the language in use.
pub fn list() -> String {
    let w = [
        T::Legend,
        T::Claim,
        T::SolidLine,
        T::Quote,
        T::DashedLine,
        T::Opinion,
        T::DottedLine,
        T::MarkerBegins,
        T::Annotations,
    ]
    .map(|s| escape(t(s)));
    let [a, b, c, d, e, f, g, h, i] = &w;
    crate::i18n::fill_in(LIST, &[a, b, c, d, e, f, g, h, i])
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

/// Writes the byline and the numbered list into the page, just before it prints.
pub fn fill((doc, annotations, outcomes, name): &Parts) {
    dom::set_html(BY_ID, &byline(name));
    dom::set_html("handout-items", &items(doc, annotations, outcomes));
}

#[cfg(test)]
mod tests {
    use super::{badge_markup, LIST};
    use discern_model::render::{pieces_by_chunk, segments};
    use discern_model::{Annotation, Document, DocumentMeta, Label};
    use std::rc::Rc;

    /// The order in which the text's markers open, chunk by chunk and segment by segment, is
    /// the order of a list kept in text order: the handout's numbers match.
    #[test]
    fn markers_open_in_the_order_of_the_list() {
        let doc = Document::new(
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

    /// The legend is static markup for size; its badges are the ones `badge_markup` draws.
    #[test]
    fn the_legend_shows_each_label_s_own_badge() {
        for l in Label::ALL {
            assert!(LIST.contains(&badge_markup(l)), "{}", l.as_str());
        }
    }
}
