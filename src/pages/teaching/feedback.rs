//! Feedback for each student, in the compare view (`docs/FORMATS.md#feedback`): with a key
//! marked, one annotator's work set against it by the span outcomes of a practice *Check*
//! (`model::outcome`). Per document: the counts, the text with the annotator's spans and the
//! key's missed ones, each with its outcome (a sign and a frame, as in the Check), and a
//! numbered list of outcomes with the quoted text, the key's note beside every missed and
//! wrong-label span and the annotator's own notes. It prints as one sheet per student (or
//! all, one after another, each on a new page) and downloads as CSV.

use crate::components::outcomes::{self, Item, Side};
use crate::fill;
use crate::i18n::{t, T};
use crate::markup;
use crate::markup::Markup;
use crate::messages::{label_title, outcome_counts, outcome_word};
use discern_model::compare::{CompareSet, Loaded};
use discern_model::outcome::{outcomes, Outcome, Row};
use discern_model::span::Span;
use discern_model::{Document, Label, Workspace};
use yew::prelude::*;

/// The columns of the feedback's CSV.
pub const HEADER: [&str; 10] = [
    "annotator",
    "document",
    "outcome",
    "label",
    "key label",
    "start",
    "end",
    "text",
    "key note",
    "annotator note",
];

/// One outcome of a student's feedback: the student's span and the key's (each with its
/// note), as far as the outcome has them.
pub struct Line<'a> {
    pub outcome: Outcome,
    pub mine: Option<(&'a Span, &'a str)>,
    pub key: Option<(&'a Span, &'a str)>,
}

impl Line<'_> {
    /// The span the line is about: the student's, or the key's when they missed it.
    fn span(&self) -> &Span {
        self.mine
            .or(self.key)
            .map(|(s, _)| s)
            .expect("a line has a span")
    }
}

/// `who`'s outcomes against `key`, in the order of the text, and their counts.
pub fn lines<'a>(key: &'a Loaded, who: &'a Loaded) -> ([usize; 5], Vec<Line<'a>>) {
    let (k, m) = (&key.submission.spans, &who.submission.spans);
    let o = outcomes(k, m);
    let line = |r: &Row| Line {
        outcome: r.outcome,
        mine: r.mine.map(|i| (&m[i], who.notes[i].as_str())),
        key: r.key.map(|i| (&k[i], key.notes[i].as_str())),
    };
    (o.counts(), o.rows(k, m).iter().map(line).collect())
}

/// The CSV rows of every student's feedback (all but the key), document titles from `ws`.
pub fn csv_rows(set: &CompareSet, ws: &Workspace) -> Vec<Vec<String>> {
    let Some(key) = set.key.and_then(|k| set.files.get(k)) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for (i, who) in set.files.iter().enumerate() {
        if Some(i) == set.key {
            continue;
        }
        for l in lines(key, who).1 {
            let s = l.span();
            let doc = ws.document(&s.doc);
            out.push(vec![
                who.submission.name.clone(),
                doc.map_or(s.doc.clone(), |d| d.meta.title.clone()),
                l.outcome.as_str().to_string(),
                l.mine.map_or("", |(m, _)| m.label.as_str()).to_string(),
                l.key.map_or("", |(k, _)| k.label.as_str()).to_string(),
                s.start.to_string(),
                s.end.to_string(),
                doc.map_or(String::new(), |d| d.slice(s.start, s.end).to_string()),
                l.key.map_or("", |(_, n)| n).to_string(),
                l.mine.map_or("", |(_, n)| n).to_string(),
            ]);
        }
    }
    out
}

/// The text of `doc` as markup, with the marks `(start, end, label, outcome)` (in any
/// order), each opening with its letter and outcome sign: the same highlights as the reader's.
fn marked(doc: &Document, marks: &mut [(usize, usize, Label, Outcome)]) -> Markup {
    marks.sort_unstable_by_key(|m| (m.0, std::cmp::Reverse(m.1)));
    let mut edges: Vec<usize> = vec![0, doc.len()];
    edges.extend(marks.iter().flat_map(|m| [m.0, m.1]));
    edges.sort_unstable();
    edges.dedup();
    let mut out = Markup::default();
    let (mut next, mut open): (usize, Vec<usize>) = (0, Vec::new());
    for w in edges.windows(2) {
        let (start, end) = (w[0], w[1]);
        open.retain(|&i| marks[i].1 > start);
        while next < marks.len() && marks[next].0 <= start {
            open.push(next);
            next += 1;
        }
        let text = doc.slice(start, end);
        if open.is_empty() {
            out.push(&text);
            continue;
        }
        let mut labels: Vec<&str> = open.iter().map(|&i| marks[i].2.as_str()).collect();
        labels.sort_unstable();
        labels.dedup();
        let outcomes: Vec<&str> = open.iter().map(|&i| outcomes::name(marks[i].3)).collect();
        let said: Vec<&str> = open.iter().map(|&i| outcome_word(marks[i].3)).collect();
        let badge: String = open
            .iter()
            .filter(|&&i| marks[i].0 == start)
            .map(|&i| format!("{}{}", marks[i].2.letter(), outcomes::sign(marks[i].3)))
            .collect();
        let badge = if badge.is_empty() {
            Markup::default()
        } else {
            markup!(" data-badge=\"{}\"", badge)
        };
        out.push(&markup!(
            "<mark class=\"hl\" data-labels=\"{}\" data-outcomes=\"{}\" title=\"{}\"{}>{}</mark>",
            labels.join(" "),
            outcomes.join(" "),
            said.join(", "),
            badge,
            text
        ));
    }
    out
}

/// A line's span with its note, as a list shows it.
fn side<'a>((s, note): (&'a Span, &'a str)) -> Side<'a> {
    Side {
        label: s.label,
        start: s.start,
        end: s.end,
        note,
    }
}

/// What an outcome means, for the numbered list.
fn said(o: Outcome) -> &'static str {
    t(match o {
        Outcome::Hit => T::SaidHit,
        Outcome::WrongLabel => T::SaidWrongLabel,
        Outcome::Partial => T::SaidPartial,
        Outcome::Extra => T::SaidExtra,
        Outcome::Missed => T::SaidMissed,
    })
}

/// One student's feedback sheet.
pub fn sheet(ws: &Workspace, key: &Loaded, who: &Loaded) -> Html {
    let (counts, lines) = lines(key, who);
    let mut body = Markup::default();
    let mut n = 0;
    let mut rest = &lines[..];
    while let Some(first) = rest.first() {
        let doc_id = first.span().doc.clone();
        let split = rest
            .iter()
            .position(|l| l.span().doc != doc_id)
            .unwrap_or(rest.len());
        let (here, after) = rest.split_at(split);
        rest = after;
        let Some(doc) = ws.document(&doc_id) else {
            continue;
        };
        let mut doc_counts = [0; 5];
        for l in here {
            doc_counts[l.outcome as usize] += 1;
        }
        let mut marks: Vec<(usize, usize, Label, Outcome)> = here
            .iter()
            .filter(|l| l.mine.is_some() || l.outcome == Outcome::Missed)
            .map(|l| {
                let s = l.span();
                (s.start, s.end, s.label, l.outcome)
            })
            .collect();
        let items: Markup = here
            .iter()
            .map(|l| {
                n += 1;
                let item = Item {
                    outcome: l.outcome,
                    said: said(l.outcome),
                    number: Some(n),
                    mine: l.mine.map(|m| (t(T::FeedbackTagged), side(m))),
                    key: l.key.map(side),
                };
                outcomes::item(doc, &item, 160, true)
            })
            .collect();
        body.push(&markup!(
            "<section class=\"feedback-doc\" data-doc=\"{}\"><h3>{}</h3><p class=\"outcome-counts\">{}</p>\
             <div class=\"feedback-text\" tabindex=\"0\" role=\"region\" aria-label=\"{}\">{}</div>\
             <ol class=\"outcomes\">{}</ol></section>",
            doc.id,
            doc.meta.title,
            outcome_counts(&doc_counts),
            fill!(WithOutcomes, title = doc.meta.title),
            marked(doc, &mut marks),
            items
        ));
    }
    html! {
        <article class="sheet" data-annotator={who.submission.name.clone()}>
            <h2>{fill!(FeedbackFor, name = who.submission.name)}</h2>
            <p class="doc-facts">{fill!(AgainstKeyNamed, name = key.submission.name)}</p>
            <p class="outcome-counts sheet-counts">{outcome_counts(&counts)}</p>
            {body.to_html()}
        </article>
    }
}

/// The class against the key, as markup (a class's size of rows, drawn in one go): a row
/// per student, and per document the F1 for each label and for all of them. Each name is a
/// button with `data-feedback`, the student's place, for the page's one listener.
pub fn overview(ws: &Workspace, set: &CompareSet, docs: &[String]) -> Html {
    let Some(k) = set.key.filter(|&k| k < set.files.len()) else {
        return Html::default();
    };
    let key = discern_model::compare::by_document(&set.files[k].submission, docs);
    let f = super::figures::figure;
    let mut titles = Markup::default();
    let mut columns = Markup::default();
    for d in docs {
        let title = ws.document(d).map_or(d.as_str(), |d| d.meta.title.as_str());
        titles.push(&markup!(
            "<th colspan=\"4\" scope=\"colgroup\">{}</th>",
            title
        ));
        for l in Label::ALL {
            columns.push(&markup!(
                "<th scope=\"col\" title=\"{}\">{}</th>",
                label_title(l),
                l.letter().to_string()
            ));
        }
        columns.push(&markup!("<th scope=\"col\">{}</th>", T::AllLabels));
    }
    let mut rows = Markup::default();
    for (i, who) in set.files.iter().enumerate().filter(|&(i, _)| i != k) {
        let name = &who.submission.name;
        rows.push(&markup!(
            "<tr data-annotator=\"{}\"><th scope=\"row\"><button type=\"button\" \
             class=\"btn link\" data-feedback=\"{}\">{}</button></th>",
            name,
            i,
            name
        ));
        let theirs = discern_model::compare::by_document(&who.submission, docs);
        for (k, t) in key.iter().zip(&theirs) {
            let (by_label, all) = discern_model::compare::f1_on(k, t);
            for v in by_label {
                rows.push(&markup!("<td>{}</td>", f(v)));
            }
            rows.push(&markup!("<td class=\"all\">{}</td>", f(all)));
        }
        rows.push(&markup!("</tr>"));
    }
    markup!(
        "<table class=\"overview\" aria-label=\"{}\"><caption>{}</caption><thead><tr>\
         <th rowspan=\"2\" scope=\"col\">{}</th>{}</tr><tr>{}</tr></thead><tbody>{}</tbody></table>",
        T::OverviewLabel,
        T::OverviewCaption,
        T::Annotator,
        titles,
        columns,
        rows
    )
    .to_html()
}

/// Every student's sheet, one after another: what [`section`] is given to show them all.
pub const ALL: usize = usize::MAX;

/// The feedback section: the chosen student's sheet (or every student's), with print and
/// CSV. `chosen` is an annotator's place in the set, [`ALL`], or `None` (no sheet yet).
pub fn section(
    ws: &Workspace,
    set: &CompareSet,
    chosen: Option<usize>,
    on_choose: Callback<Option<usize>>,
    on_csv: Callback<MouseEvent>,
) -> Html {
    let Some(k) = set.key.filter(|&k| k < set.files.len()) else {
        return Html::default();
    };
    let key = &set.files[k];
    let students: Vec<usize> = (0..set.files.len()).filter(|&i| i != k).collect();
    if students.is_empty() {
        return Html::default();
    }
    // A sheet is drawn once a student (or all) is chosen: a class's page stays light.
    let chosen = chosen.filter(|&c| c == ALL || students.contains(&c));
    let on_change = Callback::from(move |e: Event| {
        if let Some(s) = e.target_dyn_into::<web_sys::HtmlSelectElement>() {
            let v = s.value();
            on_choose.emit((!v.is_empty()).then(|| v.parse().unwrap_or(ALL)));
        }
    });
    let print = Callback::from(|_| {
        let _ = gloo::utils::window().print();
    });
    let shown: Vec<usize> = match chosen {
        Some(ALL) => students.clone(),
        Some(c) => vec![c],
        None => Vec::new(),
    };
    html! {
        <section class="feedback" aria-labelledby="feedback-head">
            <h2 id="feedback-head">{T::FeedbackHead}</h2>
            <div class="compare-tools no-print">
                <label>{T::FeedbackStudent}{" "}
                    <select onchange={on_change} aria-label={T::FeedbackOf}>
                        <option value="" selected={chosen.is_none()}>{T::ChooseStudent}</option>
                        <option value="all" selected={chosen == Some(ALL)}>{T::AllStudents}</option>
                        { for students.iter().map(|&i| html! {
                            <option value={i.to_string()} selected={chosen == Some(i)}>{&set.files[i].submission.name}</option>
                        }) }
                    </select>
                </label>
                <button type="button" class="btn" onclick={print} disabled={shown.is_empty()}>{T::PrintFeedback}</button>
                <button type="button" class="btn" onclick={on_csv}>{T::DownloadFeedback}</button>
            </div>
            { for shown.iter().map(|&i| sheet(ws, key, &set.files[i])) }
        </section>
    }
}
