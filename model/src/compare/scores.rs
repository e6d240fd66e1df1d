//! Matching a class's spans with a key's, one to one by overlap, and the precision, recall and
//! F1 that follow (`docs/FORMATS.md#compare-rules`).

use crate::annotation::Label;
use crate::span::Span;

/// One annotator's work: a student's hand-in, or the key.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Submission {
    pub name: String,
    pub spans: Vec<Span>,
}

/// Overlap divided by union, in code points.
pub fn iou(a: &Span, b: &Span) -> f64 {
    let overlap = a.end.min(b.end).saturating_sub(a.start.max(b.start));
    let union = a.end.max(b.end) - a.start.min(b.start);
    if union == 0 {
        0.0
    } else {
        overlap as f64 / union as f64
    }
}

/// The one-to-one matches between `key` and `other` spans (indices), best overlap first;
/// only pairs of the same document and label with an overlap over union of at least 0.5.
///
/// A span `o` can reach an IoU of 0.5 with key span `k` only when it starts within
/// `k.start - len(k) .. k.end` (else the union is more than twice the overlap), so each key
/// span looks only at the other's spans that start there, found by binary search in the
/// other's spans sorted by document, label and start: the work grows with the spans and the
/// pairs that nearly match, not with their product.
pub fn matches(key: &[Span], other: &[Span]) -> Vec<(usize, usize)> {
    fn at(s: &Span, start: usize) -> (&str, Label, usize) {
        (s.doc.as_str(), s.label, start)
    }
    let mut sorted: Vec<usize> = (0..other.len()).collect();
    sorted.sort_unstable_by(|&a, &b| {
        at(&other[a], other[a].start).cmp(&at(&other[b], other[b].start))
    });
    let mut pairs: Vec<(f64, usize, usize)> = Vec::new();
    for (k, ks) in key.iter().enumerate() {
        let from = at(ks, ks.start.saturating_sub(ks.end.saturating_sub(ks.start)));
        let first = sorted.partition_point(|&o| at(&other[o], other[o].start) < from);
        for &o in &sorted[first..] {
            let os = &other[o];
            if at(os, os.start) >= at(ks, ks.end) {
                break;
            }
            let v = iou(ks, os);
            if v >= 0.5 {
                pairs.push((v, k, o));
            }
        }
    }
    // Best overlap first; ties by place in the text (the key span's, then the other's), so
    // that the result does not depend on the order of the lists, as with span outcomes.
    pairs.sort_unstable_by(|a, b| {
        b.0.partial_cmp(&a.0)
            .unwrap_or(std::cmp::Ordering::Equal)
            .then(
                (key[a.1].place(), other[a.2].place()).cmp(&(key[b.1].place(), other[b.2].place())),
            )
            .then((a.1, a.2).cmp(&(b.1, b.2)))
    });
    let (mut used_k, mut used_o) = (vec![false; key.len()], vec![false; other.len()]);
    let mut out = Vec::new();
    for (_, k, o) in pairs {
        if !used_k[k] && !used_o[o] {
            used_k[k] = true;
            used_o[o] = true;
            out.push((k, o));
        }
    }
    out.sort_unstable();
    out
}

/// An annotator's figures for one label against the key.
#[derive(Clone, Debug, PartialEq)]
pub struct Scores {
    pub label: Label,
    /// Spans the annotator tagged with this label.
    pub count: usize,
    /// Spans the key has with this label.
    pub key_count: usize,
    pub matched: usize,
    /// `None` where it is undefined (nothing tagged, or nothing in the key).
    pub precision: Option<f64>,
    pub recall: Option<f64>,
    pub f1: Option<f64>,
}

/// F1 from counts: `matched` of `count` spans against `key_count` key spans; `None` where
/// precision or recall is undefined.
fn f1_of(count: usize, key_count: usize, matched: usize) -> Option<f64> {
    let p = (count > 0).then(|| matched as f64 / count as f64)?;
    let r = (key_count > 0).then(|| matched as f64 / key_count as f64)?;
    Some(if p + r > 0.0 {
        2.0 * p * r / (p + r)
    } else {
        0.0
    })
}

/// `s`'s spans on each of `docs`, in that order (each span looked at once).
pub fn by_document(s: &Submission, docs: &[String]) -> Vec<Submission> {
    let mut out: Vec<Submission> = docs
        .iter()
        .map(|_| Submission {
            name: s.name.clone(),
            spans: Vec::new(),
        })
        .collect();
    for x in &s.spans {
        if let Some(i) = docs.iter().position(|d| *d == x.doc) {
            out[i].spans.push(x.clone());
        }
    }
    out
}

/// F1 of `other` against `key` (both on one document, as [`by_document`] gives them): per
/// label (claim, quote, opinion), and over the three labels at once (every span, key span
/// and match counted once).
pub fn f1_on(key: &Submission, other: &Submission) -> ([Option<f64>; 3], Option<f64>) {
    let scores = score(key, other);
    let mut by_label = [None; 3];
    let (mut count, mut key_count, mut matched) = (0, 0, 0);
    for s in &scores {
        by_label[s.label as usize] = s.f1;
        count += s.count;
        key_count += s.key_count;
        matched += s.matched;
    }
    (by_label, f1_of(count, key_count, matched))
}

/// Precision, recall and F1 of `other` against `key`, one row per label.
pub fn score(key: &Submission, other: &Submission) -> Vec<Scores> {
    Label::ALL
        .iter()
        .map(|&label| {
            let of_label = |s: &Submission| -> Vec<Span> {
                s.spans
                    .iter()
                    .filter(|x| x.label == label)
                    .cloned()
                    .collect()
            };
            let (k, o) = (of_label(key), of_label(other));
            let matched = matches(&k, &o).len();
            let precision = (!o.is_empty()).then(|| matched as f64 / o.len() as f64);
            let recall = (!k.is_empty()).then(|| matched as f64 / k.len() as f64);
            let f1 = match (precision, recall) {
                (Some(p), Some(r)) if p + r > 0.0 => Some(2.0 * p * r / (p + r)),
                (Some(_), Some(_)) => Some(0.0),
                _ => None,
            };
            Scores {
                label,
                count: o.len(),
                key_count: k.len(),
                matched,
                precision,
                recall,
                f1,
            }
        })
        .collect()
}
