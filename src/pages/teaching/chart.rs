//! The chart of the compare page: for each document, the share of its text one annotator
//! tagged claim, quote and opinion, as stacked bars (markup, drawn in one go), to compare how
//! outlets report the same event.

use crate::fill;
use crate::i18n::T;
use crate::markup;
use crate::markup::Markup;
use crate::messages::label_title;
use discern_model::compare::{shares, Submission};
use discern_model::{Document, Label};
use std::rc::Rc;
use yew::prelude::*;

/// The chart with the choice of whose tags it shows (`whose`, a place in `subs`).
pub fn chart_section(
    subs: &[Submission],
    whose: usize,
    chart_of: &UseStateHandle<Option<usize>>,
    docs: &[Rc<Document>],
) -> Html {
    let choose = {
        let c = chart_of.clone();
        Callback::from(move |e: Event| {
            if let Some(s) = e.target_dyn_into::<web_sys::HtmlSelectElement>() {
                c.set(s.value().parse().ok());
            }
        })
    };
    html! {
        <section class="chart-section" aria-label={T::ShareLabel}>
            <h2>{T::ShareHead}</h2>
            <label>{T::WhoseTags}{" "}
                <select onchange={choose}>
                    { for subs.iter().enumerate().map(|(i, s)| html! {
                        <option value={i.to_string()} selected={i == whose}>{&s.name}</option>
                    }) }
                </select>
            </label>
            {chart(&subs[whose], docs)}
        </section>
    }
}

/// Stacked bars: for each document, the share of its text tagged claim, quote and opinion
/// (markup, drawn in one go).
fn chart(sub: &Submission, docs: &[Rc<Document>]) -> Html {
    let rows: Vec<(String, [f64; 3])> = docs
        .iter()
        .map(|d| (d.meta.title.clone(), shares(sub, &d.id, d.len())))
        .collect();
    // The scale's end: 100%, or more where labels overlap and a text's shares add up past it.
    let max = rows
        .iter()
        .map(|(_, s)| s.iter().sum::<f64>())
        .fold(1.0f64, f64::max);
    let pct = crate::components::percent;
    let f = crate::components::fixed;
    let bars: Markup = rows
        .iter()
        .map(|(title, s)| {
            let parts: Markup = Label::ALL
                .iter()
                .map(|&l| {
                    let v = s[l as usize];
                    let share = fill!(Percent, n = crate::components::decimal(v * 100.0, 1));
                    let said = fill!(
                        ChartBarTitle,
                        label = label_title(l),
                        share = share,
                        title = title
                    );
                    markup!(
                        "<span data-label=\"{}\" style=\"width:{}%\" title=\"{}\"></span>",
                        l.as_str(),
                        f(100.0 * v / max, 2),
                        said
                    )
                })
                .collect();
            markup!(
                "<div class=\"bar-row\" data-shares=\"{}/{}/{}\"><span class=\"bar-title\" title=\"{}\">{}</span>\
                 <span class=\"bar-track\">{}<span class=\"bar-value\">{} / {} / {}</span></span></div>",
                f(s[0], 4),
                f(s[1], 4),
                f(s[2], 4),
                title,
                title,
                parts,
                pct(s[0]),
                pct(s[1]),
                pct(s[2])
            )
        })
        .collect();
    let scale: Markup = [0.0, 0.5, 1.0]
        .iter()
        .map(|&share| {
            markup!(
                "<span style=\"left:{}%\" data-v=\"{}\"></span>",
                f(share * 100.0, 0),
                fill!(Percent, n = f(share * 100.0 * max, 0))
            )
        })
        .collect();
    let legend: Markup = Label::ALL
        .iter()
        .map(|&l| {
            markup!(
                "<span data-label=\"{}\">{}</span>",
                l.as_str(),
                label_title(l)
            )
        })
        .collect();
    markup!(
        "<figure class=\"chart\" aria-label=\"{}\"><div class=\"bars\">{}\
         <div class=\"chart-scale\" aria-hidden=\"true\">{}</div></div>\
         <figcaption class=\"chart-legend\">{}</figcaption></figure>",
        fill!(ChartLabel, name = sub.name),
        bars,
        scale,
        legend
    )
    .to_html()
}
