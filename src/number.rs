//! Decimal numbers as people type them, converted without Rust's float parser in the
//! browser.
//!
//! [`is_decimal`] accepts exactly the plain decimal syntax (`-12`, `+.5`, `3.`,
//! `6.02e23`); [`parse_decimal`] converts such text to the nearest `f64`. On the host
//! that is `str::parse`; in WebAssembly it is JavaScript's `Number()`, which the
//! ECMAScript standard also requires to round correctly — so both give the same bits
//! for every accepted input, and the page does not ship Rust's float-parsing tables
//! (~17 KB of WebAssembly). The grammar check comes first so that JavaScript's extra
//! syntax (`0x1f`, `Infinity`, empty text as 0) never gets through.

/// `text` is an optionally signed decimal with an optional exponent, and nothing else.
pub fn is_decimal(text: &str) -> bool {
    let b = text.as_bytes();
    let mut i = 0;
    let digits = |i: &mut usize| {
        let start = *i;
        while b.get(*i).is_some_and(u8::is_ascii_digit) {
            *i += 1;
        }
        *i - start
    };
    if matches!(b.first(), Some(b'+' | b'-')) {
        i += 1;
    }
    let mut mantissa = digits(&mut i);
    if b.get(i) == Some(&b'.') {
        i += 1;
        mantissa += digits(&mut i);
    }
    if mantissa == 0 {
        return false;
    }
    if matches!(b.get(i), Some(b'e' | b'E')) {
        i += 1;
        if matches!(b.get(i), Some(b'+' | b'-')) {
            i += 1;
        }
        if digits(&mut i) == 0 {
            return false;
        }
    }
    i == b.len()
}

/// The `f64` nearest to `text` when it [`is_decimal`] and is finite, else `None`.
pub fn parse_decimal(text: &str) -> Option<f64> {
    if !is_decimal(text) {
        return None;
    }
    let value = convert(text)?;
    value.is_finite().then_some(value)
}

#[cfg(not(target_arch = "wasm32"))]
fn convert(text: &str) -> Option<f64> {
    text.parse().ok()
}

#[cfg(target_arch = "wasm32")]
fn convert(text: &str) -> Option<f64> {
    use wasm_bindgen::prelude::wasm_bindgen;
    #[wasm_bindgen]
    extern "C" {
        #[wasm_bindgen(js_name = Number)]
        fn js_number(text: &str) -> f64;
    }
    let value = js_number(text);
    (!value.is_nan()).then_some(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_decimals_only() {
        for good in ["0", "-12", "+.5", "3.", "6.02e23", "1E-7", "007", "-0.0e+0"] {
            assert!(is_decimal(good), "{good}");
        }
        for bad in [
            "", ".", "-", "+-1", "1e", "1e+", "e5", "1.2.3", " 1", "1 ", "0x1f", "Infinity", "NaN",
            "inf", "1_000", "1,5", "٣", "１",
        ] {
            assert!(!is_decimal(bad), "{bad:?}");
        }
    }

    #[test]
    fn converts_to_the_nearest_double() {
        assert_eq!(parse_decimal("0.1"), Some(0.1));
        assert_eq!(
            parse_decimal("-583.9999999999999"),
            Some(-583.9999999999999)
        );
        assert_eq!(parse_decimal("1e999"), None);
        assert_eq!(
            parse_decimal("2.2250738585072014e-308"),
            Some(f64::MIN_POSITIVE)
        );
        assert_eq!(parse_decimal("-0"), Some(-0.0));
    }
}
