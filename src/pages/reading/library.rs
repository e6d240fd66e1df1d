//! The library: every document with what is known about it, its counts per label and how
//! much of its text is tagged.

use super::take_files;
use crate::components::context::{use_app, AppContext};
use crate::components::file_button::{file_button, FileButton};

use crate::browser::clock;
use crate::browser::dom::MAIN_ID;
use crate::browser::unicode::UNICODE;
use crate::fill;
use crate::i18n::{t, T};
use crate::state::{Action, Message, ReadAction};
use discern_model::Document;
use std::rc::Rc;
use yew::prelude::*;

#[function_component]
pub fn Library() -> Html {
    let state = use_app();
    let ws = &state.workspace;
    html! {
        <main class="library" id={MAIN_ID}>
            <h1>{T::Library}</h1>
            <p class="lead">{T::LibraryLead}</p>
            <AddDocument />
            <ul class="doc-list">
                { for ws.documents().iter().map(|d| {
                    let counts = ws.counts(&d.id);
                    let tagged = ws.tagged_len(&d.id);
                    doc_card(&state, d, counts, tagged)
                }) }
            </ul>
            if !ws.orphans().is_empty() {
                <section class="orphans" aria-label={T::Orphaned}>
                    <h2>{fill!(OrphanedHead, n = ws.orphans().len())}</h2>
                    <p class="lead">{T::OrphanedLead}</p>
                    <ul class="orphan-list">
                        { for ws.orphans().iter().map(|o| {
                            let (a, quote) = (&o.exported.annotation, &o.exported.quote);
                            html! {
                                <li>
                                    {crate::components::badge(a.label)}
                                    <span class="item-text">{" "}{fill!(Quoted, text = quote.text)}</span>
                                    <span class="doc-facts">
                                        {format!(" {}", fill!(OrphanFacts, id = a.id, file = o.source_file, document = a.document))}
                                    </span>
                                </li>
                            }
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
            let question = fill!(RemoveQuestion, title = title, n = n);
            let sure = gloo::utils::window()
                .confirm_with_message(&question)
                .unwrap_or(false);
            if sure {
                state.dispatch(Action::from(ReadAction::RemoveDocument(id.clone())));
            }
        })
    };
    let m = &d.meta;
    let mut facts = crate::components::facts(m);
    facts.push(fill!(Characters, n = d.len()));
    let share = if d.is_empty() {
        0.0
    } else {
        tagged as f64 / d.len() as f64
    };
    let (pct, width) = (
        crate::components::percent(share),
        crate::components::css_percent(share),
    );
    html! {
        <li class="doc-card" data-doc={d.id.clone()}>
            <h2><a href={format!("#{}", d.id)} onclick={open}>{&m.title}</a></h2>
            <p class="doc-facts">{facts.join(" · ")}</p>
            <p class="doc-excerpt">{excerpt(&d.text)}</p>
            <div class="doc-stats">
                {crate::components::counts(counts)}
                if !d.builtin {
                    <button type="button" class="btn link remove" onclick={remove}
                        aria-label={fill!(RemoveTitled, title = m.title)}>{T::Remove}</button>
                }
                <span class="tagged" title={T::TaggedShareTitle}>
                    <span class="meter" aria-hidden="true"><span style={format!("width:{width}")}></span></span>
                    {fill!(TaggedShare, share = pct)}
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
            let get = crate::components::field_value;
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
                if let Some(doc) = Document::own(UNICODE, &t, &src, &body) {
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
            <summary class="btn">{T::AddOwn}</summary>
            <form class="add-doc-form" onsubmit={add}>
                <label class="field"><span>{T::Title}</span>
                    <input type="text" ref={title} required=true maxlength="300" /></label>
                <label class="field"><span>{T::SourceOptional}</span>
                    <input type="text" ref={source} maxlength="500" placeholder={T::SourcePlaceholder} /></label>
                <label class="field"><span>{T::Text}</span>
                    <textarea ref={text} rows="8" placeholder={T::TextPlaceholder} /></label>
                <div class="add-doc-actions">
                    <button type="submit" class="btn primary">{T::AddToLibrary}</button>
                    {file_button(FileButton {
                        label: t(T::OpenTextFiles),
                        aria_label: t(T::OpenTextFilesLabel),
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
    crate::components::shorten(&flat, 160)
}
