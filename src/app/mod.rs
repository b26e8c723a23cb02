//! The browser app: a Leptos page over the decoding core.
//!
//! State is the text of every field ([`SatelliteRow`]s and the tolerance), the
//! language, the plot's view, the flow and the split log, held in signals so nothing
//! typed is ever lost, saved to localStorage on every change and restored from it or
//! from a share link ([`crate::state`]). Everything else is derived: the checked
//! [`Model`] (falling back to the last valid one while a field is wrong), the reports
//! the current flow decodes, the decoding and the plot's [`Scene`].

pub mod browser;
pub mod canvas;
pub mod panels;
pub mod plot;

use leptos::html::Canvas;
use leptos::prelude::*;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

use crate::decode::{
    align, columns, decode, Column, DecodeError, Decoded, LocateError, Point, Range,
};
use crate::form::{self, default_rows, Field, FormErrors, Model, SatelliteRow, MAX_SATELLITES};
use crate::i18n::{Lang, Text};
use crate::scene::{Frame, Scene, Viewport};
use crate::state::{Mode, State};
use crate::vectors::{vector, GeneratorForm, Rng};

/// The generator's vector and batch size, or its field problems.
pub type Generated =
    Result<(crate::vectors::Vector, usize), Vec<(crate::vectors::GenField, crate::form::Problem)>>;

/// User Timing names: an input event, and the measure up to the redrawn plot.
pub const INPUT_MARK: &str = "qf-input";
/// See [`INPUT_MARK`].
pub const UPDATE_MEASURE: &str = "qf-update";

fn mark_input() {
    if let Some(p) = web_sys::window().and_then(|w| w.performance()) {
        let _ = p.mark(INPUT_MARK);
    }
}

fn measure_update() {
    if let Some(p) = web_sys::window().and_then(|w| w.performance()) {
        if p.get_entries_by_name(INPUT_MARK).length() > 0 {
            let _ = p.measure_with_start_mark(UPDATE_MEASURE, INPUT_MARK);
            p.clear_marks_with_mark_name(INPUT_MARK);
        }
    }
}

/// A translated label that follows the language. Every label shares this one closure
/// type, so Leptos builds its text-node and attribute code once instead of once per
/// label (each distinct closure type costs ~1 KB of WebAssembly).
fn tr(
    lang: RwSignal<Lang>,
    pick: fn(&'static Text) -> &'static str,
) -> impl Fn() -> &'static str + Copy + Send + Sync + 'static {
    move || pick(lang.get().text())
}

/// The whole page.
#[component]
pub fn App() -> impl IntoView {
    let defaults = State {
        rows: default_rows(),
        tolerance: "0.1".into(),
        lang: browser::preferred_lang(),
        view: None,
        mode: Mode::TopSecret,
        log: Vec::new(),
    };
    let (initial, first_notice) = browser::initial_state(defaults);
    let lang = RwSignal::new(initial.lang);
    let rows = RwSignal::new(initial.rows);
    let tolerance = RwSignal::new(initial.tolerance);
    let view = RwSignal::new(initial.view);
    let mode = RwSignal::new(initial.mode);
    let log = RwSignal::new(initial.log);
    let notice = RwSignal::new(first_notice);
    let generator = RwSignal::new(GeneratorForm::default());
    let seed = RwSignal::new(1_u64);

    let checked: Memo<Result<Model, FormErrors>> =
        Memo::new(move |_| rows.with(|r| tolerance.with(|t| form::check(r, t))));
    let model = Memo::new(move |previous: Option<&Model>| match checked.get() {
        Ok(model) => model,
        Err(_) => previous.cloned().unwrap_or_default(),
    });
    // The split flow: replay the log; the latest report of each satellite wins.
    let split = Memo::new(move |_| model.with(|m| log.with(|l| crate::state::replay(m, l))));
    // The generator's vector for the current constellation and tolerance.
    let generated: Memo<Generated> = Memo::new(move |_| {
        let checked = generator.with(GeneratorForm::check);
        model.with(|m| {
            checked.map(|(spec, count)| {
                let mut rng = Rng::new(seed.get());
                (
                    vector(&m.constellation, &spec, m.tolerance, &mut rng),
                    count,
                )
            })
        })
    });
    // What the current flow decodes: the form's reports, those reported so far, or
    // the generated vector's.
    let effective = Memo::new(move |_| match mode.get() {
        Mode::TopSecret => model.get(),
        Mode::Split => model.with(|m| Model {
            reports: split.with(|s| s.reports.clone()),
            ..m.clone()
        }),
        Mode::Generator => model.with(|m| {
            match generated.with(|g| g.as_ref().ok().map(|(v, _)| v.reports.clone())) {
                Some(reports) => Model {
                    reports,
                    ..m.clone()
                },
                None => m.clone(),
            }
        }),
    });
    // In the generator, a click on the plot places the ship.
    let on_pick = Callback::new(move |p: Point| {
        if mode.get_untracked() == Mode::Generator {
            mark_input();
            generator.update(|g| {
                g.x = format!("{:.2}", p.x);
                g.y = format!("{:.2}", p.y);
            });
        }
    });
    let decoded: Memo<Decoded> =
        Memo::new(move |_| effective.with(|m| decode(&m.constellation, &m.reports, m.tolerance)));
    // In the generator, the plot also shows where the ship really is.
    let truth = move || match mode.get() {
        Mode::Generator => generated.with(|g| g.as_ref().ok().map(|(v, _)| v.ship)),
        _ => None,
    };
    let scene = Memo::new(move |_| {
        let truth = truth();
        effective.with(|m| decoded.with(|d| Scene::new(m, d).with_truth(truth)))
    });

    Effect::new(move |_| {
        if let Some(doc) = web_sys::window().and_then(|w| w.document()) {
            if let Some(html) = doc.document_element() {
                let _ = html.set_attribute("lang", lang.get().code());
            }
            doc.set_title(lang.get().text().title);
        }
    });
    let snapshot = move || State {
        rows: rows.get(),
        tolerance: tolerance.get(),
        lang: lang.get(),
        view: view.get(),
        mode: mode.get(),
        log: log.get(),
    };
    // Every change is saved for the next visit.
    Effect::new(move |_| browser::save(&snapshot()));

    // Computed once per change, not once per field that asks.
    let errors: Memo<FormErrors> =
        Memo::new(move |_| checked.with(|c| c.as_ref().err().cloned().unwrap_or_default()));
    let stale = Signal::derive(move || checked.with(Result::is_err));

    view! {
        <header class="top">
            <div>
                <h1>{tr(lang, |t| t.title)}</h1>
                <p class="tagline">{tr(lang, |t| t.tagline)}</p>
            </div>
            <div class="top-actions">
                <panels::ShareButton lang snapshot=Callback::new(move |()| snapshot()) />
                <button
                    class="ghost"
                    data-testid="lang-toggle"
                    on:click=move |_| lang.update(|l| *l = l.toggled())
                >
                    {tr(lang, |t| t.switch_language)}
                </button>
            </div>
        </header>
        <panels::NoticeBar lang notice />
        <main class="layout">
            <section class="card inputs" aria-labelledby="satellites-heading">
                <h2 id="satellites-heading">{tr(lang, |t| t.satellites)}</h2>
                <p class="hint">{tr(lang, |t| t.message_hint)}</p>
                <div class="rows">
                    <For
                        each=move || 0..rows.with(Vec::len)
                        key=|i| *i
                        children=move |i| view! { <SatelliteRowView i rows lang errors /> }
                    />
                </div>
                <div class="actions">
                    <button
                        data-testid="add-satellite"
                        disabled=move || { rows.with(Vec::len) >= MAX_SATELLITES }
                        on:click=move |_| {
                            mark_input();
                            rows.update(|r| {
                                if r.len() < MAX_SATELLITES {
                                    let n = r.len() + 1;
                                    r.push(SatelliteRow::new(&format!("sat{n}"), "0", "0", "", ""));
                                }
                            })
                        }
                    >
                        {tr(lang, |t| t.add_satellite)}
                    </button>
                    <button
                        class="ghost"
                        data-testid="reset"
                        on:click=move |_| {
                            mark_input();
                            rows.set(default_rows());
                            tolerance.set("0.1".into());
                            view.set(None);
                        }
                    >
                        {tr(lang, |t| t.reset)}
                    </button>
                </div>
                <label class="field tolerance">
                    <span>{tr(lang, |t| t.tolerance)}</span>
                    <input
                        data-testid="tolerance"
                        inputmode="decimal"
                        prop:value=move || tolerance.get()
                        aria-invalid=move || errors.with(|e| e.tolerance.is_some()).to_string()
                        on:input=move |ev| {
                            mark_input();
                            tolerance.set(event_target_value(&ev));
                        }
                    />
                    <small class="error" role="alert">
                        {move || errors.with(|e| e.tolerance).map(|p| lang.get().text().problem(p))}
                    </small>
                </label>
            </section>
            <section class="card result" aria-labelledby="result-heading">
                <h2 id="result-heading">{tr(lang, |t| t.result)}</h2>
                <p class="hint" data-testid="result-source">
                    {move || {
                        let t = lang.get().text();
                        match mode.get() {
                            Mode::TopSecret => t.source_form,
                            Mode::Split => t.source_split,
                            Mode::Generator => t.source_generator,
                        }
                    }}
                </p>
                <ResultCard lang decoded model=effective stale />
                <PlotView lang scene user_frame=view on_pick />
            </section>
            <panels::FlowPanel lang mode rows model split log decoded generator generated seed />
        </main>
    }
}

#[component]
fn SatelliteRowView(
    i: usize,
    rows: RwSignal<Vec<SatelliteRow>>,
    lang: RwSignal<Lang>,
    errors: Memo<FormErrors>,
) -> impl IntoView {
    let t = move || lang.get().text();
    let get = move |f: fn(&SatelliteRow) -> &String| {
        rows.with(|r| r.get(i).map(|row| f(row).clone()).unwrap_or_default())
    };
    let name = move || get(|r| &r.name);
    let testid = move |suffix: &'static str| format!("sat-{}-{suffix}", name().trim());
    let input = move |field: Field,
                      label: fn(&'static Text) -> &'static str,
                      read: fn(&SatelliteRow) -> &String,
                      write: fn(&mut SatelliteRow, String),
                      suffix: &'static str,
                      mode: &'static str| {
        let id = move || format!("sat{i}-{suffix}");
        let problem = move || errors.with(|e| e.at(i, field));
        view! {
            <label class="field" class:invalid=move || problem().is_some()>
                <span>{tr(lang, label)}</span>
                <input
                    id=id
                    inputmode=mode
                    autocomplete="off"
                    spellcheck="false"
                    data-testid=move || testid(suffix)
                    prop:value=move || get(read)
                    aria-invalid=move || problem().is_some().to_string()
                    aria-describedby=move || format!("{}-error", id())
                    on:input=move |ev| {
                        mark_input();
                        let value = event_target_value(&ev);
                        rows.update(|r| {
                            if let Some(row) = r.get_mut(i) {
                                write(row, value);
                            }
                        });
                    }
                />
                <small class="error" id=move || format!("{}-error", id()) role="alert">
                    {move || problem().map(|p| t().problem(p))}
                </small>
            </label>
        }
    };
    let words = move || form::parse_words(&get(|r| &r.message));
    view! {
        <fieldset class="satellite">
            <legend class="visually-hidden">{name}</legend>
            <div class="grid">
                {input(Field::Name, |t| t.name, |r| &r.name, |r, v| r.name = v, "name", "text")}
                {input(Field::X, |t| t.x, |r| &r.x, |r, v| r.x = v, "x", "decimal")}
                {input(Field::Y, |t| t.y, |r| &r.y, |r, v| r.y = v, "y", "decimal")}
                {input(Field::Distance, |t| t.distance, |r| &r.distance, |r, v| r.distance = v, "distance", "decimal")}
                <button
                    class="icon"
                    title=tr(lang, |t| t.remove)
                    aria-label=move || format!("{} {}", t().remove, name())
                    disabled=move || { rows.with(Vec::len) <= 1 }
                    on:click=move |_| {
                        mark_input();
                        rows.update(|r| {
                            if r.len() > 1 && i < r.len() {
                                r.remove(i);
                            }
                        })
                    }
                >
                    "×"
                </button>
            </div>
            {input(Field::Message, |t| t.message, |r| &r.message, |r, v| r.message = v, "message", "text")}
            <div class="chips" aria-hidden="true">
                {move || {
                    words()
                        .into_iter()
                        .map(|w| {
                            let blank = w.is_empty();
                            view! {
                                <span class="chip" class:blank=blank>
                                    {if blank { "_".to_string() } else { w }}
                                </span>
                            }
                        })
                        .collect_view()
                }}
            </div>
        </fieldset>
    }
}

#[component]
fn ResultCard(
    lang: RwSignal<Lang>,
    decoded: Memo<Decoded>,
    model: Memo<Model>,
    stale: Signal<bool>,
) -> impl IntoView {
    let t = move || lang.get().text();
    let status = move || decoded.with(Decoded::status);
    let position = move || {
        decoded.with(|d| {
            d.location
                .as_ref()
                .map(|fix| format!("({:.2}, {:.2})", fix.position.x, fix.position.y))
                .unwrap_or_else(|_| "—".into())
        })
    };
    // Rust's shortest round-trip formatting: pasting it back gives the same f64.
    let full_position = move || {
        decoded.with(|d| {
            d.location
                .as_ref()
                .ok()
                .map(|fix| format!("{}, {}", fix.position.x, fix.position.y))
        })
    };
    let message = move || decoded.with(|d| d.message.clone().unwrap_or_else(|_| "—".into()));
    let copied = RwSignal::new(false);
    // The API body's reasons, each in the page's language.
    let error = move || {
        let lang = lang.get();
        decoded.with(|d| {
            let reasons: Vec<String> = [d.location.as_ref().err(), d.message.as_ref().err()]
                .into_iter()
                .flatten()
                .map(|e| crate::i18n::explain(lang, e))
                .collect();
            (!reasons.is_empty()).then(|| reasons.join("; "))
        })
    };
    let uncertainty = move || {
        decoded.with(|d| {
            d.location.as_ref().ok().map(|fix| {
                let s = fix.covariance.sigmas();
                format!("±{:.2} × ±{:.2}", s.x, s.y)
            })
        })
    };
    // Residual of every reporting satellite at the fix or the rejected best fit.
    let residuals = move || {
        let point = decoded.with(|d| match &d.location {
            Ok(fix) => Some(fix.position),
            Err(DecodeError::Location {
                error: LocateError::Rejected { best_fit, .. },
                ..
            }) => Some(*best_fit),
            Err(_) => None,
        });
        model.with(|m| {
            m.constellation
                .satellites
                .iter()
                .zip(&m.reports)
                .map(|(s, r)| {
                    let value = match (r, point) {
                        (Some(r), Some(p)) => {
                            let residual = Range::new(s.position, r.distance).residual(p);
                            // Below the shown precision there is no sign worth showing.
                            if residual.abs() < 5e-5 {
                                "0.0000".to_string()
                            } else {
                                format!("{residual:+.4}")
                            }
                        }
                        (None, _) => t().no_report.to_string(),
                        _ => "—".to_string(),
                    };
                    (s.name.clone(), value)
                })
                .collect::<Vec<_>>()
        })
    };
    view! {
        <div class="result-body" aria-live="polite" data-status=move || status().to_string()>
            <p class="stale" hidden=move || !stale.get()>{tr(lang, |t| t.stale)}</p>
            <div class="status-line">
                <span class="status" class:ok=move || status() == 200 data-testid="result-status">
                    {status}
                </span>
                <p class="error-text" data-testid="result-error">{error}</p>
            </div>
            <dl class="answer">
                <dt>{tr(lang, |t| t.position)}</dt>
                <dd class="position">
                    <span data-testid="result-position">{position}</span>
                    <button
                        class="ghost small"
                        data-testid="copy-position"
                        hidden=move || decoded.with(|d| d.location.is_err())
                        title=tr(lang, |t| t.copy_position)
                        aria-label=tr(lang, |t| t.copy_position)
                        on:click=move |_| {
                            if let Some(text) = full_position() {
                                browser::copy_and_confirm(&text, copied);
                            }
                        }
                    >
                        {move || {
                            let t = lang.get().text();
                            if copied.get() { t.copied } else { t.copy }
                        }}
                    </button>
                </dd>
                <dt>{tr(lang, |t| t.decoded_message)}</dt>
                <dd data-testid="result-message">{message}</dd>
                <dt hidden=move || uncertainty().is_none()>{tr(lang, |t| t.uncertainty)}</dt>
                <dd hidden=move || uncertainty().is_none()>{uncertainty}</dd>
            </dl>
            <AlignmentGrid lang model />
            <h3>{tr(lang, |t| t.residuals)}</h3>
            <ul class="residuals">
                {move || {
                    residuals()
                        .into_iter()
                        .map(|(name, value)| view! { <li><span>{name}</span><code>{value}</code></li> })
                        .collect_view()
                }}
            </ul>
        </div>
    }
}

/// One row per reporting satellite, words aligned on the right, each cell coloured by
/// what the merge made of its position; the merged message underneath.
#[component]
fn AlignmentGrid(lang: RwSignal<Lang>, model: Memo<Model>) -> impl IntoView {
    let t = move || lang.get().text();
    let table = move || {
        model.with(|m| {
            let rows: Vec<(String, Vec<String>)> = m
                .constellation
                .satellites
                .iter()
                .zip(&m.reports)
                .filter_map(|(s, r)| r.as_ref().map(|r| (s.name.clone(), r.message.clone())))
                .collect();
            let slices: Vec<&[String]> = rows.iter().map(|(_, w)| w.as_slice()).collect();
            let alignment = align(&slices);
            let cols = columns(&slices);
            let longest = rows.iter().map(|(_, w)| w.len()).max().unwrap_or(0);
            (rows, alignment, cols, longest)
        })
    };
    let class_of = |col: Option<&Column>, blank: bool| match col {
        None => "cut",
        Some(Column::Lag) => "lag",
        Some(Column::Conflict) => "conflict",
        Some(Column::Unknown) => "unknown",
        Some(Column::Word(_)) if blank => "blank",
        Some(Column::Word(_)) => "known",
    };
    view! {
        <h3 id="alignment-heading">{tr(lang, |t| t.alignment)}</h3>
        <p class="hint">{tr(lang, |t| t.alignment_hint)}</p>
        // Scrolls sideways on a phone: focusable so the keyboard can scroll it too.
        <div
            class="alignment-scroll"
            tabindex="0"
            role="region"
            aria-labelledby="alignment-heading"
        >
            <table class="alignment" data-testid="alignment-grid">
                <tbody>
                    {move || {
                        let (rows, alignment, cols, longest) = table();
                        let mut out = rows
                            .iter()
                            .map(|(name, words)| {
                                let cut = alignment.cut(words.len());
                                let pad = longest - words.len();
                                view! {
                                    <tr>
                                        <th scope="row">{name.clone()}</th>
                                        {(0..pad).map(|_| view! { <td class="pad"></td> }).collect_view()}
                                        {words
                                            .iter()
                                            .enumerate()
                                            .map(|(k, w)| {
                                                let col = k.checked_sub(cut).and_then(|j| cols.get(j));
                                                let blank = w.trim().is_empty();
                                                let text = if blank { "_".to_string() } else { w.trim().to_string() };
                                                view! { <td class=class_of(col, blank)>{text}</td> }
                                            })
                                            .collect_view()}
                                    </tr>
                                }
                                .into_any()
                            })
                            .collect::<Vec<_>>();
                        let pad = longest - alignment.width;
                        out.push(
                            view! {
                                <tr class="merged">
                                    <th scope="row">{t().merged}</th>
                                    {(0..pad).map(|_| view! { <td class="pad"></td> }).collect_view()}
                                    {cols
                                        .iter()
                                        .map(|c| {
                                            let (class, text) = match c {
                                                Column::Lag => ("lag", String::new()),
                                                Column::Word(w) => ("known", w.clone()),
                                                Column::Conflict => ("conflict", "≠".to_string()),
                                                Column::Unknown => ("unknown", "?".to_string()),
                                            };
                                            view! { <td class=class>{text}</td> }
                                        })
                                        .collect_view()}
                                </tr>
                            }
                            .into_any(),
                        );
                        out
                    }}
                </tbody>
            </table>
        </div>
    }
}

#[component]
fn PlotView(
    lang: RwSignal<Lang>,
    scene: Memo<Scene>,
    /// `None` follows the content; zooming or panning sets a frame of the user's own.
    user_frame: RwSignal<Option<Frame>>,
    /// A click (a press and release without dragging) at a point of the plot.
    on_pick: Callback<Point>,
) -> impl IntoView {
    let t = move || lang.get().text();
    let canvas_ref = NodeRef::<Canvas>::new();
    let size = RwSignal::new((640.0_f64, 420.0_f64));
    let pointer = RwSignal::new(None::<Point>);
    // Where a press began, while it can still be a click (no second finger came).
    let press = StoredValue::new(None::<(f64, f64)>);
    // The pointers down on the plot (id, last CSS pixel): one drags, two pinch.
    let fingers = StoredValue::new(Vec::<(i32, (f64, f64))>::new());

    let measure = move || {
        if let Some(canvas) = canvas_ref.get_untracked() {
            let rect = canvas.get_bounding_client_rect();
            if rect.width() > 0.0 {
                size.set((rect.width(), rect.height()));
            }
        }
    };
    // Follow the canvas's own box (window resizes, the layout reflowing around it):
    // a ResizeObserver reports it once when observing starts and on every change. The
    // plot lives as long as the page, so the observer and its callback do too.
    Effect::new(move |_| {
        let Some(canvas) = canvas_ref.get() else {
            return;
        };
        let callback = Closure::<dyn FnMut(js_sys::Array)>::new(move |_: js_sys::Array| measure());
        match web_sys::ResizeObserver::new(callback.as_ref().unchecked_ref()) {
            Ok(observer) => {
                observer.observe(&canvas);
                callback.forget();
            }
            // No ResizeObserver: measure once; the plot keeps that size.
            Err(_) => measure(),
        }
    });

    let viewport = Memo::new(move |_| {
        let (w, h) = size.get();
        scene.with(|s| Viewport::new(s, user_frame.get(), w, h))
    });

    Effect::new(move |_| {
        let Some(canvas) = canvas_ref.get() else {
            return;
        };
        let vp = viewport.get();
        let dpr = web_sys::window()
            .map(|w| w.device_pixel_ratio())
            .unwrap_or(1.0)
            .clamp(1.0, 4.0);
        canvas.set_width((vp.width * dpr).round() as u32);
        canvas.set_height((vp.height * dpr).round() as u32);
        let text = lang.get().text();
        let legend = plot::Legend {
            fix: text.legend_fix,
            best_fit: text.legend_best_fit,
            candidate: text.legend_candidate,
            truth: text.legend_truth,
        };
        let drawn = scene.with(|s| plot::draw(&canvas, s, &vp, dpr, &legend));
        if let Err(e) = drawn {
            leptos::logging::warn!("{e}");
        }
        measure_update();
    });

    let local = move |ev: &web_sys::MouseEvent| -> Option<(f64, f64)> {
        let canvas = canvas_ref.get_untracked()?;
        let rect = canvas.get_bounding_client_rect();
        Some((
            ev.client_x() as f64 - rect.left(),
            ev.client_y() as f64 - rect.top(),
        ))
    };
    let on_wheel = move |ev: web_sys::WheelEvent| {
        ev.prevent_default();
        if let Some((px, py)) = local(&ev) {
            let vp = viewport.get_untracked();
            let anchor = vp.to_data(px, py);
            let factor = Frame::wheel_factor(ev.delta_y());
            user_frame.set(Some(vp.frame.zoom(anchor, factor)));
        }
    };
    let on_down = move |ev: web_sys::PointerEvent| {
        if let Some(p) = local(&ev) {
            let id = ev.pointer_id();
            fingers.update_value(|f| {
                // The first pointer of a gesture: nothing else can still be down.
                if ev.is_primary() {
                    f.clear();
                }
                f.retain(|(other, _)| *other != id);
                f.push((id, p));
            });
            // A second finger turns the drag into a pinch, and the press is no click.
            let alone = fingers.with_value(Vec::len) == 1;
            press.set_value(alone.then_some(p));
            if let Some(target) = ev
                .target()
                .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            {
                let _ = target.set_pointer_capture(ev.pointer_id());
            }
        }
    };
    let on_move = move |ev: web_sys::PointerEvent| {
        let Some((px, py)) = local(&ev) else { return };
        let vp = viewport.get_untracked();
        pointer.set(Some(vp.to_data(px, py)));
        let id = ev.pointer_id();
        // Every finger's position before and after this move (a pointer that is not
        // down, such as a hovering mouse, changes nothing).
        let (before, after) = fingers.with_value(|f| {
            let before: Vec<(f64, f64)> = f.iter().map(|(_, p)| *p).collect();
            let after = f
                .iter()
                .map(|(other, p)| if *other == id { (px, py) } else { *p })
                .collect::<Vec<_>>();
            (before, after)
        });
        if before == after {
            return;
        }
        fingers.update_value(|f| {
            if let Some(finger) = f.iter_mut().find(|(other, _)| *other == id) {
                finger.1 = (px, py);
            }
        });
        match (before.as_slice(), after.as_slice()) {
            ([(sx, sy)], _) => {
                let k = vp.units_per_pixel();
                let delta = Point::new(-(px - sx) * k, (py - sy) * k);
                user_frame.set(Some(vp.frame.pan(delta)));
            }
            ([a0, b0], [a1, b1]) => {
                if let Some(frame) = vp.pinch([*a0, *b0], [*a1, *b1]) {
                    user_frame.set(Some(frame));
                }
            }
            _ => {}
        }
    };
    let lift = move |ev: &web_sys::PointerEvent| {
        let id = ev.pointer_id();
        fingers.update_value(|f| f.retain(|(other, _)| *other != id));
    };
    let on_up = move |ev: web_sys::PointerEvent| {
        lift(&ev);
        if let (Some((sx, sy)), Some((px, py))) = (press.get_value(), local(&ev)) {
            if (px - sx).hypot(py - sy) < 4.0 {
                on_pick.run(viewport.get_untracked().to_data(px, py));
            }
        }
        press.set_value(None);
    };

    let description = move || {
        scene.with(|s| {
            let sats = s
                .satellites
                .iter()
                .map(|m| match m.range {
                    Some(r) => format!(
                        "{} ({:.0}, {:.0}) r={r:.2}",
                        m.name, m.position.x, m.position.y
                    ),
                    None => format!("{} ({:.0}, {:.0})", m.name, m.position.x, m.position.y),
                })
                .collect::<Vec<_>>()
                .join("; ");
            format!("{}: {sats}", t().plot_label)
        })
    };

    view! {
        <figure class="plot">
            <canvas
                node_ref=canvas_ref
                data-testid="plot"
                role="img"
                tabindex="0"
                aria-label=description
                aria-describedby="plot-keys"
                on:keydown=move |ev: web_sys::KeyboardEvent| {
                    let frame = viewport.get_untracked().frame;
                    if let Some(view) = frame.after_key(&ev.key()) {
                        ev.prevent_default();
                        user_frame.set(view);
                    }
                }
                on:wheel=on_wheel
                on:pointerdown=on_down
                on:pointermove=on_move
                on:pointerup=on_up
                on:pointercancel=move |ev| {
                    lift(&ev);
                    press.set_value(None);
                }
                on:pointerleave=move |_| pointer.set(None)
            ></canvas>
            <figcaption>
                <span class="readout" data-testid="pointer-readout">
                    {move || pointer.get().map(|p| format!("x {:.2}   y {:.2}", p.x, p.y))}
                </span>
                <small class="keys" id="plot-keys">{tr(lang, |t| t.plot_keys)}</small>
                <button class="ghost small" data-testid="reset-view" on:click=move |_| user_frame.set(None)>
                    {tr(lang, |t| t.reset_view)}
                </button>
            </figcaption>
        </figure>
    }
}
