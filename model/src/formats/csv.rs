//! CSV for spreadsheets (`docs/FORMATS.md#csv`): one row per annotation, UTF-8 with a
//! byte-order mark and CRLF line ends, fields quoted where needed, and a `'` before any field a
//! spreadsheet would run as a formula.

use crate::formats::export::export_native;
use crate::workspace::Workspace;

/// The CSV columns, one row per annotation.
pub const CSV_HEADER: [&str; 7] = [
    "annotator",
    "document",
    "label",
    "start",
    "end",
    "text",
    "note",
];

/// One CSV field: quoted when it holds a comma, quote or line break; a leading `=`, `+`, `-`,
/// `@`, tab or carriage return (which a spreadsheet would run as a formula) gets a `'` first,
/// unless the field is a plain number such as `-0.25`.
pub fn csv_field(value: &str) -> String {
    let number = is_plain_number(value);
    let guarded = if !number && value.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{value}")
    } else {
        value.to_string()
    };
    if guarded.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", guarded.replace('"', "\"\""))
    } else {
        guarded
    }
}

/// Whether `s` is a plain decimal number: a sign, digits, and at most one point among them.
fn is_plain_number(s: &str) -> bool {
    let body = s.strip_prefix(['-', '+']).unwrap_or(s);
    let (int, frac) = body.split_once('.').unwrap_or((body, ""));
    let digits = |p: &str| p.bytes().all(|b| b.is_ascii_digit());
    !int.is_empty() && digits(int) && digits(frac) && !(body.ends_with('.'))
}

/// Writes rows as CSV that spreadsheets open correctly: UTF-8 with a byte-order mark, CRLF.
pub fn csv<R: AsRef<[String]>>(header: &[&str], rows: &[R]) -> String {
    let mut out = String::from("\u{feff}");
    let head: Vec<String> = header.iter().map(|h| csv_field(h)).collect();
    out.push_str(&head.join(","));
    out.push_str("\r\n");
    for row in rows {
        let fields: Vec<String> = row.as_ref().iter().map(|f| csv_field(f)).collect();
        out.push_str(&fields.join(","));
        out.push_str("\r\n");
    }
    out
}

/// Exports the documents `ids` (every document when `None`) as CSV, one row per annotation;
/// `document` is the document's title.
pub fn export_csv(ws: &Workspace, ids: Option<&[String]>) -> String {
    let file = export_native(ws, ids, "", "", false);
    let mut docs = file.documents.iter();
    let mut doc = docs.next();
    let rows: Vec<Vec<String>> = file
        .annotations
        .iter()
        .map(|e| {
            let a = &e.annotation;
            // The annotations come document by document, in the documents' order.
            while doc.is_some_and(|d| d.id != a.document) {
                doc = docs.next();
            }
            vec![
                a.annotator.clone(),
                doc.map(|d| d.title.clone()).unwrap_or_default(),
                a.label.as_str().to_string(),
                a.start.to_string(),
                a.end.to_string(),
                e.quote.text.clone(),
                a.note.clone(),
            ]
        })
        .collect();
    csv(&CSV_HEADER, &rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_quotes_and_guards_formulas() {
        assert_eq!(csv_field("plain"), "plain");
        assert_eq!(csv_field("a, b"), "\"a, b\"");
        assert_eq!(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(csv_field("=1+2"), "'=1+2");
        assert_eq!(csv_field("-5"), "-5");
        assert_eq!(csv_field("-0.25"), "-0.25");
        assert_eq!(csv_field("-5+A1"), "'-5+A1");
        assert_eq!(csv_field("-inf"), "'-inf");
        assert_eq!(csv_field("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(csv_field("line\nbreak"), "\"line\nbreak\"");
        let out = csv(&["a", "b"], &[vec!["1".to_string(), "=x".to_string()]]);
        assert_eq!(out, "\u{feff}a,b\r\n1,'=x\r\n");
    }
}
