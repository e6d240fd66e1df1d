//! The reading page's tools in the header: *Import*, and the export menu (the whole workspace
//! or the open document, as Discern JSON, with or without the texts, W3C Web Annotation
//! JSON-LD, or CSV: `docs/FORMATS.md#native-format`). On the reading page only (the
//! header draws them through `Page::tools`), so that the other pages carry neither them nor
//! their words.

use super::take_files;
use crate::components::context::{use_app, AppContext};
use crate::components::download::{download_export, Format};
use crate::components::file_button::{file_button, FileButton};
use crate::i18n::{t, T};
use crate::state::{Action, Message};
use yew::prelude::*;

/// *Import* (annotation files, also dropped on the page) and the export menu.
pub fn tools(app: &AppContext) -> Html {
    let dispatch = app.dispatcher();
    let on_import = Callback::from(move |list| take_files(&list, dispatch.clone()));
    html! {
        <>
            {file_button(FileButton {
                label: t(T::Import),
                aria_label: t(T::ImportLabel),
                accept: ".json,.jsonld,application/json,application/ld+json",
                title: Some(t(T::ImportTitle)),
            }, on_import)}
            <ExportPanel />
        </>
    }
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
    let choice = |f: Format, label: T| radio("export-format", &format, f, t(label));
    let scope = |all: bool, label: T| radio("export-scope", &whole, all, t(label));
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
            <summary class="btn">{T::Export}</summary>
            <div class="menu-body" role="group" aria-label={T::Export}>
                <fieldset>
                    <legend>{T::Format}</legend>
                    {choice(Format::Native, T::FormatNative)}
                    {choice(Format::W3c, T::FormatW3c)}
                    {choice(Format::Csv, T::FormatCsv)}
                </fieldset>
                if open_doc.is_some() {
                    <fieldset>
                        <legend>{T::What}</legend>
                        {scope(true, T::EveryDocument)}
                        {scope(false, T::ThisDocument)}
                    </fieldset>
                }
                if *format == Format::Native {
                    <label class="check">
                        <input type="checkbox" checked={*texts} onchange={on_texts} />
                        {" "}{T::IncludeTexts}
                    </label>
                }
                <button type="button" class="btn primary" onclick={download}>{T::Download}</button>
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
