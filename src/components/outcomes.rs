//! How a span's outcome against a key shows (`docs/FORMATS.md#outcomes`), the same in a
//! practice *Check* and in a student's feedback: its sign, its name in attributes, and one
//! item of a list of outcomes (static markup).

use crate::i18n::{t, T};
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
pub fn item(doc: &Document, item: &Item, quote_len: usize, own_notes: bool) -> String {
    let quote = |who: &str, s: &Side| {
        format!(
            "<span>{}: {} <span class=\"sr-only\">{} </span><span class=\"item-text\">{}</span></span>",
            super::escape(who),
            super::badge_markup(s.label),
            label_title(s.label),
            super::escape(&crate::fill!(
                Quoted,
                text = super::shorten(doc.slice(s.start, s.end), quote_len)
            ))
        )
    };
    let note = |class: &str, words: &str, note: &str| {
        let note = note.trim();
        if note.is_empty() {
            String::new()
        } else {
            format!(
                "<span class=\"{class}\">{}: {}</span>",
                super::escape(words),
                super::escape(note)
            )
        }
    };
    let o = item.outcome;
    let yours = item
        .mine
        .as_ref()
        .map_or(String::new(), |(who, s)| quote(who, s));
    let theirs = item
        .key
        .as_ref()
        .filter(|_| o != Outcome::Hit)
        .map_or(String::new(), |s| quote(t(T::Key), s));
    let why = item
        .key
        .as_ref()
        .filter(|_| matches!(o, Outcome::Missed | Outcome::WrongLabel))
        .map_or(String::new(), |s| note("key-note", t(T::Why), s.note));
    let own = item
        .mine
        .as_ref()
        .filter(|_| own_notes)
        .map_or(String::new(), |(_, s)| note("own-note", t(T::Note), s.note));
    let (value, number) = item.number.map_or((String::new(), String::new()), |n| {
        (format!(" value=\"{n}\""), format!("{n}. "))
    });
    format!(
        "<li{value} data-outcome=\"{}\"><span class=\"outcome-sign\" aria-hidden=\"true\">{}</span>\
         <strong>{number}{}</strong><span class=\"outcome-spans\">{yours}{theirs}</span>{why}{own}</li>",
        name(o),
        sign(o),
        super::escape(item.said)
    )
}
