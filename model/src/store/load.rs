//! Loading the work: the stored values read over the built-in documents, each checked by the
//! workspace's rules, what cannot be read kept aside, and the [`Saver`] that knows what the
//! store holds from then on.

use crate::document::Document;
use crate::store::backend::Store;
use crate::store::keys::{annotations_key, DOCS, META, ORPHANS};
use crate::store::problems::{Kept, StorageProblem};
use crate::store::read::{fitting, keep_partly_loaded, read, read_annotations, sorted};
use crate::store::save::AssignmentKeeping;
use crate::store::save::{own_doc_ids, Saver};
use crate::store::stored::{meta_json, Meta, StoredDocuments, StoredMeta, StoredOrphans};
use crate::text::Unicode;
use crate::workspace::{Change, Workspace};
use std::rc::Rc;

/// What [`load`] found.
#[derive(Debug)]
pub struct Loaded {
    /// The built-in documents with the saved work over them.
    pub workspace: Workspace,
    /// The saved name and preferences; the open document only if it exists.
    pub meta: Meta,
    /// What could not be loaded, in the order it was found.
    pub problems: Vec<StorageProblem>,
    /// Saves the work from here on, knowing what the store holds.
    pub saver: Saver,
}

/// Loads the saved work over the `builtin` documents, and says what could not be loaded.
/// A value that is not taken in as it is (unreadable, or with a part the workspace refuses)
/// is copied aside before anything is written.
pub fn load(
    unicode: &dyn Unicode,
    store: &dyn Store,
    builtin: Vec<Document>,
    keeping: Option<&'static dyn AssignmentKeeping>,
) -> Loaded {
    let mut problems = Vec::new();
    let mut ws = Workspace::new(builtin);
    let mut saver = Saver {
        keeping,
        ..Saver::default()
    };
    if let Err(e) = store.keys() {
        problems.push(StorageProblem::Unavailable(e));
    }
    let meta = read::<StoredMeta>(store, META, &mut problems);
    saver.block_unsafe(META, meta.as_ref().err());
    let docs = read::<StoredDocuments>(store, DOCS, &mut problems);
    saver.block_unsafe(DOCS, docs.as_ref().err());
    if let Ok(docs) = docs {
        let mut refused = false;
        for d in docs.documents {
            let doc = Rc::new(Document::new(unicode, d.meta, &d.text, false));
            if let Err(refusal) = ws.apply(&Change::AddDocument(doc.clone())) {
                refused = true;
                problems.push(StorageProblem::DocumentRefused {
                    title: doc.meta.title.clone(),
                    refusal,
                });
            }
        }
        if refused && keep_partly_loaded(store, DOCS, &mut problems) == Kept::InPlace {
            saver.block(DOCS.to_string());
        }
    }
    saver.own_docs = Some(own_doc_ids(&ws, &[]));
    let docs: Vec<(String, usize)> = ws
        .documents()
        .iter()
        .map(|d| (d.id.clone(), d.len()))
        .collect();
    for (id, len) in docs {
        let key = annotations_key(&id);
        let list = read_annotations(store, &id, &mut problems);
        saver.block_unsafe(&key, list.as_ref().err());
        if let Ok(list) = list {
            let mut refused = false;
            for a in &list {
                if let Err(refusal) = ws.apply(&Change::Add(a.clone())) {
                    refused = true;
                    problems.push(StorageProblem::AnnotationRefused {
                        id: a.id.clone(),
                        refusal,
                    });
                }
            }
            // What the store holds, so that the next save drops what was refused (it is
            // kept aside) instead of taking it for another tab's work.
            let base = if refused {
                if keep_partly_loaded(store, &key, &mut problems) == Kept::InPlace {
                    saver.block(key.to_string());
                }
                Rc::new(sorted(fitting(list, &id, len)))
            } else {
                ws.annotations(&id)
            };
            saver.base.insert(id, base);
        }
    }
    let orphans = read::<StoredOrphans>(store, ORPHANS, &mut problems);
    saver.block_unsafe(ORPHANS, orphans.as_ref().err());
    for o in orphans.map(|o| o.orphans).unwrap_or_default() {
        let _ = ws.apply(&Change::AddOrphan(Rc::new(o)));
    }
    saver.orphans = Some(ws.orphans().to_vec());
    if let Some(k) = saver.keeping {
        k.load(store, &mut ws, &mut saver, &mut problems);
    }
    let meta = meta.map_or_else(
        |_| Meta::default(),
        |m| {
            let meta = Meta {
                annotator: m.annotator,
                prefs: m.prefs,
                open: m.open.filter(|id| ws.document(id).is_some()),
            };
            saver.meta = meta_json(&meta, &m.store);
            saver.store_id = Some(m.store);
            saver.said = meta.clone();
            meta
        },
    );
    Loaded {
        workspace: ws,
        meta,
        problems,
        saver,
    }
}
