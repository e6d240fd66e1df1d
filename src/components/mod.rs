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

use crate::model::Label;
use yew::prelude::*;

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

/// `v` with `decimals` digits after the point, rounded to the nearest by its exact value
/// (an exact half away from zero, as JavaScript's `toFixed` does), never "-0", and "—" when it
/// is not a number. Written with whole numbers, so the page carries no float formatting code.
pub fn fixed(v: f64, decimals: u32) -> String {
    if !v.is_finite() {
        return "—".to_string();
    }
    let scale = 10u64.pow(decimals) as f64;
    let m = v.abs();
    let low = (m * scale).floor();
    // The sign of m·scale − (low + ½), computed exactly in one rounding.
    let above_half = m.mul_add(scale, -(low + 0.5));
    let n = (if above_half >= 0.0 { low + 1.0 } else { low }) as u64;
    let sign = if v < 0.0 && n > 0 { "-" } else { "" };
    let (whole, part) = (n / scale as u64, n % scale as u64);
    if decimals == 0 {
        format!("{sign}{whole}")
    } else {
        format!("{sign}{whole}.{part:0width$}", width = decimals as usize)
    }
}

/// A share as a percentage: whole percents, but with one decimal under 10 %, so that a
/// little tagging never shows as none.
pub fn percent(share: f64) -> String {
    let p = share * 100.0;
    if p > 0.0 && p < 10.0 {
        format!("{}%", fixed(p, 1))
    } else {
        format!("{}%", fixed(p, 0))
    }
}

/// Counts per label, with badges.
pub fn counts(counts: [usize; 3]) -> Html {
    html! {
        <span class="counts">
            { for Label::ALL.iter().map(|&l| html! {
                <span class="count" title={l.title()}>
                    {badge(l)}
                    <span class="count-n">{counts[l as usize]}</span>
                    <span class="sr-only">{format!(" {}", l.title())}</span>
                </span>
            }) }
        </span>
    }
}

#[cfg(test)]
mod tests {
    use super::{escape, fixed};

    #[test]
    fn escape_leaves_no_markup() {
        assert_eq!(
            escape(r#"<b onclick="x">Tom & 'Jo'</b>"#),
            "&lt;b onclick=&quot;x&quot;&gt;Tom &amp; &#39;Jo&#39;&lt;/b&gt;"
        );
        assert_eq!(escape("naïve 😀"), "naïve 😀");
    }

    #[test]
    fn fixed_rounds_by_the_exact_value() {
        // 0.015 and 1.115 are stored a little below the half; 0.125 is an exact half.
        assert_eq!(fixed(0.015, 2), "0.01");
        assert_eq!(fixed(1.115, 2), "1.11");
        assert_eq!(fixed(0.125, 2), "0.13");
        assert_eq!(fixed(-0.125, 2), "-0.13");
        assert_eq!(fixed(-0.001, 2), "0.00");
        assert_eq!(fixed(2.0 / 3.0, 2), "0.67");
        assert_eq!(fixed(99.95, 1), "100.0");
        assert_eq!(fixed(0.5, 0), "1");
        assert_eq!(fixed(f64::NAN, 2), "—");
        // Away from halves, the same digits as Rust's own formatting.
        for i in 0..100_000u32 {
            let v = f64::from(i) / 99_991.0;
            assert_eq!(fixed(v, 2), format!("{v:.2}"), "{v}");
            assert_eq!(
                fixed(-v * 7.0, 1),
                format!("{:.1}", -v * 7.0).replace("-0.0", "0.0")
            );
        }
    }
}
