//! Discern's Yew components: the [`app::App`] root, one component per screen (`library`,
//! `reader`, `compare`) and one per piece (`header`, `doc_text`, `tag_toolbar`,
//! `annotation_list`, `details`, `handout`, `export_panel`, `file_button`, `reports`). They read the
//! state with [`context::use_app`] and speak to the reducer with actions; none imports `app`.

pub mod annotation_list;
pub mod app;
pub mod assignment;
pub mod check;
pub mod compare;
pub mod context;
pub mod details;
pub mod doc_text;
pub mod export_panel;
pub mod feedback;
pub mod file_button;
pub mod handout;
pub mod header;
pub mod hooks;
pub mod key_builder;
pub mod library;
pub mod new_assignment;
pub mod outcomes;
pub mod reader;
pub mod reports;
pub mod tag_toolbar;

pub use crate::i18n::{css_percent, decimal, fixed, percent};
use crate::i18n::{t, T};
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

/// `text` made safe inside HTML text and attribute values, for pieces drawn as static markup
/// (read-only views that are much smaller as a string than as virtual DOM code), and kept as
/// it is: a carriage return stays one.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            // The HTML parser would make a line feed of a carriage return.
            '\r' => out.push_str("&#13;"),
            c => out.push(c),
        }
    }
    out
}

/// [`fill!`](crate::fill) for markup: the text escaped, the values markup already.
#[macro_export]
macro_rules! fill_markup {
    ($s:ident $(, $name:ident = $v:expr)* $(,)?) => {
        $crate::i18n::fill_in(
            &$crate::components::escape($crate::i18n::t($crate::i18n::T::$s)),
            &[$(&$v as &dyn ::std::fmt::Display),*],
        )
    };
}

/// Static markup (made with [`escape`]) as `Html`.
pub fn markup(html: String) -> Html {
    Html::from_html_unchecked(AttrValue::from(html))
}

/// A label's badge as markup, like [`badge`].
pub fn badge_markup(l: Label) -> String {
    format!(
        "<span class=\"badge\" data-label=\"{}\" aria-hidden=\"true\">{}</span>",
        l.as_str(),
        l.letter()
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

/// What each label means, as a definition list (static markup).
pub fn guidelines(g: &Guidelines) -> String {
    let mut out = String::from("<dl class=\"guidelines\">");
    for l in Label::ALL {
        out += &format!(
            "<dt>{} {}</dt><dd>{}</dd>",
            badge_markup(l),
            label_title(l),
            escape(g.of(l))
        );
    }
    out + "</dl>"
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

#[cfg(test)]
mod tests {
    use super::escape;

    #[test]
    fn escape_leaves_no_markup() {
        assert_eq!(
            escape(r#"<b onclick="x">Tom & 'Jo'</b>"#),
            "&lt;b onclick=&quot;x&quot;&gt;Tom &amp; &#39;Jo&#39;&lt;/b&gt;"
        );
        assert_eq!(escape("naïve 😀"), "naïve 😀");
    }
}
