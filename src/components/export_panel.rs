//! The export menu in the header: the whole workspace or the open document, as Discern JSON
//! (with or without the texts), W3C Web Annotation JSON-LD, or CSV
//! (`docs/FORMATS.md#native-format`).

use super::context::use_app;
use crate::browser::{clock, files};
use crate::model::formats::{export_csv, export_native, export_w3c};
use crate::model::Workspace;
use crate::state::{Action, Message};
use yew::prelude::*;

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

#[function_component]
pub fn ExportPanel() -> Html {
    let state = use_app();
    let format = use_state(|| Format::Native);
    let whole = use_state(|| true);
    let texts = use_state(|| false);
    let open_doc = state.view.document_id().map(str::to_string);
    let only_doc = open_doc.is_some() && !*whole;

    let download = {
        let (state, format, texts) = (state.clone(), *format, *texts);
        let ids: Option<Vec<String>> = if only_doc {
            open_doc.clone().map(|d| vec![d])
        } else {
            None
        };
        Callback::from(move |_| {
            let result = download_export(
                &state.workspace,
                &state.annotator,
                format,
                ids.as_deref(),
                texts,
            );
            state.dispatch(Action::Notify(match result {
                Ok(name) => Message::Downloaded(name),
                Err(e) => Message::DownloadFailed(e),
            }));
        })
    };
    let choice = |f: Format, label: &str| radio("export-format", &format, f, label);
    let scope = |all: bool, label: &str| radio("export-scope", &whole, all, label);
    let on_texts = {
        let texts = texts.clone();
        Callback::from(move |e: Event| {
            if let Some(i) = e.target_dyn_into::<web_sys::HtmlInputElement>() {
                texts.set(i.checked());
            }
        })
    };
    html! {
        <details class="menu">
            <summary class="btn">{"Export"}</summary>
            <div class="menu-body" role="group" aria-label="Export">
                <fieldset>
                    <legend>{"Format"}</legend>
                    {choice(Format::Native, "Discern JSON")}
                    {choice(Format::W3c, "W3C Web Annotation (JSON-LD)")}
                    {choice(Format::Csv, "CSV for spreadsheets")}
                </fieldset>
                if open_doc.is_some() {
                    <fieldset>
                        <legend>{"What"}</legend>
                        {scope(true, "Every document")}
                        {scope(false, "This document")}
                    </fieldset>
                }
                if *format == Format::Native {
                    <label class="check">
                        <input type="checkbox" checked={*texts} onchange={on_texts} />
                        {" Include the texts (a reading pack)"}
                    </label>
                }
                <button type="button" class="btn primary" onclick={download}>{"Download"}</button>
            </div>
        </details>
    }
}

/// A radio button that sets `state` to `value`.
fn radio<T: Copy + PartialEq + 'static>(
    group: &str,
    state: &UseStateHandle<T>,
    value: T,
    label: &str,
) -> Html {
    let state = state.clone();
    html! {
        <label class="radio">
            <input type="radio" name={group.to_string()} checked={*state == value}
                onchange={move |_| state.set(value)} />
            {format!(" {label}")}
        </label>
    }
}
