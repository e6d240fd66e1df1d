//! Reading W3C Web Annotations (an `AnnotationCollection`, an `AnnotationPage`, one
//! `Annotation` or a list of them): each annotation's tagging body is its label, a commenting
//! body its note, an identifying body a quote's speaker; its target's source names the
//! document by its text's SHA-256, and its selectors give the offsets (code points) and the
//! quote.

use crate::annotation::{Annotation, Label};
use crate::formats::native::{Exported, Quote};
use crate::import::incoming::Incoming;
use crate::import::report::{item, Found, ItemProblem, Refusal};
use serde_json::Value;

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

fn type_is(v: &Value, name: &str) -> bool {
    match v.get("type") {
        Some(Value::String(s)) => s == name,
        Some(Value::Array(a)) => a.iter().any(|t| t.as_str() == Some(name)),
        _ => false,
    }
}

pub(crate) fn is_w3c(v: &Value) -> bool {
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

pub(crate) fn w3c(v: &Value) -> Result<Incoming, Refusal> {
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
        let annotation = Annotation {
            note,
            speaker,
            annotator: a
                .get("creator")
                .and_then(|c| str_field(c, "name").or_else(|| c.as_str().map(str::to_string)))
                .unwrap_or_default(),
            created: str_field(a, "created").unwrap_or_default(),
            modified: str_field(a, "modified").unwrap_or_default(),
            ..Annotation::new(id, document, label(&name, what)?, start, end)
        };
        let quote = Quote {
            text: exact.unwrap_or_default(),
            prefix: quote
                .and_then(|q| str_field(q, "prefix"))
                .unwrap_or_default(),
            suffix: quote
                .and_then(|q| str_field(q, "suffix"))
                .unwrap_or_default(),
        };
        incoming.annotations.push(Exported { annotation, quote });
    }
    Ok(incoming)
}
