//! Starts Discern's assignment page (`assignment.html`) in the page. It is the page that keeps
//! the open assignments in the storage.

fn main() {
    discern::browser::crash::install();
    discern::browser::unicode::install();
    discern::messages::assignment::install();
    discern_model::store::keep_assignments(&discern_model::store::KeepAssignments);
    // The page draws once the words of its language are in.
    discern::browser::i18n::start(discern::i18n::T::TitleAssigned, || {
        yew::Renderer::<discern::components::app::App<discern::components::app::Assigned>>::new()
            .render();
    });
}
