//! What a teacher sets in a new assignment before it is a file ([`Draft`]), and the file it
//! makes over the library: the documents with the texts of those not built in, the
//! guidelines, and the practice key made of the teacher's own tags on the practice document.

use crate::assignment::file::{AssignmentFile, Guidelines, Practice, FORMAT, VERSION};
use crate::document::Document;
use crate::formats::native::{Exported, ExportedDocument};
use crate::workspace::Workspace;
use std::rc::Rc;

/// What a teacher sets in a new assignment, before it is a file.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Draft {
    /// The assignment's id: made once, when the draft is begun, so that every download of
    /// it names the same assignment.
    pub id: String,
    pub title: String,
    pub instructions: String,
    /// The ids of the documents to read, in the library's order.
    pub documents: Vec<String>,
    pub guidelines: Guidelines,
    /// The practice document, one of `documents`: its key is the teacher's tags on it.
    pub practice: Option<String>,
    pub created_by: String,
}

/// Why a draft is not an assignment yet.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DraftProblem {
    NoTitle,
    NoDocuments,
}

impl Draft {
    /// The assignment file of the draft over the library `ws`: the documents with the texts
    /// of those not built in, the guidelines, and the practice key made of the teacher's
    /// annotations on the practice document (with their notes).
    pub fn file(&self, ws: &Workspace) -> Result<AssignmentFile, DraftProblem> {
        if self.title.trim().is_empty() {
            return Err(DraftProblem::NoTitle);
        }
        let docs: Vec<&Rc<Document>> = ws
            .documents()
            .iter()
            .filter(|d| self.documents.contains(&d.id))
            .collect();
        if docs.is_empty() {
            return Err(DraftProblem::NoDocuments);
        }
        let practice = self
            .practice
            .as_ref()
            .and_then(|id| docs.iter().find(|d| d.id == *id))
            .map(|d| Practice {
                document: d.id.clone(),
                annotations: ws
                    .annotations(&d.id)
                    .iter()
                    .map(|a| Exported::of(d, a))
                    .collect(),
            });
        Ok(AssignmentFile {
            format: FORMAT.to_string(),
            version: VERSION,
            id: self.id.clone(),
            title: self.title.trim().to_string(),
            instructions: self.instructions.trim().to_string(),
            documents: docs
                .iter()
                .map(|d| ExportedDocument::of(d, false, !d.builtin))
                .collect(),
            guidelines: Some(self.guidelines.clone()),
            practice,
            created_by: Some(self.created_by.trim().to_string()).filter(|c| !c.is_empty()),
        })
    }
}
