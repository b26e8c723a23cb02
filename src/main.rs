//! Entry point: install the panic hook and mount the app. Everything else is in the library.

#[cfg(target_arch = "wasm32")]
fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(quasar_fire::app::App);
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("Quasar Fire is a browser app: run `trunk serve` (see README.md).");
}
