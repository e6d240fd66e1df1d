//! Starts Discern in the page.

fn main() {
    yew::Renderer::<discern::components::app::App>::new().render();
}
