//! Tests of assignments: reading, checking, opening, the practice Check, the hand-in and the
//! draft.

use super::*;
use crate::annotation::{Annotation, Label};
use crate::corpus;
use crate::document::{Document, DocumentMeta};
use crate::json::MAX_BYTES;
use crate::outcome::Outcome;
use crate::text::Tables;
use crate::workspace::Change;
use std::rc::Rc;

fn builtins() -> Vec<Rc<Document>> {
    corpus::builtin().into_iter().map(Rc::new).collect()
}

fn lookup(docs: &[Rc<Document>]) -> impl Fn(&str) -> Option<Rc<Document>> + '_ {
    move |id| docs.iter().find(|d| d.id == id).cloned()
}

/// An assignment with one built-in article and one own text, practising on the latter.
fn valid(b: &[Rc<Document>]) -> serde_json::Value {
    let own = Document::new(
        &Tables,
        DocumentMeta::default(),
        "Ministers met. Critics said no.",
        false,
    );
    serde_json::json!({
        "format": "discern.assignment", "version": 1, "id": "a-week-3",
        "title": "Week 3", "instructions": "Read both.\n\nTag them.",
        "documents": [
            { "id": b[0].id, "title": b[0].meta.title },
            { "id": own.id, "title": "Council", "source": null, "text": "Ministers met. Critics said no." }
        ],
        "practice": { "document": own.id, "annotations": [
            { "id": "k1", "document": own.id, "label": "claim", "start": 0, "end": 13,
              "text": "Ministers met", "note": "Can be checked." }
        ] }
    })
}

fn parse_value(v: &serde_json::Value, b: &[Rc<Document>]) -> Result<Assignment, AssignmentError> {
    parse(&Tables, &v.to_string(), &lookup(b))
}

#[test]
fn a_valid_file_is_read_with_its_documents_and_the_default_guidelines() {
    let b = builtins();
    let a = parse_value(&valid(&b), &b).unwrap();
    assert_eq!(a.documents.len(), 2);
    assert!(Rc::ptr_eq(&a.documents[0], &b[0]));
    assert_eq!(a.documents[1].meta.title, "Council");
    // No guidelines: the reader's language gives Discern's own.
    assert_eq!(a.file.guidelines, None);
    // Written and read again, it is the same.
    let again = serde_json::to_string(&a.file).unwrap();
    assert_eq!(parse(&Tables, &again, &lookup(&b)).unwrap().file, a.file);
}

#[test]
fn each_problem_is_named_and_nothing_is_made() {
    use AssignmentError as E;
    let b = builtins();
    let with = |f: &dyn Fn(&mut serde_json::Value)| {
        let mut v = valid(&b);
        f(&mut v);
        parse_value(&v, &b).unwrap_err()
    };
    assert!(matches!(
        parse(&Tables, "{", &lookup(&b)),
        Err(E::NotJson(_))
    ));
    assert_eq!(
        with(&|v| v["format"] = "discern.annotations".into()),
        E::OtherFormat(Some("discern.annotations".into()))
    );
    assert_eq!(with(&|v| v["version"] = 2.into()), E::NewerVersion(2));
    assert_eq!(with(&|v| v["version"] = "1".into()), E::UnknownVersion);
    assert!(matches!(
        with(&|v| v["documents"] = 3.into()),
        E::Malformed(_)
    ));
    assert_eq!(with(&|v| v["id"] = " ".into()), E::Missing("id"));
    assert_eq!(
        with(&|v| v["documents"] = serde_json::json!([])),
        E::Missing("documents")
    );
    assert!(matches!(
        with(&|v| v["documents"][1]["text"] = "Another text".into()),
        E::IdMismatch { .. }
    ));
    assert_eq!(
        with(&|v| v["documents"][0]["id"] = "d0000000000000000".into()),
        E::NoText {
            title: b[0].meta.title.clone(),
            id: "d0000000000000000".into()
        }
    );
    assert_eq!(
        with(&|v| v["practice"]["document"] = "dffff".into()),
        E::PracticeNotInAssignment("dffff".into())
    );
    assert_eq!(
        with(&|v| v["practice"]["annotations"][0]["end"] = 99.into()),
        E::Span {
            index: 1,
            problem: SpanProblem::OutOfRange {
                start: 0,
                end: 99,
                length: 31
            }
        }
    );
    assert_eq!(
        with(&|v| v["practice"]["annotations"][0]["text"] = "Ministers".into()),
        E::Span {
            index: 1,
            problem: SpanProblem::TextDiffers
        }
    );
    assert_eq!(
        with(&|v| v["practice"]["annotations"][0]["document"] = "d123".into()),
        E::Span {
            index: 1,
            problem: SpanProblem::OtherDocument("d123".into())
        }
    );
    assert_eq!(
        with(&|v| v["practice"]["annotations"][0]["label"] = "fact".into()),
        E::Span {
            index: 1,
            problem: SpanProblem::UnknownLabel("fact".into())
        }
    );
    let big = " ".repeat(MAX_BYTES + 1);
    assert_eq!(
        parse(&Tables, &big, &lookup(&b)).unwrap_err(),
        E::TooLarge { megabytes: 21 }
    );
}

/// `schema/discern.assignment.v1.schema.json` is the JSON Schema of what Discern writes.
#[test]
fn committed_schema_is_generated_from_the_types() {
    crate::formats::native::tests::check_schema::<AssignmentFile>(
        "discern.assignment.v1.schema.json",
    );
}

#[test]
fn opening_adds_what_is_missing_once_and_replaces_a_changed_file() {
    let b = builtins();
    let a = parse_value(&valid(&b), &b).unwrap();
    let mut ws = crate::Workspace::new(corpus::builtin());
    let changes = a.opening(&ws);
    // The own text is added, the built-in one is there; the file is kept without texts.
    assert!(
        matches!(&changes[..], [Change::AddDocument(d), Change::OpenAssignment(f)]
            if d.id == a.documents[1].id && f.documents.iter().all(|d| d.text.is_none()))
    );
    ws.apply_all(&changes).unwrap();
    assert!(
        a.opening(&ws).is_empty(),
        "the same file again changes nothing"
    );
    assert_eq!(ws.assignment_of(&b[0].id).unwrap().id, "a-week-3");
    let mut v = valid(&b);
    v["title"] = "Week 3, corrected".into();
    let b2 = parse_value(&v, &b).unwrap();
    let replace = b2.opening(&ws);
    assert!(
        matches!(&replace[..], [Change::CloseAssignment(old), Change::OpenAssignment(new)]
            if old.title == "Week 3" && new.title == "Week 3, corrected")
    );
    ws.apply_all(&replace).unwrap();
    assert_eq!(ws.assignments().len(), 1);
}

#[test]
fn a_document_in_two_assignments_belongs_to_the_one_that_practises_on_it() {
    let b = builtins();
    let a = parse_value(&valid(&b), &b).unwrap();
    let own = a.documents[1].id.clone();
    // Week 1 lists the own text as a document to hand in; week 3 practises on it.
    let mut v = valid(&b);
    v["id"] = "a-week-1".into();
    v["title"] = "Week 1".into();
    v.as_object_mut().unwrap().remove("practice");
    let week1 = parse_value(&v, &b).unwrap();
    let mut ws = crate::Workspace::new(corpus::builtin());
    ws.apply_all(&week1.opening(&ws)).unwrap();
    ws.apply_all(&a.opening(&ws)).unwrap();
    assert_eq!(ws.assignment_of(&own).unwrap().id, "a-week-3");
    assert_eq!(ws.assignment_of(&b[0].id).unwrap().id, "a-week-1");
}

#[test]
fn an_assignment_is_told_from_other_files_by_its_format() {
    let b = builtins();
    assert!(is_assignment(&valid(&b).to_string()));
    assert!(!is_assignment(
        r#"{"format":"discern.annotations","version":1}"#
    ));
    assert!(!is_assignment("not json"));
    assert!(!is_assignment(&"[".repeat(10_000)));
}

#[test]
fn a_check_gives_each_span_its_outcome_in_the_order_of_the_text() {
    let b = builtins();
    let mut v = valid(&b);
    let own = v["practice"]["document"].as_str().unwrap().to_string();
    // The key: a claim 0..13 (hit), a quote 15..22 (the student's opinion: wrong label),
    // an opinion 23..30 (missed).
    v["practice"]["annotations"] = serde_json::json!([
        { "id": "k1", "document": own, "label": "claim", "start": 0, "end": 13, "text": "Ministers met", "note": "Checkable." },
        { "id": "k2", "document": own, "label": "quote", "start": 15, "end": 22, "text": "Critics", "note": "Their words." },
        { "id": "k3", "document": own, "label": "opinion", "start": 23, "end": 30, "text": "said no", "note": "A judgement." }
    ]);
    let a = parse_value(&v, &b).unwrap();
    let mine =
        |id: &str, label, start, end| Rc::new(Annotation::new(id, own.as_str(), label, start, end));
    // In text order, as the workspace keeps them; m3 is extra.
    let list = vec![
        mine("m1", Label::Claim, 0, 13),
        mine("m3", Label::Claim, 9, 13),
        mine("m2", Label::Opinion, 15, 22),
    ];
    let c = check_practice(&a.file, &list);
    let rows: Vec<(Outcome, Option<usize>, Option<usize>)> =
        c.rows.iter().map(|r| (r.outcome, r.key, r.mine)).collect();
    assert_eq!(
        rows,
        [
            (Outcome::Hit, Some(0), Some(0)),
            (Outcome::Extra, None, Some(1)),
            (Outcome::WrongLabel, Some(1), Some(2)),
            (Outcome::Missed, Some(2), None),
        ]
    );
    assert_eq!(c.counts, [1, 1, 0, 1, 1]);
    let shown: Vec<&str> = c.shown.iter().map(|a| a.id.as_str()).collect();
    assert_eq!(shown, ["m1", "m3", "m2", "key-2"]);
    assert_eq!(c.shown[3].note, "A judgement.");
    assert_eq!(c.outcomes.len(), c.shown.len());
    // Nothing tagged: every key span is missed; no key: every span is extra.
    let none = check_practice(&a.file, &[]);
    assert_eq!(none.counts, [0, 0, 0, 0, 3]);
    let mut no_key = a.file.clone();
    no_key.practice.as_mut().unwrap().annotations.clear();
    assert_eq!(check_practice(&no_key, &list).counts, [0, 0, 0, 3, 0]);
}

#[test]
fn a_draft_becomes_a_file_with_the_teachers_tags_as_the_key() {
    let b = builtins();
    let mut ws = crate::Workspace::new(corpus::builtin());
    let own = Rc::new(Document::new(
        &Tables,
        DocumentMeta {
            title: "Mine".into(),
            ..DocumentMeta::default()
        },
        "My own text here.",
        false,
    ));
    ws.apply(&Change::AddDocument(own.clone())).unwrap();
    let mut key = Annotation::new("t1", own.id.as_str(), Label::Claim, 0, 6);
    key.note = "Why.".into();
    ws.apply(&Change::Add(Rc::new(key))).unwrap();
    let mut d = Draft {
        id: "a-1".into(),
        title: " ".into(),
        documents: vec![own.id.clone(), b[0].id.clone()],
        practice: Some(own.id.clone()),
        created_by: "Ms Ruiz".into(),
        ..Draft::default()
    };
    assert_eq!(d.file(&ws), Err(DraftProblem::NoTitle));
    d.title = "Week 1".into();
    let file = d.file(&ws).unwrap();
    // In the library's order; own texts travel, built-in ones do not.
    assert_eq!(
        file.documents
            .iter()
            .map(|x| x.id.as_str())
            .collect::<Vec<_>>(),
        [b[0].id.as_str(), own.id.as_str()]
    );
    assert_eq!(file.documents[0].text, None);
    assert_eq!(file.documents[1].text.as_deref(), Some("My own text here."));
    let p = file.practice.clone().unwrap();
    assert_eq!(
        (
            p.annotations[0].quote.text.as_str(),
            p.annotations[0].annotation.note.as_str()
        ),
        ("My own", "Why.")
    );
    // What it writes, it reads.
    let again = parse(&Tables, &serde_json::to_string(&file).unwrap(), &lookup(&b)).unwrap();
    assert_eq!(again.file, file);
    d.documents.clear();
    assert_eq!(d.file(&ws), Err(DraftProblem::NoDocuments));
}

#[test]
fn a_hand_in_carries_the_assignment_and_leaves_out_the_practice() {
    let b = builtins();
    let a = parse_value(&valid(&b), &b).unwrap();
    let mut ws = crate::Workspace::new(corpus::builtin());
    ws.apply(&crate::Change::AddDocument(a.documents[1].clone()))
        .unwrap();
    let ann = |id: &str, doc: &str| {
        Rc::new(crate::Annotation::new(
            id.to_string(),
            doc,
            Label::Claim,
            0,
            9,
        ))
    };
    // One tag in the assigned built-in article, one in the practice text, one elsewhere.
    for (id, doc) in [
        ("x1", &b[0].id),
        ("x2", &a.documents[1].id),
        ("x3", &b[1].id),
    ] {
        ws.apply(&crate::Change::Add(ann(id, doc))).unwrap();
    }
    let (file, name) = a
        .file
        .hand_in(&ws, "Ana B.", "2026-12-01T10:00:00Z", &Tables);
    assert_eq!(file.assignment.as_deref(), Some("a-week-3"));
    assert_eq!(file.annotator, "Ana B.");
    assert_eq!(name, "Week-3-Ana-B.json");
    assert_eq!(file.documents.len(), 1);
    assert_eq!(file.documents[0].id, b[0].id);
    let ids: Vec<&str> = file
        .annotations
        .iter()
        .map(|a| a.annotation.id.as_str())
        .collect();
    assert_eq!(ids, ["x1"]);
    // It reads back as an annotation file.
    let text = serde_json::to_string(&file).unwrap();
    assert!(text.contains(r#""assignment":"a-week-3""#));
    assert!(crate::import::parse(&text).is_ok());
}

#[test]
fn hand_in_names_keep_letters_and_digits_only() {
    assert_eq!(
        hand_in_name(&Tables, "Week 3: El Salvador", "Ana B."),
        "Week-3-El-Salvador-Ana-B.json"
    );
    assert_eq!(
        hand_in_name(&Tables, "../../etc", "<script>"),
        "etc-script.json"
    );
    assert_eq!(hand_in_name(&Tables, "", ""), "assignment-work.json");
    assert_eq!(
        hand_in_name(&Tables, "Semana 3 – García", "Zoë"),
        "Semana-3-García-Zoë.json"
    );
    // Marks stay with their letters, even where they are not letters themselves.
    assert_eq!(
        hand_in_name(&Tables, "हिन्दी", "e\u{301}va"),
        "हिन्दी-e\u{301}va.json"
    );
    // A cut never leaves a dash, and a long name stays short in bytes too.
    let title = format!("{} words", "a".repeat(59));
    assert_eq!(
        hand_in_name(&Tables, &title, "Ana"),
        format!("{}-Ana.json", "a".repeat(59))
    );
    let long = hand_in_name(&Tables, &"漢".repeat(80), &"字".repeat(80));
    assert!(long.len() <= 100 + 1 + 100 + 5, "{} bytes", long.len());
}

/// A practice key may give each span only start, end, label, text and note
/// (`docs/FORMATS.md#assignments`): the spans take their document from the practice and get
/// ids in order.
#[test]
fn practice_spans_without_id_or_document_take_the_practices() {
    let b = builtins();
    let mut v = valid(&b);
    let span = v["practice"]["annotations"][0].as_object_mut().unwrap();
    span.remove("id");
    span.remove("document");
    let second = serde_json::json!({
        "start": 15, "end": 30, "label": "opinion", "text": "Critics said no", "note": "A view."
    });
    v["practice"]["annotations"]
        .as_array_mut()
        .unwrap()
        .push(second);
    let a = parse_value(&v, &b).unwrap();
    let p = a.file.practice.as_ref().unwrap();
    let read: Vec<(&str, &str, Label)> = p
        .annotations
        .iter()
        .map(|e| {
            let a = &e.annotation;
            (a.id.as_str(), a.document.as_str(), a.label)
        })
        .collect();
    let doc = a.documents[1].id.as_str();
    assert_eq!(
        read,
        [
            ("practice-1", doc, Label::Claim),
            ("practice-2", doc, Label::Opinion)
        ]
    );
    // A span that names its own document keeps it, and is checked against the practice's.
    v["practice"]["annotations"][1]["document"] = "d123".into();
    assert_eq!(
        parse_value(&v, &b).unwrap_err(),
        AssignmentError::Span {
            index: 2,
            problem: SpanProblem::OtherDocument("d123".into())
        }
    );
}
