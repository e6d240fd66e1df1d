//! Undo and redo: a stack of batches of [`Change`]s. Undoing applies a batch's inverses in
//! reverse order; a new change clears what could be redone.

use crate::workspace::{Change, ChangeError, Workspace};
use std::rc::Rc;

/// How many steps can be undone.
const DEPTH: usize = 1000;

#[derive(Clone, Debug, PartialEq, Eq)]
struct Step {
    changes: Rc<Vec<Change>>,
    /// Steps with the same key in a row (typing a note) merge into one.
    merge_key: Option<String>,
}

/// What can be undone and redone.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct History {
    undo: Vec<Step>,
    redo: Vec<Step>,
}

impl History {
    /// Records a batch that has just been applied. A batch with the same `merge_key` as the
    /// last one extends it instead (its first `before` is kept).
    pub fn record(&mut self, changes: Vec<Change>, merge_key: Option<String>) {
        if changes.is_empty() {
            return;
        }
        self.redo.clear();
        if let (Some(key), Some(last)) = (&merge_key, self.undo.last_mut()) {
            if last.merge_key.as_ref() == Some(key) {
                if let ([Change::Update { before, .. }], [Change::Update { after, .. }]) =
                    (last.changes.as_slice(), changes.as_slice())
                {
                    last.changes = Rc::new(vec![Change::Update {
                        before: before.clone(),
                        after: after.clone(),
                    }]);
                    return;
                }
            }
        }
        self.undo.push(Step {
            changes: Rc::new(changes),
            merge_key,
        });
        if self.undo.len() > DEPTH {
            self.undo.remove(0);
        }
    }

    /// Whether there is something to undo.
    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    /// Whether there is something to redo.
    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    /// Undoes the last step; returns the changes applied, or `None` with nothing to undo.
    pub fn undo(&mut self, ws: &mut Workspace) -> Result<Option<Vec<Change>>, ChangeError> {
        let Some(step) = self.undo.pop() else {
            return Ok(None);
        };
        let inverse: Vec<Change> = step.changes.iter().rev().map(Change::inverse).collect();
        // A step that no longer applies (another tab changed what it touched) is dropped, so
        // that older steps can still be undone.
        ws.apply_all(&inverse)?;
        self.redo.push(Step {
            merge_key: None,
            ..step
        });
        Ok(Some(inverse))
    }

    /// Redoes the last undone step; returns the changes applied.
    pub fn redo(&mut self, ws: &mut Workspace) -> Result<Option<Vec<Change>>, ChangeError> {
        let Some(step) = self.redo.pop() else {
            return Ok(None);
        };
        ws.apply_all(&step.changes)?;
        let applied = step.changes.to_vec();
        self.undo.push(step);
        Ok(Some(applied))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::annotation::{Annotation, Label};
    use crate::document::{Document, DocumentMeta};
    use crate::text::Tables;

    fn setup() -> (Workspace, Rc<Annotation>) {
        let ws = Workspace::new(vec![Document::new(
            &Tables,
            DocumentMeta::default(),
            "Alpha beta gamma",
            true,
        )]);
        let a = Rc::new(Annotation::new(
            "a",
            &ws.documents()[0].id,
            Label::Claim,
            0,
            5,
        ));
        (ws, a)
    }

    #[test]
    fn undo_and_redo_restore_exactly() {
        let (mut ws, a) = setup();
        let empty = ws.clone();
        let mut h = History::default();
        let add = vec![Change::Add(a.clone())];
        ws.apply_all(&add).unwrap();
        h.record(add, None);
        let tagged = ws.clone();
        assert!(h.undo(&mut ws).unwrap().is_some());
        assert_eq!(ws, empty);
        assert!(h.redo(&mut ws).unwrap().is_some());
        assert_eq!(ws, tagged);
        assert!(h.redo(&mut ws).unwrap().is_none());
    }

    #[test]
    fn a_step_that_no_longer_applies_does_not_block_older_ones() {
        let (mut ws, a) = setup();
        let mut h = History::default();
        let b = Rc::new(Annotation {
            id: "b".into(),
            start: 6,
            end: 10,
            ..(*a).clone()
        });
        for x in [&a, &b] {
            ws.apply(&Change::Add(x.clone())).unwrap();
            h.record(vec![Change::Add(x.clone())], None);
        }
        // Another tab deletes b.
        ws.apply(&Change::Remove(b.clone())).unwrap();
        assert!(h.undo(&mut ws).is_err());
        assert!(h.undo(&mut ws).unwrap().is_some());
        assert!(ws.annotation("a").is_none());
    }

    #[test]
    fn note_typing_merges_into_one_step() {
        let (mut ws, a) = setup();
        let mut h = History::default();
        ws.apply(&Change::Add(a.clone())).unwrap();
        h.record(vec![Change::Add(a.clone())], None);
        let mut prev = a.clone();
        for note in ["w", "wh", "why"] {
            let next = Rc::new(Annotation {
                note: note.into(),
                ..(*prev).clone()
            });
            let c = vec![Change::Update {
                before: prev.clone(),
                after: next.clone(),
            }];
            ws.apply_all(&c).unwrap();
            h.record(c, Some("note:a".into()));
            prev = next;
        }
        h.undo(&mut ws).unwrap();
        assert_eq!(ws.annotation("a").unwrap().note, "");
        h.undo(&mut ws).unwrap();
        assert!(ws.annotation("a").is_none());
        assert!(!h.can_undo());
    }
}
