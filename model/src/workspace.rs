//! The workspace: every document and every annotation, and the rules a change must keep
//! (a span lies inside its text, is not empty, and the same range is not tagged with the same
//! label twice). All edits are [`Change`]s, so that each one can be undone exactly.

use crate::annotation::{Annotation, Label};
use crate::assignment::file::{AssignmentFile, Guidelines};
use crate::document::Document;
use crate::formats::native::Exported;
use crate::formats::side_by_side::{self, Second};
use serde::de::MapAccess;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::collections::{HashMap, HashSet};
use std::rc::Rc;

/// One reversible edit of the workspace.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Change {
    Add(Rc<Annotation>),
    Remove(Rc<Annotation>),
    Update {
        before: Rc<Annotation>,
        after: Rc<Annotation>,
    },
    AddDocument(Rc<Document>),
    RemoveDocument(Rc<Document>),
    AddOrphan(Rc<Orphan>),
    RemoveOrphan(Rc<Orphan>),
    /// An assignment opened (its documents are added to the library by changes of their own).
    OpenAssignment(Rc<AssignmentFile>),
    /// An assignment closed; its documents and the work on them stay.
    CloseAssignment(Rc<AssignmentFile>),
}

/// An imported annotation that could not be placed in any text here: kept as the file gave
/// it (the annotation record and its quote), listed, and exported again as it came, never
/// dropped. Stored as the exported annotation with `source_file` beside it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Orphan {
    pub exported: Exported,
    /// The file it came from.
    pub source_file: String,
}

/// The file an orphan came from, beside its annotation.
#[derive(Default, Serialize)]
struct SourceFile {
    source_file: String,
}

impl Second for SourceFile {
    const FIELDS: &'static [&'static str] = &["source_file"];

    fn take<'de, A: MapAccess<'de>>(&mut self, _: &str, map: &mut A) -> Result<(), A::Error> {
        self.source_file = map.next_value::<Option<String>>()?.unwrap_or_default();
        Ok(())
    }
}

impl Serialize for Orphan {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let file = SourceFile {
            source_file: self.source_file.clone(),
        };
        side_by_side::serialize("Orphan", &self.exported, &file, serializer)
    }
}

impl<'de> Deserialize<'de> for Orphan {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let (exported, file) = side_by_side::deserialize::<D, Exported, SourceFile>(deserializer)?;
        Ok(Orphan {
            exported,
            source_file: file.source_file,
        })
    }
}

impl Orphan {
    /// Its id, as the file gave it.
    pub fn id(&self) -> &str {
        &self.exported.annotation.id
    }

    /// Whether `other` is the same annotation: the same document, range, label, quote,
    /// context, note, speaker and annotator, whatever its id, its times and whichever file it
    /// came in.
    pub fn same_content(&self, other: &Orphan) -> bool {
        let (a, b) = (&self.exported.annotation, &other.exported.annotation);
        a.document == b.document
            && a.label == b.label
            && a.start == b.start
            && a.end == b.end
            && a.note == b.note
            && a.speaker == b.speaker
            && a.annotator == b.annotator
            && self.exported.quote == other.exported.quote
    }
}

impl Change {
    /// The change that undoes this one.
    pub fn inverse(&self) -> Change {
        match self {
            Change::Add(a) => Change::Remove(a.clone()),
            Change::Remove(a) => Change::Add(a.clone()),
            Change::Update { before, after } => Change::Update {
                before: after.clone(),
                after: before.clone(),
            },
            Change::AddDocument(d) => Change::RemoveDocument(d.clone()),
            Change::RemoveDocument(d) => Change::AddDocument(d.clone()),
            Change::AddOrphan(o) => Change::RemoveOrphan(o.clone()),
            Change::RemoveOrphan(o) => Change::AddOrphan(o.clone()),
            Change::OpenAssignment(a) => Change::CloseAssignment(a.clone()),
            Change::CloseAssignment(a) => Change::OpenAssignment(a.clone()),
        }
    }
}

/// Why a change was refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ChangeError {
    UnknownDocument(String),
    Empty,
    OutOfRange {
        end: usize,
        len: usize,
    },
    Duplicate(Label),
    /// Another annotation has this id.
    IdTaken(String),
    NotFound(String),
    DocumentExists(String),
    DocumentHasAnnotations(String),
    /// An assignment with this id is open already.
    AssignmentOpen(String),
}

/// Annotations of one document, in text order.
pub type AnnotationList = Rc<Vec<Rc<Annotation>>>;

/// Every document and annotation.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Workspace {
    documents: Vec<Rc<Document>>,
    /// Each document's annotations, by its id: looked up, never walked (the order of
    /// anything shown or written is the documents' order).
    annotations: HashMap<String, AnnotationList>,
    orphans: Vec<Rc<Orphan>>,
    /// The open assignments, in the order they were opened, each without its documents'
    /// texts (the documents are in the library).
    assignments: Vec<Rc<AssignmentFile>>,
}

impl Workspace {
    /// A workspace holding `documents` and no annotations.
    pub fn new(documents: Vec<Document>) -> Self {
        Workspace {
            documents: documents.into_iter().map(Rc::new).collect(),
            ..Workspace::default()
        }
    }

    /// The documents, built-in first.
    pub fn documents(&self) -> &[Rc<Document>] {
        &self.documents
    }

    /// The same documents with no annotations.
    pub fn documents_only(&self) -> Workspace {
        Workspace {
            documents: self.documents.clone(),
            ..Workspace::default()
        }
    }

    /// Imported annotations that could not be placed.
    pub fn orphans(&self) -> &[Rc<Orphan>] {
        &self.orphans
    }

    /// The open assignments, in the order they were opened.
    pub fn assignments(&self) -> &[Rc<AssignmentFile>] {
        &self.assignments
    }

    /// The open assignment with id `id`.
    pub fn assignment(&self, id: &str) -> Option<&Rc<AssignmentFile>> {
        self.assignments.iter().find(|a| a.id == id)
    }

    /// The open assignment that sets document `doc`: the first that practises on it, else the
    /// first that lists it.
    pub fn assignment_of(&self, doc: &str) -> Option<&Rc<AssignmentFile>> {
        let mut sets = self
            .assignments
            .iter()
            .filter(|a| a.documents.iter().any(|d| d.id == doc));
        let first = sets.clone().next();
        sets.find(|a| a.is_practice(doc)).or(first)
    }

    /// What each label means to a reader of document `doc`, when its assignment says; else
    /// the reader is shown Discern's own, in the reader's language
    /// (`messages::guidelines_of`).
    pub fn guidelines_of(&self, doc: &str) -> Option<&Guidelines> {
        self.assignment_of(doc).and_then(|a| a.guidelines.as_ref())
    }

    /// Replaces the open assignments with `list` (merged with another tab's); whether that
    /// changed them.
    pub fn set_assignments(&mut self, list: Vec<Rc<AssignmentFile>>) -> bool {
        let changed = self.assignments != list;
        self.assignments = list;
        changed
    }

    /// Replaces the annotations of document `doc` wholesale (another tab's merged work).
    /// Annotations that break the rules (outside the text, empty) are left out.
    pub fn replace_annotations(&mut self, doc: &str, list: Vec<Rc<Annotation>>) {
        let len = self.document(doc).map_or(0, |d| d.len());
        let mut list: Vec<Rc<Annotation>> = list
            .into_iter()
            .filter(|a| a.document == doc && a.start < a.end && a.end <= len)
            .collect();
        Annotation::sort_in_text_order(&mut list);
        if list.is_empty() {
            self.annotations.remove(doc);
        } else {
            self.annotations.insert(doc.to_string(), Rc::new(list));
        }
    }

    /// The document with id `id`.
    pub fn document(&self, id: &str) -> Option<&Rc<Document>> {
        self.documents.iter().find(|d| d.id == id)
    }

    /// The annotations of document `doc`, in text order (shared, cheap to clone).
    pub fn annotations(&self, doc: &str) -> AnnotationList {
        self.annotations.get(doc).cloned().unwrap_or_default()
    }

    /// Every annotation of every document.
    pub fn all_annotations(&self) -> impl Iterator<Item = &Rc<Annotation>> {
        self.documents
            .iter()
            .filter_map(|d| self.annotations.get(&d.id))
            .flat_map(|list| list.iter())
    }

    /// The annotation with id `id`.
    pub fn annotation(&self, id: &str) -> Option<&Rc<Annotation>> {
        self.all_annotations().find(|a| a.id == id)
    }

    /// How many annotations of each label document `doc` has (claim, quote, opinion).
    pub fn counts(&self, doc: &str) -> [usize; 3] {
        let mut counts = [0; 3];
        for a in self.annotations(doc).iter() {
            counts[a.label as usize] += 1;
        }
        counts
    }

    /// How many code points of document `doc` lie inside at least one annotation.
    pub fn tagged_len(&self, doc: &str) -> usize {
        let list = self.annotations(doc);
        let (mut covered, mut reach) = (0usize, 0usize);
        for a in list.iter() {
            let start = a.start.max(reach);
            if a.end > start {
                covered += a.end - start;
            }
            reach = reach.max(a.end);
        }
        covered
    }

    /// Whether the document of `ann` already has its range with its label (a binary search:
    /// text order puts equal tags side by side).
    pub fn has_tag(&self, ann: &Annotation) -> bool {
        let Some(list) = self.annotations.get(&ann.document) else {
            return false;
        };
        let key = |a: &Annotation| (a.start, std::cmp::Reverse(a.end), a.label);
        let at = list.partition_point(|o| key(o) < key(ann));
        list.get(at).is_some_and(|o| o.same_tag(ann))
    }

    /// Checks that the span of `ann` is non-empty and inside a document here.
    fn check_span(&self, ann: &Annotation) -> Result<(), ChangeError> {
        let doc = self
            .document(&ann.document)
            .ok_or_else(|| ChangeError::UnknownDocument(ann.document.clone()))?;
        if ann.start >= ann.end {
            return Err(ChangeError::Empty);
        }
        if ann.end > doc.len() {
            return Err(ChangeError::OutOfRange {
                end: ann.end,
                len: doc.len(),
            });
        }
        Ok(())
    }

    /// Checks that `ann` could be added.
    pub fn check_new(&self, ann: &Annotation) -> Result<(), ChangeError> {
        self.check_span(ann)?;
        if self.has_tag(ann) {
            return Err(ChangeError::Duplicate(ann.label));
        }
        Ok(())
    }

    /// Applies one change, or leaves the workspace as it was.
    pub fn apply(&mut self, change: &Change) -> Result<(), ChangeError> {
        match change {
            Change::Add(a) => {
                if self.annotation(&a.id).is_some() {
                    return Err(ChangeError::IdTaken(a.id.clone()));
                }
                self.check_new(a)?;
                self.insert(a.clone());
            }
            Change::Remove(a) => {
                self.take(&a.document, &a.id)?;
            }
            Change::Update { before, after } => {
                if after.start >= after.end {
                    return Err(ChangeError::Empty);
                }
                let list = self.annotations(&before.document);
                if list.iter().any(|o| o.id != before.id && o.same_tag(after)) {
                    return Err(ChangeError::Duplicate(after.label));
                }
                self.take(&before.document, &before.id)?;
                self.insert(after.clone());
            }
            Change::AddDocument(d) => {
                if self.document(&d.id).is_some() {
                    return Err(ChangeError::DocumentExists(d.id.clone()));
                }
                self.documents.push(d.clone());
            }
            Change::AddOrphan(o) => {
                if !self.orphans.iter().any(|x| x.same_content(o)) {
                    self.orphans.push(o.clone());
                }
            }
            Change::RemoveOrphan(o) => {
                self.orphans
                    .retain(|x| !(x.id() == o.id() && x.source_file == o.source_file));
            }
            Change::OpenAssignment(a) => {
                if self.assignment(&a.id).is_some() {
                    return Err(ChangeError::AssignmentOpen(a.id.clone()));
                }
                self.assignments.push(a.clone());
            }
            Change::CloseAssignment(a) => {
                let before = self.assignments.len();
                self.assignments.retain(|x| x.id != a.id);
                if self.assignments.len() == before {
                    return Err(ChangeError::NotFound(a.id.clone()));
                }
            }
            Change::RemoveDocument(d) => {
                if !self.annotations(&d.id).is_empty() {
                    return Err(ChangeError::DocumentHasAnnotations(d.id.clone()));
                }
                let before = self.documents.len();
                self.documents.retain(|x| x.id != d.id);
                if self.documents.len() == before {
                    return Err(ChangeError::UnknownDocument(d.id.clone()));
                }
            }
        }
        Ok(())
    }

    /// Applies a batch of changes: all of them, or (on the first refusal) none.
    pub fn apply_all(&mut self, changes: &[Change]) -> Result<(), ChangeError> {
        let mut next = self.clone();
        let mut rest = changes;
        while let Some(first) = rest.first() {
            // A run of adds, or of removes (an import, its undo), is applied at once, in
            // n log n; anything else one change at a time.
            let run = match first {
                Change::Add(_) => rest
                    .iter()
                    .take_while(|c| matches!(c, Change::Add(_)))
                    .count(),
                Change::Remove(_) => rest
                    .iter()
                    .take_while(|c| matches!(c, Change::Remove(_)))
                    .count(),
                _ => 1,
            };
            let (now, later) = rest.split_at(run);
            match first {
                Change::Add(_) if run > 1 => next.add_all(now)?,
                Change::Remove(_) if run > 1 => next.remove_all(now)?,
                c => next.apply(c)?,
            }
            rest = later;
        }
        *self = next;
        Ok(())
    }

    /// Applies a run of `Change::Add`s with the checks of [`Workspace::apply`]: each id new,
    /// each span inside its text and not a tag already there (or earlier in the run). The
    /// run is refused with the first problem found: ids and ranges first, then tags.
    fn add_all(&mut self, adds: &[Change]) -> Result<(), ChangeError> {
        let adds: Vec<&Rc<Annotation>> = adds
            .iter()
            .filter_map(|c| match c {
                Change::Add(a) => Some(a),
                _ => None,
            })
            .collect();
        {
            let mut ids: HashSet<&str> = self.all_annotations().map(|a| a.id.as_str()).collect();
            for a in &adds {
                if !ids.insert(a.id.as_str()) {
                    return Err(ChangeError::IdTaken(a.id.clone()));
                }
                self.check_span(a)?;
            }
        }
        let mut touched: Vec<&str> = Vec::new();
        for a in &adds {
            let list = Rc::make_mut(self.annotations.entry(a.document.clone()).or_default());
            list.push(Rc::clone(a));
            if !touched.contains(&a.document.as_str()) {
                touched.push(&a.document);
            }
        }
        // Text order puts the same range and label side by side.
        for doc in touched {
            if let Some(list) = self.annotations.get_mut(doc) {
                let list = Rc::make_mut(list);
                Annotation::sort_in_text_order(list);
                if let Some(w) = list.windows(2).find(|w| w[0].same_tag(&w[1])) {
                    return Err(ChangeError::Duplicate(w[0].label));
                }
            }
        }
        Ok(())
    }

    /// Applies a run of `Change::Remove`s: each one must be in its document (once).
    fn remove_all(&mut self, removes: &[Change]) -> Result<(), ChangeError> {
        let mut wanted: HashSet<&str> = HashSet::new();
        let mut touched: Vec<&str> = Vec::new();
        for c in removes {
            if let Change::Remove(a) = c {
                if !wanted.insert(&a.id) {
                    return Err(ChangeError::NotFound(a.id.clone()));
                }
                if !touched.contains(&a.document.as_str()) {
                    touched.push(&a.document);
                }
            }
        }
        let mut found: HashSet<&str> = HashSet::new();
        for doc in touched {
            let Some(list) = self.annotations.get_mut(doc) else {
                continue;
            };
            Rc::make_mut(list).retain(|a| match wanted.get(a.id.as_str()) {
                Some(id) if a.document == doc => {
                    found.insert(id);
                    false
                }
                _ => true,
            });
            if list.is_empty() {
                self.annotations.remove(doc);
            }
        }
        match wanted.into_iter().find(|id| !found.contains(id)) {
            Some(id) => Err(ChangeError::NotFound(id.to_string())),
            None => Ok(()),
        }
    }

    fn insert(&mut self, a: Rc<Annotation>) {
        let list = Rc::make_mut(self.annotations.entry(a.document.clone()).or_default());
        let at = list.partition_point(|o| o.order_key() < a.order_key());
        list.insert(at, a);
    }

    fn take(&mut self, doc: &str, id: &str) -> Result<Rc<Annotation>, ChangeError> {
        let missing = || ChangeError::NotFound(id.to_string());
        let entry = self.annotations.get_mut(doc).ok_or_else(missing)?;
        let at = entry.iter().position(|o| o.id == id).ok_or_else(missing)?;
        let taken = Rc::make_mut(entry).remove(at);
        if entry.is_empty() {
            self.annotations.remove(doc);
        }
        Ok(taken)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::DocumentMeta;
    use crate::text::Tables;

    pub(crate) fn ann(id: &str, doc: &str, label: Label, start: usize, end: usize) -> Annotation {
        Annotation {
            annotator: "Ana".into(),
            ..Annotation::new(id, doc, label, start, end)
        }
    }

    fn ws() -> (Workspace, String) {
        let ws = Workspace::new(vec![Document::new(
            &Tables,
            DocumentMeta::default(),
            "Alpha beta gamma delta.",
            true,
        )]);
        let id = ws.documents()[0].id.clone();
        (ws, id)
    }

    #[test]
    fn refuses_duplicates_but_allows_overlap_and_nesting() {
        let (mut w, d) = ws();
        w.apply(&Change::Add(Rc::new(ann("a", &d, Label::Quote, 0, 16))))
            .unwrap();
        w.apply(&Change::Add(Rc::new(ann("b", &d, Label::Claim, 6, 10))))
            .unwrap();
        w.apply(&Change::Add(Rc::new(ann("c", &d, Label::Claim, 0, 16))))
            .unwrap();
        let dup = w.apply(&Change::Add(Rc::new(ann("e", &d, Label::Claim, 6, 10))));
        assert_eq!(dup, Err(ChangeError::Duplicate(Label::Claim)));
        assert_eq!(w.counts(&d), [2, 1, 0]);
        assert_eq!(w.tagged_len(&d), 16);
        let order: Vec<_> = w.annotations(&d).iter().map(|a| a.id.clone()).collect();
        assert_eq!(order, ["c", "a", "b"]);
    }

    #[test]
    fn refuses_bad_ranges() {
        let (mut w, d) = ws();
        let out = w.apply(&Change::Add(Rc::new(ann("a", &d, Label::Quote, 5, 99))));
        assert_eq!(out, Err(ChangeError::OutOfRange { end: 99, len: 23 }));
        let empty = w.apply(&Change::Add(Rc::new(ann("a", &d, Label::Quote, 5, 5))));
        assert_eq!(empty, Err(ChangeError::Empty));
        let unknown = w.apply(&Change::Add(Rc::new(ann("a", "zz", Label::Quote, 1, 2))));
        assert_eq!(unknown, Err(ChangeError::UnknownDocument("zz".into())));
    }

    #[test]
    fn another_tabs_annotations_must_fit_the_text() {
        let (mut w, d) = ws();
        w.replace_annotations(
            &d,
            vec![
                Rc::new(ann("ok", &d, Label::Quote, 0, 5)),
                Rc::new(ann("long", &d, Label::Quote, 0, 99)),
                Rc::new(ann("empty", &d, Label::Quote, 4, 4)),
                Rc::new(ann("elsewhere", "other", Label::Quote, 0, 5)),
            ],
        );
        let ids: Vec<_> = w.annotations(&d).iter().map(|a| a.id.clone()).collect();
        assert_eq!(ids, ["ok"]);
    }

    #[test]
    fn batches_are_all_or_nothing() {
        let (mut w, d) = ws();
        let a = Rc::new(ann("a", &d, Label::Quote, 0, 5));
        let bad = Rc::new(ann("b", &d, Label::Quote, 0, 5));
        let before = w.clone();
        assert!(w
            .apply_all(&[Change::Add(a.clone()), Change::Add(bad)])
            .is_err());
        assert_eq!(w, before);
        w.apply_all(&[Change::Add(a.clone())]).unwrap();
        w.apply(&Change::Add(a.clone()).inverse()).unwrap();
        assert_eq!(w, before);
    }
}
