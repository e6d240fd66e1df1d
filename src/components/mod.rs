//! Discern's Yew components: the [`app::App`] root, one component per screen (`library`,
//! `reader`, `compare`) and one per piece (`header`, `doc_text`, `tag_toolbar`,
//! `annotation_list`, `details`, `export_panel`, `file_button`, `reports`). They read the
//! state with [`context::use_app`] and speak to the reducer with actions; none imports `app`.

pub mod annotation_list;
pub mod app;
pub mod compare;
pub mod context;
pub mod details;
pub mod doc_text;
pub mod export_panel;
pub mod file_button;
pub mod header;
pub mod hooks;
pub mod library;
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

/// The badge of a label: its letter, with the label's colour and name for screen readers.
#[derive(Properties, PartialEq)]
pub struct BadgeProps {
    pub label: Label,
}

#[function_component]
pub fn Badge(props: &BadgeProps) -> Html {
    let l = props.label;
    html! {
        <span class={classes!("badge", format!("b-{}", l.as_str()))} aria-hidden="true">
            {l.letter()}
        </span>
    }
}

/// `v` with `decimals` digits after the point, rounded half away from zero, and never
/// "-0": written with whole numbers, so that the page carries no float formatting code.
pub fn fixed(v: f64, decimals: u32) -> String {
    let scale = 10i64.pow(decimals);
    let n = (v * scale as f64).round() as i64;
    let sign = if n < 0 { "-" } else { "" };
    let (whole, part) = (
        n.unsigned_abs() / scale as u64,
        n.unsigned_abs() % scale as u64,
    );
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
#[derive(Properties, PartialEq)]
pub struct CountsProps {
    pub counts: [usize; 3],
}

#[function_component]
pub fn Counts(props: &CountsProps) -> Html {
    html! {
        <span class="counts">
            { for Label::ALL.iter().map(|&l| html! {
                <span class="count" title={l.title()}>
                    <Badge label={l} />
                    <span class="count-n">{props.counts[l as usize]}</span>
                    <span class="sr-only">{format!(" {}", l.title())}</span>
                </span>
            }) }
        </span>
    }
}
