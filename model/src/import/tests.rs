//! Tests of import: native and W3C files, re-anchoring, orphans, refusals, the sliced job.

use super::*;
use crate::annotation::{Annotation, Label};
use crate::corpus;
use crate::document::{Document, DocumentMeta};
use crate::formats::export::export_native;
use crate::formats::w3c::export_w3c;
use crate::import::job::BATCH;
use crate::json::{json_problem, JsonKind, JsonWhat};
use crate::text::Tables;
use crate::workspace::{Change, Workspace};
use std::rc::Rc;

fn ws_with_one() -> Workspace {
    let mut ws = Workspace::new(corpus::builtin());
    let doc = ws.documents()[2].clone();
    let at = doc.text.chars().position(|c| c == '😂').unwrap() + 2;
    let a = Annotation {
        note: "<b>why</b>".into(),
        speaker: Some("Rubio".into()),
        annotator: "Ana".into(),
        created: "2026-11-22T10:00:00Z".into(),
        modified: "2026-11-22T10:00:00Z".into(),
        ..Annotation::new("a1", &doc.id, Label::Quote, at, at + 20)
    };
    ws.apply(&Change::Add(Rc::new(a))).unwrap();
    ws
}

#[test]
fn native_and_w3c_round_trip() {
    let ws = ws_with_one();
    let native = serde_json::to_string(&export_native(&ws, None, "Ana", "t", false)).unwrap();
    let w3c = serde_json::to_string(&export_w3c(&ws, None, "Ana", "t")).unwrap();
    for (name, text) in [("n.json", native), ("w.jsonld", w3c)] {
        let incoming = parse(&text).unwrap();
        let fresh = Workspace::new(corpus::builtin());
        let plan = plan(&Tables, &fresh, name, &incoming).unwrap();
        assert_eq!(
            (
                plan.summary.added,
                plan.summary.orphaned,
                plan.summary.reanchored
            ),
            (1, 0, 0),
            "{name}"
        );
        let mut back = fresh.clone();
        back.apply_all(&plan.changes).unwrap();
        assert_eq!(back, ws, "{name}: export then import is the identity");
        // Importing into the same workspace again adds nothing.
        let again = super::plan(&Tables, &ws, name, &incoming).unwrap();
        assert_eq!((again.summary.added, again.summary.already), (0, 1));
    }
}

#[test]
fn moved_offsets_are_reanchored_by_quote() {
    let ws = ws_with_one();
    let mut file = export_native(&ws, None, "Ana", "t", false);
    file.annotations[0].annotation.start -= 8;
    file.annotations[0].annotation.end -= 8;
    let text = serde_json::to_string(&file).unwrap();
    let plan = plan(
        &Tables,
        &Workspace::new(corpus::builtin()),
        "f",
        &parse(&text).unwrap(),
    )
    .unwrap();
    assert_eq!(plan.summary.reanchored, 1);
    let Change::Add(a) = &plan.changes[0] else {
        panic!("an add")
    };
    assert_eq!(a.start, ws.annotation("a1").unwrap().start);
}

#[test]
fn unplaceable_annotations_become_orphans() {
    let ws = ws_with_one();
    let mut file = export_native(&ws, None, "Ana", "t", false);
    file.annotations[0].quote.text = "words that are nowhere".into();
    let text = serde_json::to_string(&file).unwrap();
    let plan = plan(&Tables, &ws, "f", &parse(&text).unwrap()).unwrap();
    assert_eq!(plan.summary.orphaned, 1);
    assert!(matches!(
        &plan.summary.notes[0],
        ItemNote::Orphaned {
            why: OrphanReason::QuoteNotFound,
            ..
        }
    ));
}

#[test]
fn importing_an_orphan_twice_keeps_one_and_undo_keeps_it() {
    let mut ws = ws_with_one();
    let mut file = export_native(&ws, None, "Ana", "t", false);
    file.annotations[0].quote.text = "words that are nowhere".into();
    file.annotations[0].annotation.id = "lost".into();
    let text = serde_json::to_string(&file).unwrap();
    let first = plan(&Tables, &ws, "f", &parse(&text).unwrap()).unwrap();
    ws.apply_all(&first.changes).unwrap();
    let again = plan(&Tables, &ws, "f", &parse(&text).unwrap()).unwrap();
    assert_eq!((again.summary.orphaned, again.summary.already), (0, 1));
    assert!(again.changes.is_empty());
    // The same file under another name (a second download): still the same orphan.
    let renamed = plan(&Tables, &ws, "f (1)", &parse(&text).unwrap()).unwrap();
    assert_eq!((renamed.summary.orphaned, renamed.summary.already), (0, 1));
    ws.apply_all(&renamed.changes).unwrap();
    assert_eq!(ws.orphans().len(), 1);
    // Twice in one file, under two ids: one orphan.
    let mut twice = file.clone();
    let mut copy = twice.annotations[0].clone();
    copy.annotation.id = "lost-again".into();
    twice.annotations.push(copy);
    let text = serde_json::to_string(&twice).unwrap();
    let fresh = plan(&Tables, &ws_with_one(), "g", &parse(&text).unwrap()).unwrap();
    assert_eq!((fresh.summary.orphaned, fresh.summary.already), (1, 1));
}

#[test]
fn renamed_ids_never_clash_with_the_file_itself() {
    let ws = ws_with_one();
    let mut file = export_native(&ws, None, "Ana", "t", false);
    let mut other = file.annotations[0].clone();
    other.annotation.id = "a1~2".into();
    other.annotation.label = Label::Claim;
    file.annotations[0].annotation.label = Label::Opinion;
    file.annotations.insert(0, other);
    let text = serde_json::to_string(&file).unwrap();
    let p = plan(&Tables, &ws, "f", &parse(&text).unwrap()).unwrap();
    assert_eq!(p.summary.added, 2);
    let mut next = ws.clone();
    next.apply_all(&p.changes).unwrap();
    assert!(next.annotation("a1~2").is_some() && next.annotation("a1~3").is_some());
}

/// Files written by other tools often say `null` for an empty field.
#[test]
fn null_fields_read_as_empty() {
    let ws = ws_with_one();
    let file = export_native(&ws, None, "Ana", "t", false);
    let mut v = serde_json::to_value(&file).unwrap();
    for key in [
        "note",
        "prefix",
        "suffix",
        "annotator",
        "created",
        "modified",
        "text",
    ] {
        v["annotations"][0][key] = serde_json::Value::Null;
    }
    v["annotator"] = serde_json::Value::Null;
    v["exported_at"] = serde_json::Value::Null;
    v["documents"] = serde_json::Value::Null;
    let plan = plan(
        &Tables,
        &Workspace::new(corpus::builtin()),
        "f",
        &parse(&v.to_string()).unwrap(),
    )
    .unwrap();
    assert_eq!(plan.summary.added, 1);
}

/// On wasm32 a `usize` is 32 bits: an offset past that is refused, never cut short.
#[test]
fn huge_w3c_offsets_are_refused() {
    let ws = ws_with_one();
    let w3c = serde_json::to_string(&export_w3c(&ws, None, "Ana", "t")).unwrap();
    let huge = w3c.replacen("\"start\":", "\"start\":18446744073709551615,\"was\":", 1);
    // Refused whole (on wasm32: too large; natively: it ends before it starts).
    let refusal = parse(&huge)
        .and_then(|i| plan(&Tables, &ws, "w", &i))
        .unwrap_err();
    assert!(
        matches!(
            refusal,
            Refusal::Item(
                _,
                ItemProblem::BadOffset {
                    found: Found::TooLarge,
                    ..
                }
            ) | Refusal::Item(_, ItemProblem::EndsBeforeStart { .. })
        ),
        "{refusal:?}"
    );
}

#[test]
fn a_reading_pack_adds_its_documents() {
    let mut ws = Workspace::new(vec![]);
    let doc = Document::new(
        &Tables,
        DocumentMeta {
            title: "Pack".into(),
            ..Default::default()
        },
        "One 👍🏽 two three.",
        false,
    );
    ws.apply(&Change::AddDocument(Rc::new(doc))).unwrap();
    let file = export_native(&ws, None, "T", "t", true);
    let text = serde_json::to_string(&file).unwrap();
    let plan = plan(
        &Tables,
        &Workspace::new(vec![]),
        "pack.json",
        &parse(&text).unwrap(),
    )
    .unwrap();
    assert_eq!(plan.summary.documents_added, 1);
    let mut tampered = file.clone();
    tampered.documents[0].text = Some("Other text".into());
    let bad = serde_json::to_string(&tampered).unwrap();
    let err = plan_of(&bad).unwrap_err();
    assert_eq!(
        err,
        Refusal::Item(
            Item::Document(tampered.documents[0].id.clone()),
            ItemProblem::TextDoesNotMatchSha256
        )
    );
}

/// A native file of `n` annotations on the third built-in document, some of them
/// already in `ws_with_one` (by id or by tag) or twice in the file.
fn long_file(n: usize) -> (Workspace, String) {
    let ws = ws_with_one();
    let doc = ws.documents()[2].clone();
    let taken = ws.annotations(&doc.id)[0].clone();
    let items: Vec<String> = (0..n)
            .map(|i| {
                let (start, label) = match i % 500 {
                    // The tag already here, under another id.
                    7 => (taken.start, taken.label),
                    _ => ((i * 37) % (doc.len() - 40), Label::ALL[i % 3]),
                };
                // An id already here: renamed.
                let id = if i == 4_321 { "a1".to_string() } else { format!("b{i}") };
                format!(
                    r#"{{"id":"{id}","document":"{}","label":"{}","start":{start},"end":{},"note":"n{i}"}}"#,
                    doc.id,
                    label.as_str(),
                    if i % 500 == 7 { taken.end } else { start + 1 + i % 30 }
                )
            })
            .collect();
    let text = format!(
        r#"{{"format":"discern.annotations","version":1,"annotator":"Ana","annotations":[{}]}}"#,
        items.join(",\n")
    );
    (ws, text)
}

#[test]
fn a_long_file_in_steps_is_the_file_at_once() {
    let (ws, text) = long_file(5 * BATCH + 17);
    let whole = plan(&Tables, &ws, "long.json", &parse(&text).unwrap()).unwrap();
    let s = &whole.summary;
    assert_eq!(s.added + s.already, 5 * BATCH + 17);
    assert!(s.already >= 21, "the tag already here, 21 times");
    let renamed = |c: &Change| matches!(c, Change::Add(a) if a.id == "a1~2");
    assert!(whole.changes.iter().any(renamed));
    let mut job = ImportJob::new(&Tables, &ws, vec![("long.json".into(), text)]);
    let mut shares = vec![];
    let done = loop {
        match job.step() {
            Step::Working(share) => shares.push(share),
            Step::Done(done) => break done,
        }
    };
    // Parsed and placed a batch at a time, the share done growing to the whole.
    assert!(shares.len() > 10, "{} steps", shares.len());
    assert!(shares.windows(2).all(|w| w[0] <= w[1]));
    assert_eq!(shares.last(), Some(&1.0));
    assert_eq!(done.changes, whole.changes);
    let outcome = FileOutcome::Imported(whole.summary);
    assert_eq!(
        done.reports,
        [Rc::new(FileReport {
            file: "long.json".into(),
            outcome
        })]
    );
    let mut applied = ws.clone();
    applied.apply_all(&done.changes).unwrap();
    assert_eq!(done.workspace, applied);
}

#[test]
fn json_problems_say_what_and_where() {
    let problem = |text: &str| {
        let e = serde_json::from_str::<Annotation>(text).unwrap_err();
        let p = json_problem(&e);
        (p.what, p.line, p.column)
    };
    let wrong = |found, expected| JsonWhat::WrongKind { found, expected };
    use JsonKind::*;
    // A string that looks like serde's own words is still a string.
    let text = r#"{"id":"a","document":"d","start":"5, expected","end":7}"#;
    assert_eq!(problem(text), (wrong(Text, WholeNumber), 1, 46));
    let text = r#"{"id":"a","document":"d","start":true,"end":7}"#;
    assert_eq!(problem(text), (wrong(TrueFalse, WholeNumber), 1, 37));
    let text = r#"{"id":"a","document":"d","start":1.5,"end":7}"#;
    assert_eq!(problem(text), (wrong(Number, WholeNumber), 1, 36));
    assert_eq!(problem("5").0, wrong(WholeNumber, Object));
    let text = "{\"id\":\"a\",\n\"document\":\"d\",\"label\":\"claim\",\"start\":1}";
    assert_eq!(problem(text), (JsonWhat::Missing("end".into()), 2, 41));
    assert_eq!(problem("{\"id\":"), (JsonWhat::Ends, 1, 6));
    assert_eq!(problem("{\"id\" 5}"), (JsonWhat::Syntax, 1, 7));
    let text = r#"{"id":"a","document":"d","start":-1,"end":7}"#;
    assert_eq!(problem(text).0, JsonWhat::Negative);
    // (Past the largest whole number, JSON's numbers are read as decimals.)
    let text = r#"{"id":"a","document":"d","start":99999999999999999999,"end":7}"#;
    assert_eq!(problem(text).0, wrong(Number, WholeNumber));
    let e = serde_json::from_str::<u8>("300").unwrap_err();
    assert_eq!(json_problem(&e).what, JsonWhat::TooLarge);
    let text = r#"{"id":"a","id":"b","document":"d","start":1,"end":7}"#;
    assert_eq!(problem(text).0, JsonWhat::Twice("id".into()));
    let e = serde_json::from_str::<Label>(r#""rumour""#).unwrap_err();
    assert_eq!(
        json_problem(&e).what,
        JsonWhat::UnknownLabel("rumour".into())
    );
    let e = serde_json::from_str::<u8>(r#""x""#).unwrap_err();
    assert_eq!(json_problem(&e).what, wrong(Text, WholeNumber));
    let e = serde_json::from_str::<Option<u8>>("[1]").unwrap_err();
    assert_eq!(json_problem(&e).what, wrong(List, WholeNumber));
    let e = serde_json::from_str::<bool>("{}").unwrap_err();
    assert_eq!(json_problem(&e).what, wrong(Object, TrueFalse));
    let e = serde_json::from_str::<String>("0.5").unwrap_err();
    assert_eq!(json_problem(&e).what, wrong(Number, Text));
}

#[test]
fn a_bad_annotation_late_in_a_long_file_refuses_it_whole() {
    let (ws, text) = long_file(3 * BATCH);
    // Annotation 4,501 (past the first batches) has no end.
    let bad = text.replacen(r#","end":"#, r#","finish":"#, 4_501);
    let bad = bad.replacen(r#","finish":"#, r#","end":"#, 4_500);
    let done = plan_files(&Tables, &ws, vec![("bad.json".into(), bad)]);
    let why = Refusal::MalformedAt(4501, JsonWhat::Missing("end".into()));
    let outcome = FileOutcome::Refused(why);
    assert_eq!(
        done.reports,
        [Rc::new(FileReport {
            file: "bad.json".into(),
            outcome
        })]
    );
    assert!(done.changes.is_empty());
    assert_eq!(done.workspace, ws);
}

fn plan_of(text: &str) -> Result<ImportPlan, Refusal> {
    parse(text).and_then(|i| plan(&Tables, &Workspace::new(vec![]), "f", &i))
}
