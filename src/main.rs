//! Starts Discern in the page.

fn main() {
    discern::browser::crash::install();
    discern::browser::unicode::install();
    yew::Renderer::<discern::components::app::App>::new().render();
}
