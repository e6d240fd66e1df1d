//! Planning the import of one file into the workspace: its documents resolved (added when it
//! carries a new text), its annotations checked whole, then each placed: added, already here,
//! re-anchored by its quote, or kept as an orphan. The plan is the changes to apply in one
//! undoable step, and what the file's report says.

use crate::annotation::Annotation;
use crate::document::{Document, DocumentMeta};
use crate::formats::native::Exported;
use crate::import::incoming::Incoming;
use crate::import::reanchor::reanchor;
use crate::import::report::{item, ImportPlan, Item, ItemNote, ItemProblem, OrphanReason, Refusal};
use crate::text::Unicode;
use crate::workspace::{Change, Orphan, Workspace};
use std::collections::HashSet;
use std::rc::Rc;

/// Plans the import of `incoming` (from file `name`) into `ws`: the changes to apply in one
/// undoable step, or why the file changes nothing.
pub fn plan(
    unicode: &dyn Unicode,
    ws: &Workspace,
    name: &str,
    incoming: &Incoming,
) -> Result<ImportPlan, Refusal> {
    let mut planner = Planner::new(unicode, ws, incoming)?;
    for a in &incoming.annotations {
        planner.place(ws, name, a);
    }
    Ok(planner.plan)
}

/// A plan in the making: the file's documents resolved and its annotations checked whole,
/// then placed one by one ([`Planner::place`]), so that a long file can be placed in batches.
pub(crate) struct Planner {
    pub(crate) plan: ImportPlan,
    /// The file's documents by the ids it uses (few: a list, as the library's own are).
    resolved: Vec<(String, Rc<Document>)>,
    /// Every id in the file.
    ids: HashSet<String>,
    /// The ids of the workspace's annotations.
    existing_ids: HashSet<String>,
    /// Ids given to annotations placed from this file.
    taken_ids: HashSet<String>,
    /// A placed tag's document, range and label, as one key.
    taken_tags: HashSet<String>,
    new_orphans: Vec<Rc<Orphan>>,
}

impl Planner {
    /// Resolves the documents of `incoming` (adding those it carries with a new text) and
    /// checks its annotations: each id once, each range ordered and inside its text.
    pub(crate) fn new(
        unicode: &dyn Unicode,
        ws: &Workspace,
        incoming: &Incoming,
    ) -> Result<Self, Refusal> {
        let doc_problem =
            |id: &str, p: ItemProblem| Refusal::Item(Item::Document(id.to_string()), p);
        let mut plan = ImportPlan::default();
        let mut resolved: Vec<(String, Rc<Document>)> = Vec::new();
        let mut new_docs: Vec<Rc<Document>> = Vec::new();
        let mut seen_docs = HashSet::new();
        for d in &incoming.documents {
            if !seen_docs.insert(d.id.as_str()) {
                return Err(doc_problem(&d.id, ItemProblem::AppearsTwice));
            }
            let by_sha = d
                .sha256
                .as_deref()
                .and_then(|h| ws.documents().iter().find(|w| w.sha256 == h));
            let known = ws.document(&d.id).or(by_sha).cloned();
            let doc = match (&d.text, known) {
                (Some(text), known) => {
                    let doc = Document::new(
                        unicode,
                        DocumentMeta {
                            title: d.title.clone(),
                            source: d.source.clone(),
                            ..DocumentMeta::default()
                        },
                        text,
                        false,
                    );
                    if let Some(h) = &d.sha256 {
                        if *h != doc.sha256 {
                            return Err(doc_problem(&d.id, ItemProblem::TextDoesNotMatchSha256));
                        }
                    }
                    if let Some(len) = d.length {
                        if len != doc.len() {
                            let actual = doc.len();
                            let p = ItemProblem::LengthDoesNotMatch {
                                length: len,
                                actual,
                            };
                            return Err(doc_problem(&d.id, p));
                        }
                    }
                    match known.or_else(|| ws.document(&doc.id).cloned()) {
                        Some(k) => k,
                        None => {
                            let doc = Rc::new(doc);
                            if !new_docs.iter().any(|n| n.id == doc.id) {
                                new_docs.push(doc.clone());
                            }
                            doc
                        }
                    }
                }
                (None, Some(k)) => k,
                (None, None) => continue,
            };
            resolved.push((d.id.clone(), doc.clone()));
            if let Some(h) = &d.sha256 {
                resolved.push((format!("sha256:{h}"), doc));
            }
        }
        plan.summary.documents_added = new_docs.len();
        plan.changes
            .extend(new_docs.iter().cloned().map(Change::AddDocument));
        let mut planner = Planner {
            plan,
            resolved,
            ids: HashSet::new(),
            existing_ids: ws.all_annotations().map(|a| a.id.clone()).collect(),
            taken_ids: HashSet::new(),
            taken_tags: HashSet::new(),
            new_orphans: Vec::new(),
        };
        // Annotations: checked whole first, then placed.
        for a in incoming.annotations.iter().map(|e| &e.annotation) {
            if !planner.ids.insert(a.id.clone()) {
                return Err(Refusal::IdUsedTwice(a.id.clone()));
            }
            if a.start > a.end {
                let (start, end) = (a.start, a.end);
                return Err(item(&a.id, ItemProblem::EndsBeforeStart { start, end }));
            }
            if let Some(doc) = planner.find_doc(ws, &a.document) {
                if a.end > doc.len() {
                    let (end, length) = (a.end, doc.len());
                    return Err(item(&a.id, ItemProblem::PastTheEnd { end, length }));
                }
            }
        }
        Ok(planner)
    }

    /// The document a file's annotation names: one the file carries, or one here.
    fn find_doc(&self, ws: &Workspace, id: &str) -> Option<Rc<Document>> {
        self.resolved
            .iter()
            .find(|(known, _)| known == id)
            .map(|(_, doc)| doc.clone())
            .or_else(|| match id.strip_prefix("sha256:") {
                Some(h) => ws.documents().iter().find(|d| d.sha256 == h).cloned(),
                None => ws.document(id).cloned(),
            })
    }

    /// Whether annotation id `id` is taken here or by an annotation placed before.
    fn id_taken(&self, id: &str) -> bool {
        self.existing_ids.contains(id) || self.taken_ids.contains(id)
    }

    /// Places one annotation of file `name` (checked by [`Planner::new`]): added, already
    /// here, re-anchored by its quote, or kept as an orphan.
    pub(crate) fn place(&mut self, ws: &Workspace, name: &str, e: &Exported) {
        let (a, quote) = (&e.annotation, &e.quote);
        let doc = self.find_doc(ws, &a.document);
        let placed = doc.as_ref().and_then(|doc| {
            let here = doc.slice(a.start, a.end);
            let exact = (!quote.text.is_empty()).then_some(&quote.text);
            match exact {
                Some(exact) if a.start < a.end && here == exact => Some((a.start, a.end, false)),
                None if a.start < a.end => Some((a.start, a.end, false)),
                Some(exact) => reanchor(
                    &doc.text,
                    &doc.index,
                    exact,
                    &quote.prefix,
                    &quote.suffix,
                    a.start,
                )
                .map(|(s, e)| (s, e, true)),
                None => None,
            }
        });
        let plan = &mut self.plan;
        let Some(((start, end, moved), doc)) = placed.zip(doc.clone()) else {
            let why = if doc.is_none() {
                OrphanReason::NoDocument
            } else {
                OrphanReason::QuoteNotFound
            };
            let orphan = Orphan {
                exported: e.clone(),
                source_file: name.to_string(),
            };
            // Already kept (from this file or another with the same annotation), or twice
            // in this file: one orphan.
            let kept = |o: &Orphan| o.same_content(&orphan);
            if ws.orphans().iter().any(|o| kept(o)) || self.new_orphans.iter().any(|o| kept(o)) {
                plan.summary.already += 1;
                return;
            }
            plan.summary.notes.push(ItemNote::Orphaned {
                id: a.id.clone(),
                why,
            });
            plan.summary.orphaned += 1;
            let orphan = Rc::new(orphan);
            self.new_orphans.push(orphan.clone());
            plan.changes.push(Change::AddOrphan(orphan));
            return;
        };
        let mut ann = Annotation {
            document: doc.id.clone(),
            start,
            end,
            ..a.clone()
        };
        let tag = format!("{} {start} {end} {}", doc.id, a.label.as_str());
        if ws.has_tag(&ann) || self.taken_tags.contains(&tag) {
            self.plan.summary.already += 1;
            return;
        }
        if self.id_taken(&ann.id) {
            // Another annotation has this id: keep both, the newcomer under a new id.
            let mut n = 2;
            while self.id_taken(&format!("{}~{n}", a.id))
                || self.ids.contains(format!("{}~{n}", a.id).as_str())
            {
                n += 1;
            }
            ann.id = format!("{}~{n}", a.id);
        }
        let plan = &mut self.plan;
        if moved {
            plan.summary.reanchored += 1;
            plan.summary.notes.push(ItemNote::Reanchored {
                id: a.id.clone(),
                from: (a.start, a.end),
                to: (start, end),
            });
        }
        plan.summary.added += 1;
        self.taken_tags.insert(tag);
        self.taken_ids.insert(ann.id.clone());
        plan.changes.push(Change::Add(Rc::new(ann)));
    }
}
