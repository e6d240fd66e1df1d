//! JSON as Discern reads it from files and from storage: the limits a text must keep (its
//! size and nesting, checked before it is parsed), what is wrong with one that cannot be read,
//! as a typed [`JsonProblem`] that people read in their own language, and `null` read as an
//! empty field, as files written by other tools often have it.

use serde::Deserialize;

/// The largest file Discern reads.
pub const MAX_BYTES: usize = 20 * 1024 * 1024;
/// How deeply arrays and objects may nest.
pub const MAX_DEPTH: usize = 32;

/// Reads `null` as the field's default, as files written by other tools often have it.
pub fn null_as_default<'de, D, T>(d: D) -> Result<T, D::Error>
where
    D: serde::Deserializer<'de>,
    T: Default + Deserialize<'de>,
{
    Ok(Option::<T>::deserialize(d)?.unwrap_or_default())
}

/// The nesting depth of `text` when it is over `MAX_DEPTH`, counted without parsing, so that
/// a hostile file cannot exhaust the parser.
pub fn too_deep(text: &str) -> Option<usize> {
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
pub fn has_lone_surrogate(text: &str) -> bool {
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

/// What was wrong with a JSON text, and where: typed, so that people read it in their own
/// language (the app puts it into words where it shows it).
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
    /// A label Discern does not know (its name): not `claim`, `quote` or `opinion`.
    UnknownLabel(String),
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
        // serde's words (with the place at the end, after the names read here).
        Category::Data => what_serde_says(&e.to_string()),
    };
    JsonProblem {
        what,
        line: e.line(),
        column: e.column(),
    }
}

/// What serde's words `words` say is wrong with a value read into a type: the same words
/// whatever the value was read from (a JSON text, or a JavaScript value).
pub fn what_serde_says(words: &str) -> JsonWhat {
    let field = |rest: &str| rest.split('`').next().unwrap_or("").to_string();
    if let Some(rest) = words.strip_prefix("missing field `") {
        JsonWhat::Missing(field(rest))
    } else if let Some(rest) = words.strip_prefix("duplicate field `") {
        JsonWhat::Twice(field(rest))
    } else if let Some(rest) = words
        .strip_prefix("unknown variant `")
        .filter(|rest| rest.contains("expected one of `claim`, `quote`, `opinion`"))
    {
        // (What `Label` says of a name it does not know.)
        JsonWhat::UnknownLabel(
            rest.rsplit_once("`, expected")
                .map_or("", |(l, _)| l)
                .to_string(),
        )
    } else if let Some(rest) = words.strip_prefix("invalid type: ") {
        // (A JavaScript value's numbers are all floating point: `-1` read as an offset.)
        if rest.starts_with("floating point `-") && rest.contains(", expected u") {
            return JsonWhat::Negative;
        }
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
