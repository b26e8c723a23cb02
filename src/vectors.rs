//! Test vectors for people writing their own implementation of the challenge: a ship,
//! a message and how the satellites garble them, turned into a top-secret request
//! body and the response a correct implementation must give (this crate's own answer,
//! [`top_secret`]). Deterministic for a seed. Pure Rust, host-tested.

use serde_json::Value;

use crate::decode::{top_secret, top_secret_body, Constellation, Point, Report, Response};

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
        request,
        reports,
        response,
    }
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
