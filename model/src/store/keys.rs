//! The keys Discern keeps in the browser's storage (schema 1, `docs/FORMATS.md#storage`):
//! the name, preferences and open document; the reader's own documents; each document's
//! annotations; the orphans; the open assignments; the compare set; the language; and the
//! copies kept aside of values that could not be read.

/// The schema this version of Discern writes.
pub const SCHEMA: u32 = 1;
/// Every key Discern writes starts with this.
pub const PREFIX: &str = "discern/";
/// The annotator's name, preferences and open document.
pub const META: &str = "discern/v1/meta";
/// The reader's own documents, with their texts.
pub const DOCS: &str = "discern/v1/documents";
/// Imported annotations that could not be placed.
pub const ORPHANS: &str = "discern/v1/orphans";
/// The open assignments.
pub const ASSIGNMENTS: &str = "discern/v1/assignments";
/// The teacher's compare set (the files loaded, the key) and the key being built.
pub const COMPARE: &str = "discern/v1/compare";
/// The language the reader chose in the header, `{schema, language}` (a code, `es`); absent
/// until they choose one, when the browser's languages decide. Written by the header's
/// switch; read by the pages' start script (`static/start.js`) before anything else.
pub const LANGUAGE: &str = "discern/v1/language";
/// The most a compare set may take in the store, in characters: the rest is the work's.
pub const COMPARE_MAX_CHARS: usize = 2_000_000;
/// A document's annotations are stored under this followed by the document's id.
pub const ANN_PREFIX: &str = "discern/v1/ann/";
/// Where unreadable data is kept.
pub const ASIDE_PREFIX: &str = "discern/aside/";

/// The key that holds document `doc`'s annotations.
pub fn annotations_key(doc: &str) -> String {
    format!("{ANN_PREFIX}{doc}")
}

/// What [`LANGUAGE`] holds when the reader chose the language of code `code` (letters and
/// `-` only, as the start script lists them).
pub fn language_value(code: &str) -> String {
    format!("{{\"schema\":{SCHEMA},\"language\":\"{code}\"}}")
}
