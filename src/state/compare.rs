//! The compare page's changes to its compare set and to the key being built from it
//! ([`CompareAction`]): loading files (in slices, the report adding up), adding this
//! browser's own work, choosing the key, removing a file, the key's drafts. Only the compare
//! page makes them, and the other pages carry none of this code (`PageChange`).

use crate::state::action::PageChange;
use crate::state::compared::Shared;
use crate::state::message::{Report, ReportKind, Warning};
use crate::state::AppState;
use discern_model::compare::{own_spans, CompareSet};
use discern_model::import::FileReport;
use discern_model::key::KeyDraft;
use discern_model::span::Span;
use discern_model::store::{CompareNotKept, StorageProblem};
use discern_model::text::Unicode;
use std::rc::Rc;

/// What the compare page asks of its compare set and key being built.
#[derive(Clone, Debug)]
pub enum CompareAction {
    /// Load annotation files (name, text) to compare; the documents a file carries are made
    /// with `unicode`'s tables. A large load comes in slices: `before` files of `total` came
    /// before this one (their report is added to).
    Load {
        files: Vec<(String, String)>,
        before: usize,
        total: usize,
        unicode: &'static dyn Unicode,
    },
    /// Add this browser's own annotations to the comparison: named after the reader, or
    /// `.0` when they have no name, from the file `.1` (both in the reader's language).
    AddMine(String, String),
    /// Make loaded file `i` the key.
    Key(usize),
    /// The compare set and key being built as stored, and what reading them found wrong.
    Restore(Box<(CompareSet, KeyDraft)>, Vec<StorageProblem>),
    /// How keeping the compare set went: why it is not kept, or `None`.
    Kept(Option<CompareNotKept>),
    /// The key being built, as the teacher changed it: shown or hidden, or a group decided,
    /// the threshold changed or all started over (steps its own history records).
    Draft(Rc<KeyDraft>),
    /// Put the built key's spans (with notes) into the compare set as the key, in place of
    /// the one built before.
    Use(Vec<(Span, String)>),
    /// Remove loaded file `i`.
    Remove(usize),
}

impl PageChange for CompareAction {
    fn apply(self: Box<Self>, state: &mut AppState) -> bool {
        state.compare(*self)
    }
}

impl AppState {
    /// Makes a change to the compare set or to the key being built (`Action::Compare`, from
    /// the compare page); whether anything changed.
    fn compare(&mut self, change: CompareAction) -> bool {
        let s = self;
        match change {
            CompareAction::Load {
                files,
                before,
                total,
                unicode,
            } => {
                let set = s.compare.make_mut();
                let done = before + files.len();
                let mut files: Vec<Rc<FileReport>> = set
                    .load(unicode, &s.workspace, &files)
                    .into_iter()
                    .map(Rc::new)
                    .collect();
                // Slices after the first add to the report; so does a load asked for while
                // another is still coming in.
                let adds = before > 0 || s.importing.is_some();
                if let Some(r) = s
                    .report
                    .as_ref()
                    .filter(|r| adds && r.kind == ReportKind::Compare)
                {
                    files.splice(0..0, r.files.iter().cloned());
                }
                s.report = Some(Shared::new(Report {
                    kind: ReportKind::Compare,
                    files,
                }));
                s.importing = (done < total).then(|| done as f64 / total as f64);
            }
            CompareAction::AddMine(me, file) => {
                let set = s.compare.make_mut();
                let name = if s.annotator.is_empty() {
                    me
                } else {
                    s.annotator.clone()
                };
                set.add(name, &file, own_spans(&s.workspace));
            }
            CompareAction::Key(i) => {
                let set = s.compare.make_mut();
                set.key = (i < set.files.len()).then_some(i);
            }
            CompareAction::Restore(loaded, problems) => {
                let (set, draft) = *loaded;
                s.compare = Shared::new(set);
                s.key_draft = Shared::new(draft);
                let more = problems.into_iter().map(Warning::Storage);
                s.storage_warning = s.storage_warning.iter().cloned().chain(more).collect();
            }
            CompareAction::Kept(problem) => {
                let problem = problem.map(Rc::new);
                if problem == s.compare_not_kept {
                    return false;
                }
                s.compare_not_kept = problem;
            }
            CompareAction::Draft(draft) => s.key_draft = draft.into(),
            CompareAction::Use(spans) => {
                let set = s.compare.make_mut();
                set.use_built_key(discern_model::key::KEY_NAME.to_string(), spans);
            }
            CompareAction::Remove(i) => {
                let set = s.compare.make_mut();
                set.remove(i);
            }
        }
        true
    }
}
