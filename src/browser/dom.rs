//! The DOM side of reading: where the reader's selection lies in a document, in code points,
//! and small helpers to find and scroll to highlights.
//!
//! The reading view renders each chunk of the text as an element with `data-s`, the code point
//! where the chunk starts; pseudo-element badges add no text. A DOM position (a node and a
//! UTF-16 offset) is turned into a code point by measuring the text from its chunk's start.

use crate::markup::Markup;
use wasm_bindgen::JsCast;
use web_sys::{Element, Node};

/// The id of the element that holds the document's text.
pub const TEXT_ID: &str = "doc-text";
/// The id of each screen's main region.
pub const MAIN_ID: &str = "main";
/// The attribute on each line and chunk of the text: the code point where it starts. The
/// reading view writes it (`data-s` in `components::doc_text`); this module reads it.
pub const START_ATTR: &str = "data-s";
/// The attribute on each highlight: the ids of the annotations it shows, space-separated.
pub const IDS_ATTR: &str = "data-ids";

/// A selection inside the document text, in code points, and where it is on the page.
#[derive(Clone, Debug, PartialEq)]
pub struct TextSelection {
    pub start: usize,
    pub end: usize,
    /// The left edge, bottom and top of the selection's box, in page coordinates.
    pub left: f64,
    pub bottom: f64,
    pub top: f64,
}

fn window() -> Option<web_sys::Window> {
    web_sys::window()
}

/// The value of the input with id `id`, as the reader left it.
pub fn input_value(id: &str) -> Option<String> {
    Some(
        element_by_id(id)?
            .dyn_into::<web_sys::HtmlInputElement>()
            .ok()?
            .value(),
    )
}

/// The document's element with id `id`.
pub fn element_by_id(id: &str) -> Option<Element> {
    window()?.document()?.get_element_by_id(id)
}

/// The reader's current selection inside `container` with where it is on the page, when it
/// is not collapsed. The offsets are raw; normalizing them is the model's job.
pub fn read_selection(container: &Element, doc_len: usize) -> Option<TextSelection> {
    let (start, end, range) = selection_range(container, doc_len)?;
    let rect = range.get_bounding_client_rect();
    let w = window()?;
    let (sx, sy) = (w.scroll_x().unwrap_or(0.0), w.scroll_y().unwrap_or(0.0));
    Some(TextSelection {
        start,
        end,
        left: rect.left() + sx,
        bottom: rect.bottom() + sy,
        top: rect.top() + sy,
    })
}

/// The code points of the reader's selection inside `container`, without asking the page
/// for its layout (so a key press does not force one).
pub fn selection_offsets(container: &Element, doc_len: usize) -> Option<(usize, usize)> {
    selection_range(container, doc_len).map(|(s, e, _)| (s, e))
}

fn selection_range(container: &Element, doc_len: usize) -> Option<(usize, usize, web_sys::Range)> {
    let sel = window()?.get_selection().ok()??;
    if sel.is_collapsed() || sel.range_count() == 0 {
        return None;
    }
    let range = sel.get_range_at(0).ok()?;
    let cnode: &Node = container.as_ref();
    let start = point_to_cp(
        container,
        &range.start_container().ok()?,
        range.start_offset().ok()?,
        doc_len,
    )?;
    let end = point_to_cp(
        container,
        &range.end_container().ok()?,
        range.end_offset().ok()?,
        doc_len,
    )?;
    // A selection wholly outside the text is not ours.
    let common = range.common_ancestor_container().ok()?;
    if !cnode.contains(Some(&common)) && !common.contains(Some(cnode)) {
        return None;
    }
    (start < end).then_some((start, end, range))
}

/// The caret's code point inside `container`, when the selection is collapsed there.
pub fn caret(container: &Element, doc_len: usize) -> Option<usize> {
    let sel = window()?.get_selection().ok()??;
    if !sel.is_collapsed() || sel.range_count() == 0 {
        return None;
    }
    let node = sel.anchor_node()?;
    let cnode: &Node = container.as_ref();
    if !cnode.contains(Some(&node)) {
        return None;
    }
    point_to_cp(container, &node, sel.anchor_offset(), doc_len)
}

/// Code point of the DOM position (`node`, `offset`) relative to the text in `container`;
/// positions before or after the container clamp to its ends.
fn point_to_cp(container: &Element, node: &Node, offset: u32, doc_len: usize) -> Option<usize> {
    let cnode: &Node = container.as_ref();
    if !cnode.contains(Some(node)) {
        // DOCUMENT_POSITION_FOLLOWING (4): the container comes after the node.
        let pos = node.compare_document_position(cnode);
        return Some(if pos & 4 != 0 { 0 } else { doc_len });
    }
    // A point in a chunk counts from the chunk (cheap on a long text); a point between
    // chunks (on the container, a block or a line, as select-all gives) from the start.
    let in_chunk = closest_element(node)?
        .closest(&format!("[{START_ATTR}]"))
        .ok()
        .flatten()
        .filter(|el| el.id().starts_with('c'));
    let (chunk, start): (Node, usize) = match in_chunk {
        Some(el) => {
            let start = chunk_start(&el)?;
            (el.into(), start)
        }
        None => (cnode.clone(), 0),
    };
    let doc = window()?.document()?;
    let range = doc.create_range().ok()?;
    range.set_start(&chunk, 0).ok()?;
    range.set_end(node, offset).ok()?;
    let before: String = range.to_string().into();
    Some(start + before.chars().count())
}

fn chunk_start(el: &Element) -> Option<usize> {
    el.get_attribute(START_ATTR)?.parse().ok()
}

fn closest_element(node: &Node) -> Option<Element> {
    match node.dyn_ref::<Element>() {
        Some(el) => Some(el.clone()),
        None => node.parent_element(),
    }
}

/// The value of attribute `attr` on the event target or its nearest ancestor that has one:
/// which of the links drawn as static markup was clicked.
pub fn closest_attr(target: Option<web_sys::EventTarget>, attr: &str) -> Option<String> {
    let node = target?.dyn_into::<Node>().ok()?;
    let el = closest_element(&node)?
        .closest(&format!("[{attr}]"))
        .ok()??;
    el.get_attribute(attr)
}

/// Moves the focus to the first element that matches `selector`, if there is one.
pub fn focus_selector(selector: &str) {
    let found = window()
        .and_then(|w| w.document())
        .and_then(|d| d.query_selector(selector).ok().flatten());
    if let Some(el) = found.and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok()) {
        let _ = el.focus();
    }
}

/// Removes the page's text selection (after tagging it).
pub fn clear_selection() {
    if let Some(Ok(Some(sel))) = window().map(|w| w.get_selection()) {
        let _ = sel.remove_all_ranges();
    }
}

/// The annotation ids listed on the highlight an event happened on.
pub fn highlight_ids(target: Option<web_sys::EventTarget>) -> Vec<String> {
    let el = target
        .and_then(|t| t.dyn_into::<Node>().ok())
        .and_then(|n| closest_element(&n));
    el.and_then(|el| el.closest(&format!("[{IDS_ATTR}]")).ok().flatten())
        .and_then(|el| el.get_attribute(IDS_ATTR))
        .map(|ids| ids.split_whitespace().map(str::to_string).collect())
        .unwrap_or_default()
}

/// Scrolls the first highlight of annotation `id`, which starts in the chunk starting at code
/// point `chunk`, into view if it is not in view already.
pub fn scroll_to_highlight(id: &str, chunk: usize) {
    let Some(chunk) = element_by_id(&format!("c{chunk}")) else {
        return;
    };
    let selector = format!("[{IDS_ATTR}~=\"{}\"]", id.replace(['"', '\\'], ""));
    if let Ok(Some(el)) = chunk.query_selector(&selector) {
        let opts = web_sys::ScrollIntoViewOptions::new();
        opts.set_block(web_sys::ScrollLogicalPosition::Nearest);
        el.scroll_into_view_with_scroll_into_view_options(&opts);
    }
}

/// Listens to key presses anywhere on the page; the handler may prevent their default.
pub fn on_keydown(f: impl Fn(&web_sys::KeyboardEvent) + 'static) -> gloo::events::EventListener {
    let opts = gloo::events::EventListenerOptions::enable_prevent_default();
    gloo::events::EventListener::new_with_options(
        &gloo::utils::document(),
        "keydown",
        opts,
        move |e| {
            if let Some(e) = e.dyn_ref::<web_sys::KeyboardEvent>() {
                f(e);
            }
        },
    )
}

/// Runs `f` just before the page is printed: on `beforeprint` (the browser's Print, or
/// `window.print()`) and when print media starts to apply (which print previews and saving as
/// PDF use). `f` runs at once, inside the event, so what it writes into the page is printed.
pub fn on_print(f: impl Fn() + 'static) -> Vec<gloo::events::EventListener> {
    let f = std::rc::Rc::new(f);
    let window = gloo::utils::window();
    let g = f.clone();
    let mut listeners = vec![gloo::events::EventListener::new(
        &window,
        "beforeprint",
        move |_| g(),
    )];
    if let Some(print) = window.match_media("print").ok().flatten() {
        listeners.push(gloo::events::EventListener::new(
            &print,
            "change",
            move |e| {
                if e.dyn_ref::<web_sys::MediaQueryListEvent>()
                    .is_none_or(|e| e.matches())
                {
                    f()
                }
            },
        ));
    }
    listeners
}

/// Replaces the content of the element with id `id` by `markup`.
pub fn set_markup(id: &str, markup: &Markup) {
    if let Some(el) = element_by_id(id) {
        el.set_inner_html(markup.as_str());
    }
}

/// Keeps the CSS variable `--head-h` on the page's root equal to the height of the sticky
/// header (`.app-head`), which grows when it wraps to two rows (a narrow window, a language
/// with longer words), so that what floats or sticks below it starts where it ends.
const TRACK_HEADER: &str = r#"
  const head = document.querySelector('.app-head');
  if (!head || typeof ResizeObserver !== 'function') return;
  const root = document.documentElement.style;
  new ResizeObserver(() => root.setProperty('--head-h', head.offsetHeight + 'px')).observe(head);
"#;

/// Starts keeping `--head-h` equal to the header's height ([`TRACK_HEADER`]).
pub fn track_header() {
    let f = js_sys::Function::new_no_args(TRACK_HEADER);
    let _ = f.call0(&wasm_bindgen::JsValue::NULL);
}

/// Opens the browser's Print for the page.
pub fn print() {
    let _ = gloo::utils::window().print();
}

/// Whether a key event comes from a field where the reader is typing.
pub fn is_typing_target(target: Option<web_sys::EventTarget>) -> bool {
    let Some(el) = target.and_then(|t| t.dyn_into::<Element>().ok()) else {
        return false;
    };
    matches!(el.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT")
        || (el.has_attribute("contenteditable") && el.id() != TEXT_ID)
}

/// Whether the event's target is inside the element with id `id`.
pub fn target_within(target: Option<web_sys::EventTarget>, id: &str) -> bool {
    let (Some(node), Some(container)) = (
        target.and_then(|t| t.dyn_into::<Node>().ok()),
        element_by_id(id),
    ) else {
        return false;
    };
    let cnode: &Node = container.as_ref();
    cnode.contains(Some(&node))
}
