//! Starts Discern's teacher's page (`teach.html`) in the page.

fn main() {
    discern::browser::crash::install();
    discern::browser::unicode::install();
    yew::Renderer::<discern::components::app::App<discern::components::app::Teaching>>::new()
        .render();
}
