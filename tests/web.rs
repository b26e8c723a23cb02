//! Browser tests (wasm-bindgen-test in headless Chromium): the mounted app and the
//! plot's draw function.
#![cfg(target_arch = "wasm32")]

use quasar_fire::app::{plot, App};
use quasar_fire::decode::decode;
use quasar_fire::form::Model;
use quasar_fire::scene::{Scene, Viewport};
use quasar_fire::state::{SET_ASIDE_KEY, STORAGE_KEY};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement, HtmlElement};

wasm_bindgen_test_configure!(run_in_browser);

fn document() -> web_sys::Document {
    web_sys::window()
        .and_then(|w| w.document())
        .expect("a document")
}

fn by_testid(root: &web_sys::Element, id: &str) -> web_sys::Element {
    root.query_selector(&format!("[data-testid='{id}']"))
        .ok()
        .flatten()
        .unwrap_or_else(|| panic!("no element with data-testid {id}"))
}

/// Let Leptos run its scheduled effects.
async fn tick() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let _ = web_sys::window()
            .expect("window")
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 20);
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

fn storage() -> web_sys::Storage {
    web_sys::window()
        .and_then(|w| w.local_storage().ok().flatten())
        .expect("localStorage")
}

/// Mount the app in a new element, with `stored` (or nothing) as the saved state.
async fn mount(stored: Option<&str>) -> (HtmlElement, impl Drop) {
    let _ = storage().clear();
    if let Some(text) = stored {
        storage().set_item(STORAGE_KEY, text).expect("store");
    }
    let host: HtmlElement = document()
        .create_element("div")
        .expect("div")
        .unchecked_into();
    document()
        .body()
        .expect("body")
        .append_child(&host)
        .expect("append");
    let handle = leptos::mount::mount_to(host.clone(), App);
    tick().await;
    (host, handle)
}

fn text(root: &web_sys::Element, id: &str) -> String {
    by_testid(root, id).text_content().unwrap_or_default()
}

/// Type `value` into the input or textarea `id`, as a person would.
async fn type_into(root: &web_sys::Element, id: &str, value: &str) {
    let el = by_testid(root, id);
    if let Some(input) = el.dyn_ref::<web_sys::HtmlInputElement>() {
        input.set_value(value);
    } else if let Some(area) = el.dyn_ref::<web_sys::HtmlTextAreaElement>() {
        area.set_value(value);
    }
    el.dispatch_event(&web_sys::Event::new("input").expect("event"))
        .expect("dispatch");
    tick().await;
}

async fn click(root: &web_sys::Element, id: &str) {
    by_testid(root, id).unchecked_into::<HtmlElement>().click();
    tick().await;
}

fn value(root: &web_sys::Element, id: &str) -> String {
    by_testid(root, id)
        .unchecked_into::<web_sys::HtmlInputElement>()
        .value()
}

#[wasm_bindgen_test]
async fn app_shows_the_default_answer_and_reacts_to_input() {
    let (host, handle) = mount(None).await;
    assert_eq!(
        by_testid(&host, "result-status").text_content().as_deref(),
        Some("200")
    );
    assert_eq!(
        by_testid(&host, "result-position")
            .text_content()
            .as_deref(),
        Some("(-100.00, 75.00)")
    );
    assert_eq!(
        by_testid(&host, "result-message").text_content().as_deref(),
        Some("este es un mensaje secreto")
    );

    let input: web_sys::HtmlInputElement = by_testid(&host, "sat-sato-distance").unchecked_into();
    input.set_value("-1");
    input
        .dispatch_event(&web_sys::Event::new("input").expect("event"))
        .expect("dispatch");
    tick().await;
    assert_eq!(input.get_attribute("aria-invalid").as_deref(), Some("true"));
    assert_eq!(input.value(), "-1");
    // The result keeps the last valid data.
    assert_eq!(
        by_testid(&host, "result-status").text_content().as_deref(),
        Some("200")
    );

    input.set_value("601.5206074732157");
    input
        .dispatch_event(&web_sys::Event::new("input").expect("event"))
        .expect("dispatch");
    tick().await;
    assert_eq!(
        by_testid(&host, "result-status").text_content().as_deref(),
        Some("404")
    );
    let error = by_testid(&host, "result-error")
        .text_content()
        .unwrap_or_default();
    assert!(
        error.contains("sato's circle misses the best fit"),
        "{error}"
    );
    drop(handle);
}

fn pixel(ctx: &CanvasRenderingContext2d, x: f64, y: f64) -> [u8; 4] {
    let data = ctx
        .get_image_data(x.round(), y.round(), 1.0, 1.0)
        .expect("image data")
        .data();
    [data[0], data[1], data[2], data[3]]
}

#[wasm_bindgen_test]
fn draw_marks_the_fix_and_the_satellites() {
    let canvas: HtmlCanvasElement = document()
        .create_element("canvas")
        .expect("canvas")
        .unchecked_into();
    canvas.set_width(600);
    canvas.set_height(400);
    document()
        .body()
        .expect("body")
        .append_child(&canvas)
        .expect("append");
    let model = Model::default();
    let decoded = decode(&model.constellation, &model.reports, model.tolerance);
    let scene = Scene::new(&model, &decoded);
    let vp = Viewport::new(&scene, None, 600.0, 400.0);
    let legend = plot::Legend {
        fix: "ship",
        best_fit: "best fit",
        candidate: "candidate",
        truth: "true position",
    };
    plot::draw(&canvas, &scene, &vp, 1.0, &legend).expect("drawn");

    let ctx: CanvasRenderingContext2d = canvas
        .get_context("2d")
        .ok()
        .flatten()
        .expect("2d")
        .unchecked_into();
    let to_pixel = |x: f64, y: f64| vp.to_pixel(quasar_fire::decode::Point::new(x, y));
    // The fix is drawn as a filled green disc: its centre is green, not white.
    let (fx, fy) = to_pixel(-100.0, 75.0);
    let fix = pixel(&ctx, fx + 3.0, fy + 3.0);
    assert!(
        fix[1] > fix[0] + 40 && fix[1] > fix[2] + 40,
        "fix pixel {fix:?}"
    );
    // Kenobi's marker is a filled blue triangle.
    let (kx, ky) = to_pixel(-500.0, -200.0);
    let kenobi = pixel(&ctx, kx, ky + 1.0);
    assert!(kenobi[2] > kenobi[0] + 60, "kenobi pixel {kenobi:?}");
    // Far from everything the canvas is white.
    let corner = pixel(&ctx, 598.0, 2.0);
    assert_eq!(corner, [255, 255, 255, 255]);

    // The generator's true position: a dark ring (radius 6 px) around the point.
    let truth = quasar_fire::decode::Point::new(300.0, -150.0);
    let scene = scene.with_truth(Some(truth));
    let vp = Viewport::new(&scene, None, 600.0, 400.0);
    plot::draw(&canvas, &scene, &vp, 1.0, &legend).expect("drawn");
    let (tx, ty) = vp.to_pixel(truth);
    let ring = [-6.0, 6.0]
        .iter()
        .flat_map(|dx| [pixel(&ctx, tx + dx, ty), pixel(&ctx, tx, ty + dx)])
        .filter(|p| p[0] < 120 && p[1] < 120 && p[2] < 140)
        .count();
    assert!(ring >= 2, "a dark ring around the true position");
}

/// In the browser, typed numbers go through JavaScript's `Number()`: it must give the
/// same double as Rust's compiler does for the same literal, including the hard cases.
#[wasm_bindgen_test]
// The literals are written as typed on purpose: rounding them is what is under test.
#[allow(clippy::excessive_precision)]
fn typed_numbers_convert_like_rust() {
    use quasar_fire::number::parse_decimal;
    let cases: [(&str, f64); 8] = [
        ("0.1", 0.1),
        ("-583.9999999999999", -583.9999999999999),
        ("9007199254740993", 9007199254740992.0),
        ("2.2250738585072011e-308", 2.2250738585072011e-308),
        ("4.9e-324", 4.9e-324),
        ("1.7976931348623157e308", f64::MAX),
        ("+.5", 0.5),
        ("3.", 3.0),
    ];
    for (text, want) in cases {
        let got = parse_decimal(text).unwrap_or(f64::NAN);
        assert_eq!(got.to_bits(), want.to_bits(), "{text}");
    }
    for bad in ["", "0x10", "Infinity", " 1", "1e999", "1_0"] {
        assert_eq!(parse_decimal(bad), None, "{bad:?}");
    }
}

#[wasm_bindgen_test]
async fn json_panel_fills_the_form_and_says_where_the_json_is_wrong() {
    let (host, handle) = mount(None).await;
    let body = r#"{"satellites":[
        {"name":"kenobi","distance":100.0,"message":["este","","","mensaje",""]},
        {"name":"skywalker","distance":115.5,"message":["","es","","","secreto"]},
        {"name":"sato","distance":142.7,"message":["este","","un","",""]}]}"#;
    type_into(&host, "json-input", body).await;
    assert_eq!(value(&host, "sat-skywalker-distance"), "115.5");
    assert_eq!(text(&host, "json-status"), "404");
    assert_eq!(text(&host, "result-status"), "404");

    type_into(&host, "json-input", "{\"satellites\": [1,").await;
    assert_eq!(text(&host, "json-status"), "400");
    assert!(
        text(&host, "json-error").contains("line 1, column"),
        "{}",
        text(&host, "json-error")
    );
    assert_eq!(value(&host, "sat-skywalker-distance"), "115.5");

    // Editing the form rewrites the body.
    type_into(&host, "sat-kenobi-distance", "485.41219597368996").await;
    let rewritten = by_testid(&host, "json-input")
        .unchecked_into::<web_sys::HtmlTextAreaElement>()
        .value();
    assert!(
        rewritten.contains(r#""distance":485.41219597368996"#),
        "{rewritten}"
    );
    drop(handle);
    host.remove();
}

#[wasm_bindgen_test]
async fn split_panel_decodes_what_has_been_reported() {
    let (host, handle) = mount(None).await;
    click(&host, "mode-split").await;
    click(&host, "split-report-kenobi").await;
    click(&host, "split-report-sato").await;
    assert_eq!(text(&host, "split-status"), "404");
    assert!(text(&host, "split-result").contains("only two satellites reported"));
    click(&host, "split-report-skywalker").await;
    assert_eq!(text(&host, "split-status"), "200");
    assert_eq!(
        by_testid(&host, "split-log")
            .query_selector_all("li")
            .map(|l| l.length())
            .ok(),
        Some(3)
    );
    click(&host, "split-clear").await;
    assert_eq!(text(&host, "split-status"), "404");
    drop(handle);
    host.remove();
}

#[wasm_bindgen_test]
async fn saved_work_is_restored_and_unreadable_work_set_aside() {
    let (host, handle) = mount(None).await;
    type_into(&host, "tolerance", "7,5").await;
    let saved = storage()
        .get_item(STORAGE_KEY)
        .ok()
        .flatten()
        .expect("saved");
    drop(handle);
    host.remove();

    let (host, handle) = mount(Some(&saved)).await;
    assert_eq!(value(&host, "tolerance"), "7,5");
    assert!(by_testid(&host, "notice").has_attribute("hidden"));
    drop(handle);
    host.remove();

    let (host, handle) = mount(Some("{\"v\":1,")).await;
    assert!(!by_testid(&host, "notice").has_attribute("hidden"));
    assert!(
        text(&host, "notice").contains(SET_ASIDE_KEY),
        "{}",
        text(&host, "notice")
    );
    assert_eq!(
        storage().get_item(SET_ASIDE_KEY).ok().flatten().as_deref(),
        Some("{\"v\":1,")
    );
    assert_eq!(value(&host, "tolerance"), "0.1");
    assert_eq!(text(&host, "result-status"), "200");
    drop(handle);
    host.remove();
}
