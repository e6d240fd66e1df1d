//! The library: every document with what is known about it, its counts per label and how
//! much of its text is tagged.

use super::context::{take_files, use_app, AppContext};
use super::file_button::{file_button, FileButton};

use crate::browser::clock;
use crate::browser::dom::MAIN_ID;
use crate::model::Document;
use crate::state::{Action, Message};
use std::rc::Rc;
use yew::prelude::*;

#[function_component]
pub fn Library() -> Html {
    let state = use_app();
    let ws = &state.workspace;
    html! {
        <main class="library" id={MAIN_ID}>
            <h1>{"Library"}</h1>
            <p class="lead">{"Choose an article to read and tag its claims, quotes and opinions."}</p>
            <AddDocument />
            <ul class="doc-list">
                { for ws.documents().iter().map(|d| {
                    let counts = ws.counts(&d.id);
                    let tagged = ws.tagged_len(&d.id);
                    doc_card(&state, d, counts, tagged)
                }) }
            </ul>
            if !ws.orphans().is_empty() {
                <section class="orphans" aria-label="Orphaned annotations">
                    <h2>{format!("Orphaned annotations ({})", ws.orphans().len())}</h2>
                    <p class="lead">
                        {"Imported annotations that fit no text here. They are kept and listed; import the document they belong to and import them again to place them."}
                    </p>
                    <ul class="orphan-list">
                        { for ws.orphans().iter().map(|o| html! {
                            <li>
                                {super::badge(o.label)}
                                <span class="item-text">{format!(" “{}”", o.exact)}</span>
                                <span class="doc-facts">
                                    {format!(" {} · from {} · document {}", o.id, o.source_file, o.document)}
                                </span>
                            </li>
                        }) }
                    </ul>
                </section>
            }
        </main>
    }
}

/// A document's card: its title (which opens it), what is known about it, the start of its
/// text, its counts per label and the share of it tagged.
fn doc_card(state: &AppContext, d: &Rc<Document>, counts: [usize; 3], tagged: usize) -> Html {
    let open = {
        let state = state.clone();
        let id = d.id.clone();
        Callback::from(move |e: MouseEvent| {
            e.prevent_default();
            state.dispatch(Action::Open(id.clone()))
        })
    };
    let remove = {
        let (state, id, title) = (state.clone(), d.id.clone(), d.meta.title.clone());
        let n: usize = counts.iter().sum();
        Callback::from(move |_| {
            let question = format!(
                "Remove “{title}” and its {n} annotation{}? Undo brings it back.",
                if n == 1 { "" } else { "s" }
            );
            let sure = gloo::utils::window()
                .confirm_with_message(&question)
                .unwrap_or(false);
            if sure {
                state.dispatch(Action::RemoveDocument(id.clone()));
            }
        })
    };
    let m = &d.meta;
    let mut facts = m.facts();
    facts.push(format!("{} characters", d.len()));
    let share = if d.is_empty() {
        0.0
    } else {
        tagged as f64 / d.len() as f64
    };
    let pct = super::percent(share);
    html! {
        <li class="doc-card" data-doc={d.id.clone()}>
            <h2><a href={format!("#{}", d.id)} onclick={open}>{&m.title}</a></h2>
            <p class="doc-facts">{facts.join(" · ")}</p>
            <p class="doc-excerpt">{excerpt(&d.text)}</p>
            <div class="doc-stats">
                {super::counts(counts)}
                if !d.builtin {
                    <button type="button" class="btn link remove" onclick={remove}
                        aria-label={format!("Remove “{}”", m.title)}>{"Remove"}</button>
                }
                <span class="tagged" title="Share of the text inside a tag">
                    <span class="meter" aria-hidden="true"><span style={format!("width:{pct}")}></span></span>
                    {format!("{pct} tagged")}
                </span>
            </div>
        </li>
    }
}

/// Adding the reader's own documents: paste a text with a title (and a source), or open
/// .txt and .md files (several at once; dropping them on the page works too).
#[function_component]
fn AddDocument() -> Html {
    let state = use_app();
    let (title, source, text) = (use_node_ref(), use_node_ref(), use_node_ref());
    let add = {
        let (state, title, source, text) =
            (state.clone(), title.clone(), source.clone(), text.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let get = super::field_value;
            let (t, src, body) = (get(&title), get(&source), get(&text));
            if Document::incomplete(&t, &body) {
                state.dispatch(Action::Notify(Message::DocumentIncomplete));
                return;
            }
            for r in [&title, &source] {
                if let Some(i) = r.cast::<web_sys::HtmlInputElement>() {
                    i.set_value("");
                }
            }
            if let Some(t) = text.cast::<web_sys::HtmlTextAreaElement>() {
                t.set_value("");
            }
            // Making the document (reading and indexing its text) and taking it in get a
            // task of their own: for a text of several megabytes, reading the form and
            // making the document are each a good part of what one task may take without
            // holding the page (`docs/ARCHITECTURE.md#invariants`).
            let state = state.clone();
            wasm_bindgen_futures::spawn_local(async move {
                clock::next_task().await;
                if let Some(doc) = Document::own(&t, &src, &body) {
                    state.dispatch(Action::AddDocuments(vec![Rc::new(doc)]));
                }
            });
        })
    };
    let on_files = {
        let dispatch = state.dispatcher();
        Callback::from(move |list| take_files(&list, dispatch.clone()))
    };
    html! {
        <details class="add-doc">
            <summary class="btn">{"Add your own article"}</summary>
            <form class="add-doc-form" onsubmit={add}>
                <label class="field"><span>{"Title"}</span>
                    <input type="text" ref={title} required=true maxlength="300" /></label>
                <label class="field"><span>{"Source (optional)"}</span>
                    <input type="text" ref={source} maxlength="500" placeholder="Outlet, link or date" /></label>
                <label class="field"><span>{"Text"}</span>
                    <textarea ref={text} rows="8" placeholder="Paste the article's text here" /></label>
                <div class="add-doc-actions">
                    <button type="submit" class="btn primary">{"Add to the library"}</button>
                    {file_button(FileButton {
                        label: "Open .txt or .md files",
                        aria_label: "Open text files",
                        accept: ".txt,.md,text/plain,text/markdown",
                        title: None,
                    }, on_files)}
                </div>
            </form>
        </details>
    }
}

/// The first words of a text, for the card.
fn excerpt(text: &str) -> String {
    let flat: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    super::shorten(&flat, 160)
}
