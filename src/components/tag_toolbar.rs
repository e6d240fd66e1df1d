//! The toolbar that appears by a selection: one button per label, with its key.

use crate::model::Label;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct TagToolbarProps {
    /// Page coordinates of the selection's bottom-left corner.
    pub left: f64,
    pub top: f64,
    pub on_tag: Callback<Label>,
}

#[function_component]
pub fn TagToolbar(props: &TagToolbarProps) -> Html {
    let style = format!(
        "left:max(8px, min({}px, calc(100vw - 330px)));top:{}px",
        super::fixed(props.left, 0),
        super::fixed(props.top + 8.0, 0)
    );
    // Keep the text selection when the toolbar is pressed.
    let keep = Callback::from(|e: MouseEvent| e.prevent_default());
    html! {
        <div class="tag-toolbar" role="toolbar" aria-label="Tag the selection" {style} onmousedown={keep}>
            { for Label::ALL.iter().map(|&l| {
                let on_tag = props.on_tag.clone();
                html! {
                    <button type="button" class="tag-btn"
                        data-label={l.as_str()} onclick={move |_| on_tag.emit(l)}
                        aria-keyshortcuts={format!("{} {}", l.digit(), l.letter())}>
                        {super::badge(l)}{format!(" {} ", l.title())}<kbd>{l.digit()}</kbd>
                    </button>
                }
            }) }
        </div>
    }
}
