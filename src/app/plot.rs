//! Drawing a [`Scene`] on a `<canvas>` with plotters: `(canvas, scene, view) -> Result`.
//!
//! Range circles are paths in data coordinates (plotters' `Circle` radius is in
//! pixels), and the [`Viewport`] keeps one data unit equally long on both axes.
//! Sizes are multiplied by the device pixel ratio because the canvas backing store is
//! CSS size × `devicePixelRatio` for sharp output.

use plotters::prelude::*;
use web_sys::HtmlCanvasElement;

use super::canvas::MeasuredCanvas;

use crate::decode::{Ellipse, Point};
use crate::scene::{Mark, Scene, Viewport};

/// Why the plot could not be drawn.
#[derive(Debug)]
pub struct PlotError(pub String);

impl std::fmt::Display for PlotError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "the plot could not be drawn: {}", self.0)
    }
}

impl<E: std::error::Error + Send + Sync> From<DrawingAreaErrorKind<E>> for PlotError {
    fn from(e: DrawingAreaErrorKind<E>) -> PlotError {
        PlotError(e.to_string())
    }
}

/// Colours of the satellites' circles, in turn.
const PALETTE: [RGBColor; 6] = [
    RGBColor(37, 99, 235),
    RGBColor(13, 148, 136),
    RGBColor(147, 51, 234),
    RGBColor(219, 39, 119),
    RGBColor(202, 138, 4),
    RGBColor(71, 85, 105),
];
const INK: RGBColor = RGBColor(15, 23, 42);
const GRID: RGBColor = RGBColor(226, 232, 240);
const FIX: RGBColor = RGBColor(22, 163, 74);
const WARNING: RGBColor = RGBColor(234, 88, 12);

/// Labels shown on the plot, in the page's language.
pub struct Legend<'a> {
    /// Next to the fix.
    pub fix: &'a str,
    /// Next to a rejected best fit.
    pub best_fit: &'a str,
    /// Next to candidate points.
    pub candidate: &'a str,
    /// Next to the ship's true position.
    pub truth: &'a str,
}

/// Draw `scene` in `viewport` on `canvas`, whose backing store is `dpr` times its CSS size.
pub fn draw(
    canvas: &HtmlCanvasElement,
    scene: &Scene,
    viewport: &Viewport,
    dpr: f64,
    legend: &Legend,
) -> Result<(), PlotError> {
    let backend = MeasuredCanvas::new(canvas).ok_or_else(|| PlotError("no 2d context".into()))?;
    let root = backend.into_drawing_area();
    root.fill(&WHITE)?;
    let s = |v: f64| (v * dpr).round().max(1.0) as u32;
    let f = viewport.frame;
    let mut chart = ChartBuilder::on(&root)
        .margin_top(s(Viewport::MARGIN))
        .margin_right(s(Viewport::MARGIN))
        .margin_left(s(Viewport::MARGIN))
        .margin_bottom(s(Viewport::MARGIN))
        .x_label_area_size(s(Viewport::BOTTOM_AXIS))
        .y_label_area_size(s(Viewport::LEFT_AXIS))
        .build_cartesian_2d(f.x_min..f.x_max, f.y_min..f.y_max)?;
    let label_font = ("sans-serif", 12.0 * dpr).into_font().color(&INK.mix(0.75));
    chart
        .configure_mesh()
        .x_labels(7)
        .y_labels(7)
        .label_style(label_font.clone())
        .bold_line_style(GRID.stroke_width(s(1.0)))
        .light_line_style(GRID.mix(0.4).stroke_width(s(0.5)))
        .axis_style(INK.mix(0.5).stroke_width(s(1.0)))
        .x_label_formatter(&|v| format_tick(*v))
        .y_label_formatter(&|v| format_tick(*v))
        .draw()?;

    for (i, m) in scene.satellites.iter().enumerate() {
        if let Some(r) = m.range {
            let colour = PALETTE[i % PALETTE.len()];
            chart.draw_series(std::iter::once(PathElement::new(
                circle_path(m.position, r, r, Point::new(1.0, 0.0)),
                colour.mix(0.85).stroke_width(s(1.75)),
            )))?;
        }
    }

    // Satellites first, then the fix or best fit on top: its label box must stay legible.
    let name_font = ("sans-serif", 13.0 * dpr).into_font().color(&INK);
    for (i, m) in scene.satellites.iter().enumerate() {
        let colour = PALETTE[i % PALETTE.len()];
        let size = (5.0 * dpr) as i32;
        let triangle = vec![(0, -size), (size, size * 3 / 4), (-size, size * 3 / 4)];
        chart.draw_series(std::iter::once(
            EmptyElement::at((m.position.x, m.position.y))
                + Polygon::new(triangle, colour.filled())
                + Text::new(
                    m.name.clone(),
                    (size + 3, -size - (13.0 * dpr) as i32),
                    name_font.clone(),
                ),
        ))?;
    }
    let mut obstacles = satellite_obstacles(&chart, scene, &name_font, dpr);
    let mark_font = ("sans-serif", 13.0 * dpr).into_font();
    if let Mark::Fix { position, ellipse } = &scene.mark {
        draw_ellipse(&mut chart, *position, ellipse, s(1.5))?;
    }
    // One pin per marked point: a filled fix, or warning rings for a rejected best fit
    // and for candidates.
    let (points, colour, name, solid): (&[Point], _, _, _) = match &scene.mark {
        Mark::Fix { position, .. } => (std::slice::from_ref(position), FIX, legend.fix, true),
        Mark::Rejected { best_fit } => (
            std::slice::from_ref(best_fit),
            WARNING,
            legend.best_fit,
            false,
        ),
        Mark::Candidates(points) => (points, WARNING, legend.candidate, false),
        Mark::Nothing => (&[], WARNING, "", false),
    };
    for p in points {
        let label = format!("{name} ({:.2}, {:.2})", p.x, p.y);
        let pin = Pin {
            at: *p,
            colour,
            label: &label,
            solid,
        };
        let label_box = point_marker(&mut chart, pin, &mark_font, dpr, &obstacles)?;
        obstacles.push(label_box);
    }
    // The generator's true position, in ink, its label clear of the fix's.
    if let Some(p) = scene.truth.filter(|p| p.is_finite()) {
        let label = format!("{} ({:.2}, {:.2})", legend.truth, p.x, p.y);
        let pin = Pin {
            at: p,
            colour: INK,
            label: &label,
            solid: false,
        };
        point_marker(&mut chart, pin, &mark_font, dpr, &obstacles)?;
    }

    root.present()?;
    Ok(())
}

type Chart<'a, 'b> = ChartContext<
    'a,
    MeasuredCanvas,
    Cartesian2d<plotters::coord::types::RangedCoordf64, plotters::coord::types::RangedCoordf64>,
>;

fn draw_ellipse(
    chart: &mut Chart<'_, '_>,
    centre: Point,
    e: &Ellipse,
    width: u32,
) -> Result<(), PlotError> {
    if !(e.major.is_finite() && e.major > 0.0) {
        return Ok(());
    }
    let path = circle_path(centre, e.major, e.minor, e.axis);
    chart.draw_series(std::iter::once(Polygon::new(path.clone(), FIX.mix(0.18))))?;
    chart.draw_series(std::iter::once(PathElement::new(
        path,
        FIX.mix(0.8).stroke_width(width),
    )))?;
    Ok(())
}

/// A pixel rectangle `(left, top, right, bottom)` that a label should not cover.
type Obstacle = (i32, i32, i32, i32);

fn overlaps(a: Obstacle, b: Obstacle) -> bool {
    a.0 < b.2 && b.0 < a.2 && a.1 < b.3 && b.1 < a.3
}

/// Width in pixels of `text` in `font`, as the canvas will draw it.
fn text_width(chart: &Chart<'_, '_>, text: &str, font: &TextStyle) -> i32 {
    chart
        .plotting_area()
        .estimate_text_size(text, font)
        // MeasuredCanvas always answers (it has its own fallback), so an error here
        // can only come from plotters itself: then the label box is just not widened.
        .map_or(0, |(w, _)| w as i32)
}

/// Where each satellite's marker and name sit on the canvas.
fn satellite_obstacles(
    chart: &Chart<'_, '_>,
    scene: &Scene,
    font: &TextStyle,
    dpr: f64,
) -> Vec<Obstacle> {
    let pad = (8.0 * dpr) as i32;
    let line = (22.0 * dpr) as i32;
    scene
        .satellites
        .iter()
        .map(|m| {
            let (x, y) = chart.backend_coord(&(m.position.x, m.position.y));
            let name_w = text_width(chart, &m.name, font);
            (x - pad, y - line, x + pad + name_w, y + pad)
        })
        .collect()
}

/// A marked point with its label.
struct Pin<'a> {
    at: Point,
    colour: RGBColor,
    label: &'a str,
    /// Filled (an accepted fix) or a ring (a rejected best fit, a candidate).
    solid: bool,
}

/// Draw `pin`; returns the pixel box its label took.
fn point_marker(
    chart: &mut Chart<'_, '_>,
    pin: Pin<'_>,
    font: &FontDesc,
    dpr: f64,
    obstacles: &[Obstacle],
) -> Result<Obstacle, PlotError> {
    let Pin {
        at,
        colour,
        label,
        solid,
    } = pin;
    let r = (6.0 * dpr) as i32;
    let style = if solid {
        colour.filled()
    } else {
        colour.stroke_width((2.0 * dpr) as u32)
    };
    // A pale box behind the label keeps it legible over circles and grid lines; of
    // the four corners around the marker, the first that covers no satellite wins.
    let font_px = 13.0 * dpr;
    let w = text_width(chart, label, &font.clone().into()) + (6.0 * dpr) as i32;
    let h = (font_px * 1.3) as i32;
    let (px, py) = chart.backend_coord(&(at.x, at.y));
    let below = r / 2 - (font_px * 0.15) as i32;
    let above = -r / 2 - h;
    let (bx, by) = [
        (r + 2, below),
        (r + 2, above),
        (-r - 2 - w, below),
        (-r - 2 - w, above),
    ]
    .into_iter()
    .find(|(bx, by)| {
        let rect = (px + bx, py + by, px + bx + w, py + by + h);
        !obstacles.iter().any(|o| overlaps(rect, *o))
    })
    .unwrap_or((r + 2, below));
    chart.draw_series(std::iter::once(
        EmptyElement::at((at.x, at.y))
            + Rectangle::new([(bx, by), (bx + w, by + h)], WHITE.mix(0.9).filled())
            + Circle::new((0, 0), r, style)
            + Cross::new((0, 0), r / 2, WHITE.stroke_width((1.5 * dpr) as u32))
            + Text::new(
                label.to_string(),
                (bx + 2, by + (font_px * 0.15) as i32),
                font.clone().color(&colour),
            ),
    ))?;
    Ok((px + bx, py + by, px + bx + w, py + by + h))
}

/// Points around an ellipse (a circle when `a == b`) with semi-axis `a` along the unit
/// vector `axis`, closed.
///
/// The unit circle is walked by repeated rotation through 2°, so drawing needs no
/// `sin`/`cos` (their argument reduction alone is ~6 KB of WebAssembly); 180 rotations
/// drift by ~1e-14, far below a pixel.
fn circle_path(c: Point, a: f64, b: f64, axis: Point) -> Vec<(f64, f64)> {
    const STEPS: usize = 180;
    // cos 2° and sin 2°.
    const COS: f64 = 0.999_390_827_019_095_8;
    const SIN: f64 = 0.034_899_496_702_500_97;
    let (mut cos_t, mut sin_t) = (1.0_f64, 0.0_f64);
    let mut path = Vec::with_capacity(STEPS + 1);
    for _ in 0..STEPS {
        let (u, v) = (a * cos_t, b * sin_t);
        path.push((c.x + u * axis.x - v * axis.y, c.y + u * axis.y + v * axis.x));
        (cos_t, sin_t) = (cos_t * COS - sin_t * SIN, sin_t * COS + cos_t * SIN);
    }
    path.push(path[0]);
    path
}

fn format_tick(v: f64) -> String {
    if v.abs() >= 1e5 || (v != 0.0 && v.abs() < 1e-2) {
        format!("{v:.1e}")
    } else {
        let s = format!("{v:.2}");
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    }
}
