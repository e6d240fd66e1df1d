//! How a span's outcome against a key shows (`docs/FORMATS.md#outcomes`), the same in a
//! practice *Check* and in a student's feedback: its sign, its name in attributes, and one
//! item of a list of outcomes (markup).

use crate::i18n::{t, T};
use crate::markup;
use crate::markup::Markup;
use crate::messages::label_title;
use discern_model::outcome::Outcome;
use discern_model::{Document, Label};

/// The sign of an outcome beside a checked span's badge: shape as well as colour.
pub fn sign(o: Outcome) -> &'static str {
    match o {
        Outcome::Hit => "✓",
        Outcome::WrongLabel => "≠",
        Outcome::Partial => "½",
        Outcome::Extra => "+",
        Outcome::Missed => "?",
    }
}

/// An outcome's name in attributes and titles, one word each.
pub fn name(o: Outcome) -> &'static str {
    match o {
        Outcome::WrongLabel => "wrong-label",
        o => o.as_str(),
    }
}

/// One side of an outcome: a span's label, range and note.
pub struct Side<'a> {
    pub label: Label,
    pub start: usize,
    pub end: usize,
    pub note: &'a str,
}

/// One outcome of a list.
pub struct Item<'a> {
    pub outcome: Outcome,
    /// The outcome in words.
    pub said: &'a str,
    /// Its place in a numbered list.
    pub number: Option<usize>,
    /// The annotator's span, with what it is called ("Yours", "Tagged").
    pub mine: Option<(&'a str, Side<'a>)>,
    pub key: Option<Side<'a>>,
}

/// `item` as a list item of `doc`'s quotes (each at most `quote_len` characters): the sign,
/// the outcome, the annotator's span and the key's (but for a hit), the key's note beside a
/// missed or wrong-label span, and the annotator's own note when `own_notes`.
pub fn item(doc: &Document, item: &Item, quote_len: usize, own_notes: bool) -> Markup {
    let quote = |who: &str, s: &Side| {
        markup!(
            "<span>{}: {} <span class=\"sr-only\">{} </span><span class=\"item-text\">{}</span></span>",
            who,
            super::badge_markup(s.label),
            label_title(s.label),
            crate::fill!(Quoted, text = super::shorten(doc.slice(s.start, s.end), quote_len))
        )
    };
    let note = |class: &str, words: &str, note: &str| {
        let note = note.trim();
        if note.is_empty() {
            Markup::default()
        } else {
            markup!("<span class=\"{}\">{}: {}</span>", class, words, note)
        }
    };
    let o = item.outcome;
    let yours = item
        .mine
        .as_ref()
        .map_or(Markup::default(), |(who, s)| quote(who, s));
    let theirs = item
        .key
        .as_ref()
        .filter(|_| o != Outcome::Hit)
        .map_or(Markup::default(), |s| quote(t(T::Key), s));
    let why = item
        .key
        .as_ref()
        .filter(|_| matches!(o, Outcome::Missed | Outcome::WrongLabel))
        .map_or(Markup::default(), |s| note("key-note", t(T::Why), s.note));
    let own = item
        .mine
        .as_ref()
        .filter(|_| own_notes)
        .map_or(Markup::default(), |(_, s)| {
            note("own-note", t(T::Note), s.note)
        });
    let (value, number) = item.number.map_or((Markup::default(), String::new()), |n| {
        (markup!(" value=\"{}\"", n), format!("{n}. "))
    });
    markup!(
        "<li{} data-outcome=\"{}\"><span class=\"outcome-sign\" aria-hidden=\"true\">{}</span>\
         <strong>{}{}</strong><span class=\"outcome-spans\">{}{}</span>{}{}</li>",
        value,
        name(o),
        sign(o),
        number,
        item.said,
        yours,
        theirs,
        why,
        own
    )
}
