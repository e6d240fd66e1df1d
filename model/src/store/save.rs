//! Saving the work: only what changed since it was last written or read, each key on its
//! own, merged with what another tab wrote meanwhile (the three-way merge of `crate::sync`),
//! a store another tab or the browser cleared written again in full; and taking in what
//! another tab wrote ([`Saver::incoming`]).

use crate::assignment::AssignmentFile;
use crate::document::Document;
use crate::store::backend::{Store, StoreError};
use crate::store::keys::{annotations_key, DOCS, META, ORPHANS, SCHEMA};
use crate::store::problems::StorageProblem;
use crate::store::read::{fitting, read_annotations, sorted};
use crate::store::read::{read, NoValue};
use crate::store::stored::{
    meta_json, to_json, Meta, StoredAnnotations, StoredDocument, StoredDocuments, StoredMeta,
    StoredOrphans,
};
use crate::sync::{merge3, same, FromOtherTab, Incoming};
use crate::text::Unicode;
use crate::workspace::{AnnotationList, Orphan, Workspace};
use std::collections::HashMap;
use std::rc::Rc;

/// Remembers what was last written or read, so that a save writes only what changed and
/// merges with what another tab wrote in between. [`load`] makes it.
#[derive(Debug, Default)]
pub struct Saver {
    /// The stored meta as last written or read; empty when there never was one. Kept when
    /// the store is cleared: what it held, which a cleared store is given back where this tab
    /// changed nothing.
    pub(crate) meta: String,
    /// This tab's own name, preferences and open document as they were when it last saved
    /// (or loaded) them. A field the tab has not changed since is not its to write: the
    /// store's (another tab's, or what the store held before it was cleared) is kept.
    pub(crate) said: Meta,
    /// This tab's id, and how many stores it named: a store it writes to first after it was
    /// emptied is named from both.
    pub(crate) tab: String,
    pub(crate) named: u32,
    /// The id of the store as this tab last saw it in the meta, if it did. Discern never
    /// removes the meta, so when it is gone or names another store, the store was cleared.
    pub(crate) store_id: Option<String>,
    /// This tab wrote annotations while it knew no store.
    pub(crate) unclaimed: bool,
    /// The own documents stored, by id.
    pub(crate) own_docs: Option<Vec<String>>,
    /// Own documents the store had no room for: kept in the tab only, not tried again.
    pub(crate) not_kept: Vec<String>,
    pub(crate) orphans: Option<Vec<Rc<Orphan>>>,
    /// The open assignments as last written or read.
    pub(crate) assignments: Option<Vec<Rc<AssignmentFile>>>,
    pub(crate) base: HashMap<String, AnnotationList>,
    /// Keys that hold data that could not be kept aside: never written over. (Few: a list.)
    pub(crate) blocked: Vec<String>,
    /// Who keeps the open assignments, on the page that keeps them (the assignment page).
    pub(crate) keeping: Option<&'static dyn AssignmentKeeping>,
}

impl Saver {
    pub(crate) fn block(&mut self, key: String) {
        if !self.is_blocked(&key) {
            self.blocked.push(key);
        }
    }

    /// A key whose value could not be copied aside is never written over.
    pub(crate) fn block_unsafe(&mut self, key: &str, read: Option<&NoValue>) {
        if read == Some(&NoValue::Unsafe) {
            self.block(key.to_string());
        }
    }

    pub(crate) fn is_blocked(&self, key: &str) -> bool {
        self.blocked.iter().any(|k| k == key)
    }

    /// Names this tab (an id no other tab has).
    pub fn name_tab(&mut self, tab: String) {
        self.tab = tab;
    }

    /// When the store this tab saw is gone (its meta missing, or naming another store), it
    /// was cleared, by another tab or the browser: that is not the reader deleting their
    /// work. Everything is taken as unsaved, so that the next save writes it all again, and
    /// what another tab wrote since is taken as new.
    /// The meta read is what the store holds from now on, as far as this tab knows.
    fn forget_if_cleared(&mut self, store: &dyn Store, other: &mut FromOtherTab) {
        let now = match store.get(META) {
            Ok(None) => None,
            Ok(Some(raw)) => match serde_json::from_str::<StoredMeta>(&raw) {
                // Written by a newer Discern: never written over by this one.
                Ok(m) if m.schema > SCHEMA => return self.block(META.to_string()),
                Ok(m) => {
                    self.meta = raw;
                    Some(m.store)
                }
                Err(_) => return,
            },
            Err(_) => return,
        };
        // Annotations this tab wrote while it knew no store (no meta could be written or
        // read) are taken as unsaved too: what the store holds now is merged with them, never
        // taken for their deletion.
        if self.unclaimed || self.store_id != now {
            self.base.clear();
        }
        if self.store_id == now {
            return;
        }
        if self.store_id.is_some() {
            self.own_docs = None;
            self.orphans = None;
            // The cleared store holds none: written again as this tab's, not taken as closed.
            self.assignments = Some(Vec::new());
            other.restored = true;
        }
        self.store_id = now;
    }

    /// Writes what changed in `ws` and `meta`, each key on its own: a value that cannot be
    /// stored never keeps the others from being saved. Returns what another tab had written
    /// meanwhile, for the state to take in (also when a write failed, so that the other
    /// tab's work is never mistaken for this tab's deletion), and what went wrong.
    pub fn save(
        &mut self,
        store: &dyn Store,
        ws: &Workspace,
        meta: &Meta,
    ) -> (FromOtherTab, Vec<StorageProblem>) {
        let mut other = FromOtherTab::default();
        self.forget_if_cleared(store, &mut other);
        let mut failed = None;
        let mut wrote = |result: Result<(), StoreError>| match result {
            Ok(()) => true,
            Err(e) => {
                failed.get_or_insert(e);
                false
            }
        };
        if self.own_docs.as_ref() != Some(&own_doc_ids(ws, &self.not_kept))
            && !self.is_blocked(DOCS)
        {
            // The largest document goes first when there is no room for them all.
            loop {
                let own: Vec<&Rc<Document>> = ws
                    .documents()
                    .iter()
                    .filter(|d| !d.builtin && !self.not_kept.contains(&d.id))
                    .collect();
                let docs = StoredDocuments {
                    schema: SCHEMA,
                    documents: own
                        .iter()
                        .map(|d| StoredDocument {
                            meta: d.meta.clone(),
                            text: d.text.to_string(),
                        })
                        .collect(),
                };
                let largest = own.iter().max_by_key(|d| d.text.len());
                match (store.set(DOCS, &to_json(&docs)), largest) {
                    (Err(StoreError::Quota), Some(d)) => self.not_kept.push(d.id.clone()),
                    (result, _) => {
                        if wrote(result) {
                            self.own_docs = Some(own_doc_ids(ws, &self.not_kept));
                        }
                        break;
                    }
                }
            }
        }
        // Documents whose annotations did not fit (title, how many).
        let mut too_big: Vec<(String, usize)> = Vec::new();
        for d in ws.documents() {
            let ours = ws.annotations(&d.id);
            let known = self.base.get(&d.id).cloned();
            if known.is_none() && ours.is_empty() {
                self.take_in_kept(store, d, &mut other);
                continue;
            }
            let mut base = known.unwrap_or_default();
            if Rc::ptr_eq(&ours, &base) || same(&ours, &base) {
                self.base.insert(d.id.clone(), ours);
                continue;
            }
            let key = annotations_key(&d.id);
            if self.is_blocked(&key) {
                continue;
            }
            let mut ignored = Vec::new();
            let theirs = match read_annotations(store, &d.id, &mut ignored) {
                Ok(list) => fitting(list, &d.id, d.len()),
                // While no tab could name the store (it has no meta), a missing key may be a
                // cleared store as well as another tab's deletion: nothing is taken as deleted.
                Err(NoValue::Missing) if self.store_id.is_none() => {
                    base = Rc::default();
                    Vec::new()
                }
                Err(NoValue::Missing) => Vec::new(),
                Err(NoValue::KeptAside) => base.to_vec(),
                Err(NoValue::Unsafe) => {
                    self.block(key);
                    continue;
                }
            };
            let merged = merge3(&base, &ours, &theirs);
            let saved = if merged.is_empty() {
                wrote(store.remove(&key))
            } else {
                let stored = StoredAnnotations {
                    schema: SCHEMA,
                    annotations: merged.iter().map(|a| &**a).collect(),
                };
                match store.set(&key, &to_json(&stored)) {
                    // Reported by name below, unless the store refuses everything.
                    Err(StoreError::Quota) => {
                        too_big.push((d.meta.title.clone(), merged.len()));
                        false
                    }
                    result => wrote(result),
                }
            };
            if !same(&merged, &ours) {
                other.annotations.push(Incoming {
                    document: d.id.clone(),
                    base: ours.to_vec(),
                    theirs: merged.clone(),
                });
            }
            if saved {
                self.base.insert(d.id.clone(), Rc::new(merged));
                self.unclaimed |= self.store_id.is_none();
            }
        }
        // The annotations of documents that were removed go with them.
        let gone: Vec<String> = self
            .base
            .keys()
            .filter(|id| ws.document(id).is_none())
            .cloned()
            .collect();
        for id in gone {
            let key = annotations_key(&id);
            if self.is_blocked(&key) || wrote(store.remove(&key)) {
                self.base.remove(&id);
            }
        }
        let orphans = ws.orphans().to_vec();
        if self.orphans.as_ref() != Some(&orphans) && !self.is_blocked(ORPHANS) {
            let stored = StoredOrphans {
                schema: SCHEMA,
                orphans: orphans.iter().map(|o| (**o).clone()).collect(),
            };
            if wrote(store.set(ORPHANS, &to_json(&stored))) {
                self.orphans = Some(orphans);
            }
        }
        if let Some(k) = self.keeping {
            wrote(k.save(self, store, ws, &mut other));
        }
        let id = self.store_id.clone().unwrap_or_else(|| {
            self.named += 1;
            format!("{}-{}", self.tab, self.named)
        });
        // What this tab changed since it last saved, over what the store holds (or held before
        // it was cleared): a tab that kept an old name (it opened before another tab's reader
        // typed theirs) never writes it back over the new one.
        let held = serde_json::from_str::<StoredMeta>(&self.meta).ok();
        let json = meta_json(&merge_meta(&self.said, meta, held), &id);
        let mut stored = json == self.meta;
        if !stored && !self.is_blocked(META) && wrote(store.set(META, &json)) {
            self.meta = json;
            self.store_id = Some(id);
            self.unclaimed = false;
            stored = true;
        }
        if stored {
            self.said = meta.clone();
        }
        // When nothing else failed, the rest of the work is saved and these are named; when
        // other writes failed too, nothing can be counted on, which the general problem says.
        let mut problems: Vec<StorageProblem> = match failed {
            Some(e) => vec![StorageProblem::SaveFailed(e)],
            None => too_big
                .into_iter()
                .map(|(title, count)| StorageProblem::AnnotationsNotKept { title, count })
                .collect(),
        };
        problems.extend(
            ws.documents()
                .iter()
                .filter(|d| self.not_kept.contains(&d.id))
                .map(|d| StorageProblem::DocumentNotKept {
                    title: d.meta.title.clone(),
                    chars: d.len(),
                }),
        );
        (other, problems)
    }

    /// Takes in what the store holds for `d`, a document this tab has neither read nor saved
    /// and has no annotations on (one added again whose tags were kept while its text could
    /// not be): they arrive as another tab's work would. Nothing is written.
    fn take_in_kept(&mut self, store: &dyn Store, d: &Document, other: &mut FromOtherTab) {
        let mut ignored = Vec::new();
        match read_annotations(store, &d.id, &mut ignored) {
            Ok(list) => {
                let theirs = fitting(list, &d.id, d.len());
                if !theirs.is_empty() {
                    other.annotations.push(Incoming {
                        document: d.id.clone(),
                        base: Vec::new(),
                        theirs: theirs.clone(),
                    });
                }
                self.base.insert(d.id.clone(), Rc::new(theirs));
            }
            Err(NoValue::Missing) => {
                self.base.insert(d.id.clone(), Rc::default());
            }
            // Unreadable: left where it is, as at load.
            Err(_) => {}
        }
    }

    /// Another tab wrote to `store`: what it changed, for the state to merge with its work.
    pub fn incoming(
        &mut self,
        unicode: &dyn Unicode,
        store: &dyn Store,
        ws: &Workspace,
    ) -> FromOtherTab {
        let mut other = FromOtherTab::default();
        self.forget_if_cleared(store, &mut other);
        let mut ignored = Vec::new();
        if let Ok(docs) = read::<StoredDocuments>(store, DOCS, &mut ignored) {
            for d in docs.documents {
                let doc = Document::new(unicode, d.meta, &d.text, false);
                if ws.document(&doc.id).is_none() {
                    other.documents.push(Rc::new(doc));
                }
            }
        }
        if let Some(k) = self.keeping {
            k.incoming(self, store, ws, &mut other);
        }
        let docs: Vec<(String, usize)> = ws
            .documents()
            .iter()
            .chain(&other.documents)
            .map(|d| (d.id.clone(), d.len()))
            .collect();
        for (id, len) in docs {
            let theirs = match read_annotations(store, &id, &mut ignored) {
                Ok(list) => sorted(fitting(list, &id, len)),
                Err(NoValue::Missing) => Vec::new(),
                Err(NoValue::KeptAside) | Err(NoValue::Unsafe) => continue,
            };
            let base = self.base.get(&id).cloned().unwrap_or_default();
            if same(&theirs, &base) {
                continue;
            }
            self.base.insert(id.clone(), Rc::new(theirs.clone()));
            other.annotations.push(Incoming {
                document: id,
                base: base.to_vec(),
                theirs,
            });
        }
        other
    }
}

fn merge_meta(said: &Meta, ours: &Meta, held: Option<StoredMeta>) -> Meta {
    let Some(held) = held else {
        return ours.clone();
    };
    let mut merged = Meta {
        annotator: held.annotator,
        prefs: held.prefs,
        open: held.open,
    };
    if ours.annotator != said.annotator {
        merged.annotator.clone_from(&ours.annotator);
    }
    if ours.prefs != said.prefs {
        merged.prefs = ours.prefs.clone();
    }
    if ours.open != said.open {
        merged.open.clone_from(&ours.open);
    }
    merged
}

pub(crate) fn own_doc_ids(ws: &Workspace, not_kept: &[String]) -> Vec<String> {
    ws.documents()
        .iter()
        .filter(|d| !d.builtin && !not_kept.contains(&d.id))
        .map(|d| d.id.clone())
        .collect()
}

/// Whether and how the open assignments are kept (`discern/v1/assignments`). Only the
/// assignment page keeps them: it installs [`KeepAssignments`] with [`keep_assignments`] at
/// start. The other pages leave the key alone, and do not carry the code that reads it.
pub trait AssignmentKeeping: Sync + std::fmt::Debug {
    /// Takes the stored assignments into `ws`, at load.
    fn load(
        &self,
        store: &dyn Store,
        ws: &mut Workspace,
        saver: &mut Saver,
        problems: &mut Vec<StorageProblem>,
    );
    /// Writes them when they changed, merged with another tab's; what the merge changed goes
    /// into `other`.
    fn save(
        &self,
        saver: &mut Saver,
        store: &dyn Store,
        ws: &Workspace,
        other: &mut FromOtherTab,
    ) -> Result<(), StoreError>;
    /// Another tab wrote: its assignments, merged with this tab's, go into `other`.
    fn incoming(
        &self,
        saver: &mut Saver,
        store: &dyn Store,
        ws: &Workspace,
        other: &mut FromOtherTab,
    );
}
