//! Starts Discern's page for setting an assignment (`set.html`) in the page.

fn main() {
    discern::browser::crash::install();
    discern::browser::unicode::install();
    // The page draws once the words of its language are in.
    discern::browser::i18n::start(discern::i18n::T::TitleSetting, || {
        yew::Renderer::<discern::components::app::App<discern::components::app::Setting>>::new()
            .render();
    });
}
