//! The page's whole state as data: what survives a reload (localStorage) and what a
//! share link carries (the URL fragment).
//!
//! The stored form is versioned JSON with short keys ([`SCHEMA_VERSION`]); a share
//! link is that JSON in unpadded base64url after `#s=`. Reading either never panics:
//! too large, not base64, not JSON, an unknown version or out-of-range contents are a
//! [`LoadError`] the page shows as a notice, and the page starts from the defaults.
//! Pure Rust, host-tested.

use serde_json::{Map, Value};

use crate::decode::{Report, RequestError, SplitSession};
use crate::form::{Model, SatelliteRow, MAX_SATELLITES};
use crate::i18n::Lang;
use crate::scene::Frame;

/// Version of the stored layout; bump it when [`State`]'s meaning changes.
pub const SCHEMA_VERSION: u64 = 1;
/// Largest stored state accepted, in bytes of JSON.
pub const MAX_STORED_BYTES: usize = 512 * 1024;
/// Largest share-link fragment produced or accepted, in characters after `#s=`.
pub const MAX_FRAGMENT_CHARS: usize = 6000;
/// Longest text accepted in one field.
pub const MAX_FIELD_CHARS: usize = 10_000;
/// Most split reports kept in the log.
pub const MAX_LOG_ENTRIES: usize = 100;
/// The localStorage key of the state.
pub const STORAGE_KEY: &str = "quasar-fire.state";
/// Where a state that could not be read is set aside.
pub const SET_ASIDE_KEY: &str = "quasar-fire.state.unreadable";
/// What starts a share-link fragment.
pub const FRAGMENT_PREFIX: &str = "#s=";

/// Which flow the page plays.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Mode {
    /// `/topsecret`: every satellite's report at once.
    #[default]
    TopSecret,
    /// `/topsecret_split`: reports arrive one satellite at a time.
    Split,
    /// The test-vector generator.
    Generator,
}

/// One split report, as sent.
#[derive(Clone, Debug, PartialEq)]
pub struct LoggedReport {
    /// The satellite named in the path (`/topsecret_split/{name}`).
    pub satellite: String,
    /// The request body sent.
    pub body: String,
    /// When, in milliseconds since the Unix epoch.
    pub at: f64,
}

/// Everything a reload or a share link restores.
#[derive(Clone, Debug, PartialEq)]
pub struct State {
    /// The satellite table as typed.
    pub rows: Vec<SatelliteRow>,
    /// The tolerance field as typed.
    pub tolerance: String,
    /// The interface language.
    pub lang: Lang,
    /// The plot's view, when the user zoomed or panned.
    pub view: Option<Frame>,
    /// The flow shown.
    pub mode: Mode,
    /// Split reports in the order they were sent.
    pub log: Vec<LoggedReport>,
}

/// Why a stored state or a share link could not be restored.
#[derive(Clone, Debug, PartialEq)]
pub enum LoadError {
    /// Longer than the limit.
    TooLarge {
        /// Its size.
        size: usize,
        /// The limit.
        limit: usize,
    },
    /// A share link whose data is not base64url text.
    NotEncoded,
    /// Not JSON, or JSON of another shape.
    Corrupt(String),
    /// Written by a version of the page this one does not know.
    UnknownVersion(u64),
    /// Well-formed, but a value is out of range.
    Invalid(&'static str),
}

impl std::fmt::Display for LoadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            LoadError::TooLarge { size, limit } => {
                write!(f, "it is too large ({size} bytes; the limit is {limit})")
            }
            LoadError::NotEncoded => write!(f, "it is not valid base64url text"),
            LoadError::Corrupt(detail) => write!(f, "it is not valid saved data ({detail})"),
            LoadError::UnknownVersion(v) => {
                write!(
                    f,
                    "it was saved by another version of the page (schema {v})"
                )
            }
            LoadError::Invalid(what) => write!(f, "{what}"),
        }
    }
}

/// The stored layout, version 1. Short keys keep share links short:
/// `{"v":1,"s":[[name,x,y,distance,message],…],"t":tolerance,"l":"en",
/// "w":[x_min,x_max,y_min,y_max] as f64 bits,"m":flow,"r":[[satellite,body,at],…]}`
/// (`w`, `m` and `r` only when not empty). Read and written through
/// `serde_json::Value` rather than derived code: the page already links `Value` for the
/// request bodies, and a derived deserialiser would add kilobytes of WebAssembly.
struct Wire {
    v: u64,
    s: Vec<[String; 5]>,
    t: String,
    l: String,
    w: Option<[u64; 4]>,
    m: u8,
    r: Vec<(String, String, f64)>,
}

/// Short aliases for reading a [`Value`] of a known shape.
fn text_of(v: &Value) -> Option<String> {
    v.as_str().map(str::to_string)
}

fn array_of<const N: usize>(v: &Value) -> Option<&[Value; N]> {
    v.as_array()?.as_slice().try_into().ok()
}

impl Wire {
    fn to_value(&self) -> Value {
        let mut map = Map::new();
        map.insert("v".into(), self.v.into());
        let rows = self
            .s
            .iter()
            .map(|row| Value::Array(row.iter().map(|f| Value::from(f.as_str())).collect()))
            .collect();
        map.insert("s".into(), Value::Array(rows));
        map.insert("t".into(), self.t.as_str().into());
        map.insert("l".into(), self.l.as_str().into());
        if let Some(bits) = self.w {
            map.insert("w".into(), bits.iter().copied().map(Value::from).collect());
        }
        if self.m != 0 {
            map.insert("m".into(), self.m.into());
        }
        if !self.r.is_empty() {
            let log = self
                .r
                .iter()
                .map(|(name, body, at)| {
                    Value::Array(vec![
                        name.as_str().into(),
                        body.as_str().into(),
                        (*at).into(),
                    ])
                })
                .collect();
            map.insert("r".into(), Value::Array(log));
        }
        Value::Object(map)
    }

    fn from_value(value: &Value) -> Result<Wire, String> {
        let map = value.as_object().ok_or("not an object")?;
        if let Some(key) = map
            .keys()
            .find(|k| !["v", "s", "t", "l", "w", "m", "r"].contains(&k.as_str()))
        {
            return Err(format!("unknown field `{key}`"));
        }
        let field = |k: &str| map.get(k).ok_or_else(|| format!("missing field `{k}`"));
        let bad = |k: &str| format!("field `{k}` has the wrong shape");
        let v = field("v")?.as_u64().ok_or_else(|| bad("v"))?;
        let s = field("s")?
            .as_array()
            .ok_or_else(|| bad("s"))?
            .iter()
            .map(|row| {
                let [a, b, c, d, e] = array_of::<5>(row)?;
                Some([
                    text_of(a)?,
                    text_of(b)?,
                    text_of(c)?,
                    text_of(d)?,
                    text_of(e)?,
                ])
            })
            .collect::<Option<Vec<_>>>()
            .ok_or_else(|| bad("s"))?;
        let t = text_of(field("t")?).ok_or_else(|| bad("t"))?;
        let l = text_of(field("l")?).ok_or_else(|| bad("l"))?;
        let w = match map.get("w") {
            None => None,
            Some(w) => {
                let [a, b, c, d] = array_of::<4>(w).ok_or_else(|| bad("w"))?;
                match [a, b, c, d].map(Value::as_u64) {
                    [Some(a), Some(b), Some(c), Some(d)] => Some([a, b, c, d]),
                    _ => return Err(bad("w")),
                }
            }
        };
        let m = match map.get("m") {
            None => 0,
            Some(m) => m
                .as_u64()
                .and_then(|m| u8::try_from(m).ok())
                .ok_or_else(|| bad("m"))?,
        };
        let r = match map.get("r") {
            None => Vec::new(),
            Some(r) => r
                .as_array()
                .ok_or_else(|| bad("r"))?
                .iter()
                .map(|e| {
                    let [name, body, at] = array_of::<3>(e)?;
                    Some((text_of(name)?, text_of(body)?, at.as_f64()?))
                })
                .collect::<Option<Vec<_>>>()
                .ok_or_else(|| bad("r"))?,
        };
        Ok(Wire {
            v,
            s,
            t,
            l,
            w,
            m,
            r,
        })
    }
}

impl State {
    /// The state as stored: compact, versioned JSON.
    pub fn to_json(&self) -> String {
        let wire = Wire {
            v: SCHEMA_VERSION,
            s: self
                .rows
                .iter()
                .map(|r| {
                    [
                        r.name.clone(),
                        r.x.clone(),
                        r.y.clone(),
                        r.distance.clone(),
                        r.message.clone(),
                    ]
                })
                .collect(),
            t: self.tolerance.clone(),
            l: self.lang.code().to_string(),
            w: self
                .view
                .map(|f| [f.x_min, f.x_max, f.y_min, f.y_max].map(f64::to_bits)),
            m: match self.mode {
                Mode::TopSecret => 0,
                Mode::Split => 1,
                Mode::Generator => 2,
            },
            r: self
                .log
                .iter()
                .map(|e| (e.satellite.clone(), e.body.clone(), e.at))
                .collect(),
        };
        wire.to_value().to_string()
    }

    /// Read a stored state, checking its size, version and contents.
    pub fn from_json(text: &str) -> Result<State, LoadError> {
        if text.len() > MAX_STORED_BYTES {
            return Err(LoadError::TooLarge {
                size: text.len(),
                limit: MAX_STORED_BYTES,
            });
        }
        // The version first: a future layout must be reported as such, not as corrupt.
        let value: serde_json::Value =
            serde_json::from_str(text).map_err(|e| LoadError::Corrupt(e.to_string()))?;
        match value.get("v").and_then(serde_json::Value::as_u64) {
            Some(SCHEMA_VERSION) => {}
            Some(other) => return Err(LoadError::UnknownVersion(other)),
            None => return Err(LoadError::Corrupt("no schema version".into())),
        }
        Wire::from_value(&value)
            .map_err(LoadError::Corrupt)?
            .into_state()
    }

    /// The share-link fragment, `#s=…`, or `TooLarge` when it would exceed the bound.
    pub fn to_fragment(&self) -> Result<String, LoadError> {
        let encoded = base64url_encode(self.to_json().as_bytes());
        if encoded.len() > MAX_FRAGMENT_CHARS {
            return Err(LoadError::TooLarge {
                size: encoded.len(),
                limit: MAX_FRAGMENT_CHARS,
            });
        }
        Ok(format!("{FRAGMENT_PREFIX}{encoded}"))
    }

    /// The state in a URL fragment: `None` when the fragment is not a share link.
    pub fn from_fragment(fragment: &str) -> Option<Result<State, LoadError>> {
        let data = fragment.strip_prefix(FRAGMENT_PREFIX)?;
        Some(Self::decode_fragment(data))
    }

    fn decode_fragment(data: &str) -> Result<State, LoadError> {
        if data.len() > MAX_FRAGMENT_CHARS {
            return Err(LoadError::TooLarge {
                size: data.len(),
                limit: MAX_FRAGMENT_CHARS,
            });
        }
        let bytes = base64url_decode(data).ok_or(LoadError::NotEncoded)?;
        let text = String::from_utf8(bytes).map_err(|_| LoadError::NotEncoded)?;
        State::from_json(&text)
    }
}

impl Wire {
    fn into_state(self) -> Result<State, LoadError> {
        if self.s.is_empty() || self.s.len() > MAX_SATELLITES {
            return Err(LoadError::Invalid("it has no satellites or more than 12"));
        }
        let long = |s: &String| s.chars().count() > MAX_FIELD_CHARS;
        if self.s.iter().flatten().any(long) || long(&self.t) {
            return Err(LoadError::Invalid(
                "a field is longer than 10,000 characters",
            ));
        }
        let lang = match self.l.as_str() {
            "en" => Lang::En,
            "es" => Lang::Es,
            _ => return Err(LoadError::Invalid("its language is neither en nor es")),
        };
        let view = match self.w {
            None => None,
            Some(bits) => {
                let [x_min, x_max, y_min, y_max] = bits.map(f64::from_bits);
                let ok = [x_min, x_max, y_min, y_max].iter().all(|v| v.is_finite())
                    && x_min < x_max
                    && y_min < y_max;
                if !ok {
                    return Err(LoadError::Invalid("its plot view is not a rectangle"));
                }
                Some(Frame {
                    x_min,
                    x_max,
                    y_min,
                    y_max,
                })
            }
        };
        let mode = match self.m {
            0 => Mode::TopSecret,
            1 => Mode::Split,
            2 => Mode::Generator,
            _ => return Err(LoadError::Invalid("its flow is unknown")),
        };
        if self.r.len() > MAX_LOG_ENTRIES {
            return Err(LoadError::Invalid(
                "its split log has more than 100 reports",
            ));
        }
        if self
            .r
            .iter()
            .any(|(name, body, at)| long(name) || long(body) || !at.is_finite())
        {
            return Err(LoadError::Invalid("a split report is malformed"));
        }
        Ok(State {
            rows: self
                .s
                .into_iter()
                .map(|[name, x, y, distance, message]| SatelliteRow {
                    name,
                    x,
                    y,
                    distance,
                    message,
                })
                .collect(),
            tolerance: self.t,
            lang,
            view,
            mode,
            log: self
                .r
                .into_iter()
                .map(|(satellite, body, at)| LoggedReport {
                    satellite,
                    body,
                    at,
                })
                .collect(),
        })
    }
}

/// The split flow after replaying a log: how the API answered each report, and the
/// reports that stand (the latest per satellite).
#[derive(Clone, Debug, PartialEq)]
pub struct SplitReplay {
    /// Per log entry: accepted, or why not (404 for an unknown satellite, else 400).
    pub answers: Vec<Result<(), RequestError>>,
    /// One slot per satellite of the constellation.
    pub reports: Vec<Option<Report>>,
}

/// Replay `log` against the constellation of `model`, as `/topsecret_split` would.
pub fn replay(model: &Model, log: &[LoggedReport]) -> SplitReplay {
    let mut session = SplitSession::new();
    let answers = log
        .iter()
        .map(|e| {
            session
                .report(&model.constellation, &e.satellite, &e.body)
                .map(|_| ())
        })
        .collect();
    SplitReplay {
        answers,
        reports: session.reports(&model.constellation),
    }
}

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// Unpadded base64url (RFC 4648 §5).
pub fn base64url_encode(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for k in 0..=chunk.len() {
            out.push(char::from(ALPHABET[(n >> (18 - 6 * k)) as usize & 63]));
        }
    }
    out
}

/// Decode unpadded base64url; `None` on any other character, a dangling character or
/// non-zero padding bits (so every text has at most one reading).
pub fn base64url_decode(text: &str) -> Option<Vec<u8>> {
    let sextet = |c: u8| -> Option<u32> {
        Some(match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'-' => 62,
            b'_' => 63,
            _ => return None,
        } as u32)
    };
    let bytes = text.as_bytes();
    if bytes.len() % 4 == 1 {
        return None;
    }
    let mut out = Vec::with_capacity(bytes.len() / 4 * 3 + 2);
    for chunk in bytes.chunks(4) {
        let mut n = 0u32;
        for (k, &c) in chunk.iter().enumerate() {
            n |= sextet(c)? << (18 - 6 * k);
        }
        let produced = chunk.len() - 1;
        // Bits below the last whole byte must be zero.
        if n & ((1 << (24 - 8 * produced)) - 1) != 0 {
            return None;
        }
        out.extend_from_slice(&n.to_be_bytes()[1..=produced]);
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::form::default_rows;

    fn sample() -> State {
        State {
            rows: default_rows(),
            tolerance: "0,5".into(),
            lang: Lang::Es,
            view: Some(Frame {
                x_min: -600.5,
                x_max: 600.25,
                y_min: -300.0,
                y_max: 1e-3,
            }),
            mode: Mode::Split,
            log: vec![LoggedReport {
                satellite: "sato".into(),
                body: r#"{"distance":600.5,"message":["este","","un","",""]}"#.into(),
                at: 1_796_000_000_123.0,
            }],
        }
    }

    #[test]
    fn replay_keeps_the_latest_report_per_satellite() {
        let model = crate::form::check(&default_rows(), "0.1").expect("valid");
        let entry = |satellite: &str, body: &str| LoggedReport {
            satellite: satellite.into(),
            body: body.into(),
            at: 0.0,
        };
        let log = [
            entry("kenobi", r#"{"distance":1,"message":["a"]}"#),
            entry("SATO", r#"{"distance":2,"message":["b"]}"#),
            entry("vader", r#"{"distance":3,"message":["c"]}"#),
            entry("kenobi", r#"{"distance":4,"message":["d"]}"#),
            entry("kenobi", r#"{"distance":-4,"message":["e"]}"#),
        ];
        let r = replay(&model, &log);
        assert!(r.answers[0].is_ok() && r.answers[1].is_ok() && r.answers[3].is_ok());
        assert!(matches!(
            r.answers[2],
            Err(RequestError::UnknownSatellite { .. })
        ));
        assert!(matches!(
            r.answers[4],
            Err(RequestError::NegativeDistance { .. })
        ));
        let distances: Vec<Option<f64>> = r
            .reports
            .iter()
            .map(|x| x.as_ref().map(|x| x.distance))
            .collect();
        assert_eq!(distances, [Some(4.0), None, Some(2.0)]);
    }

    #[test]
    fn json_round_trip_is_exact() {
        let s = sample();
        assert_eq!(State::from_json(&s.to_json()), Ok(s));
    }

    #[test]
    fn fragment_round_trip_is_exact() {
        let s = sample();
        let f = s.to_fragment().expect("small");
        assert!(f.starts_with("#s=") && f.len() < 1000, "{f}");
        assert!(f[3..]
            .bytes()
            .all(|c| c.is_ascii_alphanumeric() || c == b'-' || c == b'_'));
        assert_eq!(State::from_fragment(&f), Some(Ok(s)));
        assert_eq!(State::from_fragment("#section-2"), None);
        assert_eq!(State::from_fragment(""), None);
    }

    #[test]
    fn base64url_matches_rfc_4648_vectors() {
        for (plain, coded) in [
            ("", ""),
            ("f", "Zg"),
            ("fo", "Zm8"),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg"),
            ("fooba", "Zm9vYmE"),
            ("foobar", "Zm9vYmFy"),
        ] {
            assert_eq!(base64url_encode(plain.as_bytes()), coded);
            assert_eq!(base64url_decode(coded).as_deref(), Some(plain.as_bytes()));
        }
        assert_eq!(base64url_encode(&[0xfb, 0xff]), "-_8");
        for bad in ["Z", "Zh", "Zm9v=", "Zm+v", "Zm/v", "Zm9 "] {
            assert_eq!(base64url_decode(bad), None, "{bad}");
        }
    }

    #[test]
    fn hostile_stored_states_are_errors_not_panics() {
        let good = sample().to_json();
        assert!(matches!(State::from_json(""), Err(LoadError::Corrupt(_))));
        assert!(matches!(State::from_json("{"), Err(LoadError::Corrupt(_))));
        assert!(matches!(
            State::from_json("[1,2]"),
            Err(LoadError::Corrupt(_))
        ));
        assert_eq!(
            State::from_json(&good.replacen("\"v\":1", "\"v\":7", 1)),
            Err(LoadError::UnknownVersion(7))
        );
        assert!(matches!(
            State::from_json(&good.replacen("\"v\":1", "\"v\":\"1\"", 1)),
            Err(LoadError::Corrupt(_))
        ));
        assert!(matches!(
            State::from_json(&good.replacen("\"l\":\"es\"", "\"l\":\"fr\"", 1)),
            Err(LoadError::Invalid(_))
        ));
        assert!(matches!(
            State::from_json(&good.replacen("\"t\":", "\"extra\":1,\"t\":", 1)),
            Err(LoadError::Corrupt(_))
        ));
        let huge = format!("{{\"v\":1,\"pad\":\"{}\"}}", "x".repeat(MAX_STORED_BYTES));
        assert!(matches!(
            State::from_json(&huge),
            Err(LoadError::TooLarge { .. })
        ));
        let mut many = sample();
        many.rows = vec![many.rows[0].clone(); MAX_SATELLITES + 1];
        assert!(matches!(
            State::from_json(&many.to_json()),
            Err(LoadError::Invalid(_))
        ));
        let mut none = sample();
        none.rows.clear();
        assert!(matches!(
            State::from_json(&none.to_json()),
            Err(LoadError::Invalid(_))
        ));
        let mut flipped = sample();
        flipped.view = flipped.view.map(|f| Frame {
            x_min: f.x_max,
            x_max: f.x_min,
            ..f
        });
        let flipped = flipped.to_json();
        assert!(matches!(
            State::from_json(&flipped),
            Err(LoadError::Invalid(_))
        ));
    }

    #[test]
    fn tampered_and_oversized_fragments_are_reported() {
        assert_eq!(
            State::from_fragment("#s=%%%"),
            Some(Err(LoadError::NotEncoded))
        );
        // Valid base64url of bytes that are not UTF-8.
        assert_eq!(
            State::from_fragment(&format!("#s={}", base64url_encode(&[0xff, 0xfe]))),
            Some(Err(LoadError::NotEncoded))
        );
        let not_json = format!("#s={}", base64url_encode(b"hello"));
        assert!(matches!(
            State::from_fragment(&not_json),
            Some(Err(LoadError::Corrupt(_)))
        ));
        let long = format!("#s={}", "A".repeat(MAX_FRAGMENT_CHARS + 4));
        assert!(matches!(
            State::from_fragment(&long),
            Some(Err(LoadError::TooLarge { .. }))
        ));
        let mut big = sample();
        big.rows =
            vec![SatelliteRow::new("x", "0", "0", "1", &"palabra ".repeat(1200)); MAX_SATELLITES];
        assert!(matches!(big.to_fragment(), Err(LoadError::TooLarge { .. })));
    }
}
