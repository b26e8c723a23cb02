//! Plane geometry for trilateration: points, range circles and 2 × 2 covariances.

use std::ops::{Add, Mul, Sub};

use serde::{Deserialize, Serialize};

/// A point (or a displacement) in the plane, in the problem's distance units.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Point {
    /// Horizontal coordinate.
    pub x: f64,
    /// Vertical coordinate.
    pub y: f64,
}

impl Point {
    /// The origin.
    pub const ZERO: Point = Point { x: 0.0, y: 0.0 };

    /// A point from its coordinates.
    pub const fn new(x: f64, y: f64) -> Point {
        Point { x, y }
    }

    /// Euclidean length of the vector from the origin to this point.
    pub fn length(self) -> f64 {
        self.x.hypot(self.y)
    }

    /// Squared length, `x² + y²` (no overflow guard: for normalised coordinates).
    pub fn length_squared(self) -> f64 {
        self.dot(self)
    }

    /// Euclidean distance to `other`.
    pub fn distance(self, other: Point) -> f64 {
        (self - other).length()
    }

    /// Dot product, treating both points as vectors.
    pub fn dot(self, other: Point) -> f64 {
        self.x * other.x + self.y * other.y
    }

    /// Both coordinates are finite (neither NaN nor infinite).
    pub fn is_finite(self) -> bool {
        self.x.is_finite() && self.y.is_finite()
    }
}

impl Add for Point {
    type Output = Point;
    fn add(self, rhs: Point) -> Point {
        Point::new(self.x + rhs.x, self.y + rhs.y)
    }
}

impl Sub for Point {
    type Output = Point;
    fn sub(self, rhs: Point) -> Point {
        Point::new(self.x - rhs.x, self.y - rhs.y)
    }
}

impl Mul<f64> for Point {
    type Output = Point;
    fn mul(self, rhs: f64) -> Point {
        Point::new(self.x * rhs, self.y * rhs)
    }
}

/// A satellite's measurement: the ship lies on the circle of radius `distance` around `centre`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Range {
    /// Where the satellite is.
    pub centre: Point,
    /// The distance it measured to the ship.
    pub distance: f64,
}

impl Range {
    /// A measurement of `distance` from a satellite at `centre`.
    pub const fn new(centre: Point, distance: f64) -> Range {
        Range { centre, distance }
    }

    /// Range residual at `p`: how far `p` lies outside (positive) or inside (negative) the circle.
    pub fn residual(self, p: Point) -> f64 {
        p.distance(self.centre) - self.distance
    }
}

/// A symmetric 2 × 2 matrix `[[xx, xy], [xy, yy]]`, used as a position covariance.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Covariance {
    /// Variance along x.
    pub xx: f64,
    /// Covariance of x and y.
    pub xy: f64,
    /// Variance along y.
    pub yy: f64,
}

/// The 1-σ uncertainty ellipse of a covariance.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Ellipse {
    /// Semi-axis along `axis`.
    pub major: f64,
    /// Semi-axis perpendicular to `axis`.
    pub minor: f64,
    /// Unit vector along the major axis (`(1, 0)` for a circle).
    pub axis: Point,
}

impl Covariance {
    /// The determinant, or `None` when the matrix is singular or not finite.
    pub fn regular_determinant(self) -> Option<f64> {
        let det = self.xx * self.yy - self.xy * self.xy;
        let scale = self.xx.abs().max(self.yy.abs());
        // A determinant this small against the entries means the rows are parallel
        // to working precision: the inverse would be noise.
        (det.is_finite() && det > scale * scale * 1e-14).then_some(det)
    }

    /// `vᵀ adj(A) v`, which is `det(A) · vᵀ A⁻¹ v` without a division.
    pub fn adjugate_form(self, v: Point) -> f64 {
        v.x * (self.yy * v.x - self.xy * v.y) + v.y * (self.xx * v.y - self.xy * v.x)
    }

    /// Inverse of the symmetric matrix, or `None` when it is singular or not finite.
    pub fn inverse(self) -> Option<Covariance> {
        let det = self.regular_determinant()?;
        // One division, three multiplications: this sits in the solver's inner loop.
        let inv = 1.0 / det;
        Some(Covariance {
            xx: self.yy * inv,
            xy: -self.xy * inv,
            yy: self.xx * inv,
        })
    }

    /// Eigenvalues, largest first, and the unit eigenvector of the first.
    ///
    /// No trigonometry: the eigenvector comes from whichever row of `A − λI` is the
    /// better conditioned, which keeps `sin`/`cos`/`atan2` out of the WebAssembly.
    pub fn eigen(self) -> (f64, f64, Point) {
        let half_trace = 0.5 * (self.xx + self.yy);
        let half_diff = 0.5 * (self.xx - self.yy);
        let root = half_diff.hypot(self.xy);
        let v = if half_diff >= 0.0 {
            Point::new(half_diff + root, self.xy)
        } else {
            Point::new(self.xy, root - half_diff)
        };
        let length = v.length();
        let axis = if length > 0.0 && length.is_finite() {
            v * (1.0 / length)
        } else {
            Point::new(1.0, 0.0)
        };
        (half_trace + root, half_trace - root, axis)
    }

    /// The covariance multiplied by `factor`.
    pub fn scaled(self, factor: f64) -> Covariance {
        Covariance {
            xx: self.xx * factor,
            xy: self.xy * factor,
            yy: self.yy * factor,
        }
    }

    /// The 1-σ ellipse: semi-axes are the square roots of the eigenvalues.
    pub fn ellipse(self) -> Ellipse {
        let (big, small, axis) = self.eigen();
        Ellipse {
            major: big.max(0.0).sqrt(),
            minor: small.max(0.0).sqrt(),
            axis,
        }
    }

    /// Standard deviation of the position along x and along y.
    pub fn sigmas(self) -> Point {
        Point::new(self.xx.max(0.0).sqrt(), self.yy.max(0.0).sqrt())
    }
}

/// Where two range circles cross: none, one (tangent) or two points.
pub fn circle_intersections(a: Range, b: Range) -> Vec<Point> {
    let d = a.centre.distance(b.centre);
    if d.is_nan() || d <= 0.0 || !d.is_finite() {
        return Vec::new();
    }
    let (ra, rb) = (a.distance, b.distance);
    // Relative slack so that circles that touch up to rounding still count as tangent.
    let slack = 1e-12 * (d + ra + rb);
    if d > ra + rb + slack || d < (ra - rb).abs() - slack {
        return Vec::new();
    }
    // Distance from a's centre, along the centre line, to the chord through the crossings.
    let along = (d * d + ra * ra - rb * rb) / (2.0 * d);
    let half_chord_sq = ra * ra - along * along;
    let unit = (b.centre - a.centre) * (1.0 / d);
    let foot = a.centre + unit * along;
    if half_chord_sq <= (slack * ra).max(0.0) {
        return vec![foot];
    }
    let h = half_chord_sq.sqrt();
    let normal = Point::new(-unit.y, unit.x);
    vec![foot + normal * h, foot - normal * h]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64, eps: f64) -> bool {
        (a - b).abs() <= eps
    }

    #[test]
    fn two_circles_cross_at_two_points() {
        let a = Range::new(Point::new(0.0, 0.0), 5.0);
        let b = Range::new(Point::new(8.0, 0.0), 5.0);
        let mut pts = circle_intersections(a, b);
        pts.sort_by(|p, q| p.y.total_cmp(&q.y));
        assert_eq!(pts.len(), 2);
        assert!(close(pts[0].x, 4.0, 1e-12) && close(pts[0].y, -3.0, 1e-12));
        assert!(close(pts[1].x, 4.0, 1e-12) && close(pts[1].y, 3.0, 1e-12));
    }

    #[test]
    fn tangent_and_disjoint_circles() {
        let a = Range::new(Point::new(0.0, 0.0), 1.0);
        let touching = Range::new(Point::new(2.0, 0.0), 1.0);
        assert_eq!(
            circle_intersections(a, touching),
            vec![Point::new(1.0, 0.0)]
        );
        let apart = Range::new(Point::new(3.0, 0.0), 1.0);
        assert!(circle_intersections(a, apart).is_empty());
        let inside = Range::new(Point::new(0.1, 0.0), 0.2);
        assert!(circle_intersections(a, inside).is_empty());
        assert!(circle_intersections(a, a).is_empty());
    }

    #[test]
    fn ellipse_of_a_rotated_covariance() {
        // Variance 4 along the diagonal direction, 1 across it.
        let c = Covariance {
            xx: 2.5,
            xy: 1.5,
            yy: 2.5,
        };
        let e = c.ellipse();
        assert!(close(e.major, 2.0, 1e-12));
        assert!(close(e.minor, 1.0, 1e-12));
        let diagonal = std::f64::consts::FRAC_1_SQRT_2;
        assert!(close(e.axis.x, diagonal, 1e-12) && close(e.axis.y, diagonal, 1e-12));
        // Major axis along y, along x, and a circle.
        let tall = Covariance {
            xx: 1.0,
            xy: 0.0,
            yy: 9.0,
        }
        .ellipse();
        assert_eq!(
            (tall.major, tall.minor, tall.axis),
            (3.0, 1.0, Point::new(0.0, 1.0))
        );
        let wide = Covariance {
            xx: 9.0,
            xy: 0.0,
            yy: 1.0,
        }
        .ellipse();
        assert_eq!(wide.axis, Point::new(1.0, 0.0));
        let round = Covariance {
            xx: 4.0,
            xy: 0.0,
            yy: 4.0,
        }
        .ellipse();
        assert_eq!(
            (round.major, round.minor, round.axis),
            (2.0, 2.0, Point::new(1.0, 0.0))
        );
        // Anti-diagonal: variance 4 along (1, -1).
        let anti = Covariance {
            xx: 2.5,
            xy: -1.5,
            yy: 2.5,
        }
        .ellipse();
        assert!(close(anti.axis.x * anti.axis.y, -0.5, 1e-12));
        let inv = c.inverse().expect("regular");
        assert!(close(inv.xx * c.xx + inv.xy * c.xy, 1.0, 1e-12));
        assert!(Covariance::default().inverse().is_none());
    }
}
