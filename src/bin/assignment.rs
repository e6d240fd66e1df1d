//! Starts Discern's assignment page (`assignment.html`): the open assignments
//! (`pages::assigned`).

fn main() {
    discern::components::app::start::<discern::pages::assigned::Assigned>();
}
