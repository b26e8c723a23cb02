//! Accuracy of the trilateration: exact data to 1e-9, and efficiency under noise
//! measured against the Cramér–Rao bound. Prints the figures quoted in the README
//! (`cargo test --test accuracy -- --nocapture`).
#![cfg(not(target_arch = "wasm32"))]

use quasar_fire::decode::{locate, Constellation, Covariance, LocateError, Point, Range};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use rand_distr::{Distribution, Normal};

fn satellites() -> Vec<Point> {
    Constellation::default()
        .satellites
        .iter()
        .map(|s| s.position)
        .collect()
}

/// The least-squares point, accepted or not.
fn best_fit(ranges: &[Range]) -> Point {
    match locate(ranges, 0.1) {
        Ok(fix) => fix.position,
        Err(LocateError::Rejected { best_fit, .. }) => best_fit,
        Err(e) => panic!("no best fit: {e}"),
    }
}

#[test]
fn exact_distances_give_the_ship_to_1e_9() {
    let sats = satellites();
    let mut rng = StdRng::seed_from_u64(7);
    let mut worst: (f64, Point) = (0.0, Point::ZERO);
    for _ in 0..20_000 {
        let ship = Point::new(
            rng.gen_range(-2000.0..2000.0),
            rng.gen_range(-2000.0..2000.0),
        );
        let ranges: Vec<Range> = sats
            .iter()
            .map(|s| Range::new(*s, ship.distance(*s)))
            .collect();
        let fix = locate(&ranges, 0.1).unwrap_or_else(|e| panic!("{ship:?}: {e}"));
        let err = fix.position.distance(ship);
        if err > worst.0 {
            worst = (err, ship);
        }
    }
    println!(
        "exact distances: worst position error {:.3e} over 20,000 ships (at {:?})",
        worst.0, worst.1
    );
    assert!(worst.0 <= 1e-9, "{worst:?}");
}

#[test]
fn the_centroid_trap_is_avoided() {
    // Solvers that start at the centroid converge to the wrong basin here.
    let ship = Point::new(300.0, -400.0);
    let ranges: Vec<Range> = satellites()
        .iter()
        .map(|s| Range::new(*s, ship.distance(*s)))
        .collect();
    let fix = locate(&ranges, 0.1).expect("a fix");
    assert!(fix.position.distance(ship) < 1e-9, "{:?}", fix.position);
}

/// `√trace((JᵀJ)⁻¹)·σ`: the smallest RMS position error any unbiased estimator can reach.
fn cramer_rao(ship: Point, sats: &[Point], sigma: f64) -> f64 {
    let mut fisher = Covariance::default();
    for s in sats {
        let u = (ship - *s) * (1.0 / ship.distance(*s));
        fisher.xx += u.x * u.x;
        fisher.xy += u.x * u.y;
        fisher.yy += u.y * u.y;
    }
    let inv = fisher.inverse().expect("regular geometry");
    (inv.xx + inv.yy).sqrt() * sigma
}

#[test]
fn noisy_ranges_reach_the_cramer_rao_bound() {
    let sats = satellites();
    let noise = Normal::new(0.0, 1.0).expect("valid normal");
    let mut rng = StdRng::seed_from_u64(2024);
    for ship in [
        Point::new(-100.0, 75.5),
        Point::new(0.0, 0.0),
        Point::new(300.0, -400.0),
        Point::new(-2000.0, 1500.0),
    ] {
        let trials = 10_000;
        let mut sum_sq = 0.0;
        for _ in 0..trials {
            let ranges: Vec<Range> = sats
                .iter()
                .map(|s| Range::new(*s, (ship.distance(*s) + noise.sample(&mut rng)).max(0.0)))
                .collect();
            sum_sq += best_fit(&ranges).distance(ship).powi(2);
        }
        let rmse = (sum_sq / trials as f64).sqrt();
        let bound = cramer_rao(ship, &sats, 1.0);
        let ratio = rmse / bound;
        println!(
            "σ = 1 at ({}, {}): RMSE {rmse:.4}, Cramér–Rao {bound:.4}, ratio {ratio:.4}",
            ship.x, ship.y
        );
        assert!((ratio - 1.0).abs() <= 0.02, "ratio {ratio} at {ship:?}");
    }
}
