//! The native format's records (`discern.annotations`, version 1,
//! `docs/FORMATS.md#native-format`): a file, its documents, and its annotations, each the
//! annotation record ([`Annotation`]) with the exact quote and up to 32 code points of context either side.
//! Export writes these types and import reads them; the JSON Schema in `schema/` is
//! generated from them.

use crate::annotation::Annotation;
use crate::document::Document;
use crate::formats::side_by_side::{self, Second};
use crate::json::null_as_default;
use serde::de::{self, MapAccess};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// The format's name in the `format` field.
pub const FORMAT: &str = "discern.annotations";
/// How many code points of context `prefix` and `suffix` hold at most.
pub const CONTEXT: usize = 32;

/// A document as a native file describes it. Exports always write every field but `text`
/// (written when the export includes the texts); import also reads files without `sha256`
/// or `length`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[cfg_attr(test, schemars(extend("additionalProperties" = false)))]
pub struct ExportedDocument {
    /// `d` and the first 16 hex digits of the SHA-256 of the text.
    #[cfg_attr(test, schemars(length(min = 1)))]
    pub id: String,
    #[serde(default, deserialize_with = "null_as_default")]
    pub title: String,
    /// Where the text comes from, when the reader said.
    #[serde(default)]
    pub source: Option<String>,
    /// The SHA-256 of the text's UTF-8 bytes, in lowercase hex.
    #[serde(default)]
    #[cfg_attr(test, schemars(regex(pattern = r"^[0-9a-f]{64}$")))]
    pub sha256: Option<String>,
    /// The text's length in Unicode code points.
    #[serde(default)]
    #[cfg_attr(test, schemars(range(min = 0)))]
    pub length: Option<usize>,
    /// The text itself, in a reading pack.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
}

impl ExportedDocument {
    /// How a file lists `doc`: with its `sha256` and `length` when `sums`, with its text when
    /// `text`.
    pub fn of(doc: &Document, sums: bool, text: bool) -> Self {
        ExportedDocument {
            id: doc.id.clone(),
            title: doc.meta.title.clone(),
            source: doc.meta.source.clone(),
            sha256: sums.then(|| doc.sha256.clone()),
            length: sums.then(|| doc.len()),
            text: text.then(|| doc.text.to_string()),
        }
    }
}

/// Where an annotation is quoted from: the exact text of its range, and up to 32 code points
/// of context either side. Import re-anchors an annotation whose offsets no longer fit its
/// text by these. Read beside the annotation's own fields, as a [`Second`]: each may be left
/// out or `null`; `exact` is the name an orphan kept by an earlier Discern gives `text`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
pub struct Quote {
    /// The exact quote: the text from `start` to `end`.
    #[cfg_attr(test, schemars(length(min = 1)))]
    pub text: String,
    /// Up to 32 code points before the quote.
    pub prefix: String,
    /// Up to 32 code points after the quote.
    pub suffix: String,
}

/// A quote as it is read, and which of its fields came (each may come once).
#[derive(Default)]
pub struct QuoteRead {
    quote: Quote,
    seen: [bool; 3],
}

impl Second for QuoteRead {
    const FIELDS: &'static [&'static str] = &["text", "exact", "prefix", "suffix"];

    fn take<'de, A: MapAccess<'de>>(&mut self, name: &str, map: &mut A) -> Result<(), A::Error> {
        let (field, at) = match name {
            "prefix" => (&mut self.quote.prefix, 1),
            "suffix" => (&mut self.quote.suffix, 2),
            _ => (&mut self.quote.text, 0),
        };
        if std::mem::replace(&mut self.seen[at], true) {
            return Err(de::Error::duplicate_field(["text", "prefix", "suffix"][at]));
        }
        *field = map.next_value::<Option<String>>()?.unwrap_or_default();
        Ok(())
    }
}

/// An annotation as a native file writes it: the annotation record and its quote, side by
/// side in one object.
// (Written and read by `formats::side_by_side`.)
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[cfg_attr(
    test,
    schemars(rename = "Annotation", extend("additionalProperties" = false))
)]
pub struct Exported {
    #[cfg_attr(test, schemars(flatten))]
    pub annotation: Annotation,
    #[cfg_attr(test, schemars(flatten))]
    pub quote: Quote,
}

impl Serialize for Exported {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        side_by_side::serialize("Annotation", &self.annotation, &self.quote, serializer)
    }
}

impl<'de> Deserialize<'de> for Exported {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let (annotation, read) =
            side_by_side::deserialize::<D, Annotation, QuoteRead>(deserializer)?;
        Ok(Exported {
            annotation,
            quote: read.quote,
        })
    }
}

impl Exported {
    /// Annotation `a` of `doc`, with its quote.
    pub fn of(doc: &Document, a: &Annotation) -> Exported {
        let len = doc.len();
        Exported {
            annotation: a.clone(),
            quote: Quote {
                text: doc.slice(a.start, a.end).to_string(),
                prefix: doc
                    .slice(a.start.saturating_sub(CONTEXT), a.start)
                    .to_string(),
                suffix: doc.slice(a.end, (a.end + CONTEXT).min(len)).to_string(),
            },
        }
    }
}

/// A Discern export: documents (optionally with their texts) and annotations whose start and
/// end count Unicode code points of the document's text, end exclusive.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[cfg_attr(
    test,
    schemars(
        title = "Discern annotations, version 1",
        extend("$id" = "urn:discern:schema:annotations:v1", "additionalProperties" = false)
    )
)]
pub struct NativeFile<A = Exported> {
    #[cfg_attr(test, schemars(extend("const" = "discern.annotations")))]
    pub format: String,
    #[cfg_attr(test, schemars(extend("const" = 1)))]
    pub version: u32,
    /// When the file was written, in UTC.
    #[serde(default, deserialize_with = "null_as_default")]
    #[cfg_attr(
        test,
        schemars(regex(pattern = r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$"))
    )]
    pub exported_at: String,
    /// Whose work this is.
    #[serde(default, deserialize_with = "null_as_default")]
    pub annotator: String,
    /// In a hand-in: the id of the assignment the work was done for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub assignment: Option<String>,
    #[serde(default, deserialize_with = "null_as_default")]
    pub documents: Vec<ExportedDocument>,
    // (Import reads them first as raw JSON, to parse a batch at a time.)
    pub annotations: Vec<A>,
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// The committed JSON Schema is the one the types give (what exports write). After a
    /// change to the types: `DISCERN_WRITE_SCHEMA=1 cargo test schema` writes it anew.
    #[test]
    fn committed_schema_is_generated_from_the_types() {
        check_schema::<NativeFile>("discern.annotations.v1.schema.json");
    }

    /// Compares `schema/<name>` with the JSON Schema of `T` (what is written, so the
    /// serialize contract), or writes it there with `DISCERN_WRITE_SCHEMA` set.
    pub(crate) fn check_schema<T: schemars::JsonSchema>(name: &str) {
        use schemars::generate::{Contract, SchemaSettings};
        let settings = SchemaSettings::draft2020_12().with(|s| s.contract = Contract::Serialize);
        let schema = settings.into_generator().into_root_schema_for::<T>();
        // Rust's integer widths ("format": "uint32") mean nothing to other tools.
        fn drop_formats(v: &mut serde_json::Value) {
            match v {
                serde_json::Value::Object(m) => {
                    if m.get("format").is_some_and(serde_json::Value::is_string) {
                        m.remove("format");
                    }
                    m.values_mut().for_each(drop_formats);
                }
                serde_json::Value::Array(a) => a.iter_mut().for_each(drop_formats),
                _ => {}
            }
        }
        let mut value = serde_json::to_value(&schema).unwrap();
        drop_formats(&mut value);
        let generated = serde_json::to_string_pretty(&value).unwrap() + "\n";
        // (The schemas are in the repository's own schema/, beside this crate.)
        let path = format!("{}/../schema/{name}", env!("CARGO_MANIFEST_DIR"));
        if std::env::var_os("DISCERN_WRITE_SCHEMA").is_some() {
            std::fs::write(&path, &generated).unwrap();
        }
        let committed = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            committed == generated,
            "schema/{name} differs from the types; regenerate with DISCERN_WRITE_SCHEMA=1 cargo test schema"
        );
    }
}
