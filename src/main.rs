//! Starts Discern in the page.

/// The allocator in the browser: talc, smaller and faster in WebAssembly than the standard
/// library's. Native builds (the tests) keep the system allocator. This declaration is the
/// crate's only WebAssembly-only code.
#[cfg(target_family = "wasm")]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

fn main() {
    discern::browser::crash::install();
    discern::browser::graphemes::install();
    yew::Renderer::<discern::components::app::App>::new().render();
}
