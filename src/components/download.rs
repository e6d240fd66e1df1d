//! Downloading the work as a file: the whole workspace or some documents, as Discern JSON
//! (with or without the texts), W3C Web Annotation JSON-LD or CSV
//! (`docs/FORMATS.md#native-format`). The reading page's export menu and the storage
//! warning's one-click export (on every page) both download through here.

use crate::browser::{clock, files};
use discern_model::formats::csv::export_csv;
use discern_model::formats::export::export_native;
use discern_model::formats::w3c::export_w3c;
use discern_model::Workspace;

/// The export formats.
#[derive(Clone, Copy, PartialEq)]
pub enum Format {
    Native,
    W3c,
    Csv,
}

/// Downloads the documents `ids` (every document when `None`) of `ws` as `format`, named
/// `discern-<annotator>-<date>.<ext>`; `texts` puts the texts into a native file. Gives the
/// file's name, or why the download did not start.
pub fn download_export(
    ws: &Workspace,
    annotator: &str,
    format: Format,
    ids: Option<&[String]>,
    texts: bool,
) -> Result<String, String> {
    let now = clock::now_iso();
    let (ext, mime, body, is_json) = match format {
        Format::Native => {
            let file = export_native(ws, ids, annotator, &now, texts);
            let body = serde_json::to_string(&file).unwrap_or_default();
            ("json", "application/json", body, true)
        }
        Format::W3c => {
            let doc = export_w3c(ws, ids, annotator, &now);
            let body = serde_json::to_string(&doc).unwrap_or_default();
            ("jsonld", "application/ld+json", body, true)
        }
        Format::Csv => ("csv", "text/csv;charset=utf-8", export_csv(ws, ids), false),
    };
    let name = files::export_name(annotator, &now, ext);
    if is_json {
        files::download_json(&name, mime, &body)?;
    } else {
        files::download(&name, mime, &body)?;
    }
    Ok(name)
}
