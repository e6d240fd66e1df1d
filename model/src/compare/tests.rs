use super::*;
use crate::annotation::Label;
use crate::import::FileOutcome;
use crate::span::Span;
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
