//! The command-line decoder answers every SPEC vector with the right body and exit status.
#![cfg(not(target_arch = "wasm32"))]

use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Stdio};

/// `cargo test` builds the examples next to the test binaries' `deps/` folder.
fn example() -> PathBuf {
    let mut dir = std::env::current_exe().expect("test binary path");
    dir.pop();
    if dir.ends_with("deps") {
        dir.pop();
    }
    dir.join("examples").join("topsecret")
}

fn run(args: &[&str], body: &str) -> (i32, serde_json::Value) {
    let mut child = Command::new(example())
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("the topsecret example is built by cargo test");
    let written = child
        .stdin
        .take()
        .expect("stdin")
        .write_all(body.as_bytes());
    // With bad arguments the decoder answers without reading stdin and may already
    // have exited: a broken pipe then is expected, not a failure.
    if let Err(e) = written {
        assert_eq!(e.kind(), std::io::ErrorKind::BrokenPipe, "write body: {e}");
    }
    let out = child.wait_with_output().expect("run");
    let text = String::from_utf8(out.stdout).expect("utf-8");
    let json = serde_json::from_str(text.trim()).unwrap_or_else(|e| panic!("{e}: {text}"));
    (out.status.code().unwrap_or(-1), json)
}

fn body(d: [f64; 3], m: [&[&str]; 3]) -> String {
    serde_json::json!({"satellites": [
        {"name": "kenobi", "distance": d[0], "message": m[0]},
        {"name": "skywalker", "distance": d[1], "message": m[1]},
        {"name": "sato", "distance": d[2], "message": m[2]},
    ]})
    .to_string()
}

const L1: [f64; 3] = [485.41219597368996, 265.75364531836624, 600.5206074732157];
const M1: [&[&str]; 3] = [
    &["este", "", "", "mensaje", ""],
    &["", "es", "", "", "secreto"],
    &["este", "", "un", "", ""],
];

fn position(v: &serde_json::Value) -> (f64, f64) {
    let p = &v["position"];
    (p["x"].as_f64().expect("x"), p["y"].as_f64().expect("y"))
}

#[test]
fn location_vectors() {
    for (d, (x, y), eps) in [
        (L1, (-100.0, 75.0), 1e-6),
        (
            [485.6956351461273, 266.08316369135423, 600.5],
            (-100.0, 75.5),
            1e-6,
        ),
        (
            [538.5164807134504, 141.4213562373095, 509.9019513592785],
            (0.0, 0.0),
            1e-6,
        ),
        (
            [943.3981132056604, 447.21359549995793, 282.842712474619],
            (300.0, 300.0),
            1e-6,
        ),
        ([485.412201, 265.753632, 600.52063], (-100.0, 75.0), 1e-3),
    ] {
        let (code, v) = run(&[], &body(d, M1));
        assert_eq!(code, 0, "{v}");
        let (px, py) = position(&v);
        assert!((px - x).hypot(py - y) <= eps, "{v}");
        assert_eq!(v["message"], "este es un mensaje secreto");
    }
    for (d, needle) in [
        ([100.0, 115.5, 142.7], "no two circles meet"),
        (
            [485.41219597368996, 265.75364531836624, 601.5206074732157],
            "sato's circle misses the best fit",
        ),
        (
            [600.5206074732157, 265.75364531836624, 485.41219597368996],
            "misses the best fit",
        ),
    ] {
        let (code, v) = run(&[], &body(d, M1));
        assert_eq!(code, 1, "{v}");
        let error = v["error"].as_str().expect("error");
        assert!(error.contains(needle), "{error}");
    }
}

#[test]
fn message_vectors() {
    let ok: [([&[&str]; 3], &str); 5] = [
        (M1, "este es un mensaje secreto"),
        (
            [
                &["", "este", "es", "un", "mensaje"],
                &["este", "", "un", "mensaje"],
                &["", "", "es", "", "mensaje"],
            ],
            "este es un mensaje",
        ),
        (
            [
                &["", "", "", "trap"],
                &["", "", "", "is", "a", ""],
                &["", "", "", "it", "is", "a", "trap"],
            ],
            "it is a trap",
        ),
        (
            [&["no", "", ""], &["", "no", ""], &["", "", "no"]],
            "no no no",
        ),
        (
            [&["basura", "este", "es"], &["este", "es"], &["", "es"]],
            "este es",
        ),
    ];
    for (m, expected) in ok {
        let (code, v) = run(&[], &body(L1, m));
        assert_eq!((code, v["message"].as_str()), (0, Some(expected)), "{v}");
    }
    let fail: [([&[&str]; 3], &str); 4] = [
        (
            [M1[0], M1[1], &["otro", "", "un", "", ""]],
            "conflict at position 1: kenobi heard \"este\" but sato heard \"otro\"",
        ),
        (
            [
                &["este", "", "", "mensaje", ""],
                &["", "", "", "", "secreto"],
                &["este", "", "un", "", ""],
            ],
            "position 2 was not heard",
        ),
        ([&[], &[], &[]], "no message was received"),
        (
            [&["Este", "", "", "mensaje", ""], M1[1], M1[2]],
            "conflict at position 1",
        ),
    ];
    for (m, needle) in fail {
        let (code, v) = run(&[], &body(L1, m));
        assert_eq!(code, 1, "{v}");
        assert!(v["error"].as_str().expect("error").contains(needle), "{v}");
    }
}

#[test]
fn malformed_requests_exit_2_naming_the_field() {
    let bad = r#"{"satellites": [{"name": "kenobi", "distance": 1, "message": []}, {"name": "skywalker", "distance": "x", "message": []}]}"#;
    let (code, v) = run(&[], bad);
    assert_eq!(code, 2);
    assert!(v["error"]
        .as_str()
        .expect("error")
        .starts_with("satellites[1].distance"));
    let (code, v) = run(&[], "{\"satellites\": [");
    assert_eq!(code, 2);
    assert!(
        v["error"]
            .as_str()
            .expect("error")
            .contains("line 1, column 16"),
        "{v}"
    );
}

#[test]
fn tolerance_flag() {
    let l15 = [485.41219597368996, 265.75364531836624, 601.5206074732157];
    assert_eq!(run(&[], &body(l15, M1)).0, 1);
    assert_eq!(run(&["--tolerance", "1"], &body(l15, M1)).0, 0);
    assert_eq!(run(&["--tolerance=1"], &body(l15, M1)).0, 0);
    assert_eq!(run(&["--tolerance", "-1"], &body(l15, M1)).0, 2);
}
