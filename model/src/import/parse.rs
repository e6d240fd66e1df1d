//! Reading a file's text: within Discern's limits (size, nesting, no lone surrogate), JSON,
//! and either a native file ([`super::native`]) or W3C Web Annotations ([`super::w3c`]);
//! anything else is refused by what it is.

use crate::import::incoming::Incoming;
use crate::import::native::native;
use crate::import::report::Refusal;
use crate::import::w3c::{is_w3c, w3c};
use crate::json::{has_lone_surrogate, json_problem, too_deep, MAX_BYTES};
use serde_json::Value;

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
