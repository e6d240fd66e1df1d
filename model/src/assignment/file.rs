//! The assignment file (`discern.assignment`, version 1, `docs/FORMATS.md#assignments`): its
//! types, as a teacher's page writes them and a student's page reads them (the JSON Schema
//! in `schema/` is generated from them), and what a file says about its documents.

use crate::annotation::Label;
use crate::formats::native::{Exported, ExportedDocument};
use crate::json::too_deep;
use crate::span::Span;
use serde::{Deserialize, Serialize};

/// The format's name in the `format` field.
pub const FORMAT: &str = "discern.assignment";
/// The version this Discern reads and writes.
pub const VERSION: u64 = 1;

/// An assignment file, as it is written (`discern.assignment`, version 1).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[cfg_attr(
    test,
    schemars(
        title = "Discern assignment, version 1",
        extend("$id" = "urn:discern:schema:assignment:v1", "additionalProperties" = false)
    )
)]
pub struct AssignmentFile {
    #[cfg_attr(test, schemars(extend("const" = "discern.assignment")))]
    pub format: String,
    #[cfg_attr(test, schemars(extend("const" = 1)))]
    pub version: u64,
    /// A stable name of the assignment; hand-ins carry it.
    #[cfg_attr(test, schemars(length(min = 1)))]
    pub id: String,
    #[cfg_attr(test, schemars(length(min = 1)))]
    pub title: String,
    /// Plain text; blank lines separate paragraphs.
    #[serde(default)]
    pub instructions: String,
    /// The documents to read, as a native file lists them; `text` may be left out for a
    /// built-in article.
    #[cfg_attr(test, schemars(length(min = 1)))]
    pub documents: Vec<ExportedDocument>,
    /// What each label means, shown to students; Discern's own when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub guidelines: Option<Guidelines>,
    /// A document to practise on, with the key's spans.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub practice: Option<Practice>,
    /// Who set the assignment.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created_by: Option<String>,
}

// (An assignment without them shows Discern's own, in the reader's language:
// `messages::default_guidelines`.)
/// What each label means, in a sentence or two a 14-year-old understands.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[cfg_attr(test, schemars(extend("additionalProperties" = false)))]
pub struct Guidelines {
    pub claim: String,
    pub quote: String,
    pub opinion: String,
}

impl Guidelines {
    /// The guideline of `label`.
    pub fn of(&self, label: Label) -> &str {
        match label {
            Label::Claim => &self.claim,
            Label::Quote => &self.quote,
            Label::Opinion => &self.opinion,
        }
    }
}

/// The practice document and the key's spans on it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[cfg_attr(test, schemars(extend("additionalProperties" = false)))]
pub struct Practice {
    /// The id of one of the assignment's documents.
    pub document: String,
    /// The key's spans, as native annotations with the exact `text` and a `note` saying why.
    /// A file may leave out a span's `document` (it is the practice's) and `id` (it gets
    /// `practice-<n>`, counting from 1).
    pub annotations: Vec<Exported>,
}

impl<'de> Deserialize<'de> for Practice {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        /// The practice as written: its spans as JSON objects, to be completed.
        #[derive(Deserialize)]
        struct Written {
            document: String,
            annotations: Vec<serde_json::Map<String, serde_json::Value>>,
        }
        let written = Written::deserialize(d)?;
        let document = written.document;
        let annotations = written
            .annotations
            .into_iter()
            .enumerate()
            .map(|(i, mut span)| {
                span.entry("document")
                    .or_insert_with(|| document.clone().into());
                span.entry("id")
                    .or_insert_with(|| format!("practice-{}", i + 1).into());
                Exported::deserialize(serde_json::Value::Object(span))
                    .map_err(serde::de::Error::custom)
            })
            .collect::<Result<_, _>>()?;
        Ok(Practice {
            document,
            annotations,
        })
    }
}

impl AssignmentFile {
    /// The ids of the documents handed in: every document of the assignment but the
    /// practice one.
    pub fn handed_in(&self) -> Vec<String> {
        let practice = self.practice.as_ref().map(|p| p.document.as_str());
        self.documents
            .iter()
            .filter(|d| Some(d.id.as_str()) != practice)
            .map(|d| d.id.clone())
            .collect()
    }

    /// Whether `doc` is the assignment's practice document.
    pub fn is_practice(&self, doc: &str) -> bool {
        self.practice.as_ref().is_some_and(|p| p.document == doc)
    }

    /// The practice key's spans (none without a practice document).
    pub fn key_spans(&self) -> Vec<Span> {
        self.practice
            .iter()
            .flat_map(|p| &p.annotations)
            .map(|a| Span::of(&a.annotation))
            .collect()
    }
}

/// Whether `text` is an assignment file (JSON whose `format` is `discern.assignment`): how
/// a picked or dropped file is told from an annotation file.
pub fn is_assignment(text: &str) -> bool {
    #[derive(Deserialize)]
    struct Head<'a> {
        #[serde(borrow, default)]
        format: Option<std::borrow::Cow<'a, str>>,
    }
    too_deep(text).is_none()
        && serde_json::from_str::<Head>(text).is_ok_and(|h| h.format.as_deref() == Some(FORMAT))
}
