//! Quasar Fire: locate a ship from the distances satellites measured to it and
//! reassemble its distress message from the fragments each satellite heard.
//!
//! - [`decode`] is the pure core: trilateration, the message merge and the challenge's
//!   request/response bodies. No web imports; tested on the host.
//! - [`form`], [`scene`] and [`i18n`] are the pure parts of the page: checking what was
//!   typed, what the plot shows, and every visible string.
//! - [`state`] is the page's whole state as versioned JSON: localStorage and share links.
//! - [`vectors`] generates test vectors (request + expected response) for other
//!   implementations of the challenge.
//! - [`number`] converts typed decimals without linking Rust's float parser into the page.
//! - `app` (WebAssembly only) is the Leptos page and the plotters drawing over them.

pub mod decode;
pub mod form;
pub mod i18n;
pub mod number;
pub mod scene;
pub mod state;
pub mod vectors;

#[cfg(target_arch = "wasm32")]
pub mod app;
