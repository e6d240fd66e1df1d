//! Labels and annotations: a span of a document tagged claim, quote or opinion, with the
//! reader's note and, for a quote, who is quoted.

use crate::json::null_as_default;
use serde::{Deserialize, Serialize};
use std::fmt;

/// What a span is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(rename_all = "lowercase")]
pub enum Label {
    /// A statement of fact that can be checked.
    Claim,
    /// Someone's words, reported or quoted.
    Quote,
    /// The writer's judgement or view.
    Opinion,
}

impl Label {
    /// Every label, in toolbar order.
    pub const ALL: [Label; 3] = [Label::Claim, Label::Quote, Label::Opinion];

    /// The label's name as exported, the same in every language (people read
    /// `messages::label_title`).
    pub fn as_str(self) -> &'static str {
        match self {
            Label::Claim => "claim",
            Label::Quote => "quote",
            Label::Opinion => "opinion",
        }
    }

    /// Its digit key (1, 2, 3).
    pub fn digit(self) -> char {
        match self {
            Label::Claim => '1',
            Label::Quote => '2',
            Label::Opinion => '3',
        }
    }

    /// Its letter key and badge (C, Q, O).
    pub fn letter(self) -> char {
        match self {
            Label::Claim => 'C',
            Label::Quote => 'Q',
            Label::Opinion => 'O',
        }
    }

    /// The label a key stands for: 1/2/3 or C/Q/O in either case.
    pub fn from_key(key: &str) -> Option<Label> {
        let mut chars = key.chars();
        let c = chars.next()?;
        if chars.next().is_some() {
            return None;
        }
        Label::ALL
            .into_iter()
            .find(|l| l.digit() == c || l.letter() == c.to_ascii_uppercase())
    }

    /// Parses an exported name.
    pub fn parse(name: &str) -> Option<Label> {
        Label::ALL.into_iter().find(|l| l.as_str() == name)
    }
}

/// A label is read from its name, as it is written.
impl<'de> Deserialize<'de> for Label {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let name = String::deserialize(d)?;
        Label::parse(&name)
            .ok_or_else(|| serde::de::Error::unknown_variant(&name, &["claim", "quote", "opinion"]))
    }
}

impl fmt::Display for Label {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One tagged span: the native annotation record (`docs/FORMATS.md#native-format`), declared
/// here once. The workspace and the storage keep it as it is; a file writes it with the
/// quote and its context beside it (`formats::native::Exported`). `start..end` are code
/// points of the document's text, end exclusive. Files written by other tools may leave out
/// the optional fields or write them as `null`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
pub struct Annotation {
    #[cfg_attr(test, schemars(length(min = 1)))]
    pub id: String,
    /// The id of the annotated document.
    #[cfg_attr(test, schemars(length(min = 1)))]
    pub document: String,
    pub label: Label,
    #[cfg_attr(test, schemars(range(min = 0)))]
    pub start: usize,
    #[cfg_attr(test, schemars(range(min = 1)))]
    pub end: usize,
    /// Why the reader tagged it.
    #[serde(default, deserialize_with = "null_as_default")]
    pub note: String,
    /// Who is quoted, for a quote.
    #[serde(default)]
    pub speaker: Option<String>,
    #[serde(default, deserialize_with = "null_as_default")]
    pub annotator: String,
    #[serde(default, deserialize_with = "null_as_default")]
    pub created: String,
    #[serde(default, deserialize_with = "null_as_default")]
    pub modified: String,
}

impl Annotation {
    /// A span of `document` tagged `label`, with no note, speaker, annotator or times yet.
    pub fn new(
        id: impl Into<String>,
        document: impl Into<String>,
        label: Label,
        start: usize,
        end: usize,
    ) -> Self {
        Annotation {
            id: id.into(),
            document: document.into(),
            label,
            start,
            end,
            note: String::new(),
            speaker: None,
            annotator: String::new(),
            created: String::new(),
            modified: String::new(),
        }
    }

    /// Sort key that puts annotations in text order.
    pub fn order_key(&self) -> (usize, std::cmp::Reverse<usize>, Label, &str) {
        (
            self.start,
            std::cmp::Reverse(self.end),
            self.label,
            self.id.as_str(),
        )
    }

    /// Puts `list` in text order (see [`Annotation::order_key`], a total order).
    pub fn sort_in_text_order(list: &mut [std::rc::Rc<Annotation>]) {
        list.sort_unstable_by(|a, b| a.order_key().cmp(&b.order_key()));
    }

    /// Whether `other` tags the same range with the same label.
    pub fn same_tag(&self, other: &Annotation) -> bool {
        self.document == other.document
            && self.start == other.start
            && self.end == other.end
            && self.label == other.label
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_map_to_labels() {
        assert_eq!(Label::from_key("1"), Some(Label::Claim));
        assert_eq!(Label::from_key("q"), Some(Label::Quote));
        assert_eq!(Label::from_key("O"), Some(Label::Opinion));
        assert_eq!(Label::from_key("4"), None);
        assert_eq!(Label::from_key("Control"), None);
        assert_eq!(Label::parse("quote"), Some(Label::Quote));
        assert_eq!(Label::parse("Quote"), None);
    }
}
