//! The open assignments in the storage (`discern/v1/assignments`), merged with other tabs':
//! kept only on the page that keeps them, the assignment page, which passes
//! [`KeepAssignments`] to the store.

use crate::assignment::AssignmentFile;
use crate::store::backend::{Store, StoreError};
use crate::store::keys::{ASSIGNMENTS, SCHEMA};
use crate::store::problems::StorageProblem;
use crate::store::read::{read, NoValue};
use crate::store::save::{AssignmentKeeping, Saver};
use crate::store::stored::{to_json, StoredAssignments};
use crate::sync::FromOtherTab;
use crate::workspace::{Change, Workspace};
use std::rc::Rc;

/// The open assignments kept in `discern/v1/assignments`, merged with other tabs'.
#[derive(Debug)]
pub struct KeepAssignments;

impl AssignmentKeeping for KeepAssignments {
    fn load(
        &self,
        store: &dyn Store,
        ws: &mut Workspace,
        saver: &mut Saver,
        problems: &mut Vec<StorageProblem>,
    ) {
        let assignments = read::<StoredAssignments>(store, ASSIGNMENTS, problems);
        saver.block_unsafe(ASSIGNMENTS, assignments.as_ref().err());
        for a in assignments.map(|a| a.assignments).unwrap_or_default() {
            let _ = ws.apply(&Change::OpenAssignment(Rc::new(a)));
        }
        saver.assignments = Some(ws.assignments().to_vec());
    }

    fn save(
        &self,
        saver: &mut Saver,
        store: &dyn Store,
        ws: &Workspace,
        other: &mut FromOtherTab,
    ) -> Result<(), StoreError> {
        let ours = ws.assignments();
        if saver.assignments.as_deref() == Some(ours) || saver.is_blocked(ASSIGNMENTS) {
            return Ok(());
        }
        let base = saver.assignments.clone().unwrap_or_default();
        let mut ignored = Vec::new();
        let theirs = match read::<StoredAssignments>(store, ASSIGNMENTS, &mut ignored) {
            Ok(t) => t.assignments.into_iter().map(Rc::new).collect(),
            Err(NoValue::Missing) => Vec::new(),
            Err(NoValue::KeptAside) => base.clone(),
            Err(NoValue::Unsafe) => {
                saver.block(ASSIGNMENTS.to_string());
                return Ok(());
            }
        };
        let merged = merge_assignments(&base, ours, &theirs);
        let stored = StoredAssignments {
            schema: SCHEMA,
            assignments: merged.iter().map(|a| (**a).clone()).collect(),
        };
        if merged != ours {
            other.assignments = Some(merged.clone());
        }
        store.set(ASSIGNMENTS, &to_json(&stored))?;
        saver.assignments = Some(merged);
        Ok(())
    }

    fn incoming(
        &self,
        saver: &mut Saver,
        store: &dyn Store,
        ws: &Workspace,
        other: &mut FromOtherTab,
    ) {
        let mut ignored = Vec::new();
        if let Ok(t) = read::<StoredAssignments>(store, ASSIGNMENTS, &mut ignored) {
            let theirs: Vec<Rc<AssignmentFile>> = t.assignments.into_iter().map(Rc::new).collect();
            let base = saver.assignments.clone().unwrap_or_default();
            if theirs != base {
                let merged = merge_assignments(&base, ws.assignments(), &theirs);
                if merged != ws.assignments() {
                    other.assignments = Some(merged);
                }
                saver.assignments = Some(theirs);
            }
        }
    }
}

/// The open assignments after this tab's changes since `base` (what it last wrote or read) and
/// another tab's (`theirs`, what the store holds): one closed on either side is closed, one
/// opened or replaced here is this tab's, the others are theirs, in their order.
fn merge_assignments(
    base: &[Rc<AssignmentFile>],
    ours: &[Rc<AssignmentFile>],
    theirs: &[Rc<AssignmentFile>],
) -> Vec<Rc<AssignmentFile>> {
    let has = |list: &[Rc<AssignmentFile>], id: &str| list.iter().any(|a| a.id == id);
    let mut out: Vec<Rc<AssignmentFile>> = theirs
        .iter()
        .filter(|t| !has(base, &t.id) || has(ours, &t.id))
        .cloned()
        .collect();
    for o in ours.iter().filter(|o| !base.contains(o)) {
        match out.iter_mut().find(|t| t.id == o.id) {
            Some(t) => *t = o.clone(),
            None => out.push(o.clone()),
        }
    }
    out
}
