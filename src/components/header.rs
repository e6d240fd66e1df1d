//! The page header (the links between the pages, the reader's name, import, export, undo
//! and redo, the language) and the one-time question for the reader's name.

use super::context::{use_app, AppContext};
use crate::browser::{dom, i18n as words};
use crate::i18n::{t, T};
use crate::pages::{Page, PageName};
use crate::state::Action;
use yew::prelude::*;

/// The id of the header's name field.
const NAME_ID: &str = "your-name";

/// The header of page `P` over `app`. (A plain function: it draws whenever the state
/// changes, as a component reading the context would.)
pub fn header<P: Page>(app: &AppContext) -> Html {
    let page = P::NAME;
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
    // The pages' links: on its own page, a view is a button (and the current one).
    let link = |to: PageName, label: T, action: fn() -> Action, current: bool| {
        let label = t(label);
        if to == page {
            html! { <button type="button" class="btn link" aria-current={current.then_some("page")}
            onclick={go(action)}>{label}</button> }
        } else {
            html! { <a class="btn link" href={to.file()}>{label}</a> }
        }
    };
    let nav = html! {
        <>
            {link(PageName::Reading, T::Library, || Action::ShowLibrary, true)}
            {link(PageName::Assigned, T::Assignments, || Action::ShowLibrary, true)}
            {link(PageName::Teaching, T::Compare, || Action::ShowCompare, true)}
            if P::FOR_TEACHERS {
                {link(PageName::Setting, T::NewAssignment, || Action::ShowLibrary, true)}
            }
        </>
    };
    // The name is stored trimmed; the field keeps what was typed (a space at the end of a
    // name being typed stays) as long as it is that name.
    let name = dom::input_value(NAME_ID)
        .filter(|typed| typed.trim() == app.annotator)
        .unwrap_or_else(|| app.annotator.clone());
    // Another language: its words are fetched, then the page draws again in it.
    let on_language = {
        let dispatch = app.dispatcher();
        Callback::from(move |e: Event| {
            if let Some(select) = e.target_dyn_into::<web_sys::HtmlSelectElement>() {
                let dispatch = dispatch.clone();
                words::switch(select, move |a| dispatch.dispatch(a));
            }
        })
    };
    html! {
        <header class="app-head">
            <a href="./" class="brand" onclick={reading.then(|| go(|| Action::ShowLibrary))}>{"Discern"}</a>
            <nav class="head-nav" aria-label={T::Pages}>{nav}</nav>
            <div class="head-tools">
                <label class="name-field">
                    <span>{T::YourName}</span>
                    <input type="text" id={NAME_ID} value={name} oninput={on_name}
                        placeholder={T::NamePlaceholder} autocomplete="name" maxlength="80" />
                </label>
                {P::tools(app)}
                <button type="button" class="btn" onclick={go(|| Action::Undo)} disabled={!app.can_step(true)}
                    title={T::UndoTitle} aria-keyshortcuts="Control+Z">{T::Undo}</button>
                <button type="button" class="btn" onclick={go(|| Action::Redo)} disabled={!app.can_step(false)}
                    title={T::RedoTitle} aria-keyshortcuts="Control+Shift+Z">{T::Redo}</button>
                <span class="language-pick" onchange={on_language}>{language_select(app.language)}</span>
                <button type="button" class="btn link" onclick={go(|| Action::Help(None))}
                    aria-expanded={app.help.to_string()} aria-keyshortcuts="?">{T::KeysButton}</button>
            </div>
        </header>
    }
}

/// The `?` overlay: the keys of every page, and in the reader its own keys and what each
/// label means (`Page::reader_keys`: on the pages that have a reader only, so that the others
/// carry none of it, nor its words).
pub fn keys_overlay<P: Page>(app: &AppContext) -> Html {
    let reader = P::reader_keys(app);
    let head = if reader.is_some() {
        T::KeysAndLabels
    } else {
        T::Keys
    };
    let close = {
        let app = app.clone();
        Callback::from(move |_| app.dispatch(Action::Help(Some(false))))
    };
    html! {
        <div class="help" role="dialog" aria-labelledby="help-head">
            <h2 id="help-head">{head}</h2>
            {reader.unwrap_or_default()}
            <dl class="keys">
                <dt><kbd>{"Tab"}</kbd>{", "}<kbd>{"Shift"}</kbd>{"+"}<kbd>{"Tab"}</kbd></dt>
                <dd>{T::KeysNext}</dd>
                <dt><kbd>{"Enter"}</kbd>{", "}<kbd>{"Space"}</kbd></dt>
                <dd>{T::KeysPress}</dd>
                <dt>
                    <kbd>{"Ctrl"}</kbd>{"+"}<kbd>{"Z"}</kbd>{", "}
                    <kbd>{"Ctrl"}</kbd>{"+"}<kbd>{"Shift"}</kbd>{"+"}<kbd>{"Z"}</kbd>
                </dt>
                <dd>{T::KeysUndo}</dd>
                <dt><kbd>{"?"}</kbd></dt>
                <dd>{T::KeysHelp}</dd>
                <dt><kbd>{"Escape"}</kbd></dt>
                <dd>{T::KeysClose}</dd>
            </dl>
            <button type="button" class="btn" onclick={close}>{T::Close}</button>
        </div>
    }
}

/// The languages to choose from, `current` chosen; its `change` reaches the listener around
/// it.
fn language_select(current: &str) -> Html {
    html! {
        <select class="language" aria-label={T::Language}>
            { for words::languages().map(|(code, name)| html! {
                <option value={code} lang={code} selected={code == current}>{name}</option>
            }) }
        </select>
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
        <form class="name-prompt" onsubmit={save} aria-label={T::Welcome}>
            <label for="first-name">{T::WelcomeQuestion}</label>
            <input id="first-name" type="text" ref={input} autocomplete="name" maxlength="80" />
            <button type="submit" class="btn primary">{T::Save}</button>
            <button type="button" class="btn link" onclick={skip}>{T::NotNow}</button>
        </form>
    }
}
