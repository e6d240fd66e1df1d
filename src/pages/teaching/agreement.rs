//! The agreement map (`docs/FORMATS.md#compare-rules`): one document's text with each
//! passage shaded by how many annotators tagged it, and who tagged it as what; drawn as
//! markup in one go.

use crate::components::context::AppContext;
use crate::fill;
use crate::i18n::T;
use crate::markup;
use crate::markup::Markup;
use discern_model::compare::{agreement, Submission};
use discern_model::{Document, Label};
use yew::prelude::*;

/// How many of a passage's annotators gave it label `l`: "2 claims".
fn label_count(l: Label, n: usize) -> String {
    let s = match l {
        Label::Claim => T::CountClaim,
        Label::Quote => T::CountQuote,
        Label::Opinion => T::CountOpinion,
    };
    crate::i18n::fill(s, &[&n])
}

/// One document's text, each passage shaded by how many annotators tagged it.
/// (`docs` are the ids of the documents compared, to choose from; `on_doc` gets the one
/// chosen.)
pub fn agreement_map(
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
                crate::components::fixed(alpha, 2),
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
