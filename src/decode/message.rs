//! Reassembling the distress message from the fragments each satellite heard.
//!
//! Every satellite's array is some lag (junk slots) followed by a complete,
//! position-aligned copy of the message with unheard words left blank. Aligning the
//! arrays on their last element and keeping the shortest length `n` cuts away all
//! lag but the shortest one's; leading positions that no satellite heard are that
//! remaining lag. See SPEC §3 for the rules implemented here, in order.

use std::fmt;

/// A word as one satellite heard it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Heard {
    /// Index of the satellite.
    pub satellite: usize,
    /// The trimmed word.
    pub word: String,
}

/// Why the message cannot be reassembled. Positions are 1-based within the aligned window.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum MessageError {
    /// No satellite sent a message.
    NothingReceived,
    /// A satellite's array is empty, so the aligned window is empty.
    EmptyMessage {
        /// Index of the satellite with no words.
        satellite: usize,
    },
    /// Two satellites heard different words at the same position.
    Conflict {
        /// Position in the aligned window, counted from 1.
        position: usize,
        /// The first satellite's word there.
        first: Heard,
        /// A different word another satellite heard there.
        second: Heard,
    },
    /// Every array holds only blanks: there is no word to reassemble.
    NoWordsHeard,
    /// No satellite heard the word at this position, and it is not leading lag.
    Unknown {
        /// Position in the aligned window, counted from 1.
        position: usize,
    },
}

impl MessageError {
    /// The sentence for this error, naming satellites with `name(index)`.
    pub fn describe(&self, name: &dyn Fn(usize) -> String) -> String {
        match self {
            MessageError::NothingReceived => "no message was received".to_string(),
            MessageError::EmptyMessage { satellite } => format!(
                "{} received no words, so no position can be aligned",
                name(*satellite)
            ),
            MessageError::Conflict {
                position,
                first,
                second,
            } => format!(
                "conflict at position {position}: {} heard \"{}\" but {} heard \"{}\"",
                name(first.satellite),
                first.word,
                name(second.satellite),
                second.word
            ),
            MessageError::NoWordsHeard => {
                "every word is blank: no satellite heard any part of the message".to_string()
            }
            MessageError::Unknown { position } => {
                format!("the word at position {position} was not heard by any satellite")
            }
        }
    }
}

impl fmt::Display for MessageError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.describe(&|i| format!("satellite {}", i + 1)))
    }
}

impl std::error::Error for MessageError {}

/// The aligned window: which slice of each array takes part, and where the message starts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Alignment {
    /// Length of the shortest array: every array keeps its last `width` words.
    pub width: usize,
    /// Leading positions of the window that nobody heard (lag), dropped from the message.
    pub lead: usize,
}

impl Alignment {
    /// How many words at the front of an array of `len` words are cut off as lag.
    pub fn cut(&self, len: usize) -> usize {
        len.saturating_sub(self.width)
    }
}

/// Align the arrays on their last word and find the leading lag.
pub fn align<S: AsRef<str>>(messages: &[&[S]]) -> Alignment {
    let width = messages.iter().map(|m| m.len()).min().unwrap_or(0);
    let lead = (0..width)
        .find(|&j| {
            messages
                .iter()
                .any(|m| !m[m.len() - width + j].as_ref().trim().is_empty())
        })
        .unwrap_or(width);
    Alignment { width, lead }
}

/// What one position of the aligned window holds, for explaining a merge.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Column {
    /// Leading lag: nobody heard anything here or before.
    Lag,
    /// Every satellite that heard a word here heard this one.
    Word(String),
    /// Satellites heard different words here.
    Conflict,
    /// Nobody heard this word, after the message started.
    Unknown,
}

/// The status of every position of the aligned window, left to right.
pub fn columns<S: AsRef<str>>(messages: &[&[S]]) -> Vec<Column> {
    let alignment = align(messages);
    let width = alignment.width;
    (0..width)
        .map(|j| {
            if j < alignment.lead {
                return Column::Lag;
            }
            let mut known: Option<&str> = None;
            for m in messages {
                let word = m[m.len() - width + j].as_ref().trim();
                match known {
                    _ if word.is_empty() => {}
                    None => known = Some(word),
                    Some(seen) if seen != word => return Column::Conflict,
                    Some(_) => {}
                }
            }
            known.map_or(Column::Unknown, |w| Column::Word(w.to_string()))
        })
        .collect()
}

/// Merge the satellites' word arrays into the message, or say why it cannot be done.
pub fn merge<S: AsRef<str>>(messages: &[&[S]]) -> Result<String, MessageError> {
    if messages.is_empty() {
        return Err(MessageError::NothingReceived);
    }
    let alignment = align(messages);
    if alignment.width == 0 {
        let satellite = messages.iter().position(|m| m.is_empty()).unwrap_or(0);
        return Err(if messages.iter().all(|m| m.is_empty()) {
            MessageError::NothingReceived
        } else {
            MessageError::EmptyMessage { satellite }
        });
    }
    if alignment.lead == alignment.width {
        return Err(MessageError::NoWordsHeard);
    }
    let width = alignment.width;
    let mut text = String::new();
    // Conflicts anywhere take precedence over unknown positions (SPEC §3 step 4 before 6).
    let mut first_unknown = None;
    for j in alignment.lead..width {
        let mut known: Option<(usize, &str)> = None;
        for (i, m) in messages.iter().enumerate() {
            let word = m[m.len() - width + j].as_ref().trim();
            if word.is_empty() {
                continue;
            }
            match known {
                None => known = Some((i, word)),
                Some((k, seen)) if seen != word => {
                    return Err(MessageError::Conflict {
                        position: j + 1,
                        first: Heard {
                            satellite: k,
                            word: seen.to_string(),
                        },
                        second: Heard {
                            satellite: i,
                            word: word.to_string(),
                        },
                    })
                }
                Some(_) => {}
            }
        }
        match known {
            Some((_, word)) => {
                if !text.is_empty() {
                    text.push(' ');
                }
                text.push_str(word);
            }
            None => {
                first_unknown.get_or_insert(j + 1);
            }
        }
    }
    // A conflict inside the lead would be impossible: nobody heard anything there.
    match first_unknown {
        Some(position) => Err(MessageError::Unknown { position }),
        None => Ok(text),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn merge3(a: &[&str], b: &[&str], c: &[&str]) -> Result<String, MessageError> {
        merge(&[a, b, c])
    }

    #[test]
    fn words_are_trimmed_and_blank_means_unknown() {
        assert_eq!(
            merge3(&[" este ", "\t", "un"], &["", "es", ""], &["", " ", ""]),
            Ok("este es un".to_string())
        );
    }

    #[test]
    fn lag_contents_are_ignored() {
        let m = merge3(&["basura", "este", "es"], &["este", "es"], &["", "es"]);
        assert_eq!(m, Ok("este es".to_string()));
        assert_eq!(
            align(&[&["basura", "este", "es"][..], &["este", "es"], &["", "es"]]),
            Alignment { width: 2, lead: 0 }
        );
    }

    #[test]
    fn columns_explain_each_position() {
        let a: &[&str] = &["junk", "", "este", "", "x"];
        let b: &[&str] = &["", "", "", "y"];
        let c: &[&str] = &["", "", "", ""];
        assert_eq!(
            columns(&[a, b, c]),
            vec![
                Column::Lag,
                Column::Word("este".into()),
                Column::Unknown,
                Column::Conflict
            ]
        );
    }

    #[test]
    fn conflict_wins_over_an_earlier_unknown_position() {
        let err = merge3(&["a", "", "x"], &["a", "", "y"], &["a", "", ""]).unwrap_err();
        assert!(matches!(err, MessageError::Conflict { position: 3, .. }));
    }

    #[test]
    fn empty_inputs() {
        let none: [&[&str]; 0] = [];
        assert_eq!(merge(&none), Err(MessageError::NothingReceived));
        assert_eq!(
            merge3(&["a"], &[], &["a"]),
            Err(MessageError::EmptyMessage { satellite: 1 })
        );
        assert_eq!(
            merge3(&["", ""], &["", "  "], &[""]),
            Err(MessageError::NoWordsHeard)
        );
    }
}
