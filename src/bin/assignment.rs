//! Starts Discern's assignment page (`assignment.html`) in the page. It is the page that keeps
//! the open assignments in the storage.

fn main() {
    discern::browser::crash::install();
    discern::browser::unicode::install();
    discern::model::store::keep_assignments(&discern::model::store::KeepAssignments);
    yew::Renderer::<discern::components::app::App<discern::components::app::Assigned>>::new()
        .render();
}
