//! The toolbar that appears by a selection: one button per label, with its key and (as its
//! tooltip) what the label means.

use crate::i18n::T;
use crate::messages::label_title;
use discern_model::assignment::Guidelines;
use discern_model::Label;
use yew::prelude::*;

/// The toolbar under a selection whose bottom-left corner is at page coordinates `left`,
/// `top`; `on_tag` gets the label pressed; `guide` says what each label means. (A plain
/// function: it has no state of its own.)
pub fn tag_toolbar(left: f64, top: f64, on_tag: &Callback<Label>, guide: &Guidelines) -> Html {
    let style = format!(
        "left:max(8px, min({}px, calc(100vw - 330px)));top:{}px",
        crate::components::fixed(left, 0),
        crate::components::fixed(top + 8.0, 0)
    );
    // Keep the text selection when the toolbar is pressed.
    let keep = Callback::from(|e: MouseEvent| e.prevent_default());
    html! {
        <div class="tag-toolbar" role="toolbar" aria-label={T::TagSelection} {style} onmousedown={keep}>
            { for Label::ALL.iter().map(|&l| {
                let on_tag = on_tag.clone();
                html! {
                    <button type="button" class="tag-btn"
                        data-label={l.as_str()} onclick={move |_| on_tag.emit(l)} title={guide.of(l).to_string()}
                        aria-keyshortcuts={format!("{} {}", l.digit(), l.letter())}>
                        {crate::components::badge(l)}{format!(" {} ", label_title(l))}<kbd>{l.digit()}</kbd>
                    </button>
                }
            }) }
        </div>
    }
}
