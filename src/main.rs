//! Starts Discern's reading page (`index.html`): the library and the reader
//! (`pages::reading`).

fn main() {
    discern::components::app::start::<discern::pages::reading::Reading>();
}
