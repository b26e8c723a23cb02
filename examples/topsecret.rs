//! Command-line decoder: a top-secret request body on stdin, the response body on stdout.
//!
//! ```text
//! cargo run --release --example topsecret [-- --tolerance X] < request.json
//! ```
//!
//! Exit status: 0 when position and message are determined ("200"), 1 when either
//! cannot be ("404"), 2 for a malformed request or bad arguments ("400").

use std::io::Read;
use std::process::ExitCode;

use quasar_fire::decode::{top_secret, Constellation, Response, DEFAULT_TOLERANCE};

fn tolerance_from_args() -> Result<f64, String> {
    let mut args = std::env::args().skip(1);
    let mut tolerance = DEFAULT_TOLERANCE;
    while let Some(arg) = args.next() {
        let value = match arg.as_str() {
            "--tolerance" => args.next(),
            other => match other.strip_prefix("--tolerance=") {
                Some(v) => Some(v.to_string()),
                None => {
                    return Err(format!(
                    "unknown argument {other:?}; usage: topsecret [--tolerance X] < request.json"
                ))
                }
            },
        };
        tolerance = value
            .as_deref()
            .and_then(|v| v.parse::<f64>().ok())
            .filter(|t| t.is_finite() && *t >= 0.0)
            .ok_or("--tolerance needs a finite number ≥ 0")?;
    }
    Ok(tolerance)
}

fn main() -> ExitCode {
    let response = match tolerance_from_args() {
        Err(message) => Response::error(400, message),
        Ok(tolerance) => {
            let mut body = String::new();
            match std::io::stdin().read_to_string(&mut body) {
                Ok(_) => top_secret(&body, &Constellation::default(), tolerance),
                Err(e) => Response::error(400, format!("could not read the request: {e}")),
            }
        }
    };
    println!("{}", response.to_json());
    ExitCode::from(match response.status {
        200 => 0,
        404 => 1,
        _ => 2,
    })
}
