//! Test vectors for people writing their own implementation of the challenge: a ship,
//! a message and how the satellites garble them, turned into a top-secret request
//! body and the response a correct implementation must give (this crate's own answer,
//! [`top_secret`]). Deterministic for a seed. Pure Rust, host-tested.

use serde_json::Value;

use crate::decode::{top_secret, top_secret_body, Constellation, Point, Report, Response};
use crate::form::{parse_number, parse_words, Problem};

/// Most vectors in one batch.
pub const MAX_BATCH: usize = 1000;
/// Largest lag accepted per satellite.
pub const MAX_LAG: usize = 20;
/// Most decimals distances can be rounded to.
pub const MAX_DECIMALS: u32 = 12;

/// The generator's fields, exactly as typed.
#[derive(Clone, Debug, PartialEq)]
pub struct GeneratorForm {
    /// Ship x.
    pub x: String,
    /// Ship y.
    pub y: String,
    /// The message, words separated by spaces.
    pub message: String,
    /// Range noise σ.
    pub sigma: String,
    /// Decimals to round to; blank for full precision.
    pub decimals: String,
    /// Probability that a satellite misses a word.
    pub miss: String,
    /// Lag per satellite, whole numbers separated by spaces.
    pub lags: String,
    /// Vectors in a batch.
    pub count: String,
}

impl Default for GeneratorForm {
    fn default() -> GeneratorForm {
        GeneratorForm {
            x: "-100".into(),
            y: "75.5".into(),
            message: "este es un mensaje secreto".into(),
            sigma: "0".into(),
            decimals: String::new(),
            miss: "0.3".into(),
            lags: "0 1 2".into(),
            count: "20".into(),
        }
    }
}

/// A field of the generator.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum GenField {
    /// Ship x.
    X,
    /// Ship y.
    Y,
    /// The message.
    Message,
    /// Range noise.
    Sigma,
    /// Rounding.
    Decimals,
    /// Miss probability.
    Miss,
    /// Lags.
    Lags,
    /// Batch size.
    Count,
}

fn whole(text: &str, max: usize) -> Result<usize, Problem> {
    let t = text.trim();
    if t.is_empty() {
        return Err(Problem::Required);
    }
    match t.parse::<usize>() {
        Ok(n) if n <= max => Ok(n),
        _ => Err(Problem::NotACount),
    }
}

impl GeneratorForm {
    /// The spec and batch size, or every field's problem.
    pub fn check(&self) -> Result<(Spec, usize), Vec<(GenField, Problem)>> {
        let mut errors = Vec::new();
        let mut field = |f: GenField, r: Result<f64, Problem>| {
            r.map_err(|p| errors.push((f, p))).unwrap_or(0.0)
        };
        let x = field(GenField::X, parse_number(&self.x));
        let y = field(GenField::Y, parse_number(&self.y));
        let sigma = field(
            GenField::Sigma,
            parse_number(&self.sigma).and_then(|v| {
                if v < 0.0 {
                    Err(Problem::Negative)
                } else {
                    Ok(v)
                }
            }),
        );
        let miss = field(
            GenField::Miss,
            parse_number(&self.miss).and_then(|v| {
                if (0.0..=1.0).contains(&v) {
                    Ok(v)
                } else {
                    Err(Problem::NotAProbability)
                }
            }),
        );
        let words: Vec<String> = parse_words(&self.message)
            .into_iter()
            .filter(|w| !w.is_empty())
            .collect();
        if words.is_empty() {
            errors.push((GenField::Message, Problem::Required));
        }
        let decimals = if self.decimals.trim().is_empty() {
            None
        } else {
            match whole(&self.decimals, MAX_DECIMALS as usize) {
                Ok(d) => Some(d as u32),
                Err(p) => {
                    errors.push((GenField::Decimals, p));
                    None
                }
            }
        };
        let mut lags = Vec::new();
        for part in self.lags.split_whitespace() {
            match whole(part, MAX_LAG) {
                Ok(n) => lags.push(n),
                Err(p) => {
                    errors.push((GenField::Lags, p));
                    break;
                }
            }
        }
        let count = match whole(&self.count, MAX_BATCH) {
            Ok(0) => {
                errors.push((GenField::Count, Problem::NotACount));
                0
            }
            Ok(n) => n,
            Err(p) => {
                errors.push((GenField::Count, p));
                0
            }
        };
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok((
            Spec {
                ship: Point::new(x, y),
                words,
                sigma,
                decimals,
                miss,
                lags,
            },
            count,
        ))
    }
}

/// How to garble a ship's position and message into satellite reports.
#[derive(Clone, Debug, PartialEq)]
pub struct Spec {
    /// Where the ship is.
    pub ship: Point,
    /// The message, one word per entry (no blanks).
    pub words: Vec<String>,
    /// Standard deviation of the Gaussian noise added to each distance (≥ 0).
    pub sigma: f64,
    /// Decimals the distances are rounded to (`None`: full precision).
    pub decimals: Option<u32>,
    /// Probability that a satellite misses any one word (0 to 1).
    pub miss: f64,
    /// Leading blanks (lag) per satellite, in constellation order; missing = 0.
    pub lags: Vec<usize>,
}

/// One test vector: the request body and the expected response.
#[derive(Clone, Debug, PartialEq)]
pub struct Vector {
    /// Where the ship really is.
    pub ship: Point,
    /// The top-secret request body.
    pub request: String,
    /// The reports in it, one per satellite.
    pub reports: Vec<Option<Report>>,
    /// What a correct implementation answers.
    pub response: Response,
}

/// SplitMix64: a tiny, fast, well-mixed generator; plenty for test data.
#[derive(Clone, Debug)]
pub struct Rng(u64);

impl Rng {
    /// A generator for `seed`.
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// Uniform in [0, 1).
    pub fn uniform(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
    }

    /// Standard normal (Marsaglia's polar method: no trigonometry).
    pub fn normal(&mut self) -> f64 {
        loop {
            let u = 2.0 * self.uniform() - 1.0;
            let v = 2.0 * self.uniform() - 1.0;
            let s = u * u + v * v;
            if s > 0.0 && s < 1.0 {
                return u * (-2.0 * s.ln() / s).sqrt();
            }
        }
    }
}

/// `value` rounded to `decimals` places (half away from zero).
fn round_to(value: f64, decimals: u32) -> f64 {
    let scale = 10f64.powi(decimals.min(15) as i32);
    let rounded = (value * scale).round() / scale;
    if rounded.is_finite() {
        rounded
    } else {
        value
    }
}

/// The reports the satellites of `constellation` would send about `spec`'s ship.
pub fn reports(constellation: &Constellation, spec: &Spec, rng: &mut Rng) -> Vec<Option<Report>> {
    constellation
        .satellites
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let exact = s.position.distance(spec.ship);
            let noisy = (exact + spec.sigma.max(0.0) * rng.normal()).max(0.0);
            let distance = spec.decimals.map_or(noisy, |d| round_to(noisy, d));
            let lag = spec.lags.get(i).copied().unwrap_or(0);
            let mut message = vec![String::new(); lag];
            for w in &spec.words {
                let heard = rng.uniform() >= spec.miss.clamp(0.0, 1.0);
                message.push(if heard { w.clone() } else { String::new() });
            }
            Some(Report { distance, message })
        })
        .collect()
}

/// A test vector for `spec`, answered with `tolerance`.
pub fn vector(constellation: &Constellation, spec: &Spec, tolerance: f64, rng: &mut Rng) -> Vector {
    let reports = reports(constellation, spec, rng);
    let request = top_secret_body(constellation, &reports);
    let response = top_secret(&request, constellation, tolerance);
    Vector {
        ship: spec.ship,
        request,
        reports,
        response,
    }
}

/// Where a batch places its ships: the box around the satellites, widened by half
/// its size on every side (at least 0.5 units), as `[x_min, x_max, y_min, y_max]`.
pub fn batch_area(constellation: &Constellation) -> [f64; 4] {
    let mut b = [
        f64::INFINITY,
        f64::NEG_INFINITY,
        f64::INFINITY,
        f64::NEG_INFINITY,
    ];
    for s in &constellation.satellites {
        b = [
            b[0].min(s.position.x),
            b[1].max(s.position.x),
            b[2].min(s.position.y),
            b[3].max(s.position.y),
        ];
    }
    if constellation.is_empty() {
        return [-1000.0, 1000.0, -1000.0, 1000.0];
    }
    let dx = (b[1] - b[0]).max(1.0) * 0.5;
    let dy = (b[3] - b[2]).max(1.0) * 0.5;
    [b[0] - dx, b[1] + dx, b[2] - dy, b[3] + dy]
}

/// `count` vectors with ships uniformly placed in `area` (x_min, x_max, y_min, y_max),
/// lags of 0 to 2 words, and otherwise `spec`'s message and garbling, as one JSON
/// array of `{"request": …, "response": {"status": …, "body": …}}`.
pub fn batch(
    constellation: &Constellation,
    spec: &Spec,
    tolerance: f64,
    count: usize,
    area: [f64; 4],
    seed: u64,
) -> String {
    let mut rng = Rng::new(seed);
    let [x_min, x_max, y_min, y_max] = area;
    let items: Vec<Value> = (0..count)
        .map(|_| {
            let ship = Point::new(
                x_min + (x_max - x_min) * rng.uniform(),
                y_min + (y_max - y_min) * rng.uniform(),
            );
            let lags = (0..constellation.len())
                .map(|_| (rng.next_u64() % 3) as usize)
                .collect();
            let each = Spec {
                ship,
                lags,
                ..spec.clone()
            };
            let v = vector(constellation, &each, tolerance, &mut rng);
            let parse = |text: &str| serde_json::from_str(text).unwrap_or(Value::Null);
            serde_json::json!({
                "request": parse(&v.request),
                "response": {
                    "status": v.response.status,
                    "body": parse(&v.response.to_json()),
                },
            })
        })
        .collect();
    serde_json::to_string_pretty(&Value::Array(items)).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::decode::ResponseBody;

    fn spec() -> Spec {
        Spec {
            ship: Point::new(-100.0, 75.0),
            words: "este es un mensaje secreto"
                .split(' ')
                .map(String::from)
                .collect(),
            sigma: 0.0,
            decimals: None,
            miss: 0.0,
            lags: vec![0, 1, 2],
        }
    }

    #[test]
    fn generator_form_checks_every_field() {
        let (spec, count) = GeneratorForm::default().check().expect("valid defaults");
        assert_eq!(spec.words.len(), 5);
        assert_eq!(
            (spec.lags.clone(), count, spec.decimals),
            (vec![0, 1, 2], 20, None)
        );
        let bad = GeneratorForm {
            x: "east".into(),
            y: String::new(),
            message: " _ _ ".into(),
            sigma: "-1".into(),
            decimals: "2.5".into(),
            miss: "1.5".into(),
            lags: "0 -1".into(),
            count: "0".into(),
        };
        let problems = bad.check().expect_err("invalid");
        assert_eq!(
            problems,
            [
                (GenField::X, Problem::NotANumber),
                (GenField::Y, Problem::Required),
                (GenField::Sigma, Problem::Negative),
                (GenField::Miss, Problem::NotAProbability),
                (GenField::Message, Problem::Required),
                (GenField::Decimals, Problem::NotACount),
                (GenField::Lags, Problem::NotACount),
                (GenField::Count, Problem::NotACount),
            ]
        );
        let huge = GeneratorForm {
            count: "100000".into(),
            lags: "999".into(),
            ..GeneratorForm::default()
        };
        assert_eq!(huge.check().map(|_| ()).expect_err("too big").len(), 2);
    }

    #[test]
    fn exact_vector_decodes_to_the_ship_and_message() {
        let c = Constellation::default();
        let v = vector(&c, &spec(), 0.1, &mut Rng::new(1));
        assert_eq!(v.response.status, 200);
        match &v.response.body {
            ResponseBody::Found { position, message } => {
                assert!((position.x + 100.0).abs() < 1e-9 && (position.y - 75.0).abs() < 1e-9);
                assert_eq!(message, "este es un mensaje secreto");
            }
            other => panic!("{other:?}"),
        }
        let lags: Vec<usize> = v
            .reports
            .iter()
            .flatten()
            .map(|r| r.message.len() - 5)
            .collect();
        assert_eq!(lags, [0, 1, 2]);
    }

    #[test]
    fn rounding_and_noise_show_in_the_request() {
        let c = Constellation::default();
        let s = Spec {
            sigma: 2.0,
            decimals: Some(1),
            ..spec()
        };
        let v = vector(&c, &s, 0.1, &mut Rng::new(7));
        for r in v.reports.iter().flatten() {
            assert_eq!(round_to(r.distance, 1), r.distance);
        }
        // Noise of σ = 2 against a 0.1 tolerance: rejected, with a reason.
        assert_eq!(v.response.status, 404);
        let again = vector(&c, &s, 0.1, &mut Rng::new(7));
        assert_eq!(v, again, "deterministic for a seed");
    }

    #[test]
    fn a_batch_is_a_json_array_of_request_and_response() {
        let c = Constellation::default();
        let text = batch(&c, &spec(), 0.1, 5, [-1000.0, 1000.0, -1000.0, 1000.0], 3);
        let items: Value = serde_json::from_str(&text).expect("JSON");
        let items = items.as_array().expect("array");
        assert_eq!(items.len(), 5);
        for item in items {
            assert_eq!(item["response"]["status"], 200);
            assert_eq!(
                item["response"]["body"]["message"],
                "este es un mensaje secreto"
            );
            assert_eq!(
                item["request"]["satellites"].as_array().map(Vec::len),
                Some(3)
            );
        }
    }

    #[test]
    fn batch_area_surrounds_the_constellation() {
        let c = Constellation::default();
        assert_eq!(batch_area(&c), [-1000.0, 1000.0, -350.0, 250.0]);
        let one = Constellation {
            satellites: vec![crate::decode::Satellite::new("a", 5.0, 5.0)],
        };
        assert_eq!(batch_area(&one), [4.5, 5.5, 4.5, 5.5]);
    }

    #[test]
    fn normal_has_unit_variance() {
        let mut rng = Rng::new(42);
        let n = 20_000;
        let xs: Vec<f64> = (0..n).map(|_| rng.normal()).collect();
        let mean = xs.iter().sum::<f64>() / n as f64;
        let var = xs.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / n as f64;
        assert!(
            mean.abs() < 0.03 && (var - 1.0).abs() < 0.05,
            "{mean} {var}"
        );
    }
}
