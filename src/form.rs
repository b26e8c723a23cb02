//! What the user typed, checked field by field, and the model it yields.
//!
//! The text of every field is kept as typed; [`check`] turns it into a [`Model`] for
//! the decoder, or into field errors shown next to the fields. Pure Rust, host-tested.

use crate::decode::{Constellation, Report, Satellite, DEFAULT_TOLERANCE};

/// Upper bound on satellites in the form (the table stays readable on a phone).
pub const MAX_SATELLITES: usize = 12;

/// One row of the satellite table, exactly as typed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SatelliteRow {
    /// Satellite name.
    pub name: String,
    /// Position x.
    pub x: String,
    /// Position y.
    pub y: String,
    /// Measured distance; blank (with a blank message) means "no report".
    pub distance: String,
    /// Words separated by spaces, `_` for a word not heard.
    pub message: String,
}

impl SatelliteRow {
    /// A row from its texts.
    pub fn new(name: &str, x: &str, y: &str, distance: &str, message: &str) -> SatelliteRow {
        SatelliteRow {
            name: name.into(),
            x: x.into(),
            y: y.into(),
            distance: distance.into(),
            message: message.into(),
        }
    }
}

/// The challenge's default scenario: SPEC vectors L1 and M1.
pub fn default_rows() -> Vec<SatelliteRow> {
    vec![
        SatelliteRow::new(
            "kenobi",
            "-500",
            "-200",
            "485.41219597368996",
            "este _ _ mensaje _",
        ),
        SatelliteRow::new(
            "skywalker",
            "100",
            "-100",
            "265.75364531836624",
            "_ es _ _ secreto",
        ),
        SatelliteRow::new("sato", "500", "100", "600.5206074732157", "este _ un _ _"),
    ]
}

/// Which field of a row.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Field {
    /// The name.
    Name,
    /// Position x.
    X,
    /// Position y.
    Y,
    /// The distance.
    Distance,
    /// The message.
    Message,
}

/// What is wrong with a field's text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Problem {
    /// Not a finite number.
    NotANumber,
    /// A distance below zero.
    Negative,
    /// Blank where a value is needed.
    Required,
    /// Another row already has this name.
    DuplicateName,
    /// Not a probability between 0 and 1.
    NotAProbability,
    /// Not a whole number in the field's range.
    NotACount,
}

/// A problem in one field of one row.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FieldError {
    /// Row index.
    pub row: usize,
    /// The field.
    pub field: Field,
    /// What is wrong.
    pub problem: Problem,
}

/// Everything wrong with a form.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FormErrors {
    /// Problems in the satellite table.
    pub fields: Vec<FieldError>,
    /// A problem in the tolerance field.
    pub tolerance: Option<Problem>,
}

impl FormErrors {
    /// The problem of one field of one row, if any.
    pub fn at(&self, row: usize, field: Field) -> Option<Problem> {
        self.fields
            .iter()
            .find(|e| e.row == row && e.field == field)
            .map(|e| e.problem)
    }
}

/// A valid form: the constellation, each satellite's report and the tolerance.
#[derive(Clone, Debug, PartialEq)]
pub struct Model {
    /// The satellites.
    pub constellation: Constellation,
    /// `reports[i]` is what satellite `i` reported, if anything.
    pub reports: Vec<Option<Report>>,
    /// Acceptance tolerance on the residuals.
    pub tolerance: f64,
}

impl Default for Model {
    fn default() -> Model {
        check(&default_rows(), "0.1").unwrap_or_else(|_| Model {
            constellation: Constellation::default(),
            reports: vec![None; 3],
            tolerance: DEFAULT_TOLERANCE,
        })
    }
}

/// Split a message text into words: white space separates, `_` is a word not heard.
pub fn parse_words(text: &str) -> Vec<String> {
    text.split_whitespace()
        .map(|w| {
            if w == "_" {
                String::new()
            } else {
                w.to_string()
            }
        })
        .collect()
}

/// The words as they are typed in the form: blanks as `_`, separated by spaces (the
/// inverse of [`parse_words`] for words without spaces).
pub fn words_text(words: &[String]) -> String {
    words
        .iter()
        .map(|w| if w.trim().is_empty() { "_" } else { w.as_str() })
        .collect::<Vec<_>>()
        .join(" ")
}

/// `rows` with every satellite's distance and message replaced by `reports` (one slot
/// per row, `None` = no report: both fields blank). Names and positions stay.
pub fn with_reports(rows: &[SatelliteRow], reports: &[Option<Report>]) -> Vec<SatelliteRow> {
    rows.iter()
        .enumerate()
        .map(|(i, row)| {
            let (distance, message) = match reports.get(i).and_then(Option::as_ref) {
                // Shortest round-trip decimal: the same f64 reads back.
                Some(r) => (r.distance.to_string(), words_text(&r.message)),
                None => (String::new(), String::new()),
            };
            SatelliteRow {
                distance,
                message,
                ..row.clone()
            }
        })
        .collect()
}

/// The `/topsecret_split/{name}` request body for one row, if its distance is valid:
/// `{"distance":…,"message":[…]}`.
pub fn split_body(row: &SatelliteRow) -> Option<String> {
    let distance = parse_number(&row.distance).ok().filter(|d| *d >= 0.0)?;
    let body = serde_json::json!({
        "distance": distance,
        "message": parse_words(&row.message),
    });
    Some(body.to_string())
}

/// Parse a number as people type it: surrounding spaces allowed, a decimal comma accepted.
pub fn parse_number(text: &str) -> Result<f64, Problem> {
    let t = text.trim();
    if t.is_empty() {
        return Err(Problem::Required);
    }
    let normalised;
    let t = if t.contains(',') && !t.contains('.') {
        normalised = t.replace(',', ".");
        normalised.as_str()
    } else {
        t
    };
    crate::number::parse_decimal(t).ok_or(Problem::NotANumber)
}

/// Parse the tolerance field: a finite number ≥ 0.
pub fn parse_tolerance(text: &str) -> Result<f64, Problem> {
    let v = parse_number(text)?;
    if v < 0.0 {
        Err(Problem::Negative)
    } else {
        Ok(v)
    }
}

/// Check every field; a model when all are valid, else every field error.
pub fn check(rows: &[SatelliteRow], tolerance: &str) -> Result<Model, FormErrors> {
    let mut errors = Vec::new();
    let mut satellites = Vec::new();
    let mut reports = Vec::new();
    for (row, r) in rows.iter().enumerate() {
        let mut fail = |field, problem| {
            errors.push(FieldError {
                row,
                field,
                problem,
            })
        };
        let name = r.name.trim();
        if name.is_empty() {
            fail(Field::Name, Problem::Required);
        } else if rows[..row]
            .iter()
            .any(|o| crate::decode::same_name(&o.name, name))
        {
            fail(Field::Name, Problem::DuplicateName);
        }
        let x = parse_number(&r.x).map_err(|p| fail(Field::X, p));
        let y = parse_number(&r.y).map_err(|p| fail(Field::Y, p));
        let report = if r.distance.trim().is_empty() && r.message.trim().is_empty() {
            None
        } else {
            match parse_number(&r.distance) {
                Ok(d) if d < 0.0 => {
                    fail(Field::Distance, Problem::Negative);
                    None
                }
                Ok(distance) => Some(Report {
                    distance,
                    message: parse_words(&r.message),
                }),
                Err(p) => {
                    fail(Field::Distance, p);
                    None
                }
            }
        };
        if let (Ok(x), Ok(y)) = (x, y) {
            satellites.push(Satellite::new(name, x, y));
        }
        reports.push(report);
    }
    match parse_tolerance(tolerance) {
        Ok(tolerance) if errors.is_empty() => Ok(Model {
            constellation: Constellation { satellites },
            reports,
            tolerance,
        }),
        tolerance => Err(FormErrors {
            fields: errors,
            tolerance: tolerance.err(),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_with_blanks() {
        assert_eq!(
            parse_words("  este _ _ mensaje _ "),
            vec!["este", "", "", "mensaje", ""]
        );
        assert!(parse_words("   ").is_empty());
    }

    #[test]
    fn reports_fill_the_rows_and_read_back() {
        let rows = default_rows();
        let model = check(&rows, "0.1").expect("valid");
        let mut reports = model.reports.clone();
        reports[1] = None;
        let filled = with_reports(&rows, &reports);
        assert_eq!(filled[1].distance, "");
        assert_eq!(filled[1].message, "");
        assert_eq!(filled[0].name, "kenobi");
        assert_eq!(filled[0].message, "este _ _ mensaje _");
        let again = check(&filled, "0.1").expect("valid");
        assert_eq!(again.reports, reports);
    }

    #[test]
    fn split_body_carries_the_rows_report() {
        let row = SatelliteRow::new("sato", "500", "100", " 142,7 ", "este _ un");
        assert_eq!(
            split_body(&row).as_deref(),
            Some(r#"{"distance":142.7,"message":["este","","un"]}"#)
        );
        let bad = SatelliteRow::new("sato", "500", "100", "-1", "");
        assert_eq!(split_body(&bad), None);
        let blank = SatelliteRow::new("sato", "500", "100", "", "x");
        assert_eq!(split_body(&blank), None);
        let parsed = crate::decode::parse_split_report(&split_body(&row).unwrap_or_default());
        assert_eq!(parsed.map(|r| r.distance), Ok(142.7));
    }

    #[test]
    fn numbers_as_people_type_them() {
        assert_eq!(parse_number(" 12.5 "), Ok(12.5));
        assert_eq!(parse_number("12,5"), Ok(12.5));
        assert_eq!(parse_number("1e3"), Ok(1000.0));
        assert_eq!(parse_number(""), Err(Problem::Required));
        for bad in ["abc", "NaN", "inf", "1e999", "1,000.5", "--1"] {
            assert_eq!(parse_number(bad), Err(Problem::NotANumber), "{bad}");
        }
    }

    #[test]
    fn default_form_is_valid_and_blank_rows_do_not_report() {
        let mut rows = default_rows();
        let model = check(&rows, "0.1").expect("valid");
        assert!(model.reports.iter().all(Option::is_some));
        rows[2].distance.clear();
        rows[2].message.clear();
        let model = check(&rows, "0.1").expect("valid");
        assert!(model.reports[2].is_none());
    }

    #[test]
    fn every_bad_field_is_reported() {
        let mut rows = default_rows();
        rows[0].distance = "-3".into();
        rows[1].x = "east".into();
        rows[2].name = "KENOBI".into();
        let errors = check(&rows, "x").unwrap_err();
        assert_eq!(errors.at(0, Field::Distance), Some(Problem::Negative));
        assert_eq!(errors.at(1, Field::X), Some(Problem::NotANumber));
        assert_eq!(errors.at(2, Field::Name), Some(Problem::DuplicateName));
        assert_eq!(errors.at(0, Field::X), None);
        assert_eq!(errors.tolerance, Some(Problem::NotANumber));
    }
}
