//! The decoding core: everything Quasar Fire computes, with no web imports.
//!
//! - [`geometry`]: points, range circles, covariances.
//! - [`locate`]: trilateration with a closed-form start and Gauss–Newton refinement.
//! - [`message`]: the lag-tolerant merge of the satellites' word arrays.
//! - [`api`]: the challenge's request and response bodies, the top-secret answer and
//!   the split flow, built on the two above.
//!
//! The browser app and the command-line example are thin layers over this module.

pub mod api;
pub mod geometry;
pub mod locate;
pub mod message;

pub use api::{
    decode, parse_split_report, parse_top_secret, respond, same_name, top_secret, top_secret_body,
    Constellation, DecodeError, Decoded, Report, RequestError, Response, ResponseBody, Satellite,
    SplitSession,
};
pub use geometry::{circle_intersections, Covariance, Ellipse, Point, Range};
pub use locate::{locate, Fix, LocateError, DEFAULT_TOLERANCE};
pub use message::{align, columns, merge, Alignment, Column, Heard, MessageError};
