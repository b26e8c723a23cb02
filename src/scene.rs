//! What the plot shows, in data coordinates, and the view that frames it.
//!
//! Built from a model and its decoding; drawn by `app::plot`. Pure Rust so the framing
//! rules (equal aspect, fit to content) are tested on the host.

use crate::decode::{DecodeError, Decoded, Ellipse, LocateError, Point};
use crate::form::Model;

/// A satellite marker.
#[derive(Clone, Debug, PartialEq)]
pub struct Marker {
    /// Label.
    pub name: String,
    /// Where it is.
    pub position: Point,
    /// Its range circle's radius, when it reported.
    pub range: Option<f64>,
}

/// The outcome of the location, as drawn.
#[derive(Clone, Debug, PartialEq)]
pub enum Mark {
    /// An accepted fix with its 1-σ ellipse.
    Fix {
        /// The position.
        position: Point,
        /// Its uncertainty.
        ellipse: Ellipse,
    },
    /// The best fit of a rejected location.
    Rejected {
        /// The least-squares point.
        best_fit: Point,
    },
    /// Candidate points (two satellites, or an ambiguity).
    Candidates(Vec<Point>),
    /// Nothing to mark.
    Nothing,
}

/// Everything the plot draws.
#[derive(Clone, Debug, PartialEq)]
pub struct Scene {
    /// Satellites and their circles.
    pub satellites: Vec<Marker>,
    /// The fix, the rejected best fit or candidates.
    pub mark: Mark,
    /// Where the ship really is, when the page knows (the test-vector generator).
    pub truth: Option<Point>,
}

impl Scene {
    /// The scene for a model and what was decoded from it.
    pub fn new(model: &Model, decoded: &Decoded) -> Scene {
        let satellites = model
            .constellation
            .satellites
            .iter()
            .zip(&model.reports)
            .map(|(s, r)| Marker {
                name: s.name.clone(),
                position: s.position,
                range: r.as_ref().map(|r| r.distance),
            })
            .collect();
        let mark = match &decoded.location {
            Ok(fix) => Mark::Fix {
                position: fix.position,
                ellipse: fix.covariance.ellipse(),
            },
            Err(DecodeError::Location { error, .. }) => match error {
                LocateError::Rejected { best_fit, .. } => Mark::Rejected {
                    best_fit: *best_fit,
                },
                LocateError::TwoSatellites { candidates } => Mark::Candidates(candidates.clone()),
                LocateError::Ambiguous { candidates } => Mark::Candidates(candidates.to_vec()),
                _ => Mark::Nothing,
            },
            Err(DecodeError::Message { .. }) => Mark::Nothing,
        };
        Scene {
            satellites,
            mark,
            truth: None,
        }
    }

    /// The same scene, also showing the ship's true position.
    pub fn with_truth(self, truth: Option<Point>) -> Scene {
        Scene { truth, ..self }
    }

    /// The points the view must show.
    fn key_points(&self) -> Vec<Point> {
        let mut points: Vec<Point> = self.satellites.iter().map(|m| m.position).collect();
        match &self.mark {
            Mark::Fix { position, .. } => points.push(*position),
            Mark::Rejected { best_fit } => points.push(*best_fit),
            Mark::Candidates(c) => points.extend(c.iter().copied()),
            Mark::Nothing => {}
        }
        points.extend(self.truth);
        points.retain(|p| p.is_finite());
        points
    }
}

/// A rectangle of data coordinates.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Frame {
    /// Left edge.
    pub x_min: f64,
    /// Right edge.
    pub x_max: f64,
    /// Bottom edge.
    pub y_min: f64,
    /// Top edge.
    pub y_max: f64,
}

impl Frame {
    /// Width in data units.
    pub fn width(&self) -> f64 {
        self.x_max - self.x_min
    }

    /// Height in data units.
    pub fn height(&self) -> f64 {
        self.y_max - self.y_min
    }

    /// Centre of the frame.
    pub fn centre(&self) -> Point {
        Point::new(
            0.5 * (self.x_min + self.x_max),
            0.5 * (self.y_min + self.y_max),
        )
    }

    /// The frame around `scene`'s points and circles, grown to the aspect of a
    /// `width` × `height` pixel area so that one data unit is as long on both axes.
    pub fn fit(scene: &Scene, width: f64, height: f64) -> Frame {
        let points = scene.key_points();
        let (mut lo, mut hi) = bounds(points.iter().copied())
            .unwrap_or((Point::new(-1.0, -1.0), Point::new(1.0, 1.0)));
        // Circles count, but a huge one (a typo like 1e9) must not shrink everything
        // else to a dot: each contributes at most a few times the points' own extent.
        let extent = (hi - lo).length().max(1.0);
        for m in &scene.satellites {
            if let Some(r) = m.range {
                let r = r.min(2.0 * extent);
                lo = Point::new(lo.x.min(m.position.x - r), lo.y.min(m.position.y - r));
                hi = Point::new(hi.x.max(m.position.x + r), hi.y.max(m.position.y + r));
            }
        }
        let centre = (lo + hi) * 0.5;
        let margin = 1.08;
        let w = ((hi.x - lo.x) * margin).max(1e-9);
        let h = ((hi.y - lo.y) * margin).max(1e-9);
        Frame::around(centre, w, h, width, height)
    }

    /// The smallest frame centred at `centre` holding `w` × `h` at the pixel aspect.
    pub fn around(centre: Point, w: f64, h: f64, width: f64, height: f64) -> Frame {
        let aspect = if width > 0.0 && height > 0.0 {
            width / height
        } else {
            1.0
        };
        let (w, h) = if w / h > aspect {
            (w, w / aspect)
        } else {
            (h * aspect, h)
        };
        Frame {
            x_min: centre.x - w / 2.0,
            x_max: centre.x + w / 2.0,
            y_min: centre.y - h / 2.0,
            y_max: centre.y + h / 2.0,
        }
    }

    /// The frame zoomed by `factor` (< 1 zooms in) keeping `anchor` at the same place.
    pub fn zoom(&self, anchor: Point, factor: f64) -> Frame {
        let f = factor.clamp(1e-3, 1e3);
        Frame {
            x_min: anchor.x + (self.x_min - anchor.x) * f,
            x_max: anchor.x + (self.x_max - anchor.x) * f,
            y_min: anchor.y + (self.y_min - anchor.y) * f,
            y_max: anchor.y + (self.y_max - anchor.y) * f,
        }
    }

    /// What a key pressed on the plot does to this view: `Some(Some(frame))` a new
    /// view, `Some(None)` back to fitting the content, `None` not a plot key.
    /// `+`/`-` zoom about the centre, arrows pan by a tenth of the view, `0` resets.
    pub fn after_key(&self, key: &str) -> Option<Option<Frame>> {
        let centre = Point::new(
            0.5 * (self.x_min + self.x_max),
            0.5 * (self.y_min + self.y_max),
        );
        let (dx, dy) = (
            0.1 * (self.x_max - self.x_min),
            0.1 * (self.y_max - self.y_min),
        );
        let frame = match key {
            "+" | "=" => self.zoom(centre, 0.8),
            "-" | "_" => self.zoom(centre, 1.25),
            "ArrowLeft" => self.pan(Point::new(-dx, 0.0)),
            "ArrowRight" => self.pan(Point::new(dx, 0.0)),
            "ArrowUp" => self.pan(Point::new(0.0, dy)),
            "ArrowDown" => self.pan(Point::new(0.0, -dy)),
            "0" | "Home" => return Some(None),
            _ => return None,
        };
        Some(Some(frame))
    }

    /// The zoom factor for a wheel turn of `delta_y` pixels (positive zooms out).
    ///
    /// A Padé approximation of `exp(0.0015·Δ)`: it keeps `factor(−Δ) = 1/factor(Δ)`, so
    /// a wheel turned back and forth returns to the same view, without linking `exp`.
    pub fn wheel_factor(delta_y: f64) -> f64 {
        let x = (delta_y * 0.0015).clamp(-1.0, 1.0);
        if x.is_nan() {
            return 1.0;
        }
        (1.0 + 0.5 * x) / (1.0 - 0.5 * x)
    }

    /// The frame moved by `delta` data units.
    pub fn pan(&self, delta: Point) -> Frame {
        Frame {
            x_min: self.x_min + delta.x,
            x_max: self.x_max + delta.x,
            y_min: self.y_min + delta.y,
            y_max: self.y_max + delta.y,
        }
    }
}

/// Where the plotting area sits on the canvas and which frame it shows.
///
/// Pixel values are CSS pixels; the plot multiplies them by the device pixel ratio.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Viewport {
    /// The data rectangle shown.
    pub frame: Frame,
    /// Canvas width in CSS pixels.
    pub width: f64,
    /// Canvas height in CSS pixels.
    pub height: f64,
}

impl Viewport {
    /// Blank space around the chart, CSS pixels.
    pub const MARGIN: f64 = 10.0;
    /// Height of the x-axis label strip.
    pub const BOTTOM_AXIS: f64 = 26.0;
    /// Width of the y-axis label strip.
    pub const LEFT_AXIS: f64 = 52.0;

    /// Left, top, width and height of the plotting area, CSS pixels.
    pub fn area(width: f64, height: f64) -> (f64, f64, f64, f64) {
        let left = Self::MARGIN + Self::LEFT_AXIS;
        let top = Self::MARGIN;
        let w = (width - left - Self::MARGIN).max(1.0);
        let h = (height - top - Self::MARGIN - Self::BOTTOM_AXIS).max(1.0);
        (left, top, w, h)
    }

    /// A viewport of a `width` × `height` canvas showing `frame` (or the scene's fit
    /// when `frame` is `None`), reshaped to equal aspect.
    pub fn new(scene: &Scene, frame: Option<Frame>, width: f64, height: f64) -> Viewport {
        let (_, _, w, h) = Viewport::area(width, height);
        let frame = match frame {
            None => Frame::fit(scene, w, h),
            Some(f) => {
                // Keep the user's scale (data units per pixel) when the canvas resizes.
                let scale = (f.width() / w).max(f.height() / h);
                Frame::around(f.centre(), scale * w, scale * h, w, h)
            }
        };
        Viewport {
            frame,
            width,
            height,
        }
    }

    /// The data point under CSS pixel `(px, py)` of the canvas.
    pub fn to_data(&self, px: f64, py: f64) -> Point {
        let (left, top, w, h) = Viewport::area(self.width, self.height);
        let f = self.frame;
        Point::new(
            f.x_min + (px - left) / w * f.width(),
            f.y_max - (py - top) / h * f.height(),
        )
    }

    /// The CSS pixel of the canvas where data point `p` is drawn.
    pub fn to_pixel(&self, p: Point) -> (f64, f64) {
        let (left, top, w, h) = Viewport::area(self.width, self.height);
        let f = self.frame;
        (
            left + (p.x - f.x_min) / f.width() * w,
            top + (f.y_max - p.y) / f.height() * h,
        )
    }

    /// Data units per CSS pixel.
    pub fn units_per_pixel(&self) -> f64 {
        let (_, _, w, _) = Viewport::area(self.width, self.height);
        self.frame.width() / w
    }

    /// The view after a two-finger gesture that moved the fingers from `before` to
    /// `after` (CSS pixels): the data point under the fingers' old midpoint follows
    /// them to their new midpoint, and the scale follows their spread. `None` when
    /// the fingers are (nearly) on top of each other, where the spread means nothing.
    pub fn pinch(&self, before: [(f64, f64); 2], after: [(f64, f64); 2]) -> Option<Frame> {
        let spread = |[a, b]: [(f64, f64); 2]| (a.0 - b.0).hypot(a.1 - b.1);
        let middle = |[a, b]: [(f64, f64); 2]| (0.5 * (a.0 + b.0), 0.5 * (a.1 + b.1));
        let (from, to) = (spread(before), spread(after));
        if !(from > 1.0 && to > 1.0) {
            return None;
        }
        let ((x0, y0), (x1, y1)) = (middle(before), middle(after));
        let factor = (from / to).clamp(1e-3, 1e3);
        let zoomed = self.frame.zoom(self.to_data(x0, y0), factor);
        // Zooming kept that point at pixel (x0, y0); slide it to (x1, y1).
        let k = self.units_per_pixel() * factor;
        Some(zoomed.pan(Point::new(-(x1 - x0) * k, (y1 - y0) * k)))
    }
}

fn bounds(points: impl Iterator<Item = Point>) -> Option<(Point, Point)> {
    points.fold(None, |acc, p| match acc {
        None => Some((p, p)),
        Some((lo, hi)) => Some((
            Point::new(lo.x.min(p.x), lo.y.min(p.y)),
            Point::new(hi.x.max(p.x), hi.y.max(p.y)),
        )),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::decode::decode;

    #[test]
    fn the_true_position_is_kept_in_view() {
        let far = Point::new(5000.0, 5000.0);
        let scene = default_scene().with_truth(Some(far));
        let f = Frame::fit(&scene, 600.0, 400.0);
        assert!(f.x_max >= far.x && f.y_max >= far.y, "{f:?}");
        let without = Frame::fit(&default_scene(), 600.0, 400.0);
        assert!(without.x_max < far.x);
    }

    #[test]
    fn keys_zoom_pan_and_reset_the_view() {
        let f = Frame {
            x_min: -100.0,
            x_max: 100.0,
            y_min: -50.0,
            y_max: 50.0,
        };
        let zoomed = f.after_key("+").flatten().expect("zoom");
        assert_eq!(
            (zoomed.x_min, zoomed.x_max, zoomed.y_max),
            (-80.0, 80.0, 40.0)
        );
        let back = zoomed.after_key("-").flatten().expect("zoom");
        assert!((back.x_max - 100.0).abs() < 1e-9);
        let right = f.after_key("ArrowRight").flatten().expect("pan");
        assert_eq!(
            (right.x_min, right.x_max, right.y_min),
            (-80.0, 120.0, -50.0)
        );
        let up = f.after_key("ArrowUp").flatten().expect("pan");
        assert_eq!((up.y_min, up.y_max), (-40.0, 60.0));
        assert_eq!(f.after_key("0"), Some(None));
        assert_eq!(f.after_key("a"), None);
        assert_eq!(f.after_key("Tab"), None);
    }

    #[test]
    fn wheel_factor_is_symmetric_and_bounded() {
        assert_eq!(Frame::wheel_factor(0.0), 1.0);
        assert_eq!(Frame::wheel_factor(f64::NAN), 1.0);
        for d in [1.0, 53.0, 100.0, 400.0, 1e9] {
            let (out, back) = (Frame::wheel_factor(d), Frame::wheel_factor(-d));
            assert!(out > 1.0 && back < 1.0);
            assert!((out * back - 1.0).abs() < 1e-12);
            assert!(out <= 3.0);
        }
        // Close to exp for the usual 100-pixel notch.
        assert!((Frame::wheel_factor(100.0) - 0.15_f64.exp()).abs() < 1e-3);
    }

    fn default_scene() -> Scene {
        let model = Model::default();
        let decoded = decode(&model.constellation, &model.reports, model.tolerance);
        Scene::new(&model, &decoded)
    }

    #[test]
    fn default_scene_has_a_fix_and_three_circles() {
        let scene = default_scene();
        assert_eq!(scene.satellites.len(), 3);
        assert!(scene.satellites.iter().all(|m| m.range.is_some()));
        match scene.mark {
            Mark::Fix { position, .. } => {
                assert!(position.distance(Point::new(-100.0, 75.0)) < 1e-6)
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn frame_holds_everything_at_equal_aspect() {
        let scene = default_scene();
        let f = Frame::fit(&scene, 800.0, 400.0);
        assert!((f.width() / f.height() - 2.0).abs() < 1e-9);
        for m in &scene.satellites {
            let r = m.range.unwrap_or(0.0);
            assert!(f.x_min <= m.position.x - r && m.position.x + r <= f.x_max);
            assert!(f.y_min <= m.position.y - r && m.position.y + r <= f.y_max);
        }
    }

    #[test]
    fn viewport_maps_pixels_to_data_and_back_to_the_fit() {
        let scene = default_scene();
        let v = Viewport::new(&scene, None, 640.0, 480.0);
        let (left, top, w, h) = Viewport::area(640.0, 480.0);
        let corner = v.to_data(left, top);
        assert!((corner.x - v.frame.x_min).abs() < 1e-9);
        assert!((corner.y - v.frame.y_max).abs() < 1e-9);
        let p = Point::new(-100.0, 75.0);
        let (px, py) = v.to_pixel(p);
        assert!(v.to_data(px, py).distance(p) < 1e-9);
        let far = v.to_data(left + w, top + h);
        assert!((far.x - v.frame.x_max).abs() < 1e-9);
        assert!((far.y - v.frame.y_min).abs() < 1e-9);
        // A user frame keeps its scale when the canvas gets wider.
        let zoomed = v.frame.zoom(v.frame.centre(), 0.5);
        let wider = Viewport::new(&scene, Some(zoomed), 960.0, 480.0);
        assert!((wider.units_per_pixel() - v.units_per_pixel() * 0.5).abs() < 1e-9);
    }

    #[test]
    fn pinching_follows_the_fingers() {
        let scene = default_scene();
        let (width, height) = (400.0, 300.0);
        let (left, top, w, h) = Viewport::area(width, height);
        let start = Frame::around(Point::ZERO, 100.0, 100.0, w, h);
        let vp = Viewport::new(&scene, Some(start), width, height);
        let (a, b) = ((left + 40.0, top + 50.0), (left + 120.0, top + 110.0));
        let under = vp.to_data(0.5 * (a.0 + b.0), 0.5 * (a.1 + b.1));
        // Fingers spread to twice the distance and move 30 px right, 10 px up.
        let shift = |p: (f64, f64), k: f64, c: (f64, f64)| {
            (c.0 + (p.0 - c.0) * k + 30.0, c.1 + (p.1 - c.1) * k - 10.0)
        };
        let c = (0.5 * (a.0 + b.0), 0.5 * (a.1 + b.1));
        let after = [shift(a, 2.0, c), shift(b, 2.0, c)];
        let frame = vp.pinch([a, b], after).expect("a pinch");
        let next = Viewport::new(&scene, Some(frame), width, height);
        assert!((next.units_per_pixel() - 0.5 * vp.units_per_pixel()).abs() < 1e-12);
        let moved = next.to_data(c.0 + 30.0, c.1 - 10.0);
        assert!((moved - under).length() < 1e-9, "{moved:?} vs {under:?}");
        // Each finger keeps its own data point too.
        for (p0, p1) in [(a, after[0]), (b, after[1])] {
            let d = (next.to_data(p1.0, p1.1) - vp.to_data(p0.0, p0.1)).length();
            assert!(d < 1e-9, "{d}");
        }
        assert!(w > 0.0 && h > 0.0);
        assert_eq!(vp.pinch([a, a], after), None);
        assert_eq!(vp.pinch([a, b], [a, (a.0 + 0.5, a.1)]), None);
    }

    #[test]
    fn zoom_keeps_the_anchor_and_pan_moves() {
        let f = Frame::around(Point::ZERO, 10.0, 10.0, 100.0, 100.0);
        let anchor = Point::new(2.0, 3.0);
        let z = f.zoom(anchor, 0.5);
        assert!((z.width() - 5.0).abs() < 1e-12);
        // The anchor sits at the same fraction of the frame before and after.
        let frac = |f: &Frame| {
            (
                (anchor.x - f.x_min) / f.width(),
                (anchor.y - f.y_min) / f.height(),
            )
        };
        let (a, b) = (frac(&f), frac(&z));
        assert!((a.0 - b.0).abs() < 1e-12 && (a.1 - b.1).abs() < 1e-12);
        let p = f.pan(Point::new(1.0, -1.0));
        assert_eq!((p.x_min, p.y_max), (f.x_min + 1.0, f.y_max - 1.0));
    }
}
