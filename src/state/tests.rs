//! Tests of the reducer: tagging, refusals, undo and redo, and the compare page's changes.

use super::*;
use discern_model::corpus;
use discern_model::ChangeError;
use yew::Reducible;

fn state() -> Rc<AppState> {
    Rc::new(AppState::new(Workspace::new(corpus::builtin())))
}

fn tag(s: &Rc<AppState>, id: &str, start: usize, end: usize, label: Label) -> Rc<AppState> {
    let doc = s.workspace.documents()[2].id.clone();
    s.clone().reduce(Action::from(ReadAction::Tag {
        doc,
        start,
        end,
        label,
        id: id.into(),
        now: "2026-11-22T10:00:00Z".into(),
    }))
}

#[test]
fn tag_refuse_duplicate_then_undo_redo() {
    let s0 = state();
    let s1 = tag(&s0, "a", 0, 7, Label::Claim);
    let doc = s1.workspace.documents()[2].id.clone();
    assert_eq!(s1.workspace.counts(&doc), [1, 0, 0]);
    assert_eq!(s1.selected.as_deref(), Some("a"));
    let s2 = tag(&s1, "b", 0, 7, Label::Claim);
    assert_eq!(*s2.workspace, *s1.workspace);
    assert_eq!(
        s2.revision(),
        s1.revision(),
        "a refused tag changes nothing"
    );
    assert_eq!(
        *s2.notice.as_ref().unwrap().message,
        Message::Refused(Attempt::Tag, ChangeError::Duplicate(Label::Claim))
    );
    let s3 = s2.clone().reduce(Action::Undo);
    assert_eq!(s3.workspace.counts(&doc), [0, 0, 0]);
    let s4 = s3.clone().reduce(Action::Redo);
    assert_eq!(*s4.workspace, *s1.workspace);
}

/// A refused change says what was refused: only tagging says "Not tagged".
#[test]
fn refusals_name_what_was_refused() {
    crate::i18n::tests::in_english();
    let s1 = tag(&state(), "a", 0, 7, Label::Claim);
    let doc = s1.workspace.documents()[2].id.clone();
    let again = Annotation::new("b", &doc, Label::Claim, 0, 7);
    let s2 = s1
        .clone()
        .reduce(Action::from(ReadAction::AddAnnotations(vec![again])));
    let refused = Message::Refused(
        Attempt::AddAnnotations,
        ChangeError::Duplicate(Label::Claim),
    );
    assert_eq!(*s2.notice.as_ref().unwrap().message, refused);
    assert_eq!(
        crate::messages::message(&refused, &crate::messages::NoWords),
        "Not added: this passage is already tagged as claim"
    );
    let tagging = Message::Refused(Attempt::Tag, ChangeError::Duplicate(Label::Claim));
    assert!(
        crate::messages::message(&tagging, &crate::messages::NoWords).starts_with("Not tagged: ")
    );
    for what in [Attempt::Import, Attempt::RemoveDocument, Attempt::Edit] {
        let m = crate::messages::message(
            &Message::Refused(what, ChangeError::Empty),
            &crate::messages::NoWords,
        );
        assert!(!m.starts_with("Not tagged"), "{m}");
    }
}

#[test]
fn unchanged_state_is_the_same_rc() {
    let s0 = state();
    let s1 = s0.clone().reduce(Action::from(ReadAction::Select(None)));
    assert!(Rc::ptr_eq(&s0, &s1));
    let s2 = s0.clone().reduce(Action::from(ReadAction::SetFilter(None)));
    assert!(Rc::ptr_eq(&s0, &s2));
}

#[test]
fn relabel_and_note_are_undoable() {
    let s1 = tag(&state(), "a", 0, 7, Label::Claim);
    let now = "t".to_string();
    let s2 = s1.clone().reduce(Action::from(ReadAction::Relabel {
        id: "a".into(),
        label: Label::Opinion,
        now: now.clone(),
    }));
    let s3 = s2.clone().reduce(Action::from(ReadAction::SetNote {
        id: "a".into(),
        note: "why".into(),
        now,
    }));
    assert_eq!(s3.workspace.annotation("a").unwrap().label, Label::Opinion);
    assert_eq!(s3.workspace.annotation("a").unwrap().note, "why");
    let s4 = s3.clone().reduce(Action::Undo).reduce(Action::Undo);
    assert_eq!(s4.workspace.annotation("a").unwrap().label, Label::Claim);
    assert_eq!(s4.workspace.annotation("a").unwrap().note, "");
}

/// The compare page's changes: a load in slices reports every slice's files, a key is
/// only a loaded file, and keeping the set as before changes nothing (the same `Rc`).
#[test]
fn compare_changes_report_slices_and_keep_the_state_when_nothing_changed() {
    let s1 = tag(&state(), "a", 0, 7, Label::Claim);
    let file = |who: &str| {
        let native = discern_model::formats::export::export_native(
            &s1.workspace,
            None,
            who,
            "2026-11-22T10:00:00Z",
            false,
        );
        serde_json::to_string(&native).unwrap()
    };
    let compare = |s: &Rc<AppState>, change| s.clone().reduce(Action::from(change));
    let load = |files, before, total| CompareAction::Load {
        files,
        before,
        total,
        unicode: &discern_model::text::Tables,
    };
    let first = vec![("ana.json".to_string(), file("Ana"))];
    let second = vec![("ben.json".to_string(), file("Ben"))];
    let s2 = compare(&s1, load(first, 0, 2));
    assert_eq!(s2.compare.files.len(), 1, "{:?}", s2.report);
    assert_eq!(s2.importing, Some(0.5));
    let s3 = compare(&s2, load(second, 1, 2));
    let report = s3.report.as_ref().unwrap();
    assert_eq!(report.kind, ReportKind::Compare);
    let names: Vec<&str> = report.files.iter().map(|f| f.file.as_str()).collect();
    assert_eq!(names, ["ana.json", "ben.json"]);
    assert_eq!(s3.importing, None);

    assert_eq!(compare(&s3, CompareAction::Key(1)).compare.key, Some(1));
    assert_eq!(compare(&s3, CompareAction::Key(2)).compare.key, None);
    assert_eq!(
        compare(&s3, CompareAction::Remove(0)).compare.files.len(),
        1
    );

    let kept = compare(&s3, CompareAction::Kept(None));
    assert!(Rc::ptr_eq(&kept, &s3));
}
