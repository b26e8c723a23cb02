//! ns per solve (3 exact, 3 noisy and 100 satellites) and per merge. `cargo bench`.
//! Host only: on wasm32 this target is an empty program.
#![cfg_attr(target_arch = "wasm32", allow(unused))]

#[cfg(not(target_arch = "wasm32"))]
mod host {

    use criterion::{criterion_group, Criterion};
    use quasar_fire::decode::{locate, merge, top_secret, Constellation, Point, Range};
    use std::hint::black_box;

    fn ranges_around(ship: Point, sats: &[Point]) -> Vec<Range> {
        sats.iter()
            .map(|s| Range::new(*s, ship.distance(*s)))
            .collect()
    }

    fn benches(c: &mut Criterion) {
        let default: Vec<Point> = Constellation::default()
            .satellites
            .iter()
            .map(|s| s.position)
            .collect();
        let three = ranges_around(Point::new(-100.0, 75.0), &default);
        c.bench_function("locate 3 satellites", |b| {
            b.iter(|| locate(black_box(&three), black_box(0.1)))
        });
        // The same with measurement noise (within tolerance): Gauss–Newton iterates.
        let noisy: Vec<Range> = three
            .iter()
            .zip([0.04, -0.03, 0.05])
            .map(|(r, e)| Range::new(r.centre, r.distance + e))
            .collect();
        assert!(locate(&noisy, 0.1).is_ok(), "the noisy ranges are accepted");
        c.bench_function("locate 3 satellites, noisy", |b| {
            b.iter(|| locate(black_box(&noisy), black_box(0.1)))
        });
        let ring: Vec<Point> = (0..100)
            .map(|i| {
                let t = i as f64 * 0.37;
                Point::new(1000.0 * t.cos(), 800.0 * (1.7 * t).sin())
            })
            .collect();
        let hundred = ranges_around(Point::new(250.0, -120.0), &ring);
        c.bench_function("locate 100 satellites", |b| {
            b.iter(|| locate(black_box(&hundred), black_box(0.1)))
        });
        let m1: [&[&str]; 3] = [
            &["este", "", "", "mensaje", ""],
            &["", "es", "", "", "secreto"],
            &["este", "", "un", "", ""],
        ];
        c.bench_function("merge M1", |b| b.iter(|| merge(black_box(&m1))));
        let body = r#"{"satellites": [
      {"name": "kenobi", "distance": 485.41219597368996, "message": ["este", "", "", "mensaje", ""]},
      {"name": "skywalker", "distance": 265.75364531836624, "message": ["", "es", "", "", "secreto"]},
      {"name": "sato", "distance": 600.5206074732157, "message": ["este", "", "un", "", ""]}]}"#;
        let constellation = Constellation::default();
        c.bench_function("top_secret request to response", |b| {
            b.iter(|| top_secret(black_box(body), &constellation, 0.1).to_json())
        });
    }

    criterion_group!(decode, benches);
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    host::decode();
    criterion::Criterion::default()
        .configure_from_args()
        .final_summary();
}

#[cfg(target_arch = "wasm32")]
fn main() {}
