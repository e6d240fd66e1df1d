//! The Yew components that more than one page draws: the `app::App` root (generic over the
//! page, `crate::pages::Page`), the header, the reports and notices, the reader and its pieces
//! ([`reader`]), the outcomes of a span against a key, the file button; and small helpers
//! (badges, counts, guidelines). They read the state with [`context::use_app`] and speak to
//! the reducer with actions. What only one page draws is in that page's folder.

pub mod app;
pub mod context;
pub mod download;
pub mod file_button;
pub mod header;
pub mod hooks;
pub mod outcomes;
pub mod reader;
pub mod reports;

pub use crate::i18n::{css_percent, decimal, fixed, percent};
use crate::i18n::{t, T};
use crate::markup::Markup;
use crate::messages::label_title;
use discern_model::assignment::Guidelines;
use discern_model::{DocumentMeta, Label};
use yew::html::IntoPropValue;
use yew::prelude::*;
use yew::virtual_dom::VText;

/// A string of the interface, drawn as its text in the language in use: `{T::Library}`.
impl From<T> for Html {
    fn from(s: T) -> Html {
        Html::VText(VText::new(t(s)))
    }
}

/// A string of the interface as an element's only child: `<h1>{T::Library}</h1>`.
impl IntoPropValue<Html> for T {
    fn into_prop_value(self) -> Html {
        self.into()
    }
}

/// A string of the interface as an attribute's value: `aria-label={T::Pages}`.
impl IntoPropValue<Option<AttrValue>> for T {
    fn into_prop_value(self) -> Option<AttrValue> {
        Some(AttrValue::Static(t(self)))
    }
}

/// The first `n` characters of `text`, with an ellipsis when there was more.
pub fn shorten(text: &str, n: usize) -> String {
    let mut out: String = text.chars().take(n).collect();
    if text.chars().nth(n).is_some() {
        out.push('…');
    }
    out
}

/// The value of the text field or text area `r` (empty when it is neither).
pub fn field_value(r: &NodeRef) -> String {
    r.cast::<web_sys::HtmlInputElement>()
        .map(|i| i.value())
        .or_else(|| r.cast::<web_sys::HtmlTextAreaElement>().map(|t| t.value()))
        .unwrap_or_default()
}

/// A label's badge as markup, like [`badge`].
pub fn badge_markup(l: Label) -> Markup {
    crate::markup!(
        "<span class=\"badge\" data-label=\"{}\" aria-hidden=\"true\">{}</span>",
        l.as_str(),
        l.letter().to_string()
    )
}

/// The badge of a label: its letter, with the label's colour (hidden from screen readers,
/// which hear the label's name beside it).
pub fn badge(l: Label) -> Html {
    html! {
        <span class="badge" data-label={l.as_str()} aria-hidden="true">
            {l.letter()}
        </span>
    }
}

/// Counts per label, with badges.
pub fn counts(counts: [usize; 3]) -> Html {
    html! {
        <span class="counts">
            { for Label::ALL.iter().map(|&l| html! {
                <span class="count" title={label_title(l)}>
                    {badge(l)}
                    <span class="count-n">{counts[l as usize]}</span>
                    <span class="sr-only">{format!(" {}", label_title(l))}</span>
                </span>
            }) }
        </span>
    }
}

/// What each label means, as a definition list.
pub fn guidelines(g: &Guidelines) -> Html {
    html! {
        <dl class="guidelines">
            { for Label::ALL.iter().map(|&l| html! {
                <>
                    <dt>{badge(l)}{" "}{label_title(l)}</dt>
                    <dd>{g.of(l).to_string()}</dd>
                </>
            }) }
        </dl>
    }
}

/// [`fill_html`] with the placeholders named, in the order English first writes them, as
/// [`fill!`](crate::fill) names them: `fill_html!(KeysArrows, shift = html! { <kbd>{"Shift"}</kbd> })`.
#[macro_export]
macro_rules! fill_html {
    ($s:ident $(, $name:ident = $v:expr)* $(,)?) => {
        $crate::components::fill_html($crate::i18n::T::$s, vec![$(::yew::Html::from($v)),*])
    };
}

/// String `s` of the interface with its placeholders (`{0}`, `{1}`… as the page's language
/// file numbers them) filled with `parts`, as one piece of a view: for words around keys
/// (`<kbd>`) and other elements.
pub fn fill_html(s: T, parts: Vec<Html>) -> Html {
    let mut parts: Vec<Option<Html>> = parts.into_iter().map(Some).collect();
    let mut out: Vec<Html> = Vec::new();
    let mut rest = t(s);
    while let Some((before, after)) = rest.split_once('{') {
        out.push(Html::from(before.to_string()));
        let Some((place, after)) = after.split_once('}') else {
            rest = after;
            break;
        };
        let part = place
            .parse::<usize>()
            .ok()
            .and_then(|i| parts.get_mut(i)?.take());
        out.push(part.unwrap_or_default());
        rest = after;
    }
    out.push(Html::from(rest.to_string()));
    out.into_iter().collect()
}

/// What is known about a document, for people: its date, byline, outlet and source.
pub fn facts(m: &DocumentMeta) -> Vec<String> {
    [
        m.date.clone(),
        m.byline.as_ref().map(|b| crate::fill!(ByLine, name = b)),
        m.outlet.clone(),
        m.source.clone(),
    ]
    .into_iter()
    .flatten()
    .collect()
}
