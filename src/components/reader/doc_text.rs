//! The document's text with its highlights. The text is cut into chunks (lines, and long
//! lines at spaces); each chunk is its own component whose props are the annotation pieces
//! inside it, so tagging re-renders only the chunks the new span touches. A long text is
//! drawn a batch of blocks at a time as it opens, so that opening never holds the page.
//!
//! The text keeps its white space (`white-space: pre-wrap`), so the rendered text is the
//! document's text exactly; badges and the printed handout's numbered markers are CSS
//! pseudo-elements and add no text. The container is
//! `contenteditable` with every edit refused, which gives readers a caret and keyboard
//! selection (Shift+arrows) without changing a character.
//!
//! The chunks (`model::document`: a new one after every line feed, and inside a long line
//! after a space once it reaches 1,024 code points, at 4,096 whatever comes, never inside a
//! grapheme cluster) group into lines, and lines into blocks of about 32 chunks. Blocks
//! render lines and lines render chunks, each compared by pointer and by its pieces
//! (`model::render`). Off screen a block is neither laid out nor painted
//! (`content-visibility: auto`, with an estimate of its height until it has been drawn once):
//! blocks rather than lines, because the browser checks every such element for coming into
//! view at every frame, and tens of thousands of lines in a 5 MB text would cost tens of
//! milliseconds a frame. A long text opens with a screen or two of blocks, then a batch a
//! task, each sized by what its blocks cost to draw; a block not drawn yet is an empty
//! `data-pending` placeholder of its estimated height, and those are always the last ones, so
//! a selection's offsets stay exact; a highlight asked for in one is scrolled to when the
//! drawing reaches it. Each line is
//! `dir="auto"`: an Arabic or Hebrew line reads right to left, a mixed one follows its first
//! strong letter.

use crate::browser::dom::{self, TEXT_ID};
use crate::components::outcomes;
use crate::messages;
use crate::state::Shared;
use discern_model::outcome::Outcome;
use discern_model::render::{batch_end, block_costs, pieces_by_chunk, segments, Piece};
use discern_model::Annotation;
use discern_model::Document;
use gloo::events::{EventListener, EventListenerOptions};
use gloo::render::request_animation_frame;
use gloo::timers::callback::Timeout;
use std::rc::Rc;
use yew::prelude::*;
use yew::virtual_dom::VText;

#[derive(Properties, PartialEq)]
pub struct DocTextProps {
    pub doc: Shared<Document>,
    pub annotations: Shared<Vec<Rc<Annotation>>>,
    /// The outcome of each annotation, at the same place, while a practice *Check* is shown.
    #[prop_or_default]
    pub outcomes: Shared<Vec<Option<Outcome>>>,
    pub active: Option<String>,
    /// Changes when the active highlight should be scrolled into view.
    pub reveal: u64,
    /// Chooses an annotation (a highlight was clicked).
    pub on_select: Callback<Option<String>>,
}

/// While a long document opens, its blocks are drawn a batch at a time, one task each, so
/// that no task holds the page for long: the first batch at once (a screen or two of text, so
/// the reader sees it in the first frame), the next ones in tasks of their own. A batch is
/// sized by what its blocks cost to draw (`render::block_costs`: their chunks, and four times
/// their highlights), so that a block dense with highlights counts for more than one of plain
/// text: about 80 ms a batch on this project's machine, where the longest stays under 200 ms
/// (fewer, longer batches draw the whole text sooner: each costs a frame besides its work).
/// A block not drawn yet keeps its estimated height, so the page does not jump.
const FIRST_BATCH: usize = 100;
const BATCH: usize = 3_000;

#[function_component]
pub fn DocText(props: &DocTextProps) -> Html {
    let doc = &props.doc;
    let total = doc.blocks.len();
    let pieces = pieces_by_chunk(
        &doc.chunks,
        &props.annotations,
        &props.outcomes,
        props.active.as_deref(),
    );
    // How many blocks are drawn, and how many the first batch drew (the component is keyed
    // by the document, so this starts anew with each one).
    let drawn = use_state(|| {
        let first = batch_end(&block_costs(doc, &pieces), 0, FIRST_BATCH);
        (first, first)
    });
    let (count, first) = *drawn;
    let count = count.min(total);
    {
        // What the blocks cost is needed only while some are still to draw.
        let next = (count < total).then(|| batch_end(&block_costs(doc, &pieces), count, BATCH));
        let drawn = drawn.setter();
        use_effect_with(count, move |&count| {
            let draw = next.map(|next| move || drawn.set((next, first)));
            // The first batch is painted before the next one is drawn, so the reader sees the
            // top of the text in the first frame; the next batches follow task by task.
            let (frame, timer) = match draw {
                None => (None, None),
                Some(draw) if count == first => (
                    Some(request_animation_frame(move |_| {
                        Timeout::new(0, draw).forget();
                    })),
                    None,
                ),
                Some(draw) => (None, Some(Timeout::new(0, draw))),
            };
            move || drop((frame, timer))
        });
    }

    let mut pieces = pieces.into_iter();
    // The pieces of each drawn block's chunks (those of blocks not drawn yet are not needed).
    let blocks: Vec<Vec<Vec<Piece>>> = doc.blocks[..count]
        .iter()
        .map(|b| {
            let chunks = doc.lines[b.start].start..doc.lines[b.end - 1].end;
            pieces.by_ref().take(chunks.len()).collect()
        })
        .collect();

    // Choosing a highlight: the innermost under the pointer, or the next one on a second click.
    let onclick = {
        let active = props.active.clone();
        let on_select = props.on_select.clone();
        Callback::from(move |e: MouseEvent| {
            let collapsed = web_sys::window()
                .and_then(|w| w.get_selection().ok().flatten())
                .is_none_or(|s| s.is_collapsed());
            if !collapsed {
                return;
            }
            let ids = dom::highlight_ids(e.target());
            if ids.is_empty() {
                return;
            }
            let next = match active
                .as_ref()
                .and_then(|a| ids.iter().position(|i| i == a))
            {
                Some(i) if ids.len() > 1 => ids[(i + ids.len() - 1) % ids.len()].clone(),
                Some(_) => return,
                None => ids[ids.len() - 1].clone(),
            };
            on_select.emit(Some(next));
        })
    };
    // Scroll the selected highlight into view when asked to (not after tagging: the reader
    // is looking at it, and measuring the page would slow the frame down). One in a block
    // not drawn yet is scrolled to when the drawing reaches it (the effect runs again once
    // its block is drawn): no batch is drawn out of turn, so no task grows long.
    {
        let target = props.active.as_deref().and_then(|id| {
            let a = props.annotations.iter().find(|a| a.id == id)?;
            let chunk = doc.chunk_at(a.start);
            Some((
                id.to_string(),
                doc.chunks[chunk].start,
                doc.block_of_chunk(chunk),
            ))
        });
        let ready = target.as_ref().is_none_or(|t| t.2 < count);
        use_effect_with((props.reveal, ready), move |&(_, ready)| {
            if let Some((id, chunk, _)) = target.filter(|_| ready) {
                dom::scroll_to_highlight(&id, chunk);
            }
        });
    }
    // Refuse every edit of the text: typing, pasting, cutting, dropping.
    let node = use_node_ref();
    {
        let node = node.clone();
        use_effect_with((), move |_| {
            let opts = EventListenerOptions::enable_prevent_default();
            let listeners: Vec<EventListener> = node
                .get()
                .map(|el| {
                    ["beforeinput", "paste", "cut", "drop", "dragstart"]
                        .into_iter()
                        .map(|kind| {
                            EventListener::new_with_options(&el, kind, opts, |e| {
                                e.prevent_default()
                            })
                        })
                        .collect()
                })
                .unwrap_or_default();
            move || drop(listeners)
        });
    }

    html! {
        <div id={TEXT_ID} class="doc-text" contenteditable="true" inputmode="none"
            spellcheck="false" aria-readonly="true" aria-multiline="true" role="textbox"
            aria-label={crate::i18n::t(crate::i18n::T::ArticleText)}
            ref={node} {onclick}>
            { for blocks.into_iter().enumerate().map(|(i, pieces)| html! {
                <BlockView doc={doc.clone()} block={i} {pieces} />
            }) }
            { for (count..doc.blocks.len()).map(|i| html! {
                <div class="block" data-pending="true" style={format!("height:{}lh", doc.block_rows(i))} />
            }) }
        </div>
    }
}

#[derive(Properties, PartialEq)]
pub struct BlockProps {
    pub doc: Shared<Document>,
    pub block: usize,
    /// The pieces of each chunk of the block.
    pub pieces: Vec<Vec<Piece>>,
}

/// A block of lines; re-renders only when the pieces inside it change.
#[function_component]
pub fn BlockView(props: &BlockProps) -> Html {
    let doc = &props.doc;
    let lines = doc.blocks[props.block].clone();
    let first_chunk = doc.lines[lines.start].start;
    // Off screen, a block is neither laid out nor painted (`content-visibility: auto`): until
    // it has been once, it takes its estimated height. Blocks rather than lines, so that the
    // browser watches a few hundred elements for coming into view, not tens of thousands.
    let rows = doc.block_rows(props.block);
    html! {
        <div class="block" style={format!("contain-intrinsic-block-size:auto {rows}lh")}>
            { for lines.map(|l| {
                let line = doc.lines[l].clone();
                html! {
                    // Each line takes its own direction from its first strong letter: an
                    // Arabic or Hebrew line reads right to left among English ones.
                    <div class="line" dir="auto" data-s={doc.chunks[line.start].start.to_string()}>
                        { for line.map(|i| {
                            let c = &doc.chunks[i];
                            let pieces = props.pieces[i - first_chunk].clone();
                            html! { <ChunkView start={c.start} text={c.text.clone()} {pieces} /> }
                        }) }
                    </div>
                }
            }) }
        </div>
    }
}

#[derive(Properties, PartialEq)]
pub struct ChunkProps {
    pub start: usize,
    pub text: Shared<str>,
    pub pieces: Vec<Piece>,
}

/// The element id of the chunk starting at code point `start`.
pub fn chunk_id(start: usize) -> String {
    format!("c{start}")
}

/// One chunk of text: plain runs as text, covered runs as `<mark>`s carrying their labels.
#[function_component]
pub fn ChunkView(props: &ChunkProps) -> Html {
    let text = &props.text;
    if props.pieces.is_empty() {
        return html! {
            <span id={chunk_id(props.start)} data-s={props.start.to_string()}>
                { Html::from(VText::new(text.rc().clone())) }
            </span>
        };
    }
    let bytes: Vec<usize> = text
        .char_indices()
        .map(|(b, _)| b)
        .chain(std::iter::once(text.len()))
        .collect();
    let len = bytes.len() - 1;
    let pieces = &props.pieces;
    html! {
        <span id={chunk_id(props.start)} data-s={props.start.to_string()}>
            { for segments(pieces, len).into_iter().map(|seg| {
                let run = &text[bytes[seg.start]..bytes[seg.end]];
                if seg.covering.is_empty() {
                    return html! { {run.to_string()} };
                }
                let labels = seg.labels(pieces);
                let active = seg.covering.iter().any(|&i| pieces[i].active);
                let ids: Vec<&str> = seg.covering.iter().map(|&i| pieces[i].ann.id.as_str()).collect();
                let badges: Vec<String> = seg
                    .covering
                    .iter()
                    .filter(|&&i| pieces[i].start == seg.start && pieces[i].opens(props.start))
                    .map(|&i| {
                        let p = &pieces[i];
                        format!("{}{}", p.ann.label.letter(), p.outcome.map_or("", outcomes::sign))
                    })
                    .collect();
                let names: Vec<&str> = labels.iter().map(|l| l.as_str()).collect();
                // A checked span says its outcome in words too (the sign, and the title).
                let checked: Vec<Outcome> = seg
                    .covering
                    .iter()
                    .filter_map(|&i| pieces[i].outcome)
                    .collect();
                let mut outcomes: Vec<&str> = checked.iter().map(|&o| outcomes::name(o)).collect();
                outcomes.dedup();
                let mut said: Vec<&str> = Vec::new();
                for o in checked {
                    let word = messages::outcome_word(o);
                    if !said.contains(&word) {
                        said.push(word);
                    }
                }
                let words: Vec<&str> = labels.iter().map(|&l| messages::label_word(l)).collect();
                let title = if said.is_empty() {
                    words.join(", ")
                } else {
                    format!("{}: {}", words.join(", "), said.join(", "))
                };
                html! {
                    <>
                    // The numbered markers of a printed handout, one per annotation that opens
                    // here (CSS counters; hidden on screen, and no text).
                    { for badges.iter().map(|b| html! { <span class="n" data-l={b.clone()}></span> }) }
                    <mark class="hl" data-labels={names.join(" ")} data-active={active.then_some("true")}
                        data-outcomes={(!outcomes.is_empty()).then(|| outcomes.join(" "))}
                        data-ids={ids.join(" ")} {title}
                        data-badge={(!badges.is_empty()).then(|| badges.join(""))}>
                        {run.to_string()}
                    </mark>
                    </>
                }
            }) }
        </span>
    }
}
