//! Starts Discern's compare page (`teach.html`) in the page. It is the page that keeps the
//! compare set in the storage.

fn main() {
    discern::browser::crash::install();
    discern::browser::unicode::install();
    discern::messages::compare::install();
    // The page draws once the words of its language are in.
    discern::browser::i18n::start(discern::i18n::T::TitleTeaching, || {
        yew::Renderer::<discern::components::app::App<discern::components::app::Teaching>>::new()
            .render();
    });
}
