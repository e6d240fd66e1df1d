//! The compare page's figures (`docs/FORMATS.md#compare-rules`): per annotator and label
//! against the key (counts, precision, recall, F1, kappa), the class's agreement per label
//! with the choice of one annotator's kappa with each other, those kappas, and all of it as
//! CSV for grading. The tables of a class's size are drawn as markup in one go.

use crate::fill;
use crate::i18n::{t, T};
use crate::markup;
use crate::markup::Markup;
use crate::messages::label_word;
use discern_model::compare::Figures;
use discern_model::Label;
use yew::prelude::*;

/// A figure with two decimals (never "-0.00"), or a dash where it is undefined: as files and
/// attributes have it, with a full stop.
pub fn figure(v: Option<f64>) -> String {
    match v {
        None => "—".to_string(),
        Some(v) => crate::components::fixed(v, 2),
    }
}

/// A figure as people read it: [`figure`] with the decimal mark of the language in use.
pub fn shown(v: Option<f64>) -> String {
    match v {
        None => "—".to_string(),
        Some(v) => crate::components::decimal(v, 2),
    }
}

/// The columns of the figures' CSV.
pub const HEADER: [&str; 11] = [
    "kind",
    "annotator",
    "compared with",
    "label",
    "spans",
    "key spans",
    "matched",
    "precision",
    "recall",
    "f1",
    "kappa",
];

/// The figures as CSV rows for grading: one per annotator and label against the key, then one
/// per pair of annotators and label with kappa.
pub fn csv_rows(f: &Figures) -> Vec<Vec<String>> {
    let against = f.scores.iter().map(|r| {
        let s = &r.scores;
        vec![
            "against key".into(),
            r.annotator.clone(),
            r.key.clone(),
            s.label.as_str().into(),
            s.count.to_string(),
            s.key_count.to_string(),
            s.matched.to_string(),
            figure(s.precision),
            figure(s.recall),
            figure(s.f1),
            String::new(),
        ]
    });
    // Each annotator's kappa with the key, then the chosen one's with each other.
    let with_key = f
        .scores
        .iter()
        .map(|r| (&r.annotator, &r.key, r.scores.label, r.kappa));
    let chosen = f.kappas.iter().map(|r| (&r.a, &r.b, r.label, r.kappa));
    let kappas = with_key.chain(chosen).map(|(a, b, label, k)| {
        let mut row = vec!["kappa".into(), a.clone(), b.clone(), label.as_str().into()];
        row.extend(std::iter::repeat_n(String::new(), 6));
        row.push(figure(k));
        row
    });
    let class = Label::ALL.iter().map(|&l| {
        let mut row = vec![
            "class kappa".into(),
            "all annotators".into(),
            String::new(),
            l.as_str().into(),
        ];
        row.extend(std::iter::repeat_n(String::new(), 6));
        row.push(figure(f.class[l as usize]));
        row
    });
    against.chain(kappas).chain(class).collect()
}

/// A table of text as markup, drawn in one go: for the tables of a class's size, which
/// hold nothing to click. `attrs` are the table's attributes, each row comes with its own
/// and its cells' texts.
fn table_markup(
    attrs: Markup,
    caption: &str,
    head: &[&str],
    rows: impl Iterator<Item = (Markup, Vec<String>)>,
) -> Html {
    let head: Markup = head.iter().map(|h| markup!("<th>{}</th>", h)).collect();
    let body: Markup = rows
        .map(|(attrs, cells)| {
            let cells: Markup = cells.iter().map(|c| markup!("<td>{}</td>", c)).collect();
            markup!("<tr {}>{}</tr>", attrs, cells)
        })
        .collect();
    markup!(
        "<table {}><caption>{}</caption><thead><tr>{}</tr></thead><tbody>{}</tbody></table>",
        attrs,
        caption,
        head,
        body
    )
    .to_html()
}

/// The table of each annotator and label against the key.
pub fn scores_table(figures: &Figures) -> Html {
    table_markup(
        markup!("class=\"scores\" aria-label=\"{}\"", T::AgainstTheKey),
        t(T::AgainstKeyCaption),
        &[
            t(T::Annotator),
            t(T::Label),
            t(T::Spans),
            t(T::KeySpans),
            t(T::Matched),
            t(T::Precision),
            t(T::Recall),
            t(T::F1),
            t(T::Kappa),
        ],
        figures.scores.iter().map(|r| {
            let s = &r.scores;
            let l = s.label.as_str();
            (
                markup!("data-annotator=\"{}\" data-label=\"{}\"", r.annotator, l),
                vec![
                    r.annotator.clone(),
                    label_word(s.label).to_string(),
                    s.count.to_string(),
                    s.key_count.to_string(),
                    s.matched.to_string(),
                    shown(s.precision),
                    shown(s.recall),
                    shown(s.f1),
                    shown(r.kappa),
                ],
            )
        }),
    )
}

/// The class's agreement per label (`annotators` of them), and the choice of the annotator
/// (`pairs_of`, one of `names` other than the key's place `key`) whose kappa with each other
/// one is shown.
pub fn class_agreement(
    figures: &Figures,
    names: &[&str],
    key: Option<usize>,
    pairs_of: &UseStateHandle<Option<usize>>,
) -> Html {
    let kappas: Vec<String> = Label::ALL
        .iter()
        .map(|&l| format!("{} {}", label_word(l), shown(figures.class[l as usize])))
        .collect();
    let choose = {
        let p = pairs_of.clone();
        Callback::from(move |e: Event| {
            if let Some(s) = e.target_dyn_into::<web_sys::HtmlSelectElement>() {
                p.set(s.value().parse().ok());
            }
        })
    };
    html! {
        <>
            <p class="class-agreement" data-kappas={figures.class.map(figure).join("/")}>
                {fill!(ClassAgreement, n = names.len(), kappas = kappas.join(", "))}
            </p>
            <label class="pairs-of">{T::PairsOf}{" "}
                <select onchange={choose}>
                    <option value="" selected={pairs_of.is_none()}>{T::PairsNone}</option>
                    { for names.iter().enumerate().filter(|&(i, _)| Some(i) != key).map(|(i, &name)| html! {
                        <option value={i.to_string()} selected={**pairs_of == Some(i)}>{name}</option>
                    }) }
                </select>
            </label>
        </>
    }
}

/// The table of the chosen annotator's kappa with each other one.
pub fn kappas_table(figures: &Figures) -> Html {
    table_markup(
        markup!("class=\"kappas\" aria-label=\"{}\"", T::KappasLabel),
        t(T::KappasCaption),
        &[t(T::Annotator), t(T::With), t(T::Label), t(T::Kappa)],
        figures.kappas.iter().map(|r| {
            let l = r.label.as_str();
            (
                markup!("data-pair=\"{}|{}\" data-label=\"{}\"", r.a, r.b, l),
                vec![
                    r.a.clone(),
                    r.b.clone(),
                    label_word(r.label).to_string(),
                    shown(r.kappa),
                ],
            )
        }),
    )
}
