//! Comparing a class's annotations with a key and with each other (`docs/FORMATS.md#compare-rules`).
//!
//! - Matching: a span matches a key span of the same document and label when their overlap in
//!   code points divided by their union is at least 0.5; matching is one-to-one, best overlap
//!   first. Precision, recall and F1 per annotator and label follow from the matches.
//! - Agreement: character-level Cohen's kappa per label between two annotators, over every
//!   code point of the documents compared (a code point is "in" for an annotator when one of
//!   their spans with that label covers it).
//! - Coverage: how many annotators tagged each passage, and as what; and the share of a text
//!   each label covers.

use crate::annotation::{Annotation, Label};
use crate::import::{self, FileOutcome, FileReport};
use crate::span::Span;
use crate::text::Unicode;
use crate::workspace::{Change, Workspace};

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
            let k: Vec<Span> = key
                .spans
                .iter()
                .filter(|s| s.label == label)
                .cloned()
                .collect();
            let o: Vec<Span> = other
                .spans
                .iter()
                .filter(|s| s.label == label)
                .cloned()
                .collect();
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

/// The documents a comparison covers: every document any submission tagged, with its length
/// from `length` (documents it does not know are left out).
pub fn documents(
    subs: &[Submission],
    length: &dyn Fn(&str) -> Option<usize>,
) -> Vec<(String, usize)> {
    let mut ids: Vec<&String> = subs
        .iter()
        .flat_map(|s| s.spans.iter().map(|x| &x.doc))
        .collect();
    ids.sort_unstable();
    ids.dedup();
    ids.into_iter()
        .filter_map(|id| length(id).map(|l| (id.clone(), l)))
        .collect()
}

/// One annotator's scores for one label against the key.
#[derive(Clone, Debug, PartialEq)]
pub struct ScoreRow {
    pub annotator: String,
    pub key: String,
    pub scores: Scores,
    /// Cohen's kappa of the annotator with the key, for the label.
    pub kappa: Option<f64>,
}

/// Cohen's kappa of two annotators for one label.
#[derive(Clone, Debug, PartialEq)]
pub struct KappaRow {
    pub a: String,
    pub b: String,
    pub label: Label,
    pub kappa: Option<f64>,
}

/// Every figure of a comparison.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Figures {
    /// The documents compared (id, length in code points).
    pub documents: Vec<(String, usize)>,
    /// Each annotator but the key against the key, label by label, with their kappa (none
    /// without a key).
    pub scores: Vec<ScoreRow>,
    /// Cohen's kappa, label by label, of the chosen annotator with each other but the key
    /// (none without a choice).
    pub kappas: Vec<KappaRow>,
    /// Fleiss' kappa of the whole class, per label (claim, quote, opinion).
    pub class: [Option<f64>; 3],
}

impl CompareSet {
    /// The figures of the comparison; `length` gives each document's length, and `pairs_of`
    /// the annotator (by place) whose kappa with every other one is wanted too. Only such
    /// rows are made, never every pair of a class: the work grows with the annotators.
    pub fn figures(
        &self,
        length: &dyn Fn(&str) -> Option<usize>,
        pairs_of: Option<usize>,
    ) -> Figures {
        let subs: Vec<Submission> = self.files.iter().map(|f| f.submission.clone()).collect();
        let docs = documents(&subs, length);
        let mut scores = Vec::new();
        if let Some(key) = self.key.and_then(|k| subs.get(k)) {
            for (i, s) in subs.iter().enumerate() {
                if Some(i) == self.key {
                    continue;
                }
                scores.extend(score(key, s).into_iter().map(|sc| ScoreRow {
                    annotator: s.name.clone(),
                    key: key.name.clone(),
                    kappa: kappa(s, key, sc.label, &docs),
                    scores: sc,
                }));
            }
        }
        let mut kappas = Vec::new();
        if let Some(p) = pairs_of.filter(|&p| p < subs.len() && Some(p) != self.key) {
            for j in (0..subs.len()).filter(|&j| j != p && Some(j) != self.key) {
                for label in Label::ALL {
                    kappas.push(KappaRow {
                        a: subs[p].name.clone(),
                        b: subs[j].name.clone(),
                        label,
                        kappa: kappa(&subs[p], &subs[j], label, &docs),
                    });
                }
            }
        }
        let class = Label::ALL.map(|l| fleiss(&subs, l, &docs));
        Figures {
            documents: docs,
            scores,
            kappas,
            class,
        }
    }
}

/// The file a key built in Discern is said to come from.
pub const BUILT_KEY: &str = "built in Discern";

/// The annotation files loaded for comparing, and which one is the key.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CompareSet {
    pub files: Vec<Loaded>,
    pub key: Option<usize>,
}

/// One loaded submission: whose, from which file, and its spans placed in this library.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Loaded {
    pub submission: Submission,
    pub file: String,
    /// The note of each span, at the same place as `submission.spans`.
    pub notes: Vec<String>,
}

impl CompareSet {
    /// Adds a submission of `spans` with their notes, naming it uniquely.
    pub fn add(&mut self, name: String, file: &str, spans: Vec<(Span, String)>) {
        let (spans, notes) = spans.into_iter().unzip();
        let mut unique = name.clone();
        let mut n = 2;
        while self.files.iter().any(|f| f.submission.name == unique) {
            unique = format!("{name} ({n})");
            n += 1;
        }
        self.files.push(Loaded {
            submission: Submission {
                name: unique,
                spans,
            },
            file: file.to_string(),
            notes,
        });
    }

    /// Puts a key built in Discern (`spans` with their notes) in as the key, named `name`:
    /// in the place of the key built before, if there is one, else after the files.
    pub fn use_built_key(&mut self, name: String, spans: Vec<(Span, String)>) {
        let at = self.files.iter().position(|f| f.file == BUILT_KEY);
        if let Some(i) = at {
            self.files.remove(i);
        }
        self.add(name, BUILT_KEY, spans);
        let new = self.files.len() - 1;
        if let Some(i) = at {
            let built = self.files.pop().expect("just added");
            self.files.insert(i, built);
        }
        self.key = Some(at.unwrap_or(new));
    }

    /// Removes file `i`, keeping the key where it was.
    pub fn remove(&mut self, i: usize) {
        if i >= self.files.len() {
            return;
        }
        self.files.remove(i);
        self.key = match self.key {
            Some(k) if k == i => None,
            Some(k) if k > i => Some(k - 1),
            k => k,
        };
    }

    /// Loads annotation files (name, text): each is read like an import (re-anchored against
    /// this library's texts), but only compared, never added. Returns a report per file.
    pub fn load(
        &mut self,
        unicode: &dyn Unicode,
        ws: &Workspace,
        files: &[(String, String)],
    ) -> Vec<FileReport> {
        // Placed against the texts alone, so that nothing here hides a span as "already".
        let texts = ws.documents_only();
        let mut reports = Vec::new();
        for (name, text) in files {
            let planned = import::parse(text).and_then(|i| {
                let p = import::plan(unicode, &texts, name, &i)?;
                Ok((i, p))
            });
            let outcome = match planned {
                Ok((incoming, p)) => {
                    let spans: Vec<(Span, String)> = p
                        .changes
                        .iter()
                        .filter_map(|c| match c {
                            Change::Add(a) => Some((Span::of(a), a.note.clone())),
                            _ => None,
                        })
                        .collect();
                    let (who, others) = whose(&incoming, name);
                    let outcome = FileOutcome::Loaded {
                        annotator: who.clone(),
                        spans: spans.len(),
                        orphaned: p.summary.orphaned,
                        others,
                    };
                    self.add(who, name, spans);
                    outcome
                }
                Err(r) => FileOutcome::Refused(r),
            };
            reports.push(FileReport {
                file: name.clone(),
                outcome,
            });
        }
        reports
    }
}

/// Whose file this is (`docs/FORMATS.md#compare-rules`): the annotator the file names, else
/// the first one its annotations name, else the file's name; and the other names its
/// annotations carry, in the order they first appear.
fn whose(incoming: &import::Incoming, file: &str) -> (String, Vec<String>) {
    let named = |a: &&Annotation| !a.annotator.is_empty();
    let who = incoming
        .annotator
        .clone()
        .filter(|a| !a.is_empty())
        .or_else(|| {
            incoming
                .annotations
                .iter()
                .map(|e| &e.annotation)
                .find(named)
                .map(|a| a.annotator.clone())
        })
        .unwrap_or_else(|| file.to_string());
    let mut others: Vec<String> = Vec::new();
    for a in incoming
        .annotations
        .iter()
        .map(|e| &e.annotation)
        .filter(named)
    {
        if a.annotator != who && !others.contains(&a.annotator) {
            others.push(a.annotator.clone());
        }
    }
    (who, others)
}

/// This browser's own annotations, as spans to compare.
pub fn own_spans(ws: &Workspace) -> Vec<(Span, String)> {
    ws.all_annotations()
        .map(|a| (Span::of(a), a.note.clone()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::Tables;

    fn span(label: Label, start: usize, end: usize) -> Span {
        Span {
            doc: "d".into(),
            label,
            start,
            end,
        }
    }

    fn sub(name: &str, spans: Vec<Span>) -> Submission {
        Submission {
            name: name.into(),
            spans,
        }
    }

    const C: Label = Label::Claim;
    const Q: Label = Label::Quote;

    #[test]
    fn fleiss_kappa_on_hand_computed_cases() {
        let docs = [("d".to_string(), 4usize)];
        let a = sub("a", vec![span(C, 0, 2)]);
        let b = sub("b", vec![span(C, 0, 2)]);
        let c = sub("c", vec![span(C, 0, 1)]);
        // Two who agree on every character: 1.
        assert_eq!(fleiss(&[a.clone(), b.clone()], C, &docs), Some(1.0));
        // Three: characters tagged by 3, 2, 0 and 0 of them. P̄ = (1 + 1/3 + 1 + 1) / 4,
        // p = 5/12, Pe = p² + (1 - p)², kappa = (P̄ - Pe) / (1 - Pe) = 23/35.
        let k = fleiss(&[a.clone(), b.clone(), c], C, &docs).unwrap();
        assert!((k - 23.0 / 35.0).abs() < 1e-12, "{k}");
        // Two who never agree, over half the text each: -1.
        let d = sub("d", vec![span(C, 2, 4)]);
        assert_eq!(fleiss(&[a.clone(), d], C, &docs), Some(-1.0));
        // Undefined with one annotator, and where nobody tagged the label.
        assert_eq!(fleiss(std::slice::from_ref(&a), C, &docs), None);
        assert_eq!(fleiss(&[a, b], Q, &docs), None);
    }

    #[test]
    fn f1_on_one_document_per_label_and_overall() {
        let mut key = sub("k", vec![span(C, 0, 10), span(Q, 20, 30), span(C, 40, 50)]);
        key.spans.push(Span {
            doc: "e".into(),
            label: C,
            start: 0,
            end: 10,
        });
        // One claim matched, the quote missed, one claim extra (nothing on document e).
        let other = sub("a", vec![span(C, 0, 10), span(C, 60, 70)]);
        let docs = ["d".to_string(), "e".to_string()];
        let (k, o) = (by_document(&key, &docs), by_document(&other, &docs));
        let (by_label, all) = f1_on(&k[0], &o[0]);
        // Claims: 1 of 2 tagged matched, 1 of 2 key claims found: F1 0.5. Quotes: none
        // tagged, so F1 is undefined. Opinions: none anywhere.
        assert_eq!(by_label, [Some(0.5), None, None]);
        // Over all labels: 1 of 2 tagged, 1 of 3 key spans: P 0.5, R 1/3, F1 0.4.
        assert!((all.unwrap() - 0.4).abs() < 1e-12);
        assert_eq!(f1_on(&k[1], &o[1]), ([None, None, None], None));
    }

    #[test]
    fn overlap_on_the_half_edge_matches() {
        // Overlap 5, union 10: exactly 0.5 matches.
        assert_eq!(iou(&span(C, 0, 10), &span(C, 5, 10)), 0.5);
        assert_eq!(matches(&[span(C, 0, 10)], &[span(C, 5, 10)]), [(0, 0)]);
        // Overlap 4, union 10: 0.4 does not.
        assert_eq!(matches(&[span(C, 0, 10)], &[span(C, 6, 10)]), []);
        // Same range, other label: no match.
        assert_eq!(matches(&[span(C, 0, 10)], &[span(Q, 0, 10)]), []);
    }

    #[test]
    fn matching_is_one_to_one_best_first() {
        // Key 0..10 could match both 0..10 (1.0) and 0..8 (0.8); the best takes it, and the
        // other matches nothing (key 20..30 is too far).
        let key = [span(C, 0, 10), span(C, 20, 30)];
        let other = [span(C, 0, 8), span(C, 0, 10)];
        assert_eq!(matches(&key, &other), [(0, 1)]);
    }

    #[test]
    fn precision_recall_f1_by_hand() {
        let key = sub(
            "key",
            vec![span(C, 0, 10), span(C, 20, 30), span(Q, 40, 50)],
        );
        // Claims: 0..10 matches, 60..70 does not; quotes: none tagged.
        let ana = sub("Ana", vec![span(C, 1, 10), span(C, 60, 70)]);
        let s = score(&key, &ana);
        let claim = &s[0];
        assert_eq!((claim.count, claim.key_count, claim.matched), (2, 2, 1));
        assert_eq!(claim.precision, Some(0.5));
        assert_eq!(claim.recall, Some(0.5));
        assert_eq!(claim.f1, Some(0.5));
        let quote = &s[1];
        assert_eq!(
            (
                quote.count,
                quote.key_count,
                quote.precision,
                quote.recall,
                quote.f1
            ),
            (0, 1, None, Some(0.0), None)
        );
        let opinion = &s[2];
        assert_eq!(
            (
                opinion.count,
                opinion.key_count,
                opinion.precision,
                opinion.recall
            ),
            (0, 0, None, None)
        );
    }

    #[test]
    fn all_spans_and_no_spans() {
        let key = sub("key", vec![span(C, 0, 10), span(C, 20, 30)]);
        let perfect = score(&key, &key.clone())[0].clone();
        assert_eq!(
            (perfect.precision, perfect.recall, perfect.f1),
            (Some(1.0), Some(1.0), Some(1.0))
        );
        let none = score(&key, &sub("x", vec![]))[0].clone();
        assert_eq!(
            (none.precision, none.recall, none.f1),
            (None, Some(0.0), None)
        );
        let wrong = score(&key, &sub("y", vec![span(C, 50, 60)]))[0].clone();
        assert_eq!(
            (wrong.precision, wrong.recall, wrong.f1),
            (Some(0.0), Some(0.0), Some(0.0))
        );
    }

    #[test]
    fn kappa_by_hand() {
        let docs = [("d".to_string(), 10)];
        // A tags 0..4, B tags 2..6 over 10 characters: both 2, A only 2, B only 2, neither 4.
        let a = sub("A", vec![span(C, 0, 4)]);
        let b = sub("B", vec![span(C, 2, 6)]);
        // po = 0.6, pe = 0.4*0.4 + 0.6*0.6 = 0.52, kappa = 0.08 / 0.48 = 1/6.
        let k = kappa(&a, &b, C, &docs).unwrap();
        assert!((k - 1.0 / 6.0).abs() < 1e-12, "{k}");
        assert_eq!(kappa(&a, &a.clone(), C, &docs), Some(1.0));
        // Opposite halves: po = 0, pe = 0.5, kappa = -1.
        let left = sub("L", vec![span(C, 0, 5)]);
        let right = sub("R", vec![span(C, 5, 10)]);
        assert_eq!(kappa(&left, &right, C, &docs), Some(-1.0));
        // Nobody tagged quotes: chance agreement is certain, kappa undefined.
        assert_eq!(kappa(&a, &b, Q, &docs), None);
        // Overlapping spans of one annotator count once.
        let doubled = sub("A2", vec![span(C, 0, 4), span(C, 1, 3)]);
        assert_eq!(kappa(&doubled, &a, C, &docs), Some(1.0));
    }

    #[test]
    fn shares_and_agreement() {
        let a = sub("A", vec![span(C, 0, 4), span(C, 2, 6), span(Q, 0, 2)]);
        let b = sub("B", vec![span(C, 4, 8)]);
        assert_eq!(shares(&a, "d", 10), [0.6, 0.2, 0.0]);
        let p = agreement(&[a, b], "d", 10);
        let cut: Vec<_> = p
            .iter()
            .map(|p| (p.start, p.end, p.annotators, p.by_label))
            .collect();
        assert_eq!(
            cut,
            [
                (0, 2, 1, [1, 1, 0]),
                (2, 4, 1, [1, 0, 0]),
                (4, 6, 2, [2, 0, 0]),
                (6, 8, 1, [1, 0, 0]),
                (8, 10, 0, [0, 0, 0]),
            ]
        );
    }

    #[test]
    fn a_file_is_named_after_its_own_annotator() {
        use crate::{Document, DocumentMeta, Workspace};
        let ws = Workspace::new(vec![Document::new(
            &Tables,
            DocumentMeta::default(),
            "Alpha beta gamma delta.",
            false,
        )]);
        let doc = ws.documents()[0].id.clone();
        let file = |annotator: &str, names: &[&str]| {
            let annotations: Vec<String> = names
                .iter()
                .enumerate()
                .map(|(i, n)| {
                    format!(
                        r#"{{"id":"a{i}","document":"{doc}","label":"claim","start":{},"end":{},"annotator":"{n}"}}"#,
                        6 * i,
                        6 * i + 4
                    )
                })
                .collect();
            format!(
                r#"{{"format":"discern.annotations","version":1,"annotator":"{annotator}","documents":[],"annotations":[{}]}}"#,
                annotations.join(",")
            )
        };
        let mut set = CompareSet::default();
        let files = vec![
            ("zoe.json".to_string(), file("Zoe Named", &[])),
            (
                "final.json".to_string(),
                file("Final Name", &["Old Name", "Final Name", "Old Name"]),
            ),
            ("nobody.json".to_string(), file("", &["", "Ann"])),
            ("blank.json".to_string(), file("", &[])),
        ];
        let reports = set.load(&Tables, &ws, &files);
        let names: Vec<&str> = set
            .files
            .iter()
            .map(|f| f.submission.name.as_str())
            .collect();
        assert_eq!(names, ["Zoe Named", "Final Name", "Ann", "blank.json"]);
        match &reports[1].outcome {
            FileOutcome::Loaded {
                annotator,
                spans,
                others,
                ..
            } => {
                assert_eq!(annotator, "Final Name");
                assert_eq!(*spans, 3, "the other name's spans still count");
                assert_eq!(others, &["Old Name".to_string()]);
            }
            other => panic!("not loaded: {other:?}"),
        }
    }
}
