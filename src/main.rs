//! Starts Discern's reading page (`index.html`) in the page.

fn main() {
    discern::browser::crash::install();
    discern::browser::unicode::install();
    yew::Renderer::<discern::components::app::App<discern::components::app::Reading>>::new()
        .render();
}
