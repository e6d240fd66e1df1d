//! Starts Discern's page for setting an assignment (`set.html`) (`pages::setting`).

fn main() {
    discern::components::app::start::<discern::pages::setting::Setting>();
}
