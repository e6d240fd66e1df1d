//! Starts Discern's compare page (`teach.html`): the class's work compared
//! (`pages::teaching`).

fn main() {
    discern::components::app::start::<discern::pages::teaching::Teaching>();
}
