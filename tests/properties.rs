//! Property tests: what is encoded is what is decoded, and nothing panics.
#![cfg(not(target_arch = "wasm32"))]

use proptest::prelude::*;
use quasar_fire::decode::{
    locate, merge, top_secret, Constellation, Covariance, LocateError, MessageError, Point, Range,
};

fn point(span: f64) -> impl Strategy<Value = Point> {
    (-span..span, -span..span).prop_map(|(x, y)| Point::new(x, y))
}

/// Ratio of the small to the large eigenvalue of the satellites' scatter: 0 on a line.
fn spread_ratio(sats: &[Point]) -> f64 {
    let n = sats.len() as f64;
    let mean = sats.iter().fold(Point::ZERO, |a, p| a + *p) * (1.0 / n);
    let mut c = Covariance::default();
    for p in sats {
        let q = *p - mean;
        c.xx += q.x * q.x;
        c.xy += q.x * q.y;
        c.yy += q.y * q.y;
    }
    let (big, small, _) = c.eigen();
    small / big
}

proptest! {
    // Degenerate constellations are filtered out with prop_assume!, so allow plenty of
    // rejections when PROPTEST_CASES asks for long runs.
    #![proptest_config(ProptestConfig {
        cases: 2000,
        max_global_rejects: 1_000_000,
        ..ProptestConfig::default()
    })]

    #[test]
    fn exact_ranges_locate_the_ship(
        ship in point(5000.0),
        sats in prop::collection::vec(point(5000.0), 3..=20),
    ) {
        // Well-spread constellations only: near a line the mirror image also fits,
        // which is reported as an ambiguity (tested separately).
        prop_assume!(spread_ratio(&sats) > 0.05);
        let ranges: Vec<Range> = sats.iter().map(|s| Range::new(*s, ship.distance(*s))).collect();
        match locate(&ranges, 0.1) {
            Ok(fix) => {
                prop_assert!(fix.position.distance(ship) < 1e-6, "{:?} vs {:?}", fix.position, ship);
                prop_assert!(fix.max_residual < 1e-6);
            }
            // A ship far away near the constellation's axis has a mirror image that
            // also fits: then the ship must be one of the two candidates.
            Err(LocateError::Ambiguous { candidates }) => {
                prop_assert!(candidates.iter().any(|c| c.distance(ship) < 1e-6), "{:?}", candidates);
            }
            Err(e) => return Err(TestCaseError::fail(e.to_string())),
        }
    }

    #[test]
    fn a_shifted_circle_is_blamed(
        ship in point(2000.0),
        sats in prop::collection::vec(point(2000.0), 3..=8),
        which in any::<prop::sample::Index>(),
        shift in 5.0..500.0_f64,
    ) {
        prop_assume!(spread_ratio(&sats) > 0.05);
        let k = which.index(sats.len());
        let ranges: Vec<Range> = sats
            .iter()
            .enumerate()
            .map(|(i, s)| Range::new(*s, ship.distance(*s) + if i == k { shift } else { 0.0 }))
            .collect();
        match locate(&ranges, 0.1) {
            Err(LocateError::Rejected { best_fit, residual, .. }) => {
                prop_assert!(best_fit.is_finite());
                prop_assert!(residual.abs() > 0.1);
            }
            // With three satellites an error along one range can sometimes be absorbed
            // by moving the point; then every residual must really be within tolerance.
            Ok(fix) => prop_assert!(fix.max_residual <= 0.1),
            Err(e) => prop_assert!(matches!(e, LocateError::Ambiguous { .. }), "{e}"),
        }
    }

    #[test]
    fn any_numbers_give_an_answer_without_nan(
        raw in prop::collection::vec((any::<f64>(), any::<f64>(), any::<f64>()), 0..12),
        tolerance in any::<f64>(),
    ) {
        let ranges: Vec<Range> = raw.iter().map(|(x, y, d)| Range::new(Point::new(*x, *y), *d)).collect();
        match locate(&ranges, tolerance) {
            Ok(fix) => {
                prop_assert!(fix.position.is_finite());
                prop_assert!(fix.max_residual.is_finite());
                prop_assert!(fix.rms_residual.is_finite());
                let c = fix.covariance;
                prop_assert!(c.xx.is_finite() && c.xy.is_finite() && c.yy.is_finite());
            }
            Err(LocateError::Rejected { best_fit, residual, .. }) => {
                prop_assert!(best_fit.is_finite());
                prop_assert!(residual.is_finite());
            }
            Err(LocateError::TwoSatellites { candidates }) => {
                prop_assert!(candidates.iter().all(|c| c.is_finite()));
            }
            Err(LocateError::Ambiguous { candidates }) => {
                prop_assert!(candidates.iter().all(|c| c.is_finite()));
            }
            Err(_) => {}
        }
    }

    #[test]
    fn encoded_messages_decode(
        words in prop::collection::vec("[a-zA-Záéñ]{1,8}", 1..30),
        satellites in 1usize..6,
        seed in any::<u64>(),
    ) {
        let arrays = encode(&words, satellites, seed);
        let slices: Vec<&[String]> = arrays.iter().map(Vec::as_slice).collect();
        prop_assert_eq!(merge(&slices), Ok(words.join(" ")));
    }

    #[test]
    fn a_contradicting_word_is_a_conflict(
        words in prop::collection::vec("[a-z]{1,6}", 1..20),
        seed in any::<u64>(),
        at in any::<prop::sample::Index>(),
    ) {
        let mut arrays = encode(&words, 3, seed);
        // Satellite 0 keeps only its word at `at`; the extra satellite contradicts it.
        let j = at.index(words.len());
        let len = arrays[0].len();
        let pos = len - words.len() + j;
        arrays[0][pos] = words[j].clone();
        let mut liar: Vec<String> = vec![String::new(); len];
        liar[pos] = format!("{}X", words[j]);
        arrays.push(liar);
        let slices: Vec<&[String]> = arrays.iter().map(Vec::as_slice).collect();
        let is_conflict = matches!(merge(&slices), Err(MessageError::Conflict { .. }));
        prop_assert!(is_conflict);
    }

    #[test]
    fn any_word_arrays_never_panic(arrays in prop::collection::vec(prop::collection::vec(".{0,6}", 0..12), 0..6)) {
        let slices: Vec<&[String]> = arrays.iter().map(Vec::as_slice).collect();
        if let Ok(text) = merge(&slices) {
            prop_assert!(!text.is_empty());
        }
    }

    #[test]
    fn any_body_gets_a_status_and_a_json_body(body in ".{0,200}") {
        let r = top_secret(&body, &Constellation::default(), 0.1);
        prop_assert!(matches!(r.status, 200 | 400 | 404));
        let parsed: serde_json::Value = serde_json::from_str(&r.to_json()).expect("json");
        prop_assert!(parsed.is_object());
    }
}

/// Spread `words` over `satellites` arrays the way the challenge does: each array is
/// some lag followed by the message with some words dropped, every word heard by at
/// least one satellite. Lag beyond the shortest one holds junk (cut off by the
/// alignment); the shortest lag, which stays in the window, is blank.
fn encode(words: &[String], satellites: usize, seed: u64) -> Vec<Vec<String>> {
    let mut state = seed | 1;
    let mut next = move |n: u64| {
        // xorshift64*: deterministic per seed, enough for spreading words.
        state ^= state >> 12;
        state ^= state << 25;
        state ^= state >> 27;
        (state.wrapping_mul(0x2545_F491_4F6C_DD1D) >> 33) % n.max(1)
    };
    let lags: Vec<usize> = (0..satellites).map(|_| next(4) as usize).collect();
    let min_lag = *lags.iter().min().unwrap_or(&0);
    let mut heard = vec![vec![false; words.len()]; satellites];
    for j in 0..words.len() {
        heard[next(satellites as u64) as usize][j] = true;
        for h in heard.iter_mut() {
            if next(3) == 0 {
                h[j] = true;
            }
        }
    }
    (0..satellites)
        .map(|i| {
            let mut a: Vec<String> = (0..lags[i] - min_lag)
                .map(|k| {
                    if next(2) == 0 {
                        format!("junk{k}")
                    } else {
                        String::new()
                    }
                })
                .collect();
            a.extend((0..min_lag).map(|_| String::new()));
            a.extend(words.iter().enumerate().map(|(j, w)| {
                if heard[i][j] {
                    if next(4) == 0 {
                        format!("  {w} ")
                    } else {
                        w.clone()
                    }
                } else if next(2) == 0 {
                    " ".to_string()
                } else {
                    String::new()
                }
            }));
            a
        })
        .collect()
}

#[test]
fn huge_inputs_do_not_panic() {
    let words: Vec<String> = (0..100_000).map(|i| format!("w{i}")).collect();
    let merged = merge(&[words.as_slice(), words.as_slice()]).expect("identical arrays merge");
    assert_eq!(merged.split(' ').count(), 100_000);
    let ship = Point::new(123.0, -456.0);
    let ranges: Vec<Range> = (0..10_000)
        .map(|i| {
            let t = i as f64 * 0.7;
            let s = Point::new(3000.0 * t.cos(), 2000.0 * (1.3 * t).sin());
            Range::new(s, ship.distance(s))
        })
        .collect();
    let fix = locate(&ranges, 0.1).expect("10,000 consistent satellites");
    assert!(fix.position.distance(ship) < 1e-6);
    let same = vec![Range::new(Point::new(1e300, -1e300), 1e300); 10_000];
    assert_eq!(locate(&same, 0.1), Err(LocateError::AllCoincident));
}

mod state_codec {
    use proptest::prelude::*;
    use quasar_fire::form::SatelliteRow;
    use quasar_fire::i18n::Lang;
    use quasar_fire::scene::Frame;
    use quasar_fire::state::{base64url_decode, base64url_encode, LoggedReport, Mode, State};

    fn text() -> impl Strategy<Value = String> {
        // Any Unicode, quotes, backslashes and control characters included.
        proptest::collection::vec(any::<char>(), 0..24).prop_map(|c| c.into_iter().collect())
    }

    fn edge() -> impl Strategy<Value = f64> {
        prop_oneof![
            any::<f64>().prop_filter("finite", |v| v.is_finite()),
            -1e6..1e6f64
        ]
    }

    fn state() -> impl Strategy<Value = State> {
        let row = (text(), text(), text(), text(), text())
            .prop_map(|(n, x, y, d, m)| SatelliteRow::new(&n, &x, &y, &d, &m));
        let view = proptest::option::of((edge(), edge(), edge(), edge()).prop_filter_map(
            "a rectangle",
            |(a, b, c, d)| {
                (a < b && c < d).then_some(Frame {
                    x_min: a,
                    x_max: b,
                    y_min: c,
                    y_max: d,
                })
            },
        ));
        let entry = (text(), text(), 0.0..4e12f64).prop_map(|(satellite, body, at)| LoggedReport {
            satellite,
            body,
            at: at.floor(),
        });
        (
            proptest::collection::vec(row, 1..=12),
            text(),
            any::<bool>(),
            view,
            0u8..3,
            proptest::collection::vec(entry, 0..5),
        )
            .prop_map(|(rows, tolerance, es, view, split, log)| State {
                rows,
                tolerance,
                lang: if es { Lang::Es } else { Lang::En },
                view,
                mode: [Mode::TopSecret, Mode::Split, Mode::Generator][usize::from(split)],
                log,
            })
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 1000, ..ProptestConfig::default() })]

        #[test]
        fn stored_state_reads_back_exactly(s in state()) {
            prop_assert_eq!(State::from_json(&s.to_json()), Ok(s));
        }

        #[test]
        fn share_link_restores_exactly_or_says_too_large(s in state()) {
            match s.to_fragment() {
                Ok(f) => prop_assert_eq!(State::from_fragment(&f), Some(Ok(s))),
                Err(e) => prop_assert!(e.to_string().contains("too large")),
            }
        }

        #[test]
        fn base64url_round_trips(bytes in proptest::collection::vec(any::<u8>(), 0..300)) {
            let coded = base64url_encode(&bytes);
            prop_assert_eq!(base64url_decode(&coded), Some(bytes));
        }

        #[test]
        fn any_fragment_or_stored_text_is_read_without_panicking(junk in ".{0,400}") {
            let _ = State::from_json(&junk);
            let _ = State::from_fragment(&format!("#s={junk}"));
        }

        #[test]
        fn flipped_bits_in_a_link_never_panic(s in state(), at in any::<usize>(), bit in 0u8..8) {
            if let Ok(f) = s.to_fragment() {
                let mut bytes = f.into_bytes();
                let i = 3 + at % (bytes.len() - 3).max(1);
                if i < bytes.len() {
                    bytes[i] ^= 1 << bit;
                }
                if let Ok(tampered) = String::from_utf8(bytes) {
                    let _ = State::from_fragment(&tampered);
                }
            }
        }
    }
}

mod generated_vectors {
    use proptest::prelude::*;
    use quasar_fire::decode::{
        parse_top_secret, Constellation, Point, ResponseBody, DEFAULT_TOLERANCE,
    };
    use quasar_fire::vectors::{vector, Rng, Spec};

    fn words() -> impl Strategy<Value = Vec<String>> {
        proptest::collection::vec("[a-zñ]{1,8}", 1..8)
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 1000, ..ProptestConfig::default() })]

        /// Exact distances, every word heard: the expected response is the ship and
        /// the message that were generated.
        #[test]
        fn exact_vectors_decode_to_what_was_generated(
            x in -2000.0..2000.0f64, y in -2000.0..2000.0f64,
            words in words(), lags in proptest::collection::vec(0usize..4, 3), seed in any::<u64>(),
        ) {
            let c = Constellation::default();
            let spec = Spec { ship: Point::new(x, y), words: words.clone(), sigma: 0.0, decimals: None, miss: 0.0, lags };
            let v = vector(&c, &spec, DEFAULT_TOLERANCE, &mut Rng::new(seed));
            prop_assert_eq!(parse_top_secret(&v.request, &c), Ok(v.reports.clone()));
            match &v.response.body {
                ResponseBody::Found { position, message } => {
                    prop_assert!(position.distance(spec.ship) < 1e-6, "{position:?} vs {:?}", spec.ship);
                    prop_assert_eq!(message, &words.join(" "));
                }
                // A ship on the mirror line of the constellation is genuinely ambiguous.
                ResponseBody::Error { error } => prop_assert!(error.contains("mirror"), "{error}"),
            }
        }

        /// Rounding, noise within the tolerance and missed words that someone else
        /// heard: still the generated message, and a position within the noise.
        #[test]
        fn garbled_vectors_decode_to_what_was_generated(
            x in -1000.0..1000.0f64, y in -1000.0..1000.0f64,
            words in words(), decimals in 3u32..9, miss in 0.0..0.5f64, seed in any::<u64>(),
        ) {
            let c = Constellation::default();
            let spec = Spec {
                ship: Point::new(x, y), words: words.clone(), sigma: 0.001,
                decimals: Some(decimals), miss, lags: vec![0, 1, 2],
            };
            let v = vector(&c, &spec, 1.0, &mut Rng::new(seed));
            let heard: Vec<bool> = (0..words.len())
                .map(|k| {
                    v.reports.iter().flatten().any(|r| !r.message[r.message.len() - words.len() + k].is_empty())
                })
                .collect();
            // SPEC §3 step 5: leading words nobody heard are indistinguishable from lag.
            let first = heard.iter().position(|h| *h).unwrap_or(words.len());
            let decodable = first < words.len() && heard[first..].iter().all(|h| *h);
            match &v.response.body {
                ResponseBody::Found { position, message } => {
                    prop_assert!(decodable);
                    prop_assert!(position.distance(spec.ship) < 0.1);
                    prop_assert_eq!(message, &words[first..].join(" "));
                }
                ResponseBody::Error { error } => prop_assert!(
                    !decodable || error.contains("mirror"),
                    "{error}"
                ),
            }
        }
    }
}
