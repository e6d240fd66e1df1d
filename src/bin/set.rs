//! Starts Discern's page for setting an assignment (`set.html`) in the page.

fn main() {
    discern::browser::crash::install();
    discern::browser::unicode::install();
    yew::Renderer::<discern::components::app::App<discern::components::app::Setting>>::new()
        .render();
}
