//! The compare set and the key being built from it, kept in the storage by the compare page
//! (`discern/v1/compare`): up to [`COMPARE_MAX_CHARS`](crate::store::keys::COMPARE_MAX_CHARS)
//! characters; past that, or with the storage full, not kept, and an older set removed.

use crate::annotation::Label;
use crate::compare::{CompareSet, Loaded as CompareLoaded, Submission};
use crate::key::{Decision, KeyDraft, Place};
use crate::span::Span;
use crate::store::backend::{Store, StoreError};
use crate::store::keys::{COMPARE, COMPARE_MAX_CHARS, SCHEMA};
use crate::store::problems::{CompareNotKept, StorageProblem};
use crate::store::read::{read, NoValue};
use crate::store::stored::to_json;
use serde::{Deserialize, Serialize};

/// A span or a decision as stored: `[document, label, start, end, note or decision]`.
type Row = (String, Label, usize, usize, String);

/// The compare set as stored (`docs/FORMATS.md#storage`): each file as `[name, file, spans]`,
/// the key's place, and the key being built: its threshold, its decisions (the group's place
/// and `accept`, `reject` or the label it is given) and whether it is shown.
#[derive(Serialize, Deserialize)]
struct StoredCompare {
    schema: u32,
    files: Vec<(String, String, Vec<Row>)>,
    key: Option<usize>,
    threshold: u32,
    decisions: Vec<Row>,
    building: bool,
    /// The file left out of the key being built (it was the key when the building began).
    #[serde(default)]
    without: Option<String>,
}

/// What [`load_compare`] found: the set and the key being built (empty when none was
/// stored), the problems, and whether the key must never be written (what it holds could
/// not be kept aside).
pub struct LoadedCompare {
    pub set: CompareSet,
    pub draft: KeyDraft,
    pub problems: Vec<StorageProblem>,
    pub blocked: bool,
}

/// Reads the stored compare set (`discern/v1/compare`); what cannot be read is kept aside.
pub fn load_compare(store: &dyn Store) -> LoadedCompare {
    let mut problems = Vec::new();
    let read = read::<StoredCompare>(store, COMPARE, &mut problems);
    // Never written over: what could not be copied aside, and what could not even be read
    // (a later read might have given it).
    let blocked = read.as_ref().err() == Some(&NoValue::Unsafe)
        || problems
            .iter()
            .any(|p| matches!(p, StorageProblem::ReadFailed { .. }));
    let (mut set, mut draft) = (CompareSet::default(), KeyDraft::default());
    if let Ok(stored) = read {
        let span = |(doc, label, start, end, note): Row| {
            let s = Span {
                doc,
                label,
                start,
                end,
            };
            (s, note)
        };
        for (name, file, spans) in stored.files {
            let (spans, notes) = spans.into_iter().map(span).unzip();
            set.files.push(CompareLoaded {
                submission: Submission { name, spans },
                file,
                notes,
            });
        }
        set.key = stored.key.filter(|&k| k < set.files.len());
        draft.open = stored.building;
        draft.without = stored.without;
        draft.settled.threshold = stored.threshold.min(100);
        // A decision this Discern does not know is left out (it changes only the key).
        let mut decisions: Vec<(Place, Decision)> = stored
            .decisions
            .into_iter()
            .filter_map(|(doc, label, start, end, d)| {
                Some(((doc, label, start, end), Decision::from_code(&d)?))
            })
            .collect();
        decisions.sort_by(|a, b| a.0.cmp(&b.0));
        decisions.dedup_by(|b, a| a.0 == b.0);
        draft.settled.decisions = decisions;
    }
    LoadedCompare {
        set,
        draft,
        problems,
        blocked,
    }
}

/// Keeps the compare set and the key being built (`discern/v1/compare`), or removes the key
/// when there is nothing to keep. A set too large to keep, or with no room for it, is not
/// kept, and an earlier one is removed.
pub fn save_compare(
    store: &dyn Store,
    set: &CompareSet,
    draft: &KeyDraft,
) -> Result<(), CompareNotKept> {
    if set.files.is_empty() && draft.is_empty() {
        return store.remove(COMPARE).map_err(CompareNotKept::Failed);
    }
    let row = |s: &Span, what: &str| (s.doc.clone(), s.label, s.start, s.end, what.to_string());
    let stored = StoredCompare {
        schema: SCHEMA,
        files: set
            .files
            .iter()
            .map(|f| {
                let spans = f.submission.spans.iter().zip(&f.notes);
                (
                    f.submission.name.clone(),
                    f.file.clone(),
                    spans.map(|(s, n)| row(s, n)).collect(),
                )
            })
            .collect(),
        key: set.key,
        threshold: draft.settled.threshold,
        decisions: draft
            .settled
            .decisions
            .iter()
            .map(|((doc, label, start, end), d)| {
                (doc.clone(), *label, *start, *end, d.code().to_string())
            })
            .collect(),
        building: draft.open,
        without: draft.without.clone(),
    };
    let json = to_json(&stored);
    let chars = json.chars().count();
    let not_kept = |full| {
        let _ = store.remove(COMPARE);
        CompareNotKept::TooLarge {
            files: set.files.len(),
            chars,
            full,
        }
    };
    if chars > COMPARE_MAX_CHARS {
        return Err(not_kept(false));
    }
    match store.set(COMPARE, &json) {
        Ok(()) => Ok(()),
        Err(StoreError::Quota) => Err(not_kept(true)),
        Err(e) => Err(CompareNotKept::Failed(e)),
    }
}
