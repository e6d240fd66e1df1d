//! The page for setting an assignment (`set.html`): the teacher's form that writes an
//! assignment file ([`new_assignment`]).

use crate::components::context::AppContext;
use crate::i18n::T;
use crate::messages::{NoWords, PageWords};
use crate::pages::{use_nothing, Page, PageName};
use new_assignment::NewAssignment;
use yew::functional::Hook;
use yew::prelude::*;

pub mod new_assignment;

/// The page for setting an assignment.
pub struct Setting;

impl Page for Setting {
    const NAME: PageName = PageName::Setting;
    const TITLE: T = T::TitleSetting;
    const WORDS: &'static dyn PageWords = &NoWords;
    const FOR_TEACHERS: bool = true;

    fn main(_: &AppContext) -> Html {
        html! { <NewAssignment /> }
    }

    fn use_page(state: &AppContext) -> impl Hook<Output = ()> {
        use_nothing(state)
    }
}
