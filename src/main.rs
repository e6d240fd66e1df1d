//! Starts Discern's reading page (`index.html`) in the page. It is the page that imports
//! files, and says what became of each.

fn main() {
    discern::browser::crash::install();
    discern::browser::unicode::install();
    discern::messages::import::install();
    // The page draws once the words of its language are in.
    discern::browser::i18n::start(discern::i18n::T::TitleReading, || {
        yew::Renderer::<discern::components::app::App<discern::components::app::Reading>>::new()
            .render();
    });
}
