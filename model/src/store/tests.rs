//! Tests of the store: loading, saving, keeping aside, two tabs, the assignments and the
//! compare set.

use super::stored::{to_json, StoredAnnotations, StoredDocuments};
use super::*;
use crate::annotation::Annotation;
use crate::assignment::AssignmentFile;
use crate::compare::CompareSet;
use crate::document::{Document, DocumentMeta};
use crate::key::Decision;
use crate::key::KeyDraft;
use crate::span::Span;
use crate::text::Tables;
use crate::workspace::{Change, ChangeError, Orphan, Workspace};
use std::collections::BTreeMap;
use std::rc::Rc;

/// The assignments kept too, as on the assignment page.
const KEEP: Option<&'static dyn AssignmentKeeping> = Some(&KeepAssignments);

#[test]
fn the_language_chosen_is_kept_as_the_start_script_reads_it() {
    let value: serde_json::Value = serde_json::from_str(&language_value("es")).unwrap();
    assert_eq!(value, serde_json::json!({"schema": 1, "language": "es"}));
    assert!(LANGUAGE.starts_with(PREFIX));
}
use crate::corpus;
use crate::json::{JsonKind, JsonProblem, JsonWhat};
use crate::Label;

/// The id of built-in document `i`.
fn builtin_id(i: usize) -> String {
    corpus::builtin()[i].id.clone()
}

fn annotation(id: &str, doc: &str, start: usize, end: usize, note: &str) -> Rc<Annotation> {
    Rc::new(Annotation {
        id: id.into(),
        document: doc.into(),
        label: Label::Claim,
        start,
        end,
        note: note.into(),
        speaker: None,
        annotator: "Ana".into(),
        created: "2025-04-03T10:00:00Z".into(),
        modified: "2025-04-03T10:00:00Z".into(),
    })
}

fn own_document() -> Rc<Document> {
    let meta = DocumentMeta {
        title: "My own article".into(),
        source: Some("https://example.org/a".into()),
        ..DocumentMeta::default()
    };
    Rc::new(Document::new(
        &Tables,
        meta,
        "A text of my own, to tag.\nIt has two lines.",
        false,
    ))
}

fn orphan() -> Rc<Orphan> {
    let annotation = Annotation {
        annotator: "Bo".into(),
        ..Annotation::new("lost", "sha256:abc", Label::Quote, 1, 4)
    };
    let quote = crate::formats::native::Quote {
        text: "xyz".into(),
        ..Default::default()
    };
    Rc::new(Orphan {
        exported: crate::formats::native::Exported { annotation, quote },
        source_file: "old.json".into(),
    })
}

thread_local! {
    static TABS: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

/// One tab: its work, and its saver over a shared store.
struct Tab {
    ws: Workspace,
    meta: Meta,
    saver: Saver,
    store: MemoryStore,
}

impl Tab {
    /// Opens a tab: loads what `store` holds, as the app does at start.
    fn open(store: &MemoryStore) -> (Tab, Vec<StorageProblem>) {
        let mut loaded = load(&Tables, store, corpus::builtin(), KEEP);
        loaded
            .saver
            .name_tab(format!("tab{}", TABS.with(|t| t.replace(t.get() + 1))));
        let tab = Tab {
            ws: loaded.workspace,
            meta: loaded.meta,
            saver: loaded.saver,
            store: store.clone(),
        };
        (tab, loaded.problems)
    }

    fn apply(&mut self, change: Change) {
        self.ws.apply(&change).unwrap();
    }

    fn tag(&mut self, a: &Rc<Annotation>) {
        self.apply(Change::Add(a.clone()));
    }

    fn save(&mut self) -> Result<(), Vec<StorageProblem>> {
        let (other, problems) = self.saver.save(&self.store, &self.ws, &self.meta);
        other.take_into(&mut self.ws);
        if problems.is_empty() {
            Ok(())
        } else {
            Err(problems)
        }
    }

    /// Takes in what another tab wrote; says whether the store had been cleared.
    fn incoming(&mut self) -> bool {
        let other = self.saver.incoming(&Tables, &self.store, &self.ws);
        let restored = other.restored;
        other.take_into(&mut self.ws);
        restored
    }

    /// The ids and notes of document `doc`'s annotations, in text order.
    fn notes(&self, doc: &str) -> Vec<String> {
        self.ws
            .annotations(doc)
            .iter()
            .map(|a| format!("{}{}", a.id, a.note))
            .collect()
    }
}

/// An assignment file with id `id` over the first built-in article.
fn assignment(id: &str, title: &str) -> Rc<AssignmentFile> {
    let text = format!(
        r#"{{"format":"discern.assignment","version":1,"id":"{id}","title":"{title}","documents":[{{"id":"{}","title":"A"}}]}}"#,
        builtin_id(0)
    );
    Rc::new(serde_json::from_str(&text).unwrap())
}

fn open_ids(tab: &Tab) -> Vec<String> {
    tab.ws.assignments().iter().map(|a| a.id.clone()).collect()
}

#[test]
fn assignments_opened_or_closed_in_two_tabs_survive_a_reload() {
    let store = MemoryStore::new();
    let (mut a, _) = Tab::open(&store);
    let (mut b, _) = Tab::open(&store);
    a.apply(Change::OpenAssignment(assignment("week-1", "Week 1")));
    a.save().unwrap();
    // Tab b has not heard of week 1 yet, and opens week 2: both are kept.
    b.apply(Change::OpenAssignment(assignment("week-2", "Week 2")));
    b.save().unwrap();
    assert_eq!(open_ids(&b), ["week-1", "week-2"]);
    a.incoming();
    assert_eq!(open_ids(&a), ["week-1", "week-2"]);
    // Closed in a, it is closed in b too, and after a reload.
    a.apply(Change::CloseAssignment(assignment("week-1", "Week 1")));
    a.save().unwrap();
    b.incoming();
    assert_eq!(open_ids(&b), ["week-2"]);
    // Replaced in b (the same id, another title): the new one is kept.
    b.apply(Change::CloseAssignment(assignment("week-2", "Week 2")));
    b.apply(Change::OpenAssignment(assignment(
        "week-2",
        "Week 2, again",
    )));
    b.save().unwrap();
    let (c, problems) = Tab::open(&store);
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(open_ids(&c), ["week-2"]);
    assert_eq!(c.ws.assignments()[0].title, "Week 2, again");
}

#[test]
fn unreadable_assignments_are_kept_aside_and_not_written_over() {
    let store = MemoryStore::new();
    store.set(ASSIGNMENTS, "{not json").unwrap();
    let (mut a, problems) = Tab::open(&store);
    assert!(matches!(&problems[..], [StorageProblem::NotLoaded { key, .. }] if key == ASSIGNMENTS));
    assert_eq!(
        store
            .get(&format!("{ASIDE_PREFIX}{ASSIGNMENTS}"))
            .unwrap()
            .as_deref(),
        Some("{not json")
    );
    a.apply(Change::OpenAssignment(assignment("week-1", "Week 1")));
    a.save().unwrap();
    let (b, _) = Tab::open(&store);
    assert_eq!(open_ids(&b), ["week-1"]);
}

fn stored_ids(store: &MemoryStore, doc: &str) -> Option<Vec<String>> {
    let raw = store.get(&annotations_key(doc)).unwrap()?;
    let stored: StoredAnnotations = serde_json::from_str(&raw).unwrap();
    assert_eq!(stored.schema, SCHEMA);
    Some(stored.annotations.into_iter().map(|a| a.id).collect())
}

#[test]
fn save_then_load_gives_back_the_work() {
    let store = MemoryStore::new();
    let (mut tab, problems) = Tab::open(&store);
    assert_eq!(problems, []);
    assert!(
        store.entries().is_empty(),
        "loading an empty store writes nothing"
    );
    let d0 = builtin_id(0);
    let own = own_document();
    tab.apply(Change::AddDocument(own.clone()));
    tab.tag(&annotation("b", &d0, 10, 20, "checked"));
    tab.tag(&annotation("a", &d0, 0, 5, ""));
    tab.tag(&annotation("c", &own.id, 2, 6, "mine"));
    tab.apply(Change::AddOrphan(orphan()));
    tab.meta = Meta {
        annotator: "Ana".into(),
        prefs: Prefs {
            snap_words: false,
            name_asked: true,
        },
        open: Some(own.id.clone()),
    };
    assert_eq!(tab.save(), Ok(()));

    let keys: Vec<String> = store.entries().into_keys().collect();
    let mut expected = vec![
        annotations_key(&d0),
        annotations_key(&own.id),
        DOCS.to_string(),
        META.to_string(),
        ORPHANS.to_string(),
    ];
    expected.sort();
    assert_eq!(keys, expected);
    assert_eq!(
        stored_ids(&store, &d0).unwrap(),
        ["a", "b"],
        "in text order"
    );
    // Only the reader's own document is stored, never a built-in text.
    let docs: StoredDocuments = serde_json::from_str(&store.get(DOCS).unwrap().unwrap()).unwrap();
    assert_eq!(docs.documents.len(), 1);
    assert_eq!(docs.documents[0].text, &*own.text);
    assert_eq!(docs.documents[0].meta, own.meta);
    for builtin in corpus::builtin() {
        let start: String = builtin.text.chars().take(60).collect();
        assert!(store.entries().values().all(|v| !v.contains(&start)));
    }

    let again = load(&Tables, &store, corpus::builtin(), KEEP);
    assert_eq!(again.problems, []);
    assert_eq!(again.workspace, tab.ws);
    assert_eq!(again.workspace.documents().len(), 5);
    assert!(!again.workspace.documents()[4].builtin);
    assert_eq!(again.workspace.annotation("c").unwrap().note, "mine");
    assert_eq!(again.workspace.orphans(), [orphan()]);
    assert_eq!(again.meta, tab.meta);
}

#[test]
fn an_open_document_that_is_gone_is_not_opened() {
    let store = MemoryStore::new();
    let meta = r#"{"schema":1,"annotator":"Bo","open":"dnothere"}"#;
    store.set(META, meta).unwrap();
    let loaded = load(&Tables, &store, corpus::builtin(), KEEP);
    assert_eq!(loaded.problems, []);
    assert_eq!(loaded.meta.annotator, "Bo");
    assert_eq!(loaded.meta.open, None);
    assert_eq!(
        loaded.meta.prefs,
        Prefs::default(),
        "missing prefs are the defaults"
    );
}

#[test]
fn a_document_added_again_brings_back_the_tags_kept_while_its_text_was_not() {
    let store = MemoryStore::new();
    let (mut tab, _) = Tab::open(&store);
    let text = "Ministers met on Monday. Critics called it reckless.";
    let doc = Rc::new(Document::new(&Tables, DocumentMeta::default(), text, false));
    tab.apply(Change::AddDocument(doc.clone()));
    tab.tag(&annotation("a", &doc.id, 0, 9, "why"));
    tab.save().unwrap();
    // The text goes (as when it could not be kept); its tags stay stored.
    store.remove(DOCS).unwrap();
    let (mut again, _) = Tab::open(&store);
    assert!(again.ws.document(&doc.id).is_none());
    // The same text added again: the next save brings its tag in and writes nothing.
    again.apply(Change::AddDocument(doc.clone()));
    let stored = store.get(&annotations_key(&doc.id)).unwrap();
    again.save().unwrap();
    assert_eq!(again.notes(&doc.id), ["awhy"]);
    assert_eq!(store.get(&annotations_key(&doc.id)).unwrap(), stored);
    // And it is this tab's from then on.
    again.tag(&annotation("b", &doc.id, 10, 14, ""));
    again.save().unwrap();
    assert_eq!(stored_ids(&store, &doc.id).unwrap(), ["a", "b"]);
}

#[test]
fn a_save_writes_only_what_changed() {
    let store = MemoryStore::new();
    let (mut tab, _) = Tab::open(&store);
    let (d0, d1) = (builtin_id(0), builtin_id(1));
    tab.tag(&annotation("a", &d0, 0, 5, ""));
    tab.meta.annotator = "Ana".into();
    tab.save().unwrap();
    // Nothing changed: nothing is written, even where writes would fail.
    store.fail_writes(true);
    assert_eq!(tab.save(), Ok(()));
    let (mut reopened, _) = Tab::open(&store);
    assert_eq!(reopened.save(), Ok(()));
    store.fail_writes(false);
    // Someone else's meta stays, as this tab's meta did not change; only d1 is written.
    let others = store.get(META).unwrap().unwrap().replace("Ana", "Other");
    store.set(META, &others).unwrap();
    store.remove(&annotations_key(&d0)).unwrap();
    tab.tag(&annotation("b", &d1, 0, 5, ""));
    tab.save().unwrap();
    assert_eq!(store.get(META).unwrap(), Some(others));
    assert_eq!(stored_ids(&store, &d0), None);
    assert_eq!(stored_ids(&store, &d1).unwrap(), ["b"]);
}

#[test]
fn two_tabs_tagging_in_turn_lose_nothing() {
    let store = MemoryStore::new();
    let (mut one, _) = Tab::open(&store);
    let (mut two, _) = Tab::open(&store);
    let d = builtin_id(1);
    one.tag(&annotation("x", &d, 0, 10, ""));
    one.save().unwrap();
    two.incoming();
    assert_eq!(two.notes(&d), ["x"]);
    two.tag(&annotation("y", &d, 20, 30, ""));
    two.save().unwrap();
    one.incoming();
    assert_eq!(one.notes(&d), ["x", "y"]);
    // Both tag before either hears of the other: the second save merges.
    one.tag(&annotation("z", &d, 40, 50, ""));
    two.tag(&annotation("w", &d, 60, 70, ""));
    one.save().unwrap();
    two.save().unwrap();
    assert_eq!(
        two.notes(&d),
        ["x", "y", "z", "w"],
        "the save brings tab one's z"
    );
    one.incoming();
    assert_eq!(one.notes(&d), ["x", "y", "z", "w"]);
    assert_eq!(stored_ids(&store, &d).unwrap(), ["x", "y", "z", "w"]);
    // A deletion in one tab deletes in the other.
    let y = one.ws.annotation("y").unwrap().clone();
    one.apply(Change::Remove(y));
    one.save().unwrap();
    two.incoming();
    assert_eq!(two.notes(&d), ["x", "z", "w"]);
    // And nothing comes back on the next save.
    two.save().unwrap();
    one.incoming();
    assert_eq!(one.notes(&d), ["x", "z", "w"]);
    assert_eq!(stored_ids(&store, &d).unwrap(), ["x", "z", "w"]);
    assert_eq!(
        load(&Tables, &store, corpus::builtin(), KEEP).workspace,
        one.ws
    );
}

#[test]
fn work_not_yet_saved_survives_another_tabs_write() {
    let store = MemoryStore::new();
    let (mut one, _) = Tab::open(&store);
    let (mut two, _) = Tab::open(&store);
    let d = builtin_id(0);
    // Tab one tags but has not saved yet when tab two's save arrives.
    one.tag(&annotation("mine", &d, 0, 10, ""));
    two.tag(&annotation("theirs", &d, 20, 30, ""));
    two.save().unwrap();
    one.incoming();
    assert_eq!(one.notes(&d), ["mine", "theirs"]);
    assert_eq!(stored_ids(&store, &d).unwrap(), ["theirs"]);
    one.save().unwrap();
    assert_eq!(stored_ids(&store, &d).unwrap(), ["mine", "theirs"]);
    two.incoming();
    assert_eq!(two.notes(&d), ["mine", "theirs"]);
}

#[test]
fn an_edit_in_one_tab_outlives_a_deletion_in_the_other() {
    for edit_saved_first in [true, false] {
        let store = MemoryStore::new();
        let (mut one, _) = Tab::open(&store);
        let d = builtin_id(0);
        let before = annotation("x", &d, 0, 10, "");
        one.tag(&before);
        one.save().unwrap();
        let (mut two, _) = Tab::open(&store);
        assert_eq!(two.notes(&d), ["x"]);
        let after = annotation("x", &d, 0, 10, "edited");
        one.apply(Change::Update {
            before: before.clone(),
            after,
        });
        two.apply(Change::Remove(before));
        if edit_saved_first {
            one.save().unwrap();
            two.save().unwrap();
        } else {
            two.save().unwrap();
            one.save().unwrap();
        }
        one.incoming();
        two.incoming();
        assert_eq!(one.notes(&d), ["xedited"], "edit first: {edit_saved_first}");
        assert_eq!(two.notes(&d), ["xedited"], "edit first: {edit_saved_first}");
        assert_eq!(stored_ids(&store, &d).unwrap(), ["x"]);
    }
}

#[test]
fn another_tabs_documents_come_in_and_removed_ones_take_their_annotations() {
    let store = MemoryStore::new();
    let (mut one, _) = Tab::open(&store);
    let (mut two, _) = Tab::open(&store);
    let own = own_document();
    one.apply(Change::AddDocument(own.clone()));
    let a = annotation("a", &own.id, 0, 6, "");
    one.tag(&a);
    one.save().unwrap();
    assert_eq!(stored_ids(&store, &own.id).unwrap(), ["a"]);
    two.incoming();
    assert_eq!(two.ws.document(&own.id).unwrap().text, own.text);
    assert_eq!(two.notes(&own.id), ["a"]);

    one.apply(Change::Remove(a));
    one.apply(Change::RemoveDocument(own.clone()));
    one.save().unwrap();
    assert_eq!(stored_ids(&store, &own.id), None);
    assert!(store.keys().unwrap().iter().all(|k| !k.contains(&own.id)));
    let docs: StoredDocuments = serde_json::from_str(&store.get(DOCS).unwrap().unwrap()).unwrap();
    assert!(docs.documents.is_empty());
    assert_eq!(
        load(&Tables, &store, corpus::builtin(), KEEP)
            .workspace
            .documents()
            .len(),
        4
    );
}

#[test]
fn a_full_store_refuses_the_save_and_the_work_stays_until_there_is_room() {
    let store = MemoryStore::new();
    store.set_quota(Some(400));
    let (mut tab, _) = Tab::open(&store);
    let d = builtin_id(2);
    tab.tag(&annotation(
        "a",
        &d,
        0,
        10,
        "a note long enough to fill the store. ".repeat(20).as_str(),
    ));
    tab.tag(&annotation("b", &d, 20, 30, ""));
    tab.meta.annotator = "Ana".into();
    let before = tab.ws.clone();
    // The name fits; the document's annotations do not, and are named.
    let not_kept = StorageProblem::AnnotationsNotKept {
        title: tab.ws.document(&d).unwrap().meta.title.clone(),
        count: 2,
    };
    assert_eq!(tab.save(), Err(vec![not_kept.clone()]));
    assert_eq!(tab.ws, before, "the work in memory is untouched");
    assert_eq!(stored_ids(&store, &d), None);
    assert!(store.used() <= 400);
    assert_eq!(
        load(&Tables, &store, corpus::builtin(), KEEP)
            .meta
            .annotator,
        "Ana"
    );
    // A failed save is tried again in full.
    assert_eq!(tab.save(), Err(vec![not_kept]));
    // With no room even for the name, the store is full, and says so.
    tab.meta.annotator = "Ana María de la Cruz".repeat(20);
    assert_eq!(
        tab.save(),
        Err(vec![StorageProblem::SaveFailed(StoreError::Quota)])
    );
    tab.meta.annotator = "Ana".into();
    store.set_quota(Some(1 << 20));
    assert_eq!(tab.save(), Ok(()));
    assert_eq!(stored_ids(&store, &d).unwrap(), ["a", "b"]);
    let again = load(&Tables, &store, corpus::builtin(), KEEP);
    assert_eq!(again.problems, []);
    assert_eq!(again.workspace, before);
    assert_eq!(again.meta.annotator, "Ana");
}

#[test]
fn a_full_store_mid_save_still_brings_the_other_tabs_work() {
    let store = MemoryStore::new();
    let (mut one, _) = Tab::open(&store);
    let (mut two, _) = Tab::open(&store);
    let (d0, d1) = (builtin_id(0), builtin_id(1));
    one.tag(&annotation("x", &d0, 0, 10, ""));
    one.save().unwrap();
    // Tab two tags d0 (fits) and d1 (too big): the d1 write fails after the d0 merge.
    two.tag(&annotation("y", &d0, 20, 30, ""));
    two.tag(&annotation("big", &d1, 0, 10, &"n".repeat(2000)));
    store.set_quota(Some(store.used() + 300));
    assert_eq!(
        two.save(),
        Err(vec![StorageProblem::AnnotationsNotKept {
            title: two.ws.document(&d1).unwrap().meta.title.clone(),
            count: 1
        }])
    );
    assert_eq!(two.notes(&d0), ["x", "y"], "tab one's x came in");
    assert_eq!(stored_ids(&store, &d0).unwrap(), ["x", "y"]);
    assert_eq!(stored_ids(&store, &d1), None);
}

#[test]
fn failing_writes_are_reported_and_reads_still_load() {
    let store = MemoryStore::new();
    let (mut tab, _) = Tab::open(&store);
    let d = builtin_id(0);
    tab.tag(&annotation("a", &d, 0, 5, ""));
    tab.save().unwrap();
    store.fail_writes(true);
    let (mut other, problems) = Tab::open(&store);
    assert_eq!(problems, [], "a readable store loads though writes fail");
    assert_eq!(other.notes(&d), ["a"]);
    other.tag(&annotation("b", &d, 10, 15, ""));
    let refused = StoreError::Refused("SecurityError".into());
    assert_eq!(other.save(), Err(vec![StorageProblem::SaveFailed(refused)]));
    assert_eq!(other.notes(&d), ["a", "b"]);
    assert_eq!(stored_ids(&store, &d).unwrap(), ["a"]);
    store.fail_writes(false);
    assert_eq!(other.save(), Ok(()));
    assert_eq!(stored_ids(&store, &d).unwrap(), ["a", "b"]);
}

#[test]
fn no_storage_at_load_is_reported_and_the_tab_works_alone() {
    let store = MemoryStore::new();
    store.set_unavailable(true);
    let (mut tab, problems) = Tab::open(&store);
    let none = StoreError::Missing;
    assert_eq!(problems[0], StorageProblem::Unavailable(none.clone()));
    // Each key's read fails too, and says so: meta, documents, four built-ins, orphans,
    // assignments.
    let read_failed: Vec<&str> = problems[1..]
        .iter()
        .map(|p| match p {
            StorageProblem::ReadFailed { key, error } if *error == none => key.as_str(),
            other => panic!("unexpected {other:?}"),
        })
        .collect();
    let d = builtin_id(3);
    assert_eq!(read_failed.len(), 8);
    assert_eq!(read_failed[..2], [META, DOCS]);
    assert_eq!(read_failed[5], annotations_key(&d));
    assert_eq!(read_failed[6..], [ORPHANS, ASSIGNMENTS]);
    assert_eq!(tab.ws.documents().len(), 4);
    tab.tag(&annotation("a", &d, 0, 5, ""));
    assert_eq!(tab.save(), Err(vec![StorageProblem::SaveFailed(none)]));
    tab.incoming();
    assert_eq!(tab.notes(&d), ["a"]);
    assert_eq!(keys_with_prefix(&store, PREFIX), Vec::<String>::new());
    assert_eq!(dump(&store, PREFIX), "{}");
}

#[test]
fn unreadable_and_newer_values_are_kept_aside_and_not_overwritten() {
    let store = MemoryStore::new();
    let (d0, d1, d2) = (builtin_id(0), builtin_id(1), builtin_id(2));
    let broken = r#"{"schema":1,"annotations":[{"id":"x", broken"#;
    let newer = r#"{"schema":2,"annotations":[],"extra":[1,2]}"#;
    store.set(&annotations_key(&d0), broken).unwrap();
    store.set(&annotations_key(&d1), newer).unwrap();
    let (mut tab, problems) = Tab::open(&store);
    let aside0 = format!("discern/aside/discern/v1/ann/{d0}");
    let aside1 = format!("discern/aside/discern/v1/ann/{d1}");
    assert_eq!(problems.len(), 2);
    match &problems[0] {
        StorageProblem::NotLoaded {
            key,
            why: Unreadable::Malformed(e),
            kept: Kept::Aside(at),
        } => {
            assert_eq!(key, &annotations_key(&d0));
            assert_eq!(e.line, 1, "{e:?}");
            assert_eq!(at, &aside0);
        }
        other => panic!("unexpected {other:?}"),
    }
    assert_eq!(
        problems[1],
        StorageProblem::NotLoaded {
            key: annotations_key(&d1),
            why: Unreadable::Newer(2),
            kept: Kept::Aside(aside1.clone()),
        }
    );
    assert_eq!(store.get(&aside0).unwrap().as_deref(), Some(broken));
    assert_eq!(store.get(&aside1).unwrap().as_deref(), Some(newer));
    assert_eq!(tab.notes(&d0), Vec::<String>::new());
    assert_eq!(
        keys_with_prefix(&store, ASIDE_PREFIX),
        [aside0.clone(), aside1.clone()]
    );
    let dumped: serde_json::Value = serde_json::from_str(&dump(&store, ASIDE_PREFIX)).unwrap();
    assert_eq!(dumped[&aside0], broken);
    assert_eq!(dumped[&aside1], newer);

    // Work elsewhere leaves the originals where they are.
    tab.tag(&annotation("a", &d2, 0, 5, ""));
    tab.meta.annotator = "Ana".into();
    tab.save().unwrap();
    assert_eq!(
        store.get(&annotations_key(&d0)).unwrap().as_deref(),
        Some(broken)
    );
    assert_eq!(
        store.get(&annotations_key(&d1)).unwrap().as_deref(),
        Some(newer)
    );
    // Loading again reports them again but copies nothing twice.
    let (_, again) = Tab::open(&store);
    assert_eq!(again, problems);
    assert_eq!(keys_with_prefix(&store, ASIDE_PREFIX).len(), 2);

    // Today, tagging such a document writes its key (the copy aside stays as it was).
    tab.tag(&annotation("b", &d0, 0, 5, ""));
    tab.save().unwrap();
    assert_eq!(stored_ids(&store, &d0).unwrap(), ["b"]);
    assert_eq!(store.get(&aside0).unwrap().as_deref(), Some(broken));
}

#[test]
fn a_different_unreadable_value_gets_its_own_copy() {
    let store = MemoryStore::new();
    let key = annotations_key(&builtin_id(0));
    store.set(&key, "not json").unwrap();
    let _ = load(&Tables, &store, corpus::builtin(), KEEP);
    store.set(&key, "{also not json").unwrap();
    let loaded = load(&Tables, &store, corpus::builtin(), KEEP);
    let second = format!("{ASIDE_PREFIX}{key}#2");
    assert!(matches!(
        &loaded.problems[..],
        [StorageProblem::NotLoaded { kept: Kept::Aside(at), .. }] if *at == second
    ));
    // The first value again: already kept, not copied a third time.
    store.set(&key, "not json").unwrap();
    let loaded = load(&Tables, &store, corpus::builtin(), KEEP);
    let first = format!("{ASIDE_PREFIX}{key}");
    assert!(matches!(
        &loaded.problems[..],
        [StorageProblem::NotLoaded { kept: Kept::Aside(at), .. }] if *at == first
    ));
    let kept = store.entries();
    assert_eq!(kept.get(&first).map(String::as_str), Some("not json"));
    assert_eq!(
        kept.get(&second).map(String::as_str),
        Some("{also not json")
    );
    assert_eq!(keys_with_prefix(&store, ASIDE_PREFIX).len(), 2);
}

#[test]
fn each_reason_a_value_is_not_loaded() {
    let cases = [
        (r#"{"schema":7}"#, Unreadable::Newer(7)),
        (
            r#"{"schema":0,"annotator":"Old"}"#,
            Unreadable::UnknownSchema(0),
        ),
        (
            r#"{"annotator":"None"}"#,
            Unreadable::Malformed(JsonProblem {
                what: JsonWhat::Missing("schema".into()),
                line: 1,
                column: 20,
            }),
        ),
        (
            "[1,2]",
            Unreadable::Malformed(JsonProblem {
                // (serde reads a list as a struct's fields in order.)
                what: JsonWhat::WrongKind {
                    found: JsonKind::WholeNumber,
                    expected: JsonKind::Text,
                },
                line: 1,
                column: 4,
            }),
        ),
    ];
    for (value, reason) in cases {
        let store = MemoryStore::new();
        store.set(META, value).unwrap();
        let loaded = load(&Tables, &store, corpus::builtin(), KEEP);
        let [StorageProblem::NotLoaded { key, why, kept }] = &loaded.problems[..] else {
            panic!("{value}: {:?}", loaded.problems);
        };
        assert_eq!(key, META);
        assert_eq!(kept, &Kept::Aside(format!("{ASIDE_PREFIX}{META}")));
        assert_eq!(why, &reason, "{value}");
        assert_eq!(loaded.meta, Meta::default());
    }
}

#[test]
fn a_value_that_cannot_be_kept_aside_is_never_written_over() {
    let store = MemoryStore::new();
    let d = builtin_id(1);
    let key = annotations_key(&d);
    let broken = "{broken";
    let newer = r#"{"schema":3,"annotator":"Future"}"#;
    store.set(&key, broken).unwrap();
    store.set(META, newer).unwrap();
    store.fail_writes(true);
    let (mut tab, problems) = Tab::open(&store);
    assert!(matches!(
        &problems[..],
        [
            StorageProblem::NotLoaded { key: k1, why: Unreadable::Newer(3), kept: Kept::InPlace },
            StorageProblem::NotLoaded { key: k2, why: Unreadable::Malformed(_), kept: Kept::InPlace },
        ] if k1 == META && *k2 == key
    ));
    assert_eq!(keys_with_prefix(&store, ASIDE_PREFIX), Vec::<String>::new());
    // Writes work again: this tab still never writes over them.
    store.fail_writes(false);
    tab.tag(&annotation("a", &d, 0, 5, ""));
    tab.meta.annotator = "Ana".into();
    assert_eq!(tab.save(), Ok(()));
    assert_eq!(store.get(&key).unwrap().as_deref(), Some(broken));
    assert_eq!(store.get(META).unwrap().as_deref(), Some(newer));
    assert_eq!(tab.notes(&d), ["a"], "the work stays in the tab");
    // Nor when the annotation goes again (which would remove the key).
    let a = tab.ws.annotation("a").unwrap().clone();
    tab.apply(Change::Remove(a));
    assert_eq!(tab.save(), Ok(()));
    assert_eq!(store.get(&key).unwrap().as_deref(), Some(broken));
}

#[test]
fn a_saved_annotation_that_breaks_the_rules_is_reported() {
    let store = MemoryStore::new();
    let d = builtin_id(0);
    let len = corpus::builtin()[0].len();
    let stored = StoredAnnotations {
        schema: SCHEMA,
        annotations: vec![
            (*annotation("ok", &d, 0, 5, "")).clone(),
            (*annotation("long", &d, 0, len + 1, "")).clone(),
            (*annotation("twice", &d, 0, 5, "")).clone(),
        ],
    };
    store.set(&annotations_key(&d), &to_json(&stored)).unwrap();
    let loaded = load(&Tables, &store, corpus::builtin(), KEEP);
    assert_eq!(
        loaded.problems,
        [
            StorageProblem::AnnotationRefused {
                id: "long".into(),
                refusal: ChangeError::OutOfRange { end: len + 1, len },
            },
            StorageProblem::AnnotationRefused {
                id: "twice".into(),
                refusal: ChangeError::Duplicate(Label::Claim),
            },
            StorageProblem::PartlyLoaded {
                key: annotations_key(&d),
                kept: Kept::Aside(format!("{ASIDE_PREFIX}{}", annotations_key(&d))),
            },
        ]
    );
    let ids: Vec<String> = loaded
        .workspace
        .annotations(&d)
        .iter()
        .map(|a| a.id.clone())
        .collect();
    assert_eq!(ids, ["ok"]);
}

#[test]
fn a_cleared_store_is_written_again_in_full_not_taken_as_deletions() {
    let store = MemoryStore::new();
    let (mut one, _) = Tab::open(&store);
    let (mut two, _) = Tab::open(&store);
    let own = own_document();
    let d = builtin_id(1);
    one.apply(Change::AddDocument(own.clone()));
    one.tag(&annotation("a", &own.id, 0, 6, ""));
    one.tag(&annotation("b", &d, 0, 6, ""));
    one.apply(Change::AddOrphan(orphan()));
    one.meta.annotator = "Ana".into();
    one.save().unwrap();
    two.incoming();
    let before = store.entries();
    // Another tab clears everything: both tabs keep their work and say so.
    for k in store.keys().unwrap() {
        store.remove(&k).unwrap();
    }
    assert!(one.incoming(), "the clear is seen");
    assert_eq!(one.notes(&d), ["b"]);
    assert_eq!(one.notes(&own.id), ["a"]);
    assert_eq!(one.save(), Ok(()));
    let but_meta = |mut entries: BTreeMap<String, String>| {
        entries.remove(META);
        entries
    };
    assert_eq!(
        but_meta(store.entries()),
        but_meta(before),
        "everything is written again"
    );
    assert!(store.get(META).unwrap().unwrap().contains("Ana"));
    assert!(
        two.incoming(),
        "the other tab sees it too, and loses nothing"
    );
    assert_eq!(two.notes(&d), ["b"]);
    // Cleared while a change was waiting: the save sees it and writes everything.
    for k in store.keys().unwrap() {
        store.remove(&k).unwrap();
    }
    two.tag(&annotation("c", &d, 10, 16, ""));
    assert_eq!(two.save(), Ok(()));
    assert_eq!(stored_ids(&store, &d).unwrap(), ["b", "c"]);
    assert_eq!(stored_ids(&store, &own.id).unwrap(), ["a"]);
    let again = load(&Tables, &store, corpus::builtin(), KEEP);
    assert_eq!(again.workspace, two.ws);
    assert_eq!(
        again.meta,
        Meta {
            annotator: "Ana".into(),
            ..two.meta.clone()
        },
        "the name the store held before, which this tab never changed"
    );
}

/// Tab one's reader types a name after tab two opened (tab two still holds none); tab
/// two clears the store; each tab hears of the other's writes in the order `two_first`
/// says, and writes everything again when it finds the store cleared.
fn clear_after_a_name(two_first: bool) -> (Tab, Tab, MemoryStore) {
    let store = MemoryStore::new();
    let (mut one, _) = Tab::open(&store);
    let d = builtin_id(1);
    one.tag(&annotation("a", &d, 0, 6, ""));
    one.save().unwrap();
    let (mut two, _) = Tab::open(&store);
    two.save().unwrap();
    one.meta.annotator = "Keeper".into();
    one.save().unwrap();
    two.incoming();
    assert_eq!(two.meta.annotator, "", "the other tab keeps its own");
    for k in store.keys().unwrap() {
        store.remove(&k).unwrap();
    }
    // What `AutoSave::other_tab_wrote` does on hearing of another tab's write.
    let hear = |tab: &mut Tab| {
        if tab.incoming() {
            tab.save().unwrap();
        }
    };
    if two_first {
        // Tab two finds the store empty (it heard of tab one's first write before the
        // meta reached it) and writes all it holds first; tab one hears of that.
        hear(&mut two);
        hear(&mut one);
    } else {
        // Tab one writes everything again; tab two hears of it once it is all written.
        hear(&mut one);
        hear(&mut two);
    }
    hear(&mut one);
    hear(&mut two);
    (one, two, store)
}

#[test]
fn a_cleared_store_keeps_the_name_whichever_tab_writes_it_again_first() {
    for two_first in [false, true] {
        let (one, mut two, store) = clear_after_a_name(two_first);
        let again = load(&Tables, &store, corpus::builtin(), KEEP);
        assert_eq!(again.meta.annotator, "Keeper", "two_first: {two_first}");
        assert_eq!(again.workspace, one.ws);
        assert_eq!(again.workspace, two.ws);
        // A change of its own later in the tab that kept no name writes that change
        // only: the name stays.
        two.meta.open = Some(builtin_id(2));
        two.save().unwrap();
        let again = load(&Tables, &store, corpus::builtin(), KEEP);
        assert_eq!(again.meta.annotator, "Keeper");
        assert_eq!(again.meta.open, Some(builtin_id(2)));
    }
}

#[test]
fn a_document_too_big_to_store_blocks_nothing_else() {
    let store = MemoryStore::new();
    let (mut tab, _) = Tab::open(&store);
    let small = own_document();
    let big = Rc::new(Document::new(
        &Tables,
        DocumentMeta {
            title: "Huge".into(),
            ..DocumentMeta::default()
        },
        &"word ".repeat(400),
        false,
    ));
    store.set_quota(Some(1500));
    tab.apply(Change::AddDocument(small.clone()));
    tab.apply(Change::AddDocument(big.clone()));
    tab.tag(&annotation("a", &big.id, 0, 4, ""));
    tab.tag(&annotation("b", &builtin_id(0), 0, 4, ""));
    tab.meta.annotator = "Ana".into();
    let not_kept = StorageProblem::DocumentNotKept {
        title: "Huge".into(),
        chars: 2000,
    };
    assert_eq!(tab.save(), Err(vec![not_kept.clone()]));
    // Said at every save while it is here, never tried again, and nothing else waits.
    assert_eq!(tab.save(), Err(vec![not_kept]));
    let again = load(&Tables, &store, corpus::builtin(), KEEP);
    assert_eq!(again.problems, []);
    assert_eq!(again.workspace.documents().len(), 5);
    assert!(again.workspace.document(&small.id).is_some());
    assert_eq!(again.workspace.annotations(&builtin_id(0)).len(), 1);
    assert_eq!(again.meta.annotator, "Ana");
    assert_eq!(
        stored_ids(&store, &big.id).unwrap(),
        ["a"],
        "its tags are kept"
    );
    // Once it is removed, nothing more is said.
    let a = tab.ws.annotation("a").unwrap().clone();
    tab.apply(Change::Remove(a));
    tab.apply(Change::RemoveDocument(big));
    assert_eq!(tab.save(), Ok(()));
}

#[test]
fn a_value_partly_refused_is_kept_aside_and_its_refused_part_never_comes_back() {
    let store = MemoryStore::new();
    let (d0, d1) = (builtin_id(0), builtin_id(1));
    let list = |items: Vec<Rc<Annotation>>| {
        to_json(&StoredAnnotations {
            schema: SCHEMA,
            annotations: items.iter().map(|a| (**a).clone()).collect(),
        })
    };
    let first = list(vec![
        annotation("good", &d0, 0, 5, ""),
        annotation("backwards", &d0, 20, 10, ""),
    ]);
    let second = list(vec![
        annotation("good", &d1, 30, 40, ""),
        annotation("fine", &d1, 50, 60, ""),
    ]);
    store.set(&annotations_key(&d0), &first).unwrap();
    store.set(&annotations_key(&d1), &second).unwrap();
    let (mut tab, problems) = Tab::open(&store);
    let aside = |d: &str| format!("{ASIDE_PREFIX}{}", annotations_key(d));
    assert_eq!(
        problems,
        [
            StorageProblem::AnnotationRefused {
                id: "backwards".into(),
                refusal: ChangeError::Empty,
            },
            StorageProblem::PartlyLoaded {
                key: annotations_key(&d0),
                kept: Kept::Aside(aside(&d0)),
            },
            StorageProblem::AnnotationRefused {
                id: "good".into(),
                refusal: ChangeError::IdTaken("good".into()),
            },
            StorageProblem::PartlyLoaded {
                key: annotations_key(&d1),
                kept: Kept::Aside(aside(&d1)),
            },
        ]
    );
    assert_eq!(store.get(&aside(&d0)).unwrap(), Some(first.clone()));
    assert_eq!(store.get(&aside(&d1)).unwrap(), Some(second.clone()));
    // The next saves write what was taken in, once per id; the copies stay.
    tab.tag(&annotation("new", &d1, 70, 80, ""));
    tab.save().unwrap();
    tab.incoming();
    tab.save().unwrap();
    assert_eq!(stored_ids(&store, &d1).unwrap(), ["fine", "new"]);
    assert_eq!(tab.notes(&d1), ["fine", "new"]);
    assert_eq!(tab.ws.annotation("good").unwrap().document, d0);
    assert_eq!(store.get(&aside(&d1)).unwrap(), Some(second));
    assert_eq!(
        load(&Tables, &store, corpus::builtin(), KEEP).workspace,
        tab.ws
    );
    // Copying aside impossible: the key is never written over.
    let store = MemoryStore::new();
    store.set(&annotations_key(&d0), &first).unwrap();
    store.fail_writes(true);
    let (mut tab, problems) = Tab::open(&store);
    assert_eq!(
        problems[1],
        StorageProblem::PartlyLoaded {
            key: annotations_key(&d0),
            kept: Kept::InPlace,
        }
    );
    store.fail_writes(false);
    tab.tag(&annotation("more", &d0, 30, 35, ""));
    assert_eq!(tab.save(), Ok(()));
    assert_eq!(store.get(&annotations_key(&d0)).unwrap(), Some(first));
}

#[test]
fn the_memory_store_counts_its_quota_and_shares_its_data() {
    let store = MemoryStore::new();
    let other_tab = store.clone();
    store.set_quota(Some(10));
    assert_eq!(store.set("ab", "cdef"), Ok(()));
    assert_eq!(other_tab.get("ab"), Ok(Some("cdef".into())));
    assert_eq!(other_tab.used(), 6);
    assert_eq!(store.set("gh", "ijk"), Err(StoreError::Quota));
    assert_eq!(
        store.set("ab", "cdefghij"),
        Ok(()),
        "a replaced value is not counted twice"
    );
    assert_eq!(store.set("ab", "cdefghijk"), Err(StoreError::Quota));
    assert_eq!(
        store.get("ab"),
        Ok(Some("cdefghij".into())),
        "a refused set changes nothing"
    );
    store.fail_writes(true);
    let refused = Err(StoreError::Refused("SecurityError".into()));
    assert_eq!(store.remove("ab"), refused);
    assert_eq!(store.keys(), Ok(vec!["ab".to_string()]));
    store.set_unavailable(true);
    let none = StoreError::Missing;
    assert_eq!(other_tab.get("ab"), Err(none.clone()));
    assert_eq!(other_tab.keys(), Err(none));
    store.set_unavailable(false);
    store.fail_writes(false);
    assert_eq!(store.remove("ab"), Ok(()));
    assert_eq!(other_tab.entries(), BTreeMap::new());
}

/// A compare set of `files` files of `spans` spans each, the second file the key, and a
/// key being built with two decisions.
fn compare_set(files: usize, spans: usize) -> (CompareSet, KeyDraft) {
    use crate::key::{groups, Group};
    let mut set = CompareSet::default();
    let docs = [builtin_id(0), builtin_id(1)];
    for f in 0..files {
        let list = (0..spans)
            .map(|i| {
                let span = Span {
                    doc: docs[i % 2].clone(),
                    label: Label::ALL[i % 3],
                    start: i * 10 + f,
                    end: i * 10 + f + 8,
                };
                (span, format!("note {f}/{i}: “quoted”, \\ and\na line"))
            })
            .collect();
        set.add(format!("Student {f}"), &format!("s{f}.json"), list);
    }
    set.key = Some(1.min(files.saturating_sub(1)));
    let mut draft = KeyDraft::default();
    draft.open = true;
    draft.set_threshold(30);
    if files <= 3 {
        let (chosen, _) = crate::key::chosen(&set, None);
        let g: Vec<Group> = groups(&chosen);
        draft.decide(&g[0], Some(Decision::Reject));
        draft.decide(&g[1], Some(Decision::Relabel(Label::Opinion)));
    }
    (set, draft)
}

#[test]
fn the_compare_set_and_the_key_being_built_come_back_as_they_were() {
    let store = MemoryStore::new();
    let (set, draft) = compare_set(3, 5);
    save_compare(&store, &set, &draft).unwrap();
    let loaded = load_compare(&store);
    assert!(loaded.problems.is_empty() && !loaded.blocked);
    assert_eq!(loaded.set, set);
    assert_eq!(loaded.draft.settled, draft.settled);
    assert!(loaded.draft.open);
    // Nothing to keep: the key goes.
    save_compare(&store, &CompareSet::default(), &KeyDraft::default()).unwrap();
    assert_eq!(store.get(COMPARE).unwrap(), None);
    let loaded = load_compare(&store);
    assert!(loaded.set.files.is_empty() && loaded.problems.is_empty());
}

#[test]
fn an_unreadable_compare_set_is_kept_aside_and_one_that_cannot_be_is_never_written() {
    let store = MemoryStore::new();
    store.set(COMPARE, "{\"schema\":1,\"files\":7}").unwrap();
    let loaded = load_compare(&store);
    assert!(loaded.set.files.is_empty() && !loaded.blocked);
    assert!(matches!(
        &loaded.problems[..],
        [StorageProblem::NotLoaded {
            kept: Kept::Aside(_),
            ..
        }]
    ));
    assert_eq!(
        store
            .get(&format!("{ASIDE_PREFIX}{COMPARE}"))
            .unwrap()
            .as_deref(),
        Some("{\"schema\":1,\"files\":7}")
    );
    // A newer Discern's set that cannot be copied aside (no room): left alone.
    store.set(COMPARE, "{\"schema\":2}").unwrap();
    store.set_quota(Some(store.used()));
    let loaded = load_compare(&store);
    assert!(loaded.blocked);
    assert_eq!(
        store.get(COMPARE).unwrap().as_deref(),
        Some("{\"schema\":2}")
    );
}

#[test]
fn a_compare_set_too_large_or_with_no_room_is_not_kept_and_an_old_one_goes() {
    let store = MemoryStore::new();
    let (small, draft) = compare_set(2, 3);
    save_compare(&store, &small, &draft).unwrap();
    // Past the bound: not written, and the small one stored before is removed, so that a
    // reload does not bring back a set that is not this one.
    let (large, _) = compare_set(200, 200);
    match save_compare(&store, &large, &draft) {
        Err(CompareNotKept::TooLarge {
            files: 200,
            chars,
            full: false,
        }) => {
            assert!(chars > COMPARE_MAX_CHARS)
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(store.get(COMPARE).unwrap(), None);
    // No room: the same, and the work's keys are untouched.
    store.set(META, "{}").unwrap();
    store.set_quota(Some(store.used() + 100));
    assert!(matches!(
        save_compare(&store, &small, &draft),
        Err(CompareNotKept::TooLarge { full: true, .. })
    ));
    assert_eq!(store.get(COMPARE).unwrap(), None);
    assert_eq!(store.get(META).unwrap().as_deref(), Some("{}"));
}
