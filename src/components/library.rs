//! The library: every document with what is known about it, its counts per label and how
//! much of its text is tagged.

use super::app::AppContext;
use super::{Badge, Counts};
use crate::model::Document;
use crate::state::Action;
use std::rc::Rc;
use yew::prelude::*;

#[function_component]
pub fn Library() -> Html {
    let state = use_context::<AppContext>().expect("AppContext");
    let ws = &state.workspace;
    html! {
        <main class="library" id="main">
            <h1>{"Library"}</h1>
            <p class="lead">{"Choose an article to read and tag its claims, quotes and opinions."}</p>
            <ul class="doc-list">
                { for ws.documents().iter().map(|d| {
                    let counts = ws.counts(&d.id);
                    let tagged = ws.tagged_len(&d.id);
                    html! { <DocCard doc={d.clone()} {counts} {tagged} /> }
                }) }
            </ul>
            if !ws.orphans().is_empty() {
                <section class="orphans" aria-label="Orphaned annotations">
                    <h2>{format!("Orphaned annotations ({})", ws.orphans().len())}</h2>
                    <p class="lead">
                        {"Imported annotations that fit no text here. They are kept and listed;                           import the document they belong to and import them again to place them."}
                    </p>
                    <ul class="orphan-list">
                        { for ws.orphans().iter().map(|o| html! {
                            <li>
                                <Badge label={o.label} />
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

#[derive(Properties)]
struct DocCardProps {
    doc: Rc<Document>,
    counts: [usize; 3],
    tagged: usize,
}

impl PartialEq for DocCardProps {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.doc, &other.doc)
            && self.counts == other.counts
            && self.tagged == other.tagged
    }
}

#[function_component]
fn DocCard(props: &DocCardProps) -> Html {
    let state = use_context::<AppContext>().expect("AppContext");
    let d = &props.doc;
    let open = {
        let id = d.id.clone();
        Callback::from(move |e: MouseEvent| {
            e.prevent_default();
            state.dispatch(Action::Open(id.clone()))
        })
    };
    let m = &d.meta;
    let facts: Vec<String> = [
        m.date.clone(),
        m.byline.as_ref().map(|b| format!("by {b}")),
        m.outlet.clone(),
        m.source.clone(),
        Some(format!("{} characters", d.len())),
    ]
    .into_iter()
    .flatten()
    .collect();
    let share = if d.is_empty() {
        0.0
    } else {
        props.tagged as f64 / d.len() as f64
    };
    // Whole percents, but a little tagging never shows as none.
    let pct = share * 100.0;
    let pct = if pct > 0.0 && pct < 10.0 {
        format!("{pct:.1}")
    } else {
        format!("{pct:.0}")
    };
    html! {
        <li class="doc-card" data-doc={d.id.clone()}>
            <h2><a href={format!("#{}", d.id)} onclick={open}>{&m.title}</a></h2>
            <p class="doc-facts">{facts.join(" · ")}</p>
            <p class="doc-excerpt">{excerpt(&d.text)}</p>
            <div class="doc-stats">
                <Counts counts={props.counts} />
                <span class="tagged" title="Share of the text inside a tag">
                    <span class="meter" aria-hidden="true"><span style={format!("width:{pct}%")}></span></span>
                    {format!("{pct}% tagged")}
                </span>
            </div>
        </li>
    }
}

/// The first words of a text, for the card.
fn excerpt(text: &str) -> String {
    let flat: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut out: String = flat.chars().take(160).collect();
    if flat.chars().count() > 160 {
        out.push('…');
    }
    out
}
