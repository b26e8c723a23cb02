//! Trilateration: where is the ship, given each satellite's position and range?
//!
//! The estimate is the least-squares point of the range residuals `|x - p_i| - r_i`,
//! found in two stages:
//!
//! 1. A closed-form start. Subtracting the mean of the circle equations
//!    `|x|² - 2 p_i·x + |p_i|² = r_i²` from each one cancels `|x|²`; with the
//!    satellites centred on their centroid the normal equations become
//!    `S x = ½ Σ q_i (|q_i|² - r_i²)`, where `S = Σ q_i q_iᵀ` is the scatter matrix
//!    of the centred positions `q_i`. Centring keeps `S` well conditioned.
//! 2. Damped Gauss–Newton on the range residuals. The closed form squares the
//!    distances and so amplifies their rounding (up to ~60× for far ships); a few
//!    Newton steps bring the residuals back to the size of the noise.
//!
//! When the satellites are nearly on one line the ship and its reflection across
//! that line fit almost equally well, so the solver also refines from the reflected
//! point and reports an ambiguity when both minima are within tolerance.

use std::fmt;

use super::geometry::{circle_intersections, Covariance, Point, Range};

/// Default acceptance tolerance on every range residual, in distance units.
pub const DEFAULT_TOLERANCE: f64 = 0.1;

/// Below this ratio of the scatter matrix's eigenvalues the satellites are on one line.
const COLLINEAR_RATIO: f64 = 1e-12;
/// Below this ratio the reflected minimum is always examined.
const NEAR_COLLINEAR_RATIO: f64 = 1e-6;
/// A Gauss–Newton step this small (relative to the problem's scale) is the last one.
const CONVERGED_STEP: f64 = 1e-9;
/// A last step this small is taken without evaluating the residuals again at its end:
/// every residual `|x − qᵢ| − rᵢ` moves by at most the step's length, here at most
/// 10⁻¹³ of the problem's scale — a few hundred ulps of the normalised figures.
const NEGLIGIBLE_STEP: f64 = 1e-13;
const MAX_ITERATIONS: usize = 40;
const MAX_HALVINGS: usize = 12;
/// The explanation "no two circles meet" checks pairs only up to this many satellites.
const MAX_SATELLITES_FOR_PAIR_CHECK: usize = 512;

/// An accepted position.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Fix {
    /// The least-squares position.
    pub position: Point,
    /// Largest absolute range residual at `position`.
    pub max_residual: f64,
    /// Root-mean-square range residual at `position`.
    pub rms_residual: f64,
    /// `(JᵀJ)⁻¹` at the fix: the position covariance per unit of range variance.
    pub geometry: Covariance,
    /// Position covariance `σ̂² (JᵀJ)⁻¹`, with `σ̂² = Σ residual² / (n − 2)` estimated from the fit.
    pub covariance: Covariance,
}

/// Why no position could be accepted.
#[derive(Clone, Debug, PartialEq)]
pub enum LocateError {
    /// A distance is negative, NaN or infinite.
    InvalidDistance {
        /// Index of the satellite.
        satellite: usize,
        /// The value received.
        value: f64,
    },
    /// A satellite's own position is not finite.
    InvalidPosition {
        /// Index of the satellite.
        satellite: usize,
    },
    /// Fewer than two satellites: every point on a circle (or anywhere) fits.
    TooFewSatellites {
        /// How many satellites reported.
        count: usize,
    },
    /// Exactly two satellites: the circles cross in up to two points, which is not a position.
    TwoSatellites {
        /// The crossings of the two circles (zero, one or two points).
        candidates: Vec<Point>,
    },
    /// Two satellites sit at the same place, leaving too few distinct positions.
    CoincidentSatellites {
        /// Index of the first satellite of the pair.
        first: usize,
        /// Index of the second.
        second: usize,
    },
    /// All satellites are at one place.
    AllCoincident,
    /// All satellites lie on one straight line: the ship and its mirror image fit equally.
    Collinear,
    /// Two distinct points both fit within tolerance (the satellites are nearly collinear).
    Ambiguous {
        /// The best fit and the mirrored fit, best first.
        candidates: [Point; 2],
    },
    /// The circles do not meet closely enough: the best fit misses by more than the tolerance.
    Rejected {
        /// The least-squares point, shown so the user sees how the circles fail.
        best_fit: Point,
        /// Index of the satellite whose circle misses the best fit by the most.
        worst: usize,
        /// That satellite's signed residual (positive: the best fit is outside its circle).
        residual: f64,
        /// The tolerance in force.
        tolerance: f64,
        /// No pair of circles intersects at all (checked up to 512 satellites).
        no_circles_meet: bool,
    },
    /// The numbers are too large for double precision once squared.
    OutOfRange,
}

impl LocateError {
    /// The sentence for this error, naming satellites with `name(index)`.
    pub fn describe(&self, name: &dyn Fn(usize) -> String) -> String {
        match self {
            LocateError::InvalidDistance { satellite, value } => format!(
                "the distance from {} must be a finite number ≥ 0, not {}",
                name(*satellite),
                value
            ),
            LocateError::InvalidPosition { satellite } => format!(
                "the position of {} must have finite coordinates",
                name(*satellite)
            ),
            LocateError::TooFewSatellites { count } => format!(
                "not enough information: {count} satellite(s) reported a distance, at least 3 are needed"
            ),
            LocateError::TwoSatellites { candidates } => match candidates.len() {
                0 => "not enough information: only two satellites reported, and their circles do not meet".to_string(),
                1 => format!(
                    "not enough information: only two satellites reported; their circles touch at ({})",
                    format_point(candidates[0])
                ),
                _ => format!(
                    "not enough information: only two satellites reported; the ship is at ({}) or ({})",
                    format_point(candidates[0]),
                    format_point(candidates[1])
                ),
            },
            LocateError::CoincidentSatellites { first, second } => format!(
                "{} and {} are at the same position, so the rest cannot fix the ship: move one of them",
                name(*first),
                name(*second)
            ),
            LocateError::AllCoincident => {
                "all satellites are at the same position: the ship could be anywhere on a circle".to_string()
            }
            LocateError::Collinear => {
                "all satellites lie on one straight line: the ship and its mirror image across it fit equally well".to_string()
            }
            LocateError::Ambiguous { candidates } => format!(
                "ambiguous position: the satellites are nearly on one line and both ({}) and ({}) fit",
                format_point(candidates[0]),
                format_point(candidates[1])
            ),
            LocateError::Rejected {
                best_fit,
                worst,
                residual,
                tolerance,
                no_circles_meet,
            } => {
                let lead = if *no_circles_meet {
                    "no two circles meet; "
                } else {
                    ""
                };
                format!(
                    "{lead}{}'s circle misses the best fit ({}) by {:.2}, more than the tolerance {}",
                    name(*worst),
                    format_point(*best_fit),
                    residual.abs(),
                    tolerance
                )
            }
            LocateError::OutOfRange => {
                "the distances and coordinates are too large to compute with".to_string()
            }
        }
    }
}

impl fmt::Display for LocateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.describe(&|i| format!("satellite {}", i + 1)))
    }
}

impl std::error::Error for LocateError {}

/// A point printed with two decimals, as in error messages.
pub fn format_point(p: Point) -> String {
    format!("{:.2}, {:.2}", p.x, p.y)
}

/// Locate the ship from the ranges of the satellites that reported.
///
/// Accepts the least-squares point when every residual is within `tolerance`.
pub fn locate(ranges: &[Range], tolerance: f64) -> Result<Fix, LocateError> {
    let tolerance = if tolerance.is_finite() && tolerance >= 0.0 {
        tolerance
    } else {
        DEFAULT_TOLERANCE
    };
    let problem = Problem::new(ranges)?;
    let best = problem.refine(problem.closed_form_start());
    // The mirror image of the fix across the satellites' axis is the other candidate
    // minimum. Refine from it only when the Gauss–Newton model at that point predicts
    // it could fit within tolerance (or when the geometry is too close to a line for
    // the model to be trusted): for most constellations this costs one evaluation.
    let mirror = problem.evaluate(problem.reflect(best.position));
    let tol = tolerance / problem.unit;
    let could_fit = mirror.model_reaches(2.0 * ranges.len() as f64 * tol * tol);
    let reflected = if problem.nearly_collinear() || could_fit {
        Some(problem.refine(mirror.position))
    } else {
        None
    };
    let (best, other) = match reflected {
        Some(r) if r.cost < best.cost => (r, Some(best)),
        Some(r) => (best, Some(r)),
        None => (best, None),
    };
    // Every figure is checked in world units: a point that is finite in normalised
    // units can still overflow once multiplied back by a huge unit.
    let best_fit = problem.to_world(best.position);
    if !best_fit.is_finite() || !best.cost.is_finite() || !best.max_residual.is_finite() {
        return Err(LocateError::OutOfRange);
    }
    if best.max_residual > tolerance {
        let (worst, residual) = problem.worst(best.position);
        let residual = residual * problem.unit;
        if !residual.is_finite() {
            return Err(LocateError::OutOfRange);
        }
        return Err(LocateError::Rejected {
            best_fit,
            worst,
            residual,
            tolerance,
            no_circles_meet: no_circles_meet(ranges),
        });
    }
    if let Some(other) = other {
        let other_fit = problem.to_world(other.position);
        let apart = (other.position - best.position).length() * problem.unit;
        if other.max_residual <= tolerance && apart > tolerance && other_fit.is_finite() {
            return Err(LocateError::Ambiguous {
                candidates: [best_fit, other_fit],
            });
        }
    }
    let n = ranges.len() as f64;
    let unit_sq = problem.unit * problem.unit;
    let geometry = best
        .normal
        .inverse()
        .ok_or(LocateError::Collinear)?
        .scaled(unit_sq);
    let variance = best.cost * 2.0 / (n - 2.0);
    let fix = Fix {
        position: best_fit,
        max_residual: best.max_residual,
        rms_residual: (best.cost * 2.0 / n).sqrt() * problem.unit,
        geometry,
        covariance: geometry.scaled(variance),
    };
    let finite = [
        fix.rms_residual,
        geometry.xx,
        geometry.xy,
        geometry.yy,
        fix.covariance.xx,
        fix.covariance.xy,
        fix.covariance.yy,
    ]
    .iter()
    .all(|v| v.is_finite());
    if finite {
        Ok(fix)
    } else {
        Err(LocateError::OutOfRange)
    }
}

/// No pair of range circles intersects (only checked for up to 512 satellites).
fn no_circles_meet(ranges: &[Range]) -> bool {
    if ranges.len() > MAX_SATELLITES_FOR_PAIR_CHECK {
        return false;
    }
    ranges.iter().enumerate().all(|(i, a)| {
        ranges[i + 1..]
            .iter()
            .all(|b| circle_intersections(*a, *b).is_empty())
    })
}

/// The ranges in normalised coordinates: divided by a power of two (exact) and centred.
struct Problem<'a> {
    ranges: &'a [Range],
    /// Power of two by which world units were divided.
    unit: f64,
    /// `1 / unit`, exact.
    inv_unit: f64,
    /// Centroid of the satellites, in normalised units.
    centre: Point,
    scatter: Covariance,
    /// Along the satellites' principal axis (not normalised: only `reflect` uses it).
    axis: Point,
    /// The scatter matrix's eigenvalues, larger first.
    eigenvalues: (f64, f64),
}

/// The least-squares state at one point.
#[derive(Clone, Copy, Debug)]
struct Estimate {
    position: Point,
    /// Half the sum of squared residuals.
    cost: f64,
    max_residual: f64,
    /// `JᵀJ`.
    normal: Covariance,
    /// `Jᵀf`.
    gradient: Point,
}

impl Estimate {
    /// Whether the minimum of the Gauss–Newton model around this point,
    /// `cost − ½ gᵀ(JᵀJ)⁻¹g`, is at most `threshold` (≥ 0); always when the model is
    /// singular ("could be anything"). Compared after multiplying by `det(JᵀJ) > 0`,
    /// so the decision does not wait for a division.
    fn model_reaches(&self, threshold: f64) -> bool {
        match self.normal.regular_determinant() {
            Some(det) => {
                let reduction_times_det = 0.5 * self.normal.adjugate_form(self.gradient);
                let excess_times_det = (self.cost - threshold) * det;
                // A NaN counts as "could fit": the mirror is then refined and judged.
                excess_times_det <= reduction_times_det
                    || excess_times_det.is_nan()
                    || reduction_times_det.is_nan()
            }
            None => true,
        }
    }
}

impl<'a> Problem<'a> {
    fn new(ranges: &'a [Range]) -> Result<Problem<'a>, LocateError> {
        let mut biggest: f64 = 0.0;
        for (i, r) in ranges.iter().enumerate() {
            if !(r.distance.is_finite() && r.distance >= 0.0) {
                return Err(LocateError::InvalidDistance {
                    satellite: i,
                    value: r.distance,
                });
            }
            if !r.centre.is_finite() {
                return Err(LocateError::InvalidPosition { satellite: i });
            }
            biggest = biggest
                .max(r.centre.x.abs())
                .max(r.centre.y.abs())
                .max(r.distance);
        }
        match ranges.len() {
            0 | 1 => {
                return Err(LocateError::TooFewSatellites {
                    count: ranges.len(),
                })
            }
            2 => {
                return Err(LocateError::TwoSatellites {
                    candidates: circle_intersections(ranges[0], ranges[1]),
                })
            }
            _ => {}
        }
        let (unit, inv) = power_of_two_at_least(biggest);
        // Normalised coordinates are at most 1 in magnitude, so the sum cannot overflow.
        let centre = ranges
            .iter()
            .fold(Point::ZERO, |sum, r| sum + r.centre * inv)
            * (1.0 / ranges.len() as f64);
        let mut scatter = Covariance::default();
        for r in ranges {
            let q = r.centre * inv - centre;
            scatter.xx += q.x * q.x;
            scatter.xy += q.x * q.y;
            scatter.yy += q.y * q.y;
        }
        let half_trace = 0.5 * (scatter.xx + scatter.yy);
        let half_diff = 0.5 * (scatter.xx - scatter.yy);
        let root_sq = half_diff * half_diff + scatter.xy * scatter.xy;
        if half_trace.is_nan()
            || half_trace <= 0.0
            || eigen_ratio_at_most(half_trace, root_sq, COLLINEAR_RATIO)
        {
            return Err(degenerate(ranges));
        }
        // Only the mirror step needs the eigenvalues themselves; the test above did not
        // wait for this square root.
        let root = root_sq.sqrt();
        let (big, small) = (half_trace + root, half_trace - root);
        // Eigenvector of the larger eigenvalue; of the two equivalent forms take the
        // longer one, which is never the zero vector.
        let a = Point::new(scatter.xy, big - scatter.xx);
        let b = Point::new(big - scatter.yy, scatter.xy);
        let v = if a.dot(a) >= b.dot(b) { a } else { b };
        let axis = if v.length_squared() > 0.0 {
            v
        } else {
            Point::new(1.0, 0.0)
        };
        Ok(Problem {
            ranges,
            unit,
            inv_unit: inv,
            centre,
            scatter,
            axis,
            eigenvalues: (big, small),
        })
    }

    fn nearly_collinear(&self) -> bool {
        let (big, small) = self.eigenvalues;
        small < NEAR_COLLINEAR_RATIO * big
    }

    /// Centred satellite position and range of satellite `r`, in normalised units.
    fn local(&self, r: &Range) -> (Point, f64) {
        (
            r.centre * self.inv_unit - self.centre,
            r.distance * self.inv_unit,
        )
    }

    fn to_world(&self, p: Point) -> Point {
        (p + self.centre) * self.unit
    }

    /// The linear least-squares point `S⁻¹ ½ Σ q_i (|q_i|² − r_i²)`.
    fn closed_form_start(&self) -> Point {
        let mut rhs = Point::ZERO;
        for r in self.ranges {
            let (q, d) = self.local(r);
            rhs = rhs + q * (0.5 * (q.dot(q) - d * d));
        }
        match self.scatter.inverse() {
            Some(inv) => Point::new(
                inv.xx * rhs.x + inv.xy * rhs.y,
                inv.xy * rhs.x + inv.yy * rhs.y,
            ),
            None => Point::ZERO,
        }
    }

    /// Mirror image of `p` across the satellites' principal axis (through the centroid).
    fn reflect(&self, p: Point) -> Point {
        let v = self.axis;
        v * (2.0 * p.dot(v) / v.dot(v)) - p
    }

    fn evaluate(&self, p: Point) -> Estimate {
        let mut e = Estimate {
            position: p,
            cost: 0.0,
            max_residual: 0.0,
            normal: Covariance::default(),
            gradient: Point::ZERO,
        };
        for r in self.ranges {
            let (q, d) = self.local(r);
            let offset = p - q;
            // Normalised coordinates are O(1), so the plain square root cannot overflow
            // and is several times faster than `hypot`.
            let dist = offset.length_squared().sqrt();
            let f = dist - d;
            e.cost += 0.5 * f * f;
            e.max_residual = e.max_residual.max(f.abs());
            // At the satellite itself the gradient of |x − q| is undefined; that row
            // carries no direction and is left out of the normal equations.
            if dist > 0.0 {
                let j = offset * (1.0 / dist);
                e.normal.xx += j.x * j.x;
                e.normal.xy += j.x * j.y;
                e.normal.yy += j.y * j.y;
                e.gradient = e.gradient + j * f;
            }
        }
        e.max_residual *= self.unit;
        e
    }

    /// Damped Gauss–Newton from `start` (normalised units).
    ///
    /// Convergence is quadratic near the minimum, so once a step is below
    /// [`CONVERGED_STEP`] the remaining error is of the order of its square: that
    /// step is the last, and the residuals are evaluated once more at its end.
    fn refine(&self, start: Point) -> Estimate {
        let mut current = self.evaluate(start);
        for _ in 0..MAX_ITERATIONS {
            let Some(inv) = current.normal.inverse() else {
                break;
            };
            let g = current.gradient;
            let mut step = Point::new(
                -(inv.xx * g.x + inv.xy * g.y),
                -(inv.xy * g.x + inv.yy * g.y),
            );
            if !step.is_finite() {
                break;
            }
            // |step| ≤ ε·(1 + |x|), compared in squares: (1 + |x|)² ≥ 1 + |x|².
            let scale = 1.0 + current.position.length_squared();
            let step_sq = step.length_squared();
            if step_sq <= CONVERGED_STEP * CONVERGED_STEP * scale {
                let end = current.position + step;
                if step_sq <= NEGLIGIBLE_STEP * NEGLIGIBLE_STEP * scale {
                    current.position = end;
                } else {
                    current = self.evaluate(end);
                }
                break;
            }
            let mut moved = false;
            for _ in 0..MAX_HALVINGS {
                let candidate = self.evaluate(current.position + step);
                if candidate.cost < current.cost {
                    current = candidate;
                    moved = true;
                    break;
                }
                step = step * 0.5;
            }
            if !moved {
                break;
            }
        }
        current
    }

    /// Index and signed residual (normalised units) of the satellite that misses `p` most.
    fn worst(&self, p: Point) -> (usize, f64) {
        let mut worst = (0, 0.0_f64);
        for (i, r) in self.ranges.iter().enumerate() {
            let (q, d) = self.local(r);
            let f = (p - q).length() - d;
            if f.abs() > worst.1.abs() {
                worst = (i, f);
            }
        }
        worst
    }
}

/// The smallest power of two above `x` (1 when `x` is zero or not finite), at most
/// 2¹⁰²³, and its reciprocal: dividing or multiplying by either is exact.
fn power_of_two_at_least(x: f64) -> (f64, f64) {
    if !(x > 0.0 && x.is_finite()) {
        return (1.0, 1.0);
    }
    // The biased exponent field plus one gives 2^(⌊log₂ x⌋ + 1) > x.
    let exponent = ((x.to_bits() >> 52) & 0x7ff).clamp(1, 2045) + 1;
    // 2^k has the biased exponent k + 1023, and 2^−k has 1023 − k = 2046 − exponent;
    // 2^−1023 is below the normal range: its one bit sits in the fraction.
    let reciprocal = match 2046 - exponent {
        0 => f64::from_bits(1 << 51),
        biased => f64::from_bits(biased << 52),
    };
    (f64::from_bits(exponent << 52), reciprocal)
}

/// Whether `(t − √s) ≤ ratio · (t + √s)` — the smaller eigenvalue of a symmetric 2 × 2
/// matrix against the larger, given half its trace `t > 0` and `s` = (half the
/// diagonal difference)² + off-diagonal² — squared so that no square root is needed:
/// `t(1 − ratio) ≤ √s (1 + ratio)`, both sides non-negative.
fn eigen_ratio_at_most(t: f64, s: f64, ratio: f64) -> bool {
    let (lhs, rhs) = ((t * (1.0 - ratio)).powi(2), s * (1.0 + ratio).powi(2));
    // NaN anywhere counts as degenerate.
    lhs <= rhs || lhs.is_nan() || rhs.is_nan()
}

/// Classify a constellation whose positions do not span the plane.
fn degenerate(ranges: &[Range]) -> LocateError {
    let mut order: Vec<usize> = (0..ranges.len()).collect();
    let key = |i: &usize| (ranges[*i].centre.x, ranges[*i].centre.y);
    order.sort_by(|a, b| {
        let (ka, kb) = (key(a), key(b));
        ka.0.total_cmp(&kb.0).then(ka.1.total_cmp(&kb.1))
    });
    let mut distinct = 1;
    let mut pair = None;
    for w in order.windows(2) {
        if ranges[w[0]].centre == ranges[w[1]].centre {
            pair.get_or_insert((w[0].min(w[1]), w[0].max(w[1])));
        } else {
            distinct += 1;
        }
    }
    match (distinct, pair) {
        (1, _) => LocateError::AllCoincident,
        (2, Some((first, second))) => LocateError::CoincidentSatellites { first, second },
        _ => LocateError::Collinear,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const KENOBI: Point = Point::new(-500.0, -200.0);
    const SKYWALKER: Point = Point::new(100.0, -100.0);
    const SATO: Point = Point::new(500.0, 100.0);

    fn ranges(d: [f64; 3]) -> [Range; 3] {
        [
            Range::new(KENOBI, d[0]),
            Range::new(SKYWALKER, d[1]),
            Range::new(SATO, d[2]),
        ]
    }

    fn exact(ship: Point) -> [f64; 3] {
        [
            ship.distance(KENOBI),
            ship.distance(SKYWALKER),
            ship.distance(SATO),
        ]
    }

    fn assert_near(p: Point, q: Point, eps: f64) {
        assert!(p.distance(q) <= eps, "{p:?} is not within {eps} of {q:?}");
    }

    #[test]
    fn unit_and_its_reciprocal_are_exact_powers_of_two() {
        let mut xs = vec![
            0.0,
            -1.0,
            f64::NAN,
            f64::INFINITY,
            f64::MIN_POSITIVE,
            5e-324,
            f64::MAX,
        ];
        let mut x = 1e-300;
        while x < 1e300 {
            xs.push(x);
            xs.push(x * 1.5);
            x *= 7.3;
        }
        for x in xs {
            let (unit, reciprocal) = power_of_two_at_least(x);
            assert_eq!(
                unit.to_bits() & ((1 << 52) - 1),
                0,
                "{x}: {unit} is a power of two"
            );
            assert_eq!(reciprocal, 1.0 / unit, "{x}");
            assert_eq!(unit * reciprocal, 1.0, "{x}");
            if x > 0.0 && x.is_finite() && x < 2f64.powi(1023) {
                assert!(
                    unit > x && unit <= 2.0 * x.max(f64::MIN_POSITIVE),
                    "{x} → {unit}"
                );
            }
        }
    }

    #[test]
    fn eigen_ratio_test_agrees_with_the_eigenvalues() {
        // Symmetric matrices [[a, b], [b, c]] over a grid of shapes, against the
        // square-root form, away from the boundary itself.
        let values: [f64; 8] = [1e-9, 1e-6, 1e-3, 0.1, 0.5, 1.0, 3.0, 1e3];
        for &a in &values {
            for &c in &values {
                for &b in &[0.0_f64, 1e-7, 1e-4, 0.3, 0.99] {
                    let b = b * (a * c).sqrt();
                    let t = 0.5 * (a + c);
                    let s = (0.5 * (a - c)).powi(2) + b * b;
                    let (big, small) = (t + s.sqrt(), t - s.sqrt());
                    for ratio in [1e-12_f64, 1e-6, 1e-3] {
                        let direct = small / big;
                        if (direct / ratio - 1.0).abs() > 1e-6 {
                            assert_eq!(
                                eigen_ratio_at_most(t, s, ratio),
                                direct <= ratio,
                                "a={a} b={b} c={c} ratio={ratio}"
                            );
                        }
                    }
                }
            }
        }
        assert!(eigen_ratio_at_most(1.0, f64::NAN, 1e-12));
    }

    #[test]
    fn exact_ranges_give_the_ship() {
        for ship in [
            Point::new(-100.0, 75.0),
            Point::new(300.0, -400.0),
            Point::new(-2000.0, 1500.0),
            KENOBI,
        ] {
            let fix = locate(&ranges(exact(ship)), DEFAULT_TOLERANCE).expect("fix");
            assert_near(fix.position, ship, 1e-9);
            assert!(fix.max_residual < 1e-9);
        }
    }

    #[test]
    fn inconsistent_ranges_are_rejected_with_the_worst_circle() {
        let err = locate(&ranges([100.0, 115.5, 142.7]), DEFAULT_TOLERANCE).unwrap_err();
        match err {
            LocateError::Rejected {
                residual,
                no_circles_meet,
                ..
            } => {
                assert!(no_circles_meet);
                assert!(residual.abs() > 100.0);
            }
            other => panic!("expected a rejection, got {other:?}"),
        }
    }

    #[test]
    fn geometry_errors() {
        let on_line = [
            Range::new(Point::new(0.0, 0.0), 5.0),
            Range::new(Point::new(10.0, 0.0), 5.0),
            Range::new(Point::new(20.0, 0.0), 15.0),
        ];
        assert_eq!(locate(&on_line, 0.1), Err(LocateError::Collinear));
        let twice = [
            Range::new(Point::new(0.0, 0.0), 5.0),
            Range::new(Point::new(0.0, 0.0), 5.0),
            Range::new(Point::new(20.0, 0.0), 15.0),
        ];
        assert_eq!(
            locate(&twice, 0.1),
            Err(LocateError::CoincidentSatellites {
                first: 0,
                second: 1
            })
        );
        let same = [Range::new(Point::new(1.0, 1.0), 5.0); 4];
        assert_eq!(locate(&same, 0.1), Err(LocateError::AllCoincident));
        assert_eq!(
            locate(&same[..1], 0.1),
            Err(LocateError::TooFewSatellites { count: 1 })
        );
    }

    #[test]
    fn nearly_collinear_satellites_report_both_mirror_images() {
        // Satellites 1e-3 off a line; a ship 40 units off it fits its mirror image
        // to within ~1e-4, far inside the tolerance.
        let sats = [
            Point::new(0.0, 0.0),
            Point::new(100.0, 0.001),
            Point::new(200.0, 0.0),
        ];
        let ship = Point::new(60.0, 40.0);
        let rs: Vec<Range> = sats
            .iter()
            .map(|s| Range::new(*s, ship.distance(*s)))
            .collect();
        match locate(&rs, 0.1) {
            Err(LocateError::Ambiguous { candidates }) => {
                let (a, b) = (candidates[0], candidates[1]);
                let near_ship = a.distance(ship).min(b.distance(ship));
                assert!(near_ship < 1e-3, "{candidates:?}");
                assert!((a.y + b.y).abs() < 0.1, "mirror images: {candidates:?}");
            }
            other => panic!("expected an ambiguity, got {other:?}"),
        }
    }

    #[test]
    fn two_satellites_give_candidates_not_a_position() {
        let ship = Point::new(-100.0, 75.0);
        let rs = [
            Range::new(KENOBI, ship.distance(KENOBI)),
            Range::new(SKYWALKER, ship.distance(SKYWALKER)),
        ];
        match locate(&rs, 0.1) {
            Err(LocateError::TwoSatellites { candidates }) => {
                assert_eq!(candidates.len(), 2);
                assert!(candidates.iter().any(|c| c.distance(ship) < 1e-9));
            }
            other => panic!("expected two candidates, got {other:?}"),
        }
    }

    #[test]
    fn accepted_fix_has_a_covariance_from_the_fit() {
        let mut d = exact(Point::new(0.0, 0.0));
        d[0] += 0.05;
        let rs = ranges(d);
        let fix = locate(&rs, DEFAULT_TOLERANCE).expect("within tolerance");
        let worst = rs
            .iter()
            .map(|r| r.residual(fix.position).abs())
            .fold(0.0, f64::max);
        assert!((fix.max_residual - worst).abs() < 1e-12);
        assert!(fix.max_residual > 0.01 && fix.rms_residual <= fix.max_residual);
        let e = fix.covariance.ellipse();
        assert!(e.major > 0.0 && e.major.is_finite());
        assert!(fix.geometry.xx > 0.0 && fix.geometry.yy > 0.0);
    }

    #[test]
    fn tiny_constellation_with_a_huge_range_is_out_of_range() {
        // Found by the property test: finite in normalised units, infinite in world units.
        let rs = [
            Range::new(Point::new(0.0, 0.0), 6.503495928736405e299),
            Range::new(Point::new(-4.407704413223036e287, 0.0), 0.0),
            Range::new(Point::new(0.0, -1.025793086301814e288), 0.0),
        ];
        match locate(&rs, 0.0) {
            Err(LocateError::OutOfRange) => {}
            Err(LocateError::Rejected {
                best_fit, residual, ..
            }) => assert!(best_fit.is_finite() && residual.is_finite()),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn hostile_numbers_never_give_nan() {
        for d in [f64::NAN, f64::INFINITY, f64::NEG_INFINITY, -1.0, -1e-300] {
            assert!(matches!(
                locate(&ranges([d, 1.0, 1.0]), 0.1),
                Err(LocateError::InvalidDistance { satellite: 0, .. })
            ));
        }
        for r in [
            locate(&ranges([1e300, 1e300, 1e300]), 0.1),
            locate(&ranges([1e300, 0.0, 5.0]), 0.1),
            locate(&ranges([f64::MAX, f64::MAX, 0.0]), 0.1),
        ] {
            match r {
                Ok(fix) => assert!(fix.position.is_finite()),
                Err(LocateError::Rejected { best_fit, .. }) => assert!(best_fit.is_finite()),
                Err(_) => {}
            }
        }
    }
}
