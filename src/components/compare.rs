//! The compare view (`docs/FORMATS.md#compare-rules`): a class's annotation files loaded side by side, one marked
//! as the key; precision, recall and F1 per annotator and label against the key; Cohen's
//! kappa per label for every pair; an agreement map of one document; a chart of how much of
//! each text is tagged claim, quote and opinion; and the figures as CSV for grading.

use super::context::{read_files, use_app, AppContext};
use super::file_button::{file_button, FileButton};
use super::hooks::use_refocus;
use super::key_builder::{build_button, KeyBuilder};
use crate::browser::dom::MAIN_ID;
use crate::browser::{clock, dom, files};
use crate::fill;
use crate::i18n::{t, T};
use crate::markup;
use crate::markup::Markup;
use crate::messages::{label_title, label_word};
use crate::state::{Action, CompareAction, Message};
use discern_model::compare::{agreement, shares, Figures, Submission, BUILT_KEY};
use discern_model::formats::csv::csv;
use discern_model::{Document, Label};
use std::rc::Rc;
use yew::prelude::*;

/// A figure with two decimals (never "-0.00"), or a dash where it is undefined: as files and
/// attributes have it, with a full stop.
pub fn figure(v: Option<f64>) -> String {
    match v {
        None => "—".to_string(),
        Some(v) => super::fixed(v, 2),
    }
}

/// A figure as people read it: [`figure`] with the decimal mark of the language in use.
pub fn shown(v: Option<f64>) -> String {
    match v {
        None => "—".to_string(),
        Some(v) => super::decimal(v, 2),
    }
}

/// How many of a passage's annotators gave it label `l`: "2 claims".
fn label_count(l: Label, n: usize) -> String {
    let s = match l {
        Label::Claim => T::CountClaim,
        Label::Quote => T::CountQuote,
        Label::Opinion => T::CountOpinion,
    };
    crate::i18n::fill(s, &[&n])
}

/// The columns of the figures' CSV.
const HEADER: [&str; 11] = [
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
fn csv_rows(f: &Figures) -> Vec<Vec<String>> {
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

/// A table's head row of column names.
fn head(names: &[&str]) -> Html {
    html! {
        <thead><tr>{ for names.iter().map(|&n| html! { <th>{n}</th> }) }</tr></thead>
    }
}

/// A table row's cells.
fn cells(contents: Vec<Html>) -> Html {
    contents
        .into_iter()
        .map(|c| html! { <td>{c}</td> })
        .collect()
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

/// Files loaded in one task: the page shows its progress between slices, and no task takes
/// long at a class's size.
const SLICE: usize = 20;

/// Loads annotation files (name, text) into the compare set a slice at a time, `before` of
/// them loaded already, each slice in its own task.
pub fn load_in_slices(
    mut files: Vec<(String, String)>,
    before: usize,
    dispatch: UseReducerDispatcher<crate::state::AppState>,
) {
    let total = before + files.len();
    let rest = files.split_off(files.len().min(SLICE));
    let done = before + files.len();
    dispatch.dispatch(Action::from(CompareAction::Load(files, before, total)));
    if !rest.is_empty() {
        gloo::timers::callback::Timeout::new(0, move || load_in_slices(rest, done, dispatch))
            .forget();
    }
}

#[function_component]
pub fn Compare() -> Html {
    let state = use_app();
    let set = state.compare.clone();
    let ws = &state.workspace;
    // The annotator whose kappa with every other one is shown, on demand.
    let pairs_of = use_state(|| None::<usize>);
    // Nothing is figured while files are still loading, a slice at a time.
    let loading = state.importing.is_some();
    let figures = use_memo(
        (set.clone(), state.revision(), *pairs_of, loading),
        |(set, _, p, loading)| match loading {
            true => Figures::default(),
            false => set.figures(&|id| ws.document(id).map(|d| d.len()), *p),
        },
    );
    let subs: Vec<Submission> = set.files.iter().map(|f| f.submission.clone()).collect();
    let agree_doc = use_state(|| None::<String>);
    let chart_of = use_state(|| None::<usize>);
    let feedback_of = use_state(|| None::<usize>);
    // After a file is removed, the focus goes to the Remove button now in its place (or the
    // one before, for the last), so that a keyboard can remove one after another.
    let refocus = use_refocus(Rc::as_ptr(set.rc()) as usize);

    let on_files = {
        let dispatch = state.dispatcher();
        Callback::from(move |list| {
            let d = dispatch.clone();
            read_files(&list, dispatch.clone(), move |read| {
                load_in_slices(read, 0, d)
            });
        })
    };
    let add_mine = {
        let state = state.clone();
        Callback::from(move |_| {
            let (me, file) = (
                crate::i18n::owned(T::Me),
                crate::i18n::owned(T::ThisBrowser),
            );
            state.dispatch(Action::from(CompareAction::AddMine(me, file)))
        })
    };
    let download = {
        let (state, figures) = (state.clone(), figures.clone());
        Callback::from(move |_| {
            let now = clock::now_iso();
            let name = format!("discern-comparison-{}.csv", &now[..10]);
            let body = csv(&HEADER, &csv_rows(&figures));
            if let Err(e) = files::download(&name, "text/csv;charset=utf-8", &body) {
                state.dispatch(Action::Notify(Message::DownloadFailed(e)));
            }
        })
    };
    let feedback_csv = {
        let state = state.clone();
        Callback::from(move |_| {
            let now = clock::now_iso();
            let name = format!("discern-feedback-{}.csv", &now[..10]);
            let rows = super::feedback::csv_rows(&state.compare, &state.workspace);
            let body = csv(&super::feedback::HEADER, &rows);
            if let Err(e) = files::download(&name, "text/csv;charset=utf-8", &body) {
                state.dispatch(Action::Notify(Message::DownloadFailed(e)));
            }
        })
    };
    let choose_feedback = {
        let f = feedback_of.clone();
        Callback::from(move |c| f.set(c))
    };
    let docs = &figures.documents;
    let overview = use_memo(
        (
            set.clone(),
            figures.clone(),
            state.revision(),
            state.language,
        ),
        |(set, f, _, _)| {
            let ids: Vec<String> = f.documents.iter().map(|d| d.0.clone()).collect();
            super::feedback::overview(ws, set, &ids)
        },
    );
    // A name in the class table opens that student's feedback.
    let on_overview = {
        let f = feedback_of.clone();
        Callback::from(move |e: MouseEvent| {
            if let Some(i) =
                dom::closest_attr(e.target(), "data-feedback").and_then(|i| i.parse().ok())
            {
                f.set(Some(i));
                if let Some(el) = gloo::utils::document().get_element_by_id("feedback-head") {
                    el.scroll_into_view();
                }
            }
        })
    };
    let shown_doc = (*agree_doc)
        .clone()
        .or_else(|| docs.first().map(|d| d.0.clone()))
        .and_then(|id| ws.document(&id).cloned());
    let whose = (*chart_of)
        .filter(|&w| w < subs.len())
        .or(set.key)
        .or((!subs.is_empty()).then_some(0));
    let has_figures = !figures.scores.is_empty() || !figures.kappas.is_empty();

    html! {
        <main class="compare" id={MAIN_ID}>
            <h1>{T::Compare}</h1>
            <p class="lead">{T::CompareLead}</p>
            <div class="compare-tools">
                {file_button(FileButton {
                    label: t(T::LoadFiles),
                    aria_label: t(T::LoadFilesLabel),
                    accept: ".json,.jsonld,application/json,application/ld+json",
                    title: None,
                }, on_files)}
                <button type="button" class="btn" onclick={add_mine}>{T::AddMine}</button>
                if has_figures {
                    <button type="button" class="btn" onclick={download}>{T::DownloadFigures}</button>
                }
            </div>
            if let Some(problem) = &state.compare_not_kept {
                <p class="warning" role="alert">{crate::messages::storage_problem(problem)}</p>
            }
            if subs.is_empty() {
                <p class="empty">{T::NothingLoaded}</p>
            } else {
                <table class="files">
                    <caption>{T::Loaded}</caption>
                    {head(&[t(T::Annotator), t(T::File), t(T::Spans), t(T::Key), ""])}
                    <tbody>
                        { for set.files.iter().enumerate().map(|(i, f)| {
                            let (s1, s2, r) = (state.clone(), state.clone(), refocus.clone());
                            let last = set.files.len() - 1;
                            html! {
                                <tr key={f.submission.name.clone()}>{cells(vec![
                                    html! {&f.submission.name},
                                    html! {{if f.file == BUILT_KEY { t(T::BuiltInDiscern) } else { f.file.as_str() }}},
                                    html! {f.submission.spans.len()},
                                    html! {
                                        <input type="radio" name="key" checked={set.key == Some(i)}
                                            aria-label={fill!(IsTheKey, name = f.submission.name)}
                                            onchange={move |_| s1.dispatch(Action::from(CompareAction::Key(i)))} />
                                    },
                                    html! {
                                        <button type="button" class="btn link"
                                            aria-label={fill!(RemoveNamed, name = f.submission.name)} data-remove={i.to_string()}
                                            onclick={move |_| {
                                                *r.borrow_mut() = (last > 0).then(|| {
                                                    format!("button[data-remove=\"{}\"]", i.min(last - 1))
                                                });
                                                s2.dispatch(Action::from(CompareAction::Remove(i)))
                                            }}>{T::Remove}</button>
                                    },
                                ])}</tr>
                            }
                        }) }
                    </tbody>
                </table>
                if state.builds_key() {
                    <KeyBuilder />
                } else if set.files.len() > usize::from(set.key.is_some()) {
                    <div class="compare-tools">{build_button(&state, set.key.is_none())}</div>
                }
            }
            if !figures.scores.is_empty() {
                {table_markup(
                    markup!("class=\"scores\" aria-label=\"{}\"", T::AgainstTheKey),
                    t(T::AgainstKeyCaption),
                    &[t(T::Annotator), t(T::Label), t(T::Spans), t(T::KeySpans), t(T::Matched), t(T::Precision), t(T::Recall), t(T::F1), t(T::Kappa)],
                    figures.scores.iter().map(|r| {
                        let s = &r.scores;
                        let l = s.label.as_str();
                        (
                            markup!("data-annotator=\"{}\" data-label=\"{}\"", r.annotator, l),
                            vec![
                                r.annotator.clone(), label_word(s.label).to_string(), s.count.to_string(),
                                s.key_count.to_string(), s.matched.to_string(), shown(s.precision),
                                shown(s.recall), shown(s.f1), shown(r.kappa),
                            ],
                        )
                    }),
                )}
            }
            if subs.len() > 1 {
                <p class="class-agreement" data-kappas={figures.class.map(figure).join("/")}>
                    {fill!(
                        ClassAgreement,
                        n = subs.len(),
                        kappas = Label::ALL.iter().map(|&l| format!("{} {}", label_word(l), shown(figures.class[l as usize]))).collect::<Vec<_>>().join(", ")
                    )}
                </p>
                <label class="pairs-of">{T::PairsOf}{" "}
                    <select onchange={{
                        let p = pairs_of.clone();
                        Callback::from(move |e: Event| {
                            if let Some(s) = e.target_dyn_into::<web_sys::HtmlSelectElement>() {
                                p.set(s.value().parse().ok());
                            }
                        })
                    }}>
                        <option value="" selected={pairs_of.is_none()}>{T::PairsNone}</option>
                        { for subs.iter().enumerate().filter(|&(i, _)| Some(i) != set.key).map(|(i, s)| html! {
                            <option value={i.to_string()} selected={*pairs_of == Some(i)}>{&s.name}</option>
                        }) }
                    </select>
                </label>
            }
            if !figures.kappas.is_empty() {
                {table_markup(
                    markup!("class=\"kappas\" aria-label=\"{}\"", T::KappasLabel),
                    t(T::KappasCaption),
                    &[t(T::Annotator), t(T::With), t(T::Label), t(T::Kappa)],
                    figures.kappas.iter().map(|r| {
                        let l = r.label.as_str();
                        (
                            markup!("data-pair=\"{}|{}\" data-label=\"{}\"", r.a, r.b, l),
                            vec![r.a.clone(), r.b.clone(), label_word(r.label).to_string(), shown(r.kappa)],
                        )
                    }),
                )}
            }
            <div onclick={on_overview}>{(*overview).clone()}</div>
            {super::feedback::section(
                ws,
                &set,
                *feedback_of,
                choose_feedback.clone(),
                feedback_csv,
            )}
            if let Some(doc) = shown_doc {
                {agreement_map(
                    &state,
                    &doc,
                    &subs,
                    &docs.iter().map(|d| d.0.clone()).collect::<Vec<_>>(),
                    Callback::from({ let a = agree_doc.clone(); move |id| a.set(Some(id)) }),
                )}
            }
            if let Some(w) = whose {
                <section class="chart-section" aria-label={T::ShareLabel}>
                    <h2>{T::ShareHead}</h2>
                    <label>{T::WhoseTags}{" "}
                        <select onchange={{
                            let c = chart_of.clone();
                            Callback::from(move |e: Event| {
                                if let Some(s) = e.target_dyn_into::<web_sys::HtmlSelectElement>() {
                                    c.set(s.value().parse().ok());
                                }
                            })
                        }}>
                            { for subs.iter().enumerate().map(|(i, s)| html! {
                                <option value={i.to_string()} selected={i == w}>{&s.name}</option>
                            }) }
                        </select>
                    </label>
                    {chart(&subs[w], ws.documents())}
                </section>
            }
        </main>
    }
}

/// One document's text, each passage shaded by how many annotators tagged it.
/// (`docs` are the ids of the documents compared, to choose from; `on_doc` gets the one
/// chosen.)
fn agreement_map(
    state: &AppContext,
    doc: &Document,
    subs: &[Submission],
    docs: &[String],
    on_doc: Callback<String>,
) -> Html {
    let n = subs.len().max(1);
    let passages = agreement(subs, &doc.id, doc.len());
    let on_change = Callback::from(move |e: Event| {
        if let Some(s) = e.target_dyn_into::<web_sys::HtmlSelectElement>() {
            on_doc.emit(s.value());
        }
    });
    // The text as markup, drawn in one go: a passage a mark, with who tagged it as what.
    let passages: Markup = passages
        .iter()
        .map(|p| {
            let text = doc.slice(p.start, p.end);
            if p.annotators == 0 {
                return Markup::text(text);
            }
            let what: Vec<String> = Label::ALL
                .iter()
                .filter(|l| p.by_label[**l as usize] > 0)
                .map(|&l| label_count(l, p.by_label[l as usize]))
                .collect();
            let label = fill!(
                AgreementPassage,
                k = p.annotators,
                n = n,
                what = what.join(", ")
            );
            // (At most 0.45, so that the text on the darkest passage keeps its contrast.)
            let alpha = 0.08 + 0.37 * p.annotators as f64 / n as f64;
            let [c, q, o] = p.by_label;
            markup!(
                "<mark class=\"agree\" style=\"--level:{}\" title=\"{}\" aria-label=\"{}\" \
                 data-count=\"{}\" data-labels=\"{}/{}/{}\" tabindex=\"0\">{}</mark>",
                super::fixed(alpha, 2),
                label,
                label,
                p.annotators,
                c,
                q,
                o,
                text
            )
        })
        .collect();
    let agree_text = markup!("<div class=\"agree-text\">{}</div>", passages).to_html();
    html! {
        <section class="agreement" aria-label={T::AgreementLabel}>
            <h2>{T::AgreementHead}</h2>
            <label>{T::DocumentPick}{" "}
                <select onchange={on_change}>
                    { for docs.iter().map(|id| {
                        let title = state.workspace.document(id).map(|d| d.meta.title.clone()).unwrap_or_default();
                        html! { <option value={id.clone()} selected={*id == doc.id}>{title}</option> }
                    }) }
                </select>
            </label>
            <p class="legend">
                {fill!(AgreementLegend, n = n)}
            </p>
            {agree_text}
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
    let pct = super::percent;
    let f = super::fixed;
    let bars: Markup = rows
        .iter()
        .map(|(title, s)| {
            let parts: Markup = Label::ALL
                .iter()
                .map(|&l| {
                    let v = s[l as usize];
                    let share = fill!(Percent, n = super::decimal(v * 100.0, 1));
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
