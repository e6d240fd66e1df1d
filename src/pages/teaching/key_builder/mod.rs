//! Building a key from the compare set (`docs/FORMATS.md#building-a-key`): the groups where
//! the annotators agree, the threshold that accepts them, and one click per group to
//! accept, reject or relabel it (with Undo and Redo); then the key downloads as a native
//! file, or goes into the comparison as its key. The builder is made of its summary and
//! tools ([`summary`]) and the list of groups ([`groups`]).

use crate::components::context::{use_app, AppContext};
use crate::components::hooks::use_refocus;
use crate::i18n::T;
use crate::state::{Action, CompareAction};
use discern_model::key::{self, Chosen, Group, KeyDraft};
use discern_model::span::Span;
use discern_model::Label;
use std::rc::Rc;
use yew::prelude::*;

pub mod groups;
pub mod summary;

/// What the builder's pieces show: the draft, the spans chosen and their groups, the files
/// they come from (by annotator number), where each group is in the key, and the key as
/// decided now.
pub struct Built<'a> {
    pub state: &'a AppContext,
    pub draft: &'a KeyDraft,
    pub chosen: &'a [Chosen],
    pub groups: &'a [Group],
    pub files: &'a [usize],
    /// The label each group has in the key, or none.
    pub places: Vec<Option<Label>>,
    /// The key's spans, with their notes.
    pub key: Rc<Vec<(Span, String)>>,
}

impl Built<'_> {
    /// How many annotators' spans the key is built from.
    pub fn annotators(&self) -> usize {
        self.files.len()
    }

    /// The name of the annotator of chosen span `m`.
    pub fn who_of(&self, m: usize) -> &str {
        let set = &self.state.compare;
        set.files[self.files[self.chosen[m].annotator]]
            .submission
            .name
            .as_str()
    }
}

/// Changes the key being built with `f`, on a copy whose own history records it.
pub fn change(state: &AppContext, f: &dyn Fn(&mut KeyDraft)) {
    let mut d = (*state.key_draft).clone();
    f(&mut d);
    state.dispatch(Action::from(CompareAction::Draft(Rc::new(d))));
}

#[function_component]
pub fn KeyBuilder() -> Html {
    let state = use_app();
    let draft = state.key_draft.clone();
    // The spans chosen, their groups, and the files they come from, by annotator number.
    let built = use_memo(
        (state.compare.clone(), draft.without.clone()),
        |(set, without)| {
            let (chosen, files) = key::chosen(set, without.as_deref());
            let groups = key::groups(&chosen);
            (chosen, groups, files)
        },
    );
    let (chosen, groups, files) = (&built.0, &built.1, &built.2);
    let places = groups
        .iter()
        .map(|g| draft.in_key(g, files.len()))
        .collect();
    let key = Rc::new(key::key_spans(&draft, groups, chosen, files.len()));
    let view = Built {
        state: &state,
        draft: &draft,
        chosen,
        groups,
        files,
        places,
        key,
    };
    // The list's choices: the document, whether every group shows, how many rows.
    let list = groups::Choices {
        doc: use_state(|| None::<String>),
        every: use_state(|| false),
        rows: use_state(|| groups::ROWS),
    };
    // Each row's buttons answer through the list's one listener, by the group's place; the
    // focus stays on the button clicked, in the row drawn again.
    let refocus = use_refocus(Rc::as_ptr(draft.rc()) as usize);
    let decide = groups::on_decide(&state, built.clone(), &refocus);
    html! {
        <section class="key-builder" aria-label={T::BuildKeyLabel}>
            <h2>{T::BuildKey}</h2>
            <p class="lead">{T::BuildKeyLead}</p>
            {summary::summary(&view)}
            {groups::groups(&view, &list, decide)}
        </section>
    }
}

/// The button that opens the key building, when it is not shown; `first` when there is no
/// key yet, so that it is the next thing to do.
pub fn build_button(state: &AppContext, first: bool) -> Html {
    let s = state.clone();
    let open = move |_| {
        let mut d = (*s.key_draft).clone();
        d.open = true;
        // The key marked now stays out of what the key is built from.
        d.without = s
            .compare
            .key
            .and_then(|k| s.compare.files.get(k))
            .map(|f| f.submission.name.clone());
        s.dispatch(Action::from(CompareAction::Draft(Rc::new(d))));
    };
    html! {
        <button type="button" class={classes!("btn", first.then_some("primary"))}
            onclick={open}>{T::BuildKey}</button>
    }
}
