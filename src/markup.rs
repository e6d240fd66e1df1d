//! Markup that is safe to put into the page as HTML. A [`Markup`] is made only by escaping
//! constructors: a template written in Discern's code (a string literal) whose `{}` are
//! filled with [`Fragment`]s, and every fragment that is text (what a reader typed, what a
//! file says, the interface's words) is escaped on the way in. A string goes to the page as
//! HTML only as a `Markup`: [`Markup::to_html`] is the one call of Yew's
//! `from_html_unchecked`, and `browser::dom::set_markup` (the handout, as the page prints)
//! the one `set_inner_html`.
//!
//! Yew's `html!` builds everything else. Markup is for the views that are drawn whole and
//! never change in part: the tables, agreement map, chart and feedback sheets of a class's
//! size, drawn in one go instead of as thousands of virtual nodes (`docs/ARCHITECTURE.md`),
//! and the printed handout's list, written into the page only when it prints.

use crate::i18n::{fill_in, t, T};
use std::fmt::Write;
use yew::{AttrValue, Html};

/// HTML that only escaping constructors build (see the module's docs).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Markup(String);

/// Something that can go into [`Markup`]: text is escaped, markup is kept as it is.
pub trait Fragment {
    /// Writes `self` into `out` as markup.
    fn write_to(&self, out: &mut String);
}

impl Fragment for Markup {
    fn write_to(&self, out: &mut String) {
        out.push_str(&self.0);
    }
}

impl Fragment for str {
    fn write_to(&self, out: &mut String) {
        escape_into(self, out);
    }
}

impl Fragment for String {
    fn write_to(&self, out: &mut String) {
        escape_into(self, out);
    }
}

impl<F: Fragment + ?Sized> Fragment for &F {
    fn write_to(&self, out: &mut String) {
        (**self).write_to(out);
    }
}

/// A string of the interface, in the language in use, as text.
impl Fragment for T {
    fn write_to(&self, out: &mut String) {
        escape_into(t(*self), out);
    }
}

macro_rules! number_fragments {
    ($($n:ty),*) => {
        $(impl Fragment for $n {
            fn write_to(&self, out: &mut String) {
                let _ = write!(out, "{self}");
            }
        })*
    };
}
number_fragments!(usize, u32, u64, i64);

impl Markup {
    /// `template`, markup written in Discern's code, with each `{}` filled by the next of
    /// `parts`, in order. Called only by [`markup!`](crate::markup), whose template must be a
    /// string literal: text from a language file or a user can never be a template.
    #[doc(hidden)]
    pub fn from_literal(template: &'static str, parts: &[&dyn Fragment]) -> Markup {
        let mut out = String::with_capacity(template.len() + 16 * parts.len());
        let mut parts = parts.iter();
        let mut pieces = template.split("{}");
        if let Some(first) = pieces.next() {
            out.push_str(first);
        }
        for piece in pieces {
            if let Some(part) = parts.next() {
                part.write_to(&mut out);
            }
            out.push_str(piece);
        }
        Markup(out)
    }

    /// Text, escaped.
    pub fn text(text: &str) -> Markup {
        let mut out = String::with_capacity(text.len());
        escape_into(text, &mut out);
        Markup(out)
    }

    /// String `s` of the interface with its placeholders filled with `parts` (as
    /// [`crate::i18n::fill`] does), its own words escaped.
    pub fn fill(s: T, parts: &[&dyn Fragment]) -> Markup {
        let filled: Vec<Markup> = parts
            .iter()
            .map(|p| {
                let mut out = String::new();
                p.write_to(&mut out);
                Markup(out)
            })
            .collect();
        let args: Vec<&dyn std::fmt::Display> = filled
            .iter()
            .map(|m| &m.0 as &dyn std::fmt::Display)
            .collect();
        Markup(fill_in(&Markup::text(t(s)).0, &args))
    }

    /// Adds `part` at the end.
    pub fn push(&mut self, part: &dyn Fragment) {
        part.write_to(&mut self.0);
    }

    /// Whether there is nothing in it.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The markup as a string, for pages that write it themselves (the handout, at print).
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The markup as part of a view.
    pub fn to_html(&self) -> Html {
        Html::from_html_unchecked(AttrValue::from(self.0.clone()))
    }
}

impl FromIterator<Markup> for Markup {
    fn from_iter<I: IntoIterator<Item = Markup>>(parts: I) -> Markup {
        let mut out = String::new();
        for p in parts {
            out.push_str(&p.0);
        }
        Markup(out)
    }
}

/// `text` made safe inside HTML text and attribute values, and kept as it is: a carriage
/// return stays one.
fn escape_into(text: &str, out: &mut String) {
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
}

/// [`Markup::from_literal`] with the parts named at the call: `markup!("<td>{}</td>", name)`. The
/// template must be a string literal, so that it is always Discern's own markup.
#[macro_export]
macro_rules! markup {
    ($template:literal $(, $part:expr)* $(,)?) => {
        $crate::markup::Markup::from_literal($template, &[$(&$part as &dyn $crate::markup::Fragment),*])
    };
}

/// [`Markup::fill`] with the placeholders named, in the order English first writes them, as
/// [`fill!`](crate::fill) names them: `fill_markup!(HandoutBy, name = name)`.
#[macro_export]
macro_rules! fill_markup {
    ($s:ident $(, $name:ident = $v:expr)* $(,)?) => {
        $crate::markup::Markup::fill(
            $crate::i18n::T::$s,
            &[$(&$v as &dyn $crate::markup::Fragment),*],
        )
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_escaped_and_markup_is_kept() {
        let name = r#"<b onclick="x">Tom & 'Jo'</b>"#;
        let m = crate::markup!("<td title=\"{}\">{}</td>", name, Markup::text("naïve 😀\r"));
        assert_eq!(
            m.as_str(),
            "<td title=\"&lt;b onclick=&quot;x&quot;&gt;Tom &amp; &#39;Jo&#39;&lt;/b&gt;\">naïve 😀&#13;</td>"
        );
        assert_eq!(
            crate::markup!("{} of {}", 2usize, "<3").as_str(),
            "2 of &lt;3"
        );
    }

    /// A template's `{}` with no part left stays empty, and extra parts are dropped: nothing
    /// a file says can open a place in the template.
    #[test]
    fn a_template_is_filled_in_order() {
        assert_eq!(
            Markup::from_literal("<i>{}</i>{}", &[&"a"]).as_str(),
            "<i>a</i>"
        );
        assert_eq!(
            Markup::from_literal("<i>{}</i>", &[&"a", &"b"]).as_str(),
            "<i>a</i>"
        );
        let braces = crate::markup!("<i>{}</i>", "{}");
        assert_eq!(braces.as_str(), "<i>{}</i>");
    }
}
