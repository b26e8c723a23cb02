//! Quasar Fire: locate a ship from the distances satellites measured to it and
//! reassemble its distress message from the fragments each satellite heard.
//!
//! [`decode`] is the pure core (host-tested, no web imports); `app` is the Leptos
//! browser front end over it, compiled only for WebAssembly.

pub mod decode;
