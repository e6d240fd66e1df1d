//! Agreement between annotators: character-level Cohen's kappa of two, Fleiss' kappa of a
//! class, the passages each label covers and how many tagged them, and each label's share of
//! a text (`docs/FORMATS.md#compare-rules`).

use super::scores::Submission;
use crate::annotation::Label;

/// The merged ranges `label` covers in document `doc` of `s`, in order.
fn coverage(s: &Submission, doc: &str, label: Label) -> Vec<(usize, usize)> {
    let mut ranges: Vec<(usize, usize)> = s
        .spans
        .iter()
        .filter(|x| x.doc == doc && x.label == label && x.start < x.end)
        .map(|x| (x.start, x.end))
        .collect();
    ranges.sort_unstable();
    let mut out: Vec<(usize, usize)> = Vec::new();
    for (a, b) in ranges {
        match out.last_mut() {
            Some(last) if a <= last.1 => last.1 = last.1.max(b),
            _ => out.push((a, b)),
        }
    }
    out
}

fn covered(ranges: &[(usize, usize)], len: usize) -> usize {
    ranges
        .iter()
        .map(|&(a, b)| b.min(len).saturating_sub(a))
        .sum()
}

fn intersection(a: &[(usize, usize)], b: &[(usize, usize)]) -> usize {
    let (mut i, mut j, mut total) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        let lo = a[i].0.max(b[j].0);
        let hi = a[i].1.min(b[j].1);
        total += hi.saturating_sub(lo);
        if a[i].1 < b[j].1 {
            i += 1;
        } else {
            j += 1;
        }
    }
    total
}

/// Character-level Fleiss' kappa for `label` among all of `subs` over the documents `docs`
/// (id and length in code points): how much the whole class agrees on which characters are
/// tagged `label`, beyond chance. `None` with fewer than two annotators, or where chance
/// agreement is certain. The work grows with the spans, not with the characters or the pairs.
pub fn fleiss(subs: &[Submission], label: Label, docs: &[(String, usize)]) -> Option<f64> {
    let raters = subs.len();
    if raters < 2 {
        return None;
    }
    let r = raters as f64;
    // Per run of characters tagged by `c` annotators: its length times the share of
    // agreeing pairs, and the tags it holds.
    let (mut chars, mut agree, mut tags) = (0usize, 0.0f64, 0.0f64);
    for (doc, len) in docs {
        let mut edges: Vec<(usize, isize)> = Vec::new();
        for s in subs {
            for (a, b) in coverage(s, doc, label) {
                let (a, b) = (a.min(*len), b.min(*len));
                if a < b {
                    edges.push((a, 1));
                    edges.push((b, -1));
                }
            }
        }
        edges.sort_unstable();
        let (mut at, mut c) = (0usize, 0isize);
        let mut run = |from: usize, to: usize, c: isize| {
            let (n, c) = ((to - from) as f64, c as f64);
            agree += n * (c * (c - 1.0) + (r - c) * (r - c - 1.0)) / (r * (r - 1.0));
            tags += n * c;
        };
        for (x, d) in edges {
            if x > at {
                run(at, x, c);
                at = x;
            }
            c += d;
        }
        run(at, *len, c);
        chars += len;
    }
    if chars == 0 {
        return None;
    }
    let n = chars as f64;
    let p_bar = agree / n;
    let p = tags / (n * r);
    let pe = p * p + (1.0 - p) * (1.0 - p);
    (pe < 1.0).then(|| (p_bar - pe) / (1.0 - pe))
}

/// Character-level Cohen's kappa for `label` between `a` and `b` over the documents `docs`
/// (id and length in code points). `None` where chance agreement is certain (both tagged
/// everything, or nothing), so kappa is undefined.
pub fn kappa(
    a: &Submission,
    b: &Submission,
    label: Label,
    docs: &[(String, usize)],
) -> Option<f64> {
    let (mut n, mut in_a, mut in_b, mut both) = (0usize, 0usize, 0usize, 0usize);
    for (doc, len) in docs {
        let ca = coverage(a, doc, label);
        let cb = coverage(b, doc, label);
        n += len;
        in_a += covered(&ca, *len);
        in_b += covered(&cb, *len);
        both += intersection(&ca, &cb);
    }
    if n == 0 {
        return None;
    }
    let n = n as f64;
    let neither = n - (in_a + in_b - both) as f64;
    let po = (both as f64 + neither) / n;
    let (pa, pb) = (in_a as f64 / n, in_b as f64 / n);
    let pe = pa * pb + (1.0 - pa) * (1.0 - pb);
    (pe < 1.0).then(|| (po - pe) / (1.0 - pe))
}

/// The share of a `len`-code-point document that each label covers in `s` (claim, quote,
/// opinion; overlapping spans of one label count once).
pub fn shares(s: &Submission, doc: &str, len: usize) -> [f64; 3] {
    let mut out = [0.0; 3];
    if len == 0 {
        return out;
    }
    for l in Label::ALL {
        out[l as usize] = covered(&coverage(s, doc, l), len) as f64 / len as f64;
    }
    out
}

/// A passage of a document with the same annotators on it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Passage {
    pub start: usize,
    pub end: usize,
    /// How many annotators tagged it (with any label).
    pub annotators: usize,
    /// How many annotators tagged it with each label (claim, quote, opinion).
    pub by_label: [usize; 3],
}

/// Cuts document `doc` (of `len` code points) into passages of constant agreement among
/// `subs`; untagged stretches are passages with nobody on them.
pub fn agreement(subs: &[Submission], doc: &str, len: usize) -> Vec<Passage> {
    let mut edges: Vec<usize> = vec![0, len];
    let cov: Vec<[Vec<(usize, usize)>; 3]> = subs
        .iter()
        .map(|s| Label::ALL.map(|l| coverage(s, doc, l)))
        .collect();
    for c in &cov {
        for ranges in c {
            for &(a, b) in ranges {
                edges.push(a.min(len));
                edges.push(b.min(len));
            }
        }
    }
    edges.sort_unstable();
    edges.dedup();
    let inside =
        |ranges: &[(usize, usize)], at: usize| ranges.iter().any(|&(a, b)| a <= at && at < b);
    let mut out: Vec<Passage> = Vec::new();
    for w in edges.windows(2) {
        let (start, end) = (w[0], w[1]);
        let mut by_label = [0usize; 3];
        let mut annotators = 0;
        for c in &cov {
            let mut any = false;
            for l in Label::ALL {
                if inside(&c[l as usize], start) {
                    by_label[l as usize] += 1;
                    any = true;
                }
            }
            annotators += usize::from(any);
        }
        match out.last_mut() {
            Some(p) if p.annotators == annotators && p.by_label == by_label => p.end = end,
            _ => out.push(Passage {
                start,
                end,
                annotators,
                by_label,
            }),
        }
    }
    out
}
