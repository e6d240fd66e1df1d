//! Assignments and span outcomes, by property:
//! - no assignment file panics the reader, whatever it holds: JSON-shaped noise, and valid
//!   files with one value changed or cut short;
//! - every span gets exactly one outcome, pairs agree from both sides and follow the rounds'
//!   rules, no two unpaired spans were left that a round would have paired, the order the
//!   spans are listed in changes nothing, the hits are the compare view's matches, and the
//!   list of rows names every span once.

#[allow(dead_code)]
mod common;

use discern_model::assignment::{self, Assignment};
use discern_model::compare::{iou, matches};
use discern_model::outcome::{outcomes, Outcome};
use discern_model::span::Span;
use discern_model::text::Tables;
use discern_model::{corpus, Document, DocumentMeta, Label};
use proptest::prelude::*;
use std::rc::Rc;

fn builtins() -> Vec<Rc<Document>> {
    corpus::builtin().into_iter().map(Rc::new).collect()
}

fn read(text: &str, b: &[Rc<Document>]) -> Result<Assignment, assignment::AssignmentError> {
    assignment::parse(&Tables, text, &|id| b.iter().find(|d| d.id == id).cloned())
}

/// A valid assignment: a built-in article, an own text, a practice on the own text.
fn valid(b: &[Rc<Document>]) -> serde_json::Value {
    let text = "Ministers met on Monday 👍🏽. Critics called it reckless.";
    let own = Document::new(&Tables, DocumentMeta::default(), text, false);
    serde_json::json!({
        "format": "discern.assignment", "version": 1, "id": "week-3", "title": "Week 3",
        "instructions": "Read.\n\nTag.",
        "guidelines": { "claim": "c", "quote": "q", "opinion": "o" },
        "documents": [
            { "id": b[1].id, "title": "A built-in article" },
            { "id": own.id, "title": "Own", "text": text }
        ],
        "practice": { "document": own.id, "annotations": [
            { "id": "k1", "document": own.id, "label": "claim", "start": 0, "end": 23,
              "text": "Ministers met on Monday", "note": "why" },
            { "id": "k2", "document": own.id, "label": "opinion", "start": 38, "end": 46,
              "text": "reckless", "note": "" }
        ] },
        "created_by": "Ms Ruiz"
    })
}

/// Every place in a JSON value: object keys and array indices from the root.
fn places(v: &serde_json::Value, at: Vec<String>, out: &mut Vec<Vec<String>>) {
    out.push(at.clone());
    match v {
        serde_json::Value::Object(m) => m.iter().for_each(|(k, x)| {
            let mut p = at.clone();
            p.push(k.clone());
            places(x, p, out)
        }),
        serde_json::Value::Array(a) => a.iter().enumerate().for_each(|(i, x)| {
            let mut p = at.clone();
            p.push(i.to_string());
            places(x, p, out)
        }),
        _ => {}
    }
}

fn at<'a>(v: &'a mut serde_json::Value, path: &[String]) -> &'a mut serde_json::Value {
    path.iter().fold(v, |v, k| match v {
        serde_json::Value::Array(a) => &mut a[k.parse::<usize>().unwrap()],
        other => &mut other[k.as_str()],
    })
}

fn replacement() -> impl Strategy<Value = serde_json::Value> {
    prop_oneof![
        Just(serde_json::Value::Null),
        any::<bool>().prop_map(serde_json::Value::from),
        any::<i64>().prop_map(serde_json::Value::from),
        (0u64..80).prop_map(serde_json::Value::from),
        Just(serde_json::Value::from(u64::MAX)),
        Just(serde_json::Value::from(-1)),
        Just(serde_json::Value::from(1.5)),
        ".{0,12}".prop_map(serde_json::Value::from),
        Just(serde_json::json!([])),
        Just(serde_json::json!({})),
        Just(serde_json::json!("discern.annotations")),
        Just(serde_json::json!("\u{200f}👨‍👩‍👧e\u{301}")),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    /// Noise is refused, never panics.
    #[test]
    fn noise_never_panics(text in prop::collection::vec(prop::sample::select(vec![
        "{", "}", "[", "]", ",", ":", "\"format\"", "\"discern.assignment\"", "\"version\"", "1",
        "2", "\"documents\"", "\"practice\"", "\"annotations\"", "\"start\"", "\"end\"", "null",
        "\"d\"", "\"text\"", "\"\\ud800\"", "-1", "1e999", " ",
    ]), 0..60).prop_map(|v| v.concat())) {
        let b = builtins();
        let _ = read(&text, &b);
    }

    /// A valid file with one value changed, or cut short, is read or refused, never panics;
    /// when it is read, its practice spans fit their document.
    #[test]
    fn mutated_files_never_panic(pick in any::<prop::sample::Index>(), value in replacement(), cut in any::<prop::sample::Index>(), truncate in any::<bool>()) {
        let b = builtins();
        let mut v = valid(&b);
        let mut all = Vec::new();
        places(&v, Vec::new(), &mut all);
        let path = pick.get(&all[1..]).clone();
        *at(&mut v, &path) = value;
        let mut text = v.to_string();
        if truncate {
            let mut i = cut.index(text.len() + 1);
            while !text.is_char_boundary(i) { i -= 1; }
            text.truncate(i);
        }
        if let Ok(a) = read(&text, &b) {
            if let Some(p) = &a.file.practice {
                let doc = a.documents.iter().find(|d| d.id == p.document).unwrap();
                for e in &p.annotations {
                    let s = &e.annotation;
                    prop_assert!(s.start < s.end && s.end <= doc.len());
                    prop_assert_eq!(doc.slice(s.start, s.end), e.quote.text.as_str());
                }
            }
        }
    }
}

/// One annotator's spans: as in a workspace, the same range with the same label once.
fn spans(docs: usize) -> impl Strategy<Value = Vec<Span>> {
    prop::collection::vec((0..docs, 0usize..3, 0usize..60, 1usize..25), 0..14).prop_map(|v| {
        let mut seen = std::collections::HashSet::new();
        v.into_iter()
            .filter(|&(d, l, start, len)| seen.insert((d, l, start, len)))
            .map(|(d, l, start, len)| Span {
                doc: format!("d{d}"),
                label: Label::ALL[l],
                start,
                end: start + len,
            })
            .collect()
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn every_span_gets_exactly_one_outcome(key in spans(2), mine in spans(2)) {
        let r = outcomes(&key, &mine);
        prop_assert_eq!(r.key.len(), key.len());
        prop_assert_eq!(r.mine.len(), mine.len());
        for (i, &(o, k)) in r.mine.iter().enumerate() {
            match k {
                None => prop_assert_eq!(o, Outcome::Extra),
                Some(k) => {
                    // The pair agrees from both sides and follows its round's rule.
                    prop_assert_eq!(r.key[k], (o, Some(i)));
                    let (a, b) = (&key[k], &mine[i]);
                    prop_assert_eq!(&a.doc, &b.doc);
                    let v = iou(a, b);
                    match o {
                        Outcome::Hit => prop_assert!(a.label == b.label && v >= 0.5),
                        Outcome::WrongLabel => prop_assert!(a.label != b.label && v >= 0.5),
                        Outcome::Partial => prop_assert!(a.label == b.label && v > 0.0 && v < 0.5),
                        _ => prop_assert!(false, "a pair is {:?}", o),
                    }
                }
            }
        }
        for (k, &(o, i)) in r.key.iter().enumerate() {
            match i {
                None => prop_assert_eq!(o, Outcome::Missed),
                Some(i) => prop_assert_eq!(r.mine[i], (o, Some(k))),
            }
        }
        // Nothing left unpaired that a round would have paired.
        for (k, a) in key.iter().enumerate().filter(|(k, _)| r.key[*k].1.is_none()) {
            for (i, b) in mine.iter().enumerate().filter(|(i, _)| r.mine[*i].1.is_none()) {
                let v = iou(a, b);
                prop_assert!(a.doc != b.doc || v == 0.0 || (a.label != b.label && v < 0.5),
                    "key {} and mine {} were both left unpaired", k, i);
            }
        }
        let counts = r.counts();
        prop_assert_eq!(counts.iter().sum::<usize>(),
            mine.len() + r.key.iter().filter(|(o, _)| *o == Outcome::Missed).count());
        // The list of rows names every span of both sides exactly once.
        let rows = r.rows(&key, &mine);
        prop_assert_eq!(rows.len(), counts.iter().sum::<usize>());
        let mut ks: Vec<usize> = rows.iter().filter_map(|row| row.key).collect();
        let mut ms: Vec<usize> = rows.iter().filter_map(|row| row.mine).collect();
        ks.sort_unstable();
        ms.sort_unstable();
        prop_assert_eq!(ks, (0..key.len()).collect::<Vec<_>>());
        prop_assert_eq!(ms, (0..mine.len()).collect::<Vec<_>>());
    }

    /// The order of the lists changes nothing: the same spans get the same outcomes.
    #[test]
    fn outcomes_do_not_depend_on_the_order_given(key in spans(2), mine in spans(2)) {
        let r = outcomes(&key, &mine);
        let (rk, rm): (Vec<Span>, Vec<Span>) = (key.iter().rev().cloned().collect(), mine.iter().rev().cloned().collect());
        let s = outcomes(&rk, &rm);
        let nm = mine.len();
        for i in 0..nm {
            let (o, k) = r.mine[i];
            let (p, l) = s.mine[nm - 1 - i];
            prop_assert_eq!(o, p);
            if let (Some(k), Some(l)) = (k, l) {
                prop_assert_eq!(&key[k], &rk[l]);
            }
        }
        // And the rows list the same spans in the same order.
        let named = |rows: Vec<discern_model::outcome::Row>, key: &[Span], mine: &[Span]| {
            rows.into_iter()
                .map(|row| (row.outcome, row.key.map(|k| key[k].clone()), row.mine.map(|m| mine[m].clone())))
                .collect::<Vec<_>>()
        };
        prop_assert_eq!(named(r.rows(&key, &mine), &key, &mine), named(s.rows(&rk, &rm), &rk, &rm));
    }

    /// The hits are the compare view's matches, label by label.
    #[test]
    fn hits_are_the_compare_matches(key in spans(2), mine in spans(2)) {
        let r = outcomes(&key, &mine);
        for label in Label::ALL {
            let ki: Vec<usize> = (0..key.len()).filter(|&k| key[k].label == label).collect();
            let mi: Vec<usize> = (0..mine.len()).filter(|&i| mine[i].label == label).collect();
            let kl: Vec<Span> = ki.iter().map(|&k| key[k].clone()).collect();
            let ml: Vec<Span> = mi.iter().map(|&i| mine[i].clone()).collect();
            let mut expected: Vec<(usize, usize)> = matches(&kl, &ml).into_iter().map(|(k, i)| (ki[k], mi[i])).collect();
            expected.sort_unstable();
            let mut hits: Vec<(usize, usize)> = r.key.iter().enumerate()
                .filter(|&(k, &(o, _))| o == Outcome::Hit && key[k].label == label)
                .map(|(k, &(_, i))| (k, i.unwrap()))
                .collect();
            hits.sort_unstable();
            prop_assert_eq!(hits, expected);
        }
    }
}
