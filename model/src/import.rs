//! Reading annotation files: Discern's native format and W3C Web Annotation JSON-LD. A file
//! is checked whole before anything changes: a bad file gets one message that names the file
//! and what is wrong with it, and changes nothing. Annotations whose offsets no longer fit the
//! text are re-anchored by their quote and its context; those that cannot be placed are kept
//! as orphans, never dropped.

use super::annotation::{Annotation, Label};
use super::document::{Document, DocumentMeta};
use super::formats::{ExportedAnnotation, ExportedDocument, NativeFile, FORMAT};
use super::text::TextIndex;
use super::workspace::{Change, ChangeError, Orphan, Workspace};
use serde_json::value::RawValue;
use serde_json::Value;
use std::collections::HashSet;
use std::ops::Range;
use std::rc::Rc;

/// The largest file Discern reads.
pub const MAX_BYTES: usize = 20 * 1024 * 1024;
/// How deeply arrays and objects may nest.
pub const MAX_DEPTH: usize = 32;

/// A document as a file describes it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IncomingDocument {
    pub id: String,
    pub title: String,
    pub source: Option<String>,
    pub sha256: Option<String>,
    pub length: Option<usize>,
    pub text: Option<String>,
}

/// An annotation as a file describes it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IncomingAnnotation {
    pub id: String,
    /// The document's id, or `sha256:<hex>` when the file names it by its text.
    pub document: String,
    pub label: Label,
    pub start: usize,
    pub end: usize,
    pub exact: Option<String>,
    pub prefix: String,
    pub suffix: String,
    pub note: String,
    pub speaker: Option<String>,
    pub annotator: String,
    pub created: String,
    pub modified: String,
}

/// What a file holds.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Incoming {
    /// The annotator the file names as its author (native files), if any.
    pub annotator: Option<String>,
    pub documents: Vec<IncomingDocument>,
    pub annotations: Vec<IncomingAnnotation>,
}

/// Which item of a file a problem is about.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Item {
    /// An annotation, by its id.
    Annotation(String),
    /// A document, by its id.
    Document(String),
}

/// What a file holds where a whole number ≥ 0 should be.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Found {
    /// A negative whole number.
    Integer(i64),
    /// A whole number too large for an offset.
    TooLarge,
    Fraction,
    Text(String),
    /// `true`, `false`, `null`, a list or an object.
    Other,
}

/// What is wrong with one item of a file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ItemProblem {
    UnknownLabel(String),
    /// An offset field (`start`, `end`) is missing.
    NoOffset(&'static str),
    /// An offset field holds something other than a whole number ≥ 0.
    BadOffset {
        field: &'static str,
        found: Found,
    },
    NotAnAnnotation,
    NoTaggingBody,
    NoTarget,
    NoSource,
    NoSelector,
    EndsBeforeStart {
        start: usize,
        end: usize,
    },
    PastTheEnd {
        end: usize,
        length: usize,
    },
    TextDoesNotMatchSha256,
    LengthDoesNotMatch {
        length: usize,
        actual: usize,
    },
    AppearsTwice,
}

/// Why a file changes nothing (see `docs/FORMATS.md#importing`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Refusal {
    /// Over [`MAX_BYTES`]; the size in whole megabytes, rounded up.
    TooLarge {
        megabytes: usize,
    },
    /// Nested deeper than [`MAX_DEPTH`].
    TooDeep {
        depth: usize,
    },
    LoneSurrogate,
    NotJson(JsonProblem),
    /// Neither a Discern file nor W3C Web Annotations.
    UnknownKind,
    OtherFormat(String),
    FormatNotAString,
    NewerVersion(u64),
    UnknownVersion,
    /// JSON of the right format whose fields have the wrong shape.
    Malformed(JsonProblem),
    /// Annotation number `.0` (from 1) of the file has the wrong shape.
    MalformedAt(usize, JsonWhat),
    Item(Item, ItemProblem),
    /// Two annotations share an id.
    IdUsedTwice(String),
    /// The workspace refused the planned changes.
    Conflict(ChangeError),
}

fn item(id: &str, problem: ItemProblem) -> Refusal {
    Refusal::Item(Item::Annotation(id.to_string()), problem)
}

/// Parses a file's text.
pub fn parse(text: &str) -> Result<Incoming, Refusal> {
    if text.len() > MAX_BYTES {
        return Err(Refusal::TooLarge {
            megabytes: text.len().div_ceil(1024 * 1024),
        });
    }
    if let Some(depth) = too_deep(text) {
        return Err(Refusal::TooDeep { depth });
    }
    let value: Value = serde_json::from_str(text).map_err(|e| {
        if has_lone_surrogate(text) {
            Refusal::LoneSurrogate
        } else {
            Refusal::NotJson(json_problem(&e))
        }
    })?;
    if let Some(format) = value.get("format") {
        native(format, value.get("version"), text)
    } else if is_w3c(&value) {
        w3c(&value)
    } else {
        Err(Refusal::UnknownKind)
    }
}

/// The nesting depth of `text` when it is over `MAX_DEPTH`, counted without parsing, so that
/// a hostile file cannot exhaust the parser.
pub(crate) fn too_deep(text: &str) -> Option<usize> {
    let (mut depth, mut in_string, mut escaped) = (0usize, false, false);
    for b in text.bytes() {
        if in_string {
            match (escaped, b) {
                (true, _) => escaped = false,
                (false, b'\\') => escaped = true,
                (false, b'"') => in_string = false,
                _ => {}
            }
            continue;
        }
        match b {
            b'"' => in_string = true,
            b'[' | b'{' => {
                depth += 1;
                if depth > MAX_DEPTH {
                    return Some(depth);
                }
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    None
}

/// Whether a `\\u` escape in `text` is half of a UTF-16 surrogate pair without the other half.
fn has_lone_surrogate(text: &str) -> bool {
    let b = text.as_bytes();
    let hex = |at: usize| -> Option<u32> {
        let s = text.get(at..at + 4)?;
        u32::from_str_radix(s, 16).ok()
    };
    let mut i = 0;
    while i + 1 < b.len() {
        if b[i] != b'\\' {
            i += 1;
            continue;
        }
        if b[i + 1] != b'u' {
            i += 2;
            continue;
        }
        match hex(i + 2) {
            Some(0xD800..=0xDBFF) => {
                let pair = b.get(i + 6) == Some(&b'\\')
                    && b.get(i + 7) == Some(&b'u')
                    && matches!(hex(i + 8), Some(0xDC00..=0xDFFF));
                if !pair {
                    return true;
                }
                i += 12;
            }
            Some(0xDC00..=0xDFFF) => return true,
            _ => i += 6,
        }
    }
    false
}

fn str_field(v: &Value, key: &str) -> Option<String> {
    v.get(key).and_then(Value::as_str).map(str::to_string)
}

fn offset(v: &Value, field: &'static str, id: &str) -> Result<usize, Refusal> {
    let found = match v.get(field) {
        Some(Value::Number(n)) => match (n.as_u64(), n.as_i64()) {
            (Some(n), _) => match usize::try_from(n) {
                Ok(n) => return Ok(n),
                Err(_) => Found::TooLarge,
            },
            (None, Some(i)) => Found::Integer(i),
            (None, None) => Found::Fraction,
        },
        Some(Value::String(s)) => Found::Text(s.clone()),
        Some(_) => Found::Other,
        None => return Err(item(id, ItemProblem::NoOffset(field))),
    };
    Err(item(id, ItemProblem::BadOffset { field, found }))
}

fn label(name: &str, id: &str) -> Result<Label, Refusal> {
    Label::parse(name).ok_or_else(|| item(id, ItemProblem::UnknownLabel(name.to_string())))
}

/// A native file: the format and version are checked first, then the whole file is read into
/// the types export writes.
fn native(format: &Value, version: Option<&Value>, text: &str) -> Result<Incoming, Refusal> {
    match format.as_str() {
        Some(FORMAT) => {}
        Some(other) => return Err(Refusal::OtherFormat(other.to_string())),
        None => return Err(Refusal::FormatNotAString),
    }
    match version.and_then(Value::as_u64) {
        Some(1) => {}
        Some(n) if n > 1 => return Err(Refusal::NewerVersion(n)),
        _ => return Err(Refusal::UnknownVersion),
    }
    let (mut incoming, items, _) = native_head(text)?;
    incoming.annotations = native_annotations(text, &items, 0)?;
    Ok(incoming)
}

/// A native file with its annotations left as raw JSON: what it says besides them, where
/// each is in `text` (to parse a batch at a time), and whether it is format version 1.
type Head = (Incoming, Vec<Range<usize>>, bool);

/// What was wrong with a JSON text, and where: typed, so that people read it in their own
/// language (`messages::json_problem`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct JsonProblem {
    pub what: JsonWhat,
    /// The line and column (from 1) where it was found.
    pub line: usize,
    pub column: usize,
}

/// What is wrong with a JSON text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum JsonWhat {
    /// It is not JSON there.
    Syntax,
    /// It ends before its JSON does.
    Ends,
    /// A field the format requires is missing: its name.
    Missing(String),
    /// A field is written twice in one object: its name.
    Twice(String),
    /// A value of one kind where the format has another.
    WrongKind { found: JsonKind, expected: JsonKind },
    /// A negative number where the format counts from 0 (an offset, a version).
    Negative,
    /// A whole number too large for the field.
    TooLarge,
    /// A value the format does not take there (out of range, unknown…).
    Other,
}

/// A kind of JSON value, as a format expects it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum JsonKind {
    Text,
    WholeNumber,
    Number,
    TrueFalse,
    Null,
    List,
    Object,
}

impl JsonKind {
    /// The kind that serde's words `words` start with, as it names what it found
    /// (`string "…"`, ``integer `5` ``) or what it expected (`usize`, `a string`, `struct X`).
    fn named(words: &str) -> Option<JsonKind> {
        use JsonKind::*;
        // In order: the first that `words` starts with.
        const NAMES: [(&str, JsonKind); 17] = [
            ("unit", Null),
            ("null", Null),
            ("string", Text),
            ("a string", Text),
            ("a borrowed str", Text),
            ("integer", WholeNumber),
            ("u", WholeNumber),
            ("i", WholeNumber),
            ("f", Number),
            ("boolean", TrueFalse),
            ("a boolean", TrueFalse),
            ("sequence", List),
            ("a sequence", List),
            ("tuple", List),
            ("map", Object),
            ("a map", Object),
            ("struct", Object),
        ];
        NAMES
            .iter()
            .find(|(name, _)| words.starts_with(name))
            .map(|&(_, kind)| kind)
    }
}

/// What `e`, serde's error for a JSON text, says, and where.
pub fn json_problem(e: &serde_json::Error) -> JsonProblem {
    use serde_json::error::Category;
    let what = match e.classify() {
        Category::Eof => JsonWhat::Ends,
        Category::Syntax | Category::Io => JsonWhat::Syntax,
        Category::Data => {
            // serde's words (with the place at the end, after the names read here).
            let words = e.to_string();
            let field = |rest: &str| rest.split('`').next().unwrap_or("").to_string();
            if let Some(rest) = words.strip_prefix("missing field `") {
                JsonWhat::Missing(field(rest))
            } else if let Some(rest) = words.strip_prefix("duplicate field `") {
                JsonWhat::Twice(field(rest))
            } else if let Some(rest) = words.strip_prefix("invalid type: ") {
                let kinds = rest
                    .rsplit_once(", expected ")
                    .and_then(|(f, x)| Some((JsonKind::named(f)?, JsonKind::named(x)?)));
                match kinds {
                    Some((found, expected)) => JsonWhat::WrongKind { found, expected },
                    None => JsonWhat::Other,
                }
            } else if words.starts_with("invalid value: integer `-") {
                JsonWhat::Negative
            } else if words.starts_with("invalid value: integer `") {
                JsonWhat::TooLarge
            } else {
                JsonWhat::Other
            }
        }
    };
    JsonProblem {
        what,
        line: e.line(),
        column: e.column(),
    }
}

fn native_head(text: &str) -> Result<Head, Refusal> {
    let file: NativeFile<&RawValue> =
        serde_json::from_str(text).map_err(|e| Refusal::Malformed(json_problem(&e)))?;
    let base = text.as_ptr() as usize;
    let items = file
        .annotations
        .iter()
        .map(|raw| {
            let at = raw.get().as_ptr() as usize - base;
            at..at + raw.get().len()
        })
        .collect();
    let current = file.format == FORMAT && file.version == 1;
    Ok((
        incoming_head(file.annotator, file.documents),
        items,
        current,
    ))
}

/// The annotations at `items` of a native file's `text`, the first being annotation number
/// `first` (from 0) of the file.
fn native_annotations(
    text: &str,
    items: &[Range<usize>],
    first: usize,
) -> Result<Vec<IncomingAnnotation>, Refusal> {
    items
        .iter()
        .enumerate()
        .map(|(i, r)| {
            serde_json::from_str::<ExportedAnnotation>(&text[r.clone()])
                .map_err(|e| {
                    if has_lone_surrogate(&text[r.clone()]) {
                        return Refusal::LoneSurrogate;
                    }
                    // Without the place inside the item, which means nothing in the file: the
                    // item's number instead.
                    Refusal::MalformedAt(first + i + 1, json_problem(&e).what)
                })
                .and_then(incoming_annotation)
        })
        .collect()
}

/// What a native file says besides its annotations.
fn incoming_head(annotator: String, documents: Vec<ExportedDocument>) -> Incoming {
    Incoming {
        annotator: (!annotator.is_empty()).then_some(annotator),
        documents: documents
            .into_iter()
            .map(|d| IncomingDocument {
                id: d.id,
                title: d.title,
                source: d.source,
                sha256: d.sha256,
                length: d.length,
                text: d.text,
            })
            .collect(),
        annotations: Vec::new(),
    }
}

/// An annotation of a native file.
fn incoming_annotation(a: ExportedAnnotation) -> Result<IncomingAnnotation, Refusal> {
    Ok(IncomingAnnotation {
        label: label(&a.label, &a.id)?,
        document: a.document,
        start: a.start,
        end: a.end,
        exact: (!a.text.is_empty()).then_some(a.text),
        prefix: a.prefix,
        suffix: a.suffix,
        note: a.note,
        speaker: a.speaker,
        annotator: a.annotator,
        created: a.created,
        modified: a.modified,
        id: a.id,
    })
}

fn type_is(v: &Value, name: &str) -> bool {
    match v.get("type") {
        Some(Value::String(s)) => s == name,
        Some(Value::Array(a)) => a.iter().any(|t| t.as_str() == Some(name)),
        _ => false,
    }
}

fn is_w3c(v: &Value) -> bool {
    ["AnnotationCollection", "AnnotationPage", "Annotation"]
        .iter()
        .any(|t| type_is(v, t))
        || v.as_array()
            .is_some_and(|a| a.iter().all(|x| type_is(x, "Annotation")))
}

fn as_list(v: Option<&Value>) -> Vec<&Value> {
    match v {
        Some(Value::Array(a)) => a.iter().collect(),
        Some(other) => vec![other],
        None => vec![],
    }
}

fn w3c(v: &Value) -> Result<Incoming, Refusal> {
    let items: Vec<&Value> = if type_is(v, "AnnotationCollection") {
        let first = v.get("first");
        match first.and_then(|f| f.get("items")) {
            Some(items) => as_list(Some(items)),
            None => as_list(v.get("items")),
        }
    } else if type_is(v, "AnnotationPage") {
        as_list(v.get("items"))
    } else if type_is(v, "Annotation") {
        vec![v]
    } else {
        as_list(Some(v))
    };
    let mut incoming = Incoming::default();
    for (i, a) in items.into_iter().enumerate() {
        let raw_id = str_field(a, "id").unwrap_or_else(|| format!("w3c-{}", i + 1));
        let id = raw_id
            .strip_prefix("urn:discern:annotation:")
            .unwrap_or(&raw_id)
            .to_string();
        let what = raw_id.as_str();
        if !type_is(a, "Annotation") {
            return Err(item(what, ItemProblem::NotAnAnnotation));
        }
        let (mut tag, mut note, mut speaker) = (None, String::new(), None);
        for b in as_list(a.get("body")) {
            let value = str_field(b, "value").unwrap_or_default();
            match b.get("purpose").and_then(Value::as_str) {
                Some("tagging") => tag = Some(value),
                Some("commenting") => note = value,
                Some("identifying") => speaker = Some(value),
                _ => {}
            }
        }
        let name = tag.ok_or_else(|| item(what, ItemProblem::NoTaggingBody))?;
        let target = as_list(a.get("target"))
            .into_iter()
            .next()
            .ok_or_else(|| item(what, ItemProblem::NoTarget))?;
        let source =
            str_field(target, "source").ok_or_else(|| item(what, ItemProblem::NoSource))?;
        let document = match source.strip_prefix("urn:sha256:") {
            Some(hex) => format!("sha256:{hex}"),
            None => source,
        };
        let (mut quote, mut position) = (None, None);
        for s in as_list(target.get("selector")) {
            if type_is(s, "TextQuoteSelector") {
                quote = Some(s);
            } else if type_is(s, "TextPositionSelector") {
                position = Some((offset(s, "start", what)?, offset(s, "end", what)?));
            }
        }
        let exact = quote.and_then(|q| str_field(q, "exact"));
        let (start, end) = match (position, &exact) {
            (Some(p), _) => p,
            (None, Some(_)) => (0, 0),
            (None, None) => return Err(item(what, ItemProblem::NoSelector)),
        };
        incoming.annotations.push(IncomingAnnotation {
            document,
            label: label(&name, what)?,
            start,
            end,
            prefix: quote
                .and_then(|q| str_field(q, "prefix"))
                .unwrap_or_default(),
            suffix: quote
                .and_then(|q| str_field(q, "suffix"))
                .unwrap_or_default(),
            exact,
            note,
            speaker,
            annotator: a
                .get("creator")
                .and_then(|c| str_field(c, "name").or_else(|| c.as_str().map(str::to_string)))
                .unwrap_or_default(),
            created: str_field(a, "created").unwrap_or_default(),
            modified: str_field(a, "modified").unwrap_or_default(),
            id,
        });
    }
    Ok(incoming)
}

/// Why an annotation could not be placed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OrphanReason {
    /// The file's annotation names a document this library does not have.
    NoDocument,
    /// Its offsets do not fit and its quote is nowhere in the text.
    QuoteNotFound,
}

/// What import says about one annotation of a file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ItemNote {
    /// Its offsets no longer fit, and its quote was found elsewhere.
    Reanchored {
        id: String,
        from: (usize, usize),
        to: (usize, usize),
    },
    /// It could not be placed and is kept as an orphan.
    Orphaned { id: String, why: OrphanReason },
}

/// What importing a file does, in numbers, and what it says about single annotations.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ImportSummary {
    pub added: usize,
    /// Tags this workspace already has.
    pub already: usize,
    pub reanchored: usize,
    pub orphaned: usize,
    pub documents_added: usize,
    pub notes: Vec<ItemNote>,
}

/// What importing a file would do: the changes, and what it found.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ImportPlan {
    pub changes: Vec<Change>,
    pub summary: ImportSummary,
}

/// What became of one file that was imported or loaded to compare.
#[derive(Clone, Debug, PartialEq)]
pub struct FileReport {
    pub file: String,
    pub outcome: FileOutcome,
}

/// The outcome of one file.
#[derive(Clone, Debug, PartialEq)]
pub enum FileOutcome {
    /// Imported into the work.
    Imported(ImportSummary),
    /// Loaded to compare: whose spans (the file's annotator), how many, how many could not
    /// be placed, and the other names its annotations carry (reported, not renamed).
    Loaded {
        annotator: String,
        spans: usize,
        orphaned: usize,
        others: Vec<String>,
    },
    /// The file changes nothing.
    Refused(Refusal),
}

impl FileOutcome {
    /// Whether the file was refused.
    pub fn is_refused(&self) -> bool {
        matches!(self, FileOutcome::Refused(_))
    }
}

/// Plans the import of several files (name, text) into `ws`, each seeing the ones before
/// it: the changes of the good files, to apply as one undoable step, and a report per file.
pub fn plan_files(ws: &Workspace, files: Vec<(String, String)>) -> Imported {
    let mut job = ImportJob::new(ws, files);
    loop {
        if let Step::Done(imported) = job.step() {
            return imported;
        }
    }
}

/// How many annotations a step of an [`ImportJob`] parses or places.
const BATCH: usize = 2_000;

/// The import of several files in small steps ([`ImportJob::step`]), so that a long file
/// never holds the page for long: a native file's annotations are parsed, then placed, a
/// batch at a time. Each file sees the ones before it; a bad file changes nothing.
pub struct ImportJob {
    files: Vec<(String, String)>,
    /// The workspace with the good files so far applied.
    scratch: Workspace,
    changes: Vec<Change>,
    reports: Vec<Rc<FileReport>>,
    /// The file at hand, and how far it is.
    file: usize,
    stage: Stage,
    /// Bytes of the files, in all and done, for the share done.
    total: usize,
    done: usize,
}

/// How far the file at hand is.
enum Stage {
    Start,
    /// A native file's annotations as raw JSON (byte ranges of the text), parsed from `next`.
    Parsing {
        incoming: Incoming,
        items: Vec<Range<usize>>,
        next: usize,
    },
    /// Its annotations checked whole, placed from `next`.
    Placing {
        incoming: Incoming,
        planner: Box<Planner>,
        next: usize,
    },
    /// Planned, to apply to the scratch workspace (a step of its own: the longest).
    Applying(ImportPlan),
}

/// What an [`ImportJob`] step leaves.
pub enum Step {
    /// Still at work, with the share done (0 to 1).
    Working(f64),
    Done(Imported),
}

/// A finished import.
#[derive(Clone, Debug)]
pub struct Imported {
    /// The workspace with every good file applied.
    pub workspace: Workspace,
    /// What the good files changed, to apply or undo as one step.
    pub changes: Vec<Change>,
    /// What became of each file (shared with the report that shows it).
    pub reports: Vec<Rc<FileReport>>,
}

impl ImportJob {
    pub fn new(ws: &Workspace, files: Vec<(String, String)>) -> Self {
        ImportJob {
            total: files.iter().map(|(_, t)| t.len()).sum(),
            files,
            scratch: ws.clone(),
            changes: Vec::new(),
            reports: Vec::new(),
            file: 0,
            stage: Stage::Start,
            done: 0,
        }
    }

    /// Does the next small part of the work: reads a file's head, or parses or places a
    /// batch of its annotations.
    pub fn step(&mut self) -> Step {
        let files = std::mem::take(&mut self.files);
        let Some((name, text)) = files.get(self.file) else {
            return Step::Done(Imported {
                workspace: std::mem::replace(&mut self.scratch, Workspace::new(Vec::new())),
                changes: std::mem::take(&mut self.changes),
                reports: std::mem::take(&mut self.reports),
            });
        };
        let share = match std::mem::replace(&mut self.stage, Stage::Start) {
            Stage::Start => {
                match native_items(text) {
                    Some((incoming, items)) => {
                        self.stage = Stage::Parsing {
                            incoming,
                            items,
                            next: 0,
                        }
                    }
                    None => match parse(text) {
                        Ok(incoming) => self.start_placing(name, text, incoming),
                        Err(r) => self.end_file(name, text, Err(r)),
                    },
                }
                0.0
            }
            Stage::Parsing {
                mut incoming,
                items,
                next,
            } => {
                let count = items.len();
                let end = (next + BATCH).min(count);
                match native_annotations(text, &items[next..end], next) {
                    Ok(batch) if end == count => {
                        incoming.annotations.extend(batch);
                        self.start_placing(name, text, incoming);
                    }
                    Ok(batch) => {
                        incoming.annotations.extend(batch);
                        self.stage = Stage::Parsing {
                            incoming,
                            items,
                            next: end,
                        };
                    }
                    Err(r) => self.end_file(name, text, Err(r)),
                }
                end as f64 / count as f64 / 2.0
            }
            Stage::Placing {
                incoming,
                mut planner,
                next,
            } => {
                let count = incoming.annotations.len();
                let end = (next + BATCH).min(count);
                for a in &incoming.annotations[next..end] {
                    planner.place(&self.scratch, name, a);
                }
                if end == count {
                    self.stage = Stage::Applying(planner.plan);
                } else {
                    self.stage = Stage::Placing {
                        incoming,
                        planner,
                        next: end,
                    };
                }
                0.5 + end as f64 / count.max(1) as f64 / 2.0
            }
            Stage::Applying(plan) => {
                self.end_file(name, text, Ok(plan));
                0.0
            }
        };
        let done = self.done as f64 + share * text.len() as f64;
        self.files = files;
        Step::Working(done / self.total.max(1) as f64)
    }

    fn start_placing(&mut self, name: &str, text: &str, incoming: Incoming) {
        match Planner::new(&self.scratch, &incoming) {
            Ok(planner) => {
                self.stage = Stage::Placing {
                    incoming,
                    planner: Box::new(planner),
                    next: 0,
                }
            }
            Err(r) => self.end_file(name, text, Err(r)),
        }
    }

    /// Applies a file's plan to the scratch workspace (or reports why not), and moves on.
    fn end_file(&mut self, name: &str, text: &str, planned: Result<ImportPlan, Refusal>) {
        let applied = planned.and_then(|p| {
            self.scratch
                .apply_all(&p.changes)
                .map(|_| p)
                .map_err(Refusal::Conflict)
        });
        let outcome = match applied {
            Ok(p) => {
                self.changes.extend(p.changes);
                FileOutcome::Imported(p.summary)
            }
            Err(r) => FileOutcome::Refused(r),
        };
        self.reports.push(Rc::new(FileReport {
            file: name.to_string(),
            outcome,
        }));
        self.file += 1;
        self.done += text.len();
        self.stage = Stage::Start;
    }
}

/// A native file of format version 1, read up to its annotations ([`native_head`]); `None`
/// for anything else, which [`parse`] reads whole (and refuses with the right words).
fn native_items(text: &str) -> Option<(Incoming, Vec<Range<usize>>)> {
    if text.len() > MAX_BYTES || too_deep(text).is_some() {
        return None;
    }
    let (incoming, items, current) = native_head(text).ok()?;
    current.then_some((incoming, items))
}

/// Where the quote `exact` best fits `text`, in code points: the occurrence whose context
/// matches `prefix` and `suffix` best, then the one nearest `hint`.
pub fn reanchor(
    text: &str,
    index: &TextIndex,
    exact: &str,
    prefix: &str,
    suffix: &str,
    hint: usize,
) -> Option<(usize, usize)> {
    if exact.is_empty() {
        return None;
    }
    let len = exact.chars().count();
    let mut best: Option<((usize, usize, usize), usize)> = None;
    for b in occurrences(text, exact) {
        let start = index.cp_of_byte(text, b)?;
        let before = &text[..b];
        let after = &text[b + exact.len()..];
        let p = common_suffix(before, prefix);
        let s = common_prefix(after, suffix);
        // Higher context match first, then nearer the old position.
        let score = (p + s, usize::MAX - start.abs_diff(hint), usize::MAX - start);
        if best.as_ref().is_none_or(|(bs, _)| score > *bs) {
            best = Some((score, start));
        }
    }
    best.map(|(_, start)| (start, start + len))
}

/// Every byte offset where `needle` starts in `text`, overlapping ones included.
fn occurrences<'a>(text: &'a str, needle: &'a str) -> impl Iterator<Item = usize> + 'a {
    let mut from = 0;
    std::iter::from_fn(move || {
        let at = from + text.get(from..)?.find(needle)?;
        from = at + text[at..].chars().next().map_or(1, char::len_utf8);
        Some(at)
    })
}

fn common_suffix(a: &str, b: &str) -> usize {
    a.chars()
        .rev()
        .zip(b.chars().rev())
        .take_while(|(x, y)| x == y)
        .count()
}

fn common_prefix(a: &str, b: &str) -> usize {
    a.chars().zip(b.chars()).take_while(|(x, y)| x == y).count()
}

/// Plans the import of `incoming` (from file `name`) into `ws`: the changes to apply in one
/// undoable step, or why the file changes nothing.
pub fn plan(ws: &Workspace, name: &str, incoming: &Incoming) -> Result<ImportPlan, Refusal> {
    let mut planner = Planner::new(ws, incoming)?;
    for a in &incoming.annotations {
        planner.place(ws, name, a);
    }
    Ok(planner.plan)
}

/// A plan in the making: the file's documents resolved and its annotations checked whole,
/// then placed one by one ([`Planner::place`]), so that a long file can be placed in batches.
struct Planner {
    plan: ImportPlan,
    /// The file's documents by the ids it uses (few: a list, as the library's own are).
    resolved: Vec<(String, Rc<Document>)>,
    /// Every id in the file.
    ids: HashSet<String>,
    /// The ids of the workspace's annotations.
    existing_ids: HashSet<String>,
    /// Ids given to annotations placed from this file.
    taken_ids: HashSet<String>,
    /// A placed tag's document, range and label, as one key.
    taken_tags: HashSet<String>,
    new_orphans: Vec<Rc<Orphan>>,
}

impl Planner {
    /// Resolves the documents of `incoming` (adding those it carries with a new text) and
    /// checks its annotations: each id once, each range ordered and inside its text.
    fn new(ws: &Workspace, incoming: &Incoming) -> Result<Self, Refusal> {
        let doc_problem =
            |id: &str, p: ItemProblem| Refusal::Item(Item::Document(id.to_string()), p);
        let mut plan = ImportPlan::default();
        let mut resolved: Vec<(String, Rc<Document>)> = Vec::new();
        let mut new_docs: Vec<Rc<Document>> = Vec::new();
        let mut seen_docs = HashSet::new();
        for d in &incoming.documents {
            if !seen_docs.insert(d.id.as_str()) {
                return Err(doc_problem(&d.id, ItemProblem::AppearsTwice));
            }
            let by_sha = d
                .sha256
                .as_deref()
                .and_then(|h| ws.documents().iter().find(|w| w.sha256 == h));
            let known = ws.document(&d.id).or(by_sha).cloned();
            let doc = match (&d.text, known) {
                (Some(text), known) => {
                    let doc = Document::new(
                        DocumentMeta {
                            title: d.title.clone(),
                            source: d.source.clone(),
                            ..DocumentMeta::default()
                        },
                        text,
                        false,
                    );
                    if let Some(h) = &d.sha256 {
                        if *h != doc.sha256 {
                            return Err(doc_problem(&d.id, ItemProblem::TextDoesNotMatchSha256));
                        }
                    }
                    if let Some(len) = d.length {
                        if len != doc.len() {
                            let actual = doc.len();
                            let p = ItemProblem::LengthDoesNotMatch {
                                length: len,
                                actual,
                            };
                            return Err(doc_problem(&d.id, p));
                        }
                    }
                    match known.or_else(|| ws.document(&doc.id).cloned()) {
                        Some(k) => k,
                        None => {
                            let doc = Rc::new(doc);
                            if !new_docs.iter().any(|n| n.id == doc.id) {
                                new_docs.push(doc.clone());
                            }
                            doc
                        }
                    }
                }
                (None, Some(k)) => k,
                (None, None) => continue,
            };
            resolved.push((d.id.clone(), doc.clone()));
            if let Some(h) = &d.sha256 {
                resolved.push((format!("sha256:{h}"), doc));
            }
        }
        plan.summary.documents_added = new_docs.len();
        plan.changes
            .extend(new_docs.iter().cloned().map(Change::AddDocument));
        let mut planner = Planner {
            plan,
            resolved,
            ids: HashSet::new(),
            existing_ids: ws.all_annotations().map(|a| a.id.clone()).collect(),
            taken_ids: HashSet::new(),
            taken_tags: HashSet::new(),
            new_orphans: Vec::new(),
        };
        // Annotations: checked whole first, then placed.
        for a in &incoming.annotations {
            if !planner.ids.insert(a.id.clone()) {
                return Err(Refusal::IdUsedTwice(a.id.clone()));
            }
            if a.start > a.end {
                let (start, end) = (a.start, a.end);
                return Err(item(&a.id, ItemProblem::EndsBeforeStart { start, end }));
            }
            if let Some(doc) = planner.find_doc(ws, &a.document) {
                if a.end > doc.len() {
                    let (end, length) = (a.end, doc.len());
                    return Err(item(&a.id, ItemProblem::PastTheEnd { end, length }));
                }
            }
        }
        Ok(planner)
    }

    /// The document a file's annotation names: one the file carries, or one here.
    fn find_doc(&self, ws: &Workspace, id: &str) -> Option<Rc<Document>> {
        self.resolved
            .iter()
            .find(|(known, _)| known == id)
            .map(|(_, doc)| doc.clone())
            .or_else(|| match id.strip_prefix("sha256:") {
                Some(h) => ws.documents().iter().find(|d| d.sha256 == h).cloned(),
                None => ws.document(id).cloned(),
            })
    }

    /// Whether annotation id `id` is taken here or by an annotation placed before.
    fn id_taken(&self, id: &str) -> bool {
        self.existing_ids.contains(id) || self.taken_ids.contains(id)
    }

    /// Places one annotation of file `name` (checked by [`Planner::new`]): added, already
    /// here, re-anchored by its quote, or kept as an orphan.
    fn place(&mut self, ws: &Workspace, name: &str, a: &IncomingAnnotation) {
        let doc = self.find_doc(ws, &a.document);
        let placed = doc.as_ref().and_then(|doc| {
            let here = doc.slice(a.start, a.end);
            match &a.exact {
                Some(exact) if a.start < a.end && here == exact => Some((a.start, a.end, false)),
                None if a.start < a.end => Some((a.start, a.end, false)),
                Some(exact) => {
                    reanchor(&doc.text, &doc.index, exact, &a.prefix, &a.suffix, a.start)
                        .map(|(s, e)| (s, e, true))
                }
                None => None,
            }
        });
        let plan = &mut self.plan;
        let Some(((start, end, moved), doc)) = placed.zip(doc.clone()) else {
            let why = if doc.is_none() {
                OrphanReason::NoDocument
            } else {
                OrphanReason::QuoteNotFound
            };
            let orphan = Orphan {
                id: a.id.clone(),
                document: a.document.clone(),
                label: a.label,
                start: a.start,
                end: a.end,
                exact: a.exact.clone().unwrap_or_default(),
                prefix: a.prefix.clone(),
                suffix: a.suffix.clone(),
                note: a.note.clone(),
                speaker: a.speaker.clone(),
                annotator: a.annotator.clone(),
                source_file: name.to_string(),
            };
            // Already kept (from this file or another with the same annotation), or twice
            // in this file: one orphan.
            let kept = |o: &Orphan| o.same_content(&orphan);
            if ws.orphans().iter().any(|o| kept(o)) || self.new_orphans.iter().any(|o| kept(o)) {
                plan.summary.already += 1;
                return;
            }
            plan.summary.notes.push(ItemNote::Orphaned {
                id: a.id.clone(),
                why,
            });
            plan.summary.orphaned += 1;
            let orphan = Rc::new(orphan);
            self.new_orphans.push(orphan.clone());
            plan.changes.push(Change::AddOrphan(orphan));
            return;
        };
        let mut ann = Annotation {
            id: a.id.clone(),
            document: doc.id.clone(),
            label: a.label,
            start,
            end,
            note: a.note.clone(),
            speaker: a.speaker.clone(),
            annotator: a.annotator.clone(),
            created: a.created.clone(),
            modified: a.modified.clone(),
        };
        let tag = format!("{} {start} {end} {}", doc.id, a.label.as_str());
        if ws.has_tag(&ann) || self.taken_tags.contains(&tag) {
            self.plan.summary.already += 1;
            return;
        }
        if self.id_taken(&ann.id) {
            // Another annotation has this id: keep both, the newcomer under a new id.
            let mut n = 2;
            while self.id_taken(&format!("{}~{n}", a.id))
                || self.ids.contains(format!("{}~{n}", a.id).as_str())
            {
                n += 1;
            }
            ann.id = format!("{}~{n}", a.id);
        }
        let plan = &mut self.plan;
        if moved {
            plan.summary.reanchored += 1;
            plan.summary.notes.push(ItemNote::Reanchored {
                id: a.id.clone(),
                from: (a.start, a.end),
                to: (start, end),
            });
        }
        plan.summary.added += 1;
        self.taken_tags.insert(tag);
        self.taken_ids.insert(ann.id.clone());
        plan.changes.push(Change::Add(Rc::new(ann)));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus;
    use crate::formats::{export_native, export_w3c};

    fn ws_with_one() -> Workspace {
        let mut ws = Workspace::new(corpus::builtin());
        let doc = ws.documents()[2].clone();
        let at = doc.text.chars().position(|c| c == '😂').unwrap() + 2;
        let a = Annotation {
            note: "<b>why</b>".into(),
            speaker: Some("Rubio".into()),
            annotator: "Ana".into(),
            created: "2026-11-22T10:00:00Z".into(),
            modified: "2026-11-22T10:00:00Z".into(),
            ..Annotation::new("a1", &doc.id, Label::Quote, at, at + 20)
        };
        ws.apply(&Change::Add(Rc::new(a))).unwrap();
        ws
    }

    #[test]
    fn native_and_w3c_round_trip() {
        let ws = ws_with_one();
        let native = serde_json::to_string(&export_native(&ws, None, "Ana", "t", false)).unwrap();
        let w3c = serde_json::to_string(&export_w3c(&ws, None, "Ana", "t")).unwrap();
        for (name, text) in [("n.json", native), ("w.jsonld", w3c)] {
            let incoming = parse(&text).unwrap();
            let fresh = Workspace::new(corpus::builtin());
            let plan = plan(&fresh, name, &incoming).unwrap();
            assert_eq!(
                (
                    plan.summary.added,
                    plan.summary.orphaned,
                    plan.summary.reanchored
                ),
                (1, 0, 0),
                "{name}"
            );
            let mut back = fresh.clone();
            back.apply_all(&plan.changes).unwrap();
            assert_eq!(back, ws, "{name}: export then import is the identity");
            // Importing into the same workspace again adds nothing.
            let again = super::plan(&ws, name, &incoming).unwrap();
            assert_eq!((again.summary.added, again.summary.already), (0, 1));
        }
    }

    #[test]
    fn moved_offsets_are_reanchored_by_quote() {
        let ws = ws_with_one();
        let mut file = export_native(&ws, None, "Ana", "t", false);
        file.annotations[0].start -= 8;
        file.annotations[0].end -= 8;
        let text = serde_json::to_string(&file).unwrap();
        let plan = plan(
            &Workspace::new(corpus::builtin()),
            "f",
            &parse(&text).unwrap(),
        )
        .unwrap();
        assert_eq!(plan.summary.reanchored, 1);
        let Change::Add(a) = &plan.changes[0] else {
            panic!("an add")
        };
        assert_eq!(a.start, ws.annotation("a1").unwrap().start);
    }

    #[test]
    fn unplaceable_annotations_become_orphans() {
        let ws = ws_with_one();
        let mut file = export_native(&ws, None, "Ana", "t", false);
        file.annotations[0].text = "words that are nowhere".into();
        let text = serde_json::to_string(&file).unwrap();
        let plan = plan(&ws, "f", &parse(&text).unwrap()).unwrap();
        assert_eq!(plan.summary.orphaned, 1);
        assert!(matches!(
            &plan.summary.notes[0],
            ItemNote::Orphaned {
                why: OrphanReason::QuoteNotFound,
                ..
            }
        ));
    }

    #[test]
    fn importing_an_orphan_twice_keeps_one_and_undo_keeps_it() {
        let mut ws = ws_with_one();
        let mut file = export_native(&ws, None, "Ana", "t", false);
        file.annotations[0].text = "words that are nowhere".into();
        file.annotations[0].id = "lost".into();
        let text = serde_json::to_string(&file).unwrap();
        let first = plan(&ws, "f", &parse(&text).unwrap()).unwrap();
        ws.apply_all(&first.changes).unwrap();
        let again = plan(&ws, "f", &parse(&text).unwrap()).unwrap();
        assert_eq!((again.summary.orphaned, again.summary.already), (0, 1));
        assert!(again.changes.is_empty());
        // The same file under another name (a second download): still the same orphan.
        let renamed = plan(&ws, "f (1)", &parse(&text).unwrap()).unwrap();
        assert_eq!((renamed.summary.orphaned, renamed.summary.already), (0, 1));
        ws.apply_all(&renamed.changes).unwrap();
        assert_eq!(ws.orphans().len(), 1);
        // Twice in one file, under two ids: one orphan.
        let mut twice = file.clone();
        let mut copy = twice.annotations[0].clone();
        copy.id = "lost-again".into();
        twice.annotations.push(copy);
        let text = serde_json::to_string(&twice).unwrap();
        let fresh = plan(&ws_with_one(), "g", &parse(&text).unwrap()).unwrap();
        assert_eq!((fresh.summary.orphaned, fresh.summary.already), (1, 1));
    }

    #[test]
    fn renamed_ids_never_clash_with_the_file_itself() {
        let ws = ws_with_one();
        let mut file = export_native(&ws, None, "Ana", "t", false);
        let mut other = file.annotations[0].clone();
        other.id = "a1~2".into();
        other.label = "claim".into();
        file.annotations[0].label = "opinion".into();
        file.annotations.insert(0, other);
        let text = serde_json::to_string(&file).unwrap();
        let p = plan(&ws, "f", &parse(&text).unwrap()).unwrap();
        assert_eq!(p.summary.added, 2);
        let mut next = ws.clone();
        next.apply_all(&p.changes).unwrap();
        assert!(next.annotation("a1~2").is_some() && next.annotation("a1~3").is_some());
    }

    /// Files written by other tools often say `null` for an empty field.
    #[test]
    fn null_fields_read_as_empty() {
        let ws = ws_with_one();
        let file = export_native(&ws, None, "Ana", "t", false);
        let mut v = serde_json::to_value(&file).unwrap();
        for key in [
            "note",
            "prefix",
            "suffix",
            "annotator",
            "created",
            "modified",
            "text",
        ] {
            v["annotations"][0][key] = serde_json::Value::Null;
        }
        v["annotator"] = serde_json::Value::Null;
        v["exported_at"] = serde_json::Value::Null;
        v["documents"] = serde_json::Value::Null;
        let plan = plan(
            &Workspace::new(corpus::builtin()),
            "f",
            &parse(&v.to_string()).unwrap(),
        )
        .unwrap();
        assert_eq!(plan.summary.added, 1);
    }

    /// On wasm32 a `usize` is 32 bits: an offset past that is refused, never cut short.
    #[test]
    fn huge_w3c_offsets_are_refused() {
        let ws = ws_with_one();
        let w3c = serde_json::to_string(&export_w3c(&ws, None, "Ana", "t")).unwrap();
        let huge = w3c.replacen("\"start\":", "\"start\":18446744073709551615,\"was\":", 1);
        // Refused whole (on wasm32: too large; natively: it ends before it starts).
        let refusal = parse(&huge).and_then(|i| plan(&ws, "w", &i)).unwrap_err();
        assert!(
            matches!(
                refusal,
                Refusal::Item(
                    _,
                    ItemProblem::BadOffset {
                        found: Found::TooLarge,
                        ..
                    }
                ) | Refusal::Item(_, ItemProblem::EndsBeforeStart { .. })
            ),
            "{refusal:?}"
        );
    }

    #[test]
    fn a_reading_pack_adds_its_documents() {
        let mut ws = Workspace::new(vec![]);
        let doc = Document::new(
            DocumentMeta {
                title: "Pack".into(),
                ..Default::default()
            },
            "One 👍🏽 two three.",
            false,
        );
        ws.apply(&Change::AddDocument(Rc::new(doc))).unwrap();
        let file = export_native(&ws, None, "T", "t", true);
        let text = serde_json::to_string(&file).unwrap();
        let plan = plan(&Workspace::new(vec![]), "pack.json", &parse(&text).unwrap()).unwrap();
        assert_eq!(plan.summary.documents_added, 1);
        let mut tampered = file.clone();
        tampered.documents[0].text = Some("Other text".into());
        let bad = serde_json::to_string(&tampered).unwrap();
        let err = plan_of(&bad).unwrap_err();
        assert_eq!(
            err,
            Refusal::Item(
                Item::Document(tampered.documents[0].id.clone()),
                ItemProblem::TextDoesNotMatchSha256
            )
        );
    }

    /// A native file of `n` annotations on the third built-in document, some of them
    /// already in `ws_with_one` (by id or by tag) or twice in the file.
    fn long_file(n: usize) -> (Workspace, String) {
        let ws = ws_with_one();
        let doc = ws.documents()[2].clone();
        let taken = ws.annotations(&doc.id)[0].clone();
        let items: Vec<String> = (0..n)
            .map(|i| {
                let (start, label) = match i % 500 {
                    // The tag already here, under another id.
                    7 => (taken.start, taken.label),
                    _ => ((i * 37) % (doc.len() - 40), Label::ALL[i % 3]),
                };
                // An id already here: renamed.
                let id = if i == 4_321 { "a1".to_string() } else { format!("b{i}") };
                format!(
                    r#"{{"id":"{id}","document":"{}","label":"{}","start":{start},"end":{},"note":"n{i}"}}"#,
                    doc.id,
                    label.as_str(),
                    if i % 500 == 7 { taken.end } else { start + 1 + i % 30 }
                )
            })
            .collect();
        let text = format!(
            r#"{{"format":"discern.annotations","version":1,"annotator":"Ana","annotations":[{}]}}"#,
            items.join(",\n")
        );
        (ws, text)
    }

    #[test]
    fn a_long_file_in_steps_is_the_file_at_once() {
        let (ws, text) = long_file(5 * BATCH + 17);
        let whole = plan(&ws, "long.json", &parse(&text).unwrap()).unwrap();
        let s = &whole.summary;
        assert_eq!(s.added + s.already, 5 * BATCH + 17);
        assert!(s.already >= 21, "the tag already here, 21 times");
        let renamed = |c: &Change| matches!(c, Change::Add(a) if a.id == "a1~2");
        assert!(whole.changes.iter().any(renamed));
        let mut job = ImportJob::new(&ws, vec![("long.json".into(), text)]);
        let mut shares = vec![];
        let done = loop {
            match job.step() {
                Step::Working(share) => shares.push(share),
                Step::Done(done) => break done,
            }
        };
        // Parsed and placed a batch at a time, the share done growing to the whole.
        assert!(shares.len() > 10, "{} steps", shares.len());
        assert!(shares.windows(2).all(|w| w[0] <= w[1]));
        assert_eq!(shares.last(), Some(&1.0));
        assert_eq!(done.changes, whole.changes);
        let outcome = FileOutcome::Imported(whole.summary);
        assert_eq!(
            done.reports,
            [Rc::new(FileReport {
                file: "long.json".into(),
                outcome
            })]
        );
        let mut applied = ws.clone();
        applied.apply_all(&done.changes).unwrap();
        assert_eq!(done.workspace, applied);
    }

    #[test]
    fn json_problems_say_what_and_where() {
        let problem = |text: &str| {
            let e = serde_json::from_str::<ExportedAnnotation>(text).unwrap_err();
            let p = json_problem(&e);
            (p.what, p.line, p.column)
        };
        let wrong = |found, expected| JsonWhat::WrongKind { found, expected };
        use JsonKind::*;
        // A string that looks like serde's own words is still a string.
        let text = r#"{"id":"a","document":"d","start":"5, expected","end":7}"#;
        assert_eq!(problem(text), (wrong(Text, WholeNumber), 1, 46));
        let text = r#"{"id":"a","document":"d","start":true,"end":7}"#;
        assert_eq!(problem(text), (wrong(TrueFalse, WholeNumber), 1, 37));
        let text = r#"{"id":"a","document":"d","start":1.5,"end":7}"#;
        assert_eq!(problem(text), (wrong(Number, WholeNumber), 1, 36));
        assert_eq!(problem("5").0, wrong(WholeNumber, Object));
        let text = "{\"id\":\"a\",\n\"document\":\"d\",\"label\":\"claim\",\"start\":1}";
        assert_eq!(problem(text), (JsonWhat::Missing("end".into()), 2, 41));
        assert_eq!(problem("{\"id\":"), (JsonWhat::Ends, 1, 6));
        assert_eq!(problem("{\"id\" 5}"), (JsonWhat::Syntax, 1, 7));
        let text = r#"{"id":"a","document":"d","start":-1,"end":7}"#;
        assert_eq!(problem(text).0, JsonWhat::Negative);
        // (Past the largest whole number, JSON's numbers are read as decimals.)
        let text = r#"{"id":"a","document":"d","start":99999999999999999999,"end":7}"#;
        assert_eq!(problem(text).0, wrong(Number, WholeNumber));
        let e = serde_json::from_str::<u8>("300").unwrap_err();
        assert_eq!(json_problem(&e).what, JsonWhat::TooLarge);
        let text = r#"{"id":"a","id":"b","document":"d","start":1,"end":7}"#;
        assert_eq!(problem(text).0, JsonWhat::Twice("id".into()));
        let e = serde_json::from_str::<Label>(r#""rumour""#).unwrap_err();
        assert_eq!(json_problem(&e).what, JsonWhat::Other);
    }

    #[test]
    fn a_bad_annotation_late_in_a_long_file_refuses_it_whole() {
        let (ws, text) = long_file(3 * BATCH);
        // Annotation 4,501 (past the first batches) has no end.
        let bad = text.replacen(r#","end":"#, r#","finish":"#, 4_501);
        let bad = bad.replacen(r#","finish":"#, r#","end":"#, 4_500);
        let done = plan_files(&ws, vec![("bad.json".into(), bad)]);
        let why = Refusal::MalformedAt(4501, JsonWhat::Missing("end".into()));
        let outcome = FileOutcome::Refused(why);
        assert_eq!(
            done.reports,
            [Rc::new(FileReport {
                file: "bad.json".into(),
                outcome
            })]
        );
        assert!(done.changes.is_empty());
        assert_eq!(done.workspace, ws);
    }

    fn plan_of(text: &str) -> Result<ImportPlan, Refusal> {
        parse(text).and_then(|i| plan(&Workspace::new(vec![]), "f", &i))
    }
}
