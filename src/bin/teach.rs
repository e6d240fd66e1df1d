//! Starts Discern's compare page (`teach.html`) in the page. It is the page that keeps the
//! compare set in the storage.

fn main() {
    discern::browser::crash::install();
    discern::browser::unicode::install();
    yew::Renderer::<discern::components::app::App<discern::components::app::Teaching>>::new()
        .render();
}
