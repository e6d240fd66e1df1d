//! A practice *Check* (`docs/FORMATS.md#outcomes`): the reader's spans on the practice
//! document against the key the assignment carries, each with its outcome, and the key's
//! missed spans with the teacher's notes.

use crate::annotation::Annotation;
use crate::assignment::file::AssignmentFile;
use crate::formats::native::Exported;
use crate::outcome::{outcomes, Outcome, Row};
use crate::span::Span;
use std::rc::Rc;

/// A practice *Check*: the reader's spans on the practice document against the key.
#[derive(Clone, Debug, PartialEq)]
pub struct Checked {
    /// Every outcome once, in the order of the text by the reader's span (the key's where
    /// there is none), as `shown` lists them (indices into `key` and `mine`).
    pub rows: Vec<Row>,
    /// How many of each outcome, in the order of [`Outcome::ALL`].
    pub counts: [usize; 5],
    /// The key's spans, as the file gives them (with the teacher's notes).
    pub key: Vec<Exported>,
    /// The reader's spans checked, in text order.
    pub mine: Vec<Rc<Annotation>>,
    /// What the text shows: the reader's spans and the key's missed ones (with ids
    /// `key-<n>`, `n` counting the key's spans from 0), in text order, each with its outcome.
    pub shown: Rc<Vec<Rc<Annotation>>>,
    pub outcomes: Rc<Vec<Option<Outcome>>>,
}

/// Checks `mine`, the reader's annotations on the practice document, against the key of
/// `file` (`docs/FORMATS.md#outcomes`). `mine` is in text order, as the workspace keeps it.
pub fn check_practice(file: &AssignmentFile, mine: &[Rc<Annotation>]) -> Checked {
    let key: Vec<Exported> = file
        .practice
        .iter()
        .flat_map(|p| p.annotations.iter().cloned())
        .collect();
    let key_spans = file.key_spans();
    let mine_spans: Vec<Span> = mine.iter().map(|a| Span::of(a)).collect();
    let o = outcomes(&key_spans, &mine_spans);
    let mut shown: Vec<Rc<Annotation>> = mine.to_vec();
    for (k, (span, &(outcome, _))) in key_spans.iter().zip(&o.key).enumerate() {
        if outcome == Outcome::Missed {
            let mut a = Annotation::new(
                format!("key-{k}"),
                &span.doc,
                span.label,
                span.start,
                span.end,
            );
            a.note = key[k].annotation.note.clone();
            shown.push(Rc::new(a));
        }
    }
    // In the order of the text, and each with its row: the reader's own spans are found in
    // `mine` (which is in text order too), the others are the key's missed ones.
    Annotation::sort_in_text_order(&mut shown);
    let rows: Vec<Row> = shown
        .iter()
        .map(|a| {
            let at = mine.binary_search_by(|m| m.order_key().cmp(&a.order_key()));
            match at {
                Ok(m) if Rc::ptr_eq(&mine[m], a) => Row {
                    outcome: o.mine[m].0,
                    key: o.mine[m].1,
                    mine: Some(m),
                },
                _ => Row {
                    outcome: Outcome::Missed,
                    key: a.id.strip_prefix("key-").and_then(|k| k.parse().ok()),
                    mine: None,
                },
            }
        })
        .collect();
    Checked {
        outcomes: Rc::new(rows.iter().map(|r| Some(r.outcome)).collect()),
        rows,
        counts: o.counts(),
        key,
        mine: mine.to_vec(),
        shown: Rc::new(shown),
    }
}
