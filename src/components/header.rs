//! The page header (the links between the pages, the reader's name, import, export, undo
//! and redo) and the one-time question for the reader's name.

use super::app::{Page, PageName};
use super::context::{take_files, use_app, AppContext};
use super::export_panel::ExportPanel;
use super::file_button::{file_button, FileButton};
use crate::browser::dom;
use crate::state::Action;
use yew::prelude::*;

/// The id of the header's name field.
const NAME_ID: &str = "your-name";

/// The header of page `P` over `app`. (A plain function: it draws whenever the state
/// changes, as a component reading the context would.)
pub fn header<P: Page>(app: &AppContext) -> Html {
    let page = P::PAGE;
    let go = |action: fn() -> Action| {
        let app = app.clone();
        Callback::from(move |e: MouseEvent| {
            e.prevent_default();
            app.dispatch(action())
        })
    };
    // The name is taken as it is typed (no Enter needed), so what is stored and what new tags
    // carry always agree.
    let on_name = {
        let app = app.clone();
        Callback::from(move |e: InputEvent| {
            if let Some(input) = e.target_dyn_into::<web_sys::HtmlInputElement>() {
                app.dispatch(Action::SetAnnotator(input.value()));
            }
        })
    };
    let reading = page == PageName::Reading;
    // (Made on the reading page only, so that the other pages do not carry taking files in.)
    let on_import = match reading {
        true => {
            let dispatch = app.dispatcher();
            Callback::from(move |list| take_files(&list, dispatch.clone()))
        }
        false => Callback::noop(),
    };
    // The pages' links: on its own page, a view is a button (and the current one).
    let link = |to: PageName, label: &'static str, action: fn() -> Action, current: bool| {
        if to == page {
            html! { <button type="button" class="btn link" aria-current={current.then_some("page")}
            onclick={go(action)}>{label}</button> }
        } else {
            html! { <a class="btn link" href={to.file()}>{label}</a> }
        }
    };
    let nav = html! {
        <>
            {link(PageName::Reading, "Library", || Action::ShowLibrary, true)}
            {link(PageName::Assigned, "Assignments", || Action::ShowLibrary, true)}
            {link(PageName::Teaching, "Compare", || Action::ShowCompare, true)}
            if matches!(page, PageName::Teaching | PageName::Setting) {
                {link(PageName::Setting, "New assignment", || Action::ShowLibrary, true)}
            }
        </>
    };
    // Only the reading page imports and exports the work: the assignment page's export is
    // the hand-in, and the compare page loads files to compare (a dropped file too).
    let tools = reading;
    // The name is stored trimmed; the field keeps what was typed (a space at the end of a
    // name being typed stays) as long as it is that name.
    let name = dom::input_value(NAME_ID)
        .filter(|typed| typed.trim() == app.annotator)
        .unwrap_or_else(|| app.annotator.clone());
    html! {
        <header class="app-head">
            <a href="./" class="brand" onclick={reading.then(|| go(|| Action::ShowLibrary))}>{"Discern"}</a>
            <nav class="head-nav" aria-label="Pages">{nav}</nav>
            <div class="head-tools">
                <label class="name-field">
                    <span>{"Your name"}</span>
                    <input type="text" id={NAME_ID} value={name} oninput={on_name}
                        placeholder="Name" autocomplete="name" maxlength="80" />
                </label>
                if tools {
                {file_button(FileButton {
                    label: "Import",
                    aria_label: "Import annotation files",
                    accept: ".json,.jsonld,application/json,application/ld+json",
                    title: Some("Import Discern or W3C annotation files (or drop them on the page)"),
                }, on_import)}
                <ExportPanel />
                }
                <button type="button" class="btn" onclick={go(|| Action::Undo)} disabled={!app.can_step(true)}
                    title="Undo (Ctrl+Z)" aria-keyshortcuts="Control+Z">{"↶ Undo"}</button>
                <button type="button" class="btn" onclick={go(|| Action::Redo)} disabled={!app.can_step(false)}
                    title="Redo (Ctrl+Shift+Z)" aria-keyshortcuts="Control+Shift+Z">{"↷ Redo"}</button>
                <button type="button" class="btn link" onclick={go(|| Action::Help(None))}
                    aria-expanded={app.help.to_string()} aria-keyshortcuts="?">{"? Keys"}</button>
            </div>
        </header>
    }
}

/// The keys of the reader, as static markup.
const READER_KEYS: &str = "<dl class=\"keys\"><dt><kbd>1</kbd> <kbd>2</kbd> <kbd>3</kbd> or \
    <kbd>C</kbd> <kbd>Q</kbd> <kbd>O</kbd></dt><dd>tag the selection claim, quote, opinion</dd>\
    <dt><kbd>Shift</kbd>+arrows</dt><dd>select from the caret</dd>\
    <dt><kbd>Enter</kbd></dt><dd>open the highlight at the caret</dd>\
    <dt><kbd>Escape</kbd></dt><dd>let go of the selection, close the details</dd></dl>";

/// The keys of every page, as static markup.
const KEYS: &str = "<dl class=\"keys\">\
    <dt><kbd>Tab</kbd>, <kbd>Shift</kbd>+<kbd>Tab</kbd></dt><dd>the next, the previous control</dd>\
    <dt><kbd>Enter</kbd>, <kbd>Space</kbd></dt><dd>press the button, open the link</dd>\
    <dt><kbd>Ctrl</kbd>+<kbd>Z</kbd>, <kbd>Ctrl</kbd>+<kbd>Shift</kbd>+<kbd>Z</kbd></dt>\
    <dd>undo, redo (while a key is being built: its decisions)</dd>\
    <dt><kbd>?</kbd></dt><dd>show or hide this</dd><dt><kbd>Escape</kbd></dt><dd>close this</dd></dl>";

/// The `?` overlay: the keys of every page, and in the reader its own keys and what each
/// label means (on the pages that have a reader only, so that the others carry none of it).
pub fn keys_overlay<P: Page>(app: &AppContext) -> Html {
    let reads = matches!(P::PAGE, PageName::Reading | PageName::Assigned);
    let doc = app.open_document().filter(|_| reads);
    let mut body = String::new();
    if let Some(d) = doc {
        let guide = app.workspace.guidelines_of(&d.id);
        body = format!("{READER_KEYS}{}", super::assignment::guidelines(&guide));
    }
    body += KEYS;
    let close = {
        let app = app.clone();
        Callback::from(move |_| app.dispatch(Action::Help(Some(false))))
    };
    html! {
        <div class="help" role="dialog" aria-labelledby="help-head">
            <h2 id="help-head">{if doc.is_some() { "Keys and labels" } else { "Keys" }}</h2>
            {super::markup(body)}
            <button type="button" class="btn" onclick={close}>{"Close"}</button>
        </div>
    }
}

/// Asks for the reader's name once, on the first visit; it can be changed in the header.
#[function_component]
pub fn NamePrompt() -> Html {
    let app = use_app();
    let input = use_node_ref();
    let save = {
        let (app, input) = (app.clone(), input.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            if let Some(i) = input.cast::<web_sys::HtmlInputElement>() {
                app.dispatch(Action::SetAnnotator(i.value()));
            }
        })
    };
    let skip = Callback::from(move |_| app.dispatch(Action::NameAsked));
    html! {
        <form class="name-prompt" onsubmit={save} aria-label="Welcome">
            <label for="first-name">{"Welcome to Discern. What name should go on your annotations and on the files you hand in?"}</label>
            <input id="first-name" type="text" ref={input} autocomplete="name" maxlength="80" />
            <button type="submit" class="btn primary">{"Save"}</button>
            <button type="button" class="btn link" onclick={skip}>{"Not now"}</button>
        </form>
    }
}
