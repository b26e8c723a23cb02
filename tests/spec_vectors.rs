//! Every public test vector of SPEC §5, through the library.
#![cfg(not(target_arch = "wasm32"))]

use quasar_fire::decode::{
    locate, merge, top_secret, Constellation, LocateError, MessageError, Point, Range,
    ResponseBody, DEFAULT_TOLERANCE,
};

fn ranges(d: [f64; 3]) -> Vec<Range> {
    Constellation::default()
        .satellites
        .iter()
        .zip(d)
        .map(|(s, d)| Range::new(s.position, d))
        .collect()
}

fn fix_near(d: [f64; 3], expected: Point, eps: f64) {
    let fix = locate(&ranges(d), DEFAULT_TOLERANCE).expect("a fix");
    assert!(
        fix.position.distance(expected) <= eps,
        "{:?} vs {expected:?}",
        fix.position
    );
}

#[test]
fn l1_l3_l4_l5_exact_distances() {
    fix_near(
        [485.41219597368996, 265.75364531836624, 600.5206074732157],
        Point::new(-100.0, 75.0),
        1e-6,
    );
    fix_near(
        [485.6956351461273, 266.08316369135423, 600.5],
        Point::new(-100.0, 75.5),
        1e-6,
    );
    fix_near(
        [538.5164807134504, 141.4213562373095, 509.9019513592785],
        Point::new(0.0, 0.0),
        1e-6,
    );
    fix_near(
        [943.3981132056604, 447.21359549995793, 282.842712474619],
        Point::new(300.0, 300.0),
        1e-6,
    );
}

#[test]
fn l1f_float32_rounding_is_within_tolerance() {
    fix_near(
        [485.412201, 265.753632, 600.52063],
        Point::new(-100.0, 75.0),
        1e-3,
    );
}

#[test]
fn l12_no_two_circles_meet() {
    match locate(&ranges([100.0, 115.5, 142.7]), DEFAULT_TOLERANCE) {
        Err(
            e @ LocateError::Rejected {
                no_circles_meet: true,
                ..
            },
        ) => assert!(e.to_string().starts_with("no two circles meet")),
        other => panic!("{other:?}"),
    }
}

#[test]
fn l15_best_fit_residual_too_large() {
    match locate(
        &ranges([485.41219597368996, 265.75364531836624, 601.5206074732157]),
        DEFAULT_TOLERANCE,
    ) {
        Err(LocateError::Rejected {
            residual,
            no_circles_meet: false,
            best_fit,
            ..
        }) => {
            assert!((0.45..0.65).contains(&residual.abs()), "{residual}");
            assert!(best_fit.is_finite());
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn l16_order_matters() {
    assert!(matches!(
        locate(
            &ranges([600.5206074732157, 265.75364531836624, 485.41219597368996]),
            DEFAULT_TOLERANCE
        ),
        Err(LocateError::Rejected { .. })
    ));
}

fn merged(a: &[&str], b: &[&str], c: &[&str]) -> Result<String, MessageError> {
    merge(&[a, b, c])
}

const M1: [&[&str]; 3] = [
    &["este", "", "", "mensaje", ""],
    &["", "es", "", "", "secreto"],
    &["este", "", "un", "", ""],
];

#[test]
fn message_vectors_that_decode() {
    assert_eq!(
        merged(M1[0], M1[1], M1[2]).as_deref(),
        Ok("este es un mensaje secreto")
    );
    assert_eq!(
        merged(
            &["", "este", "es", "un", "mensaje"],
            &["este", "", "un", "mensaje"],
            &["", "", "es", "", "mensaje"]
        )
        .as_deref(),
        Ok("este es un mensaje")
    );
    assert_eq!(
        merged(
            &["", "", "", "trap"],
            &["", "", "", "is", "a", ""],
            &["", "", "", "it", "is", "a", "trap"]
        )
        .as_deref(),
        Ok("it is a trap")
    );
    assert_eq!(
        merged(&["no", "", ""], &["", "no", ""], &["", "", "no"]).as_deref(),
        Ok("no no no")
    );
    assert_eq!(
        merged(&["basura", "este", "es"], &["este", "es"], &["", "es"]).as_deref(),
        Ok("este es")
    );
}

#[test]
fn m7_conflict_names_position_words_and_satellites() {
    let sato = ["otro", "", "un", "", ""];
    let err = merged(M1[0], M1[1], &sato).unwrap_err();
    match &err {
        MessageError::Conflict {
            position: 1,
            first,
            second,
        } => {
            assert_eq!((first.satellite, first.word.as_str()), (0, "este"));
            assert_eq!((second.satellite, second.word.as_str()), (2, "otro"));
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn m8_unknown_position() {
    assert_eq!(
        merged(
            &["este", "", "", "mensaje", ""],
            &["", "", "", "", "secreto"],
            &["este", "", "un", "", ""]
        ),
        Err(MessageError::Unknown { position: 2 })
    );
}

#[test]
fn m13_nothing_received() {
    assert_eq!(merged(&[], &[], &[]), Err(MessageError::NothingReceived));
}

#[test]
fn m18_case_sensitive_conflict() {
    let kenobi = ["Este", "", "", "mensaje", ""];
    assert!(matches!(
        merged(&kenobi, M1[1], M1[2]),
        Err(MessageError::Conflict { position: 1, .. })
    ));
}

#[test]
fn top_secret_failure_is_404_and_names_the_satellite() {
    let body = r#"{"satellites": [
      {"name": "kenobi", "distance": 100.0, "message": ["este", "", "", "mensaje", ""]},
      {"name": "skywalker", "distance": 115.5, "message": ["", "es", "", "", "secreto"]},
      {"name": "sato", "distance": 142.7, "message": ["otro", "", "un", "", ""]}]}"#;
    let r = top_secret(body, &Constellation::default(), DEFAULT_TOLERANCE);
    assert_eq!(r.status, 404);
    let ResponseBody::Error { error } = r.body else {
        panic!("expected an error body")
    };
    assert!(error.contains("circle misses the best fit"), "{error}");
    assert!(
        error.contains("kenobi heard \"este\" but sato heard \"otro\""),
        "{error}"
    );
}
