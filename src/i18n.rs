//! Every string the page shows, in English and Spanish.
//!
//! One struct per language, so a missing translation is a compile error.

use crate::decode::locate::format_point;
use crate::decode::{DecodeError, LocateError, MessageError};
use crate::form::Problem;

/// A language of the interface.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lang {
    /// English.
    En,
    /// Spanish.
    Es,
}

impl Lang {
    /// The language for a browser language tag such as `es-AR` (English otherwise).
    pub fn from_tag(tag: &str) -> Lang {
        if tag
            .trim()
            .get(..2)
            .is_some_and(|l| l.eq_ignore_ascii_case("es"))
        {
            Lang::Es
        } else {
            Lang::En
        }
    }

    /// The other language.
    pub fn toggled(self) -> Lang {
        match self {
            Lang::En => Lang::Es,
            Lang::Es => Lang::En,
        }
    }

    /// BCP 47 code for the `lang` attribute.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Es => "es",
        }
    }

    /// This language's table.
    pub fn text(self) -> &'static Text {
        match self {
            Lang::En => &EN,
            Lang::Es => &ES,
        }
    }
}

/// The interface strings of one language.
pub struct Text {
    /// Page title.
    pub title: &'static str,
    /// One-line explanation under the title.
    pub tagline: &'static str,
    /// Label of the language switch (names the other language).
    pub switch_language: &'static str,
    /// Heading of the satellite table.
    pub satellites: &'static str,
    /// Column: name.
    pub name: &'static str,
    /// Column: x.
    pub x: &'static str,
    /// Column: y.
    pub y: &'static str,
    /// Column: distance.
    pub distance: &'static str,
    /// Column: message.
    pub message: &'static str,
    /// Hint on how to type a message.
    pub message_hint: &'static str,
    /// Tolerance label.
    pub tolerance: &'static str,
    /// Add-satellite button.
    pub add_satellite: &'static str,
    /// Remove-satellite button.
    pub remove: &'static str,
    /// Reset button.
    pub reset: &'static str,
    /// Result heading.
    pub result: &'static str,
    /// Position label.
    pub position: &'static str,
    /// Message label.
    pub decoded_message: &'static str,
    /// Residuals heading.
    pub residuals: &'static str,
    /// Uncertainty label.
    pub uncertainty: &'static str,
    /// No report marker.
    pub no_report: &'static str,
    /// Plot's text alternative prefix.
    pub plot_label: &'static str,
    /// Shown while the form has errors.
    pub stale: &'static str,
    /// Field problem: not a number.
    pub not_a_number: &'static str,
    /// Field problem: negative.
    pub negative: &'static str,
    /// Field problem: required.
    pub required: &'static str,
    /// Field problem: duplicate name.
    pub duplicate_name: &'static str,
    /// Legend: fix.
    pub legend_fix: &'static str,
    /// Legend: rejected best fit.
    pub legend_best_fit: &'static str,
    /// Legend: candidates.
    pub legend_candidate: &'static str,
    /// Reset-view button.
    pub reset_view: &'static str,
    /// Heading of the message alignment grid.
    pub alignment: &'static str,
    /// Label of the grid's merged row.
    pub merged: &'static str,
    /// Explains the grid's colours.
    pub alignment_hint: &'static str,
    /// Copy-position button's tooltip and accessible name.
    pub copy_position: &'static str,
    /// Copy-position button's visible text.
    pub copy: &'static str,
    /// Tabs: which flow of the challenge's API the page plays.
    pub mode_label: &'static str,
    /// Tab: top-secret.
    pub mode_top_secret: &'static str,
    /// Tab: split.
    pub mode_split: &'static str,
    /// JSON panel heading.
    pub json_heading: &'static str,
    /// JSON panel hint.
    pub json_hint: &'static str,
    /// Label: request.
    pub request: &'static str,
    /// Label: response.
    pub response: &'static str,
    /// Button: load a file.
    pub load_file: &'static str,
    /// Button: download.
    pub download: &'static str,
    /// Shown after copying.
    pub copied: &'static str,
    /// Split panel heading.
    pub split_heading: &'static str,
    /// Split panel hint.
    pub split_hint: &'static str,
    /// Button prefix: report a satellite.
    pub report: &'static str,
    /// Button: clear split reports.
    pub clear_reports: &'static str,
    /// Empty split log.
    pub no_reports: &'static str,
    /// Label: split result.
    pub split_result: &'static str,
    /// Button: share link.
    pub share: &'static str,
    /// After sharing.
    pub share_copied: &'static str,
    /// When the state is too big for a link.
    pub share_too_large: &'static str,
    /// Notice: stored state unreadable.
    pub restore_failed: &'static str,
    /// Notice: where it was put.
    pub set_aside: &'static str,
    /// Notice: share link unreadable.
    pub link_failed: &'static str,
    /// Notice: restored from link.
    pub link_restored: &'static str,
    /// Button: dismiss notice.
    pub dismiss: &'static str,
    /// Legend: the generator's true ship position.
    pub legend_truth: &'static str,
    /// How to move the plot.
    pub plot_keys: &'static str,
    /// Result source: the form.
    pub source_form: &'static str,
    /// Result source: split reports.
    pub source_split: &'static str,
    /// Result source: generator.
    pub source_generator: &'static str,
    /// Field problem: not in [0, 1].
    pub not_a_probability: &'static str,
    /// Field problem: not a whole number in range.
    pub not_a_count: &'static str,
    /// Tab: generator.
    pub mode_generator: &'static str,
    /// Generator heading.
    pub gen_heading: &'static str,
    /// Generator hint.
    pub gen_hint: &'static str,
    /// Label.
    pub ship_x: &'static str,
    /// Label.
    pub ship_y: &'static str,
    /// Label.
    pub gen_message: &'static str,
    /// Label.
    pub sigma: &'static str,
    /// Label.
    pub decimals: &'static str,
    /// Label.
    pub miss: &'static str,
    /// Label.
    pub lags: &'static str,
    /// Button.
    pub reroll: &'static str,
    /// Label.
    pub expected: &'static str,
    /// Label.
    pub batch_count: &'static str,
    /// Button.
    pub batch_download: &'static str,
}

impl Text {
    /// The message for a field problem.
    pub fn problem(&self, p: Problem) -> &'static str {
        match p {
            Problem::NotANumber => self.not_a_number,
            Problem::Negative => self.negative,
            Problem::Required => self.required,
            Problem::DuplicateName => self.duplicate_name,
            Problem::NotAProbability => self.not_a_probability,
            Problem::NotACount => self.not_a_count,
        }
    }
}

/// Why a stored state or a share link could not be read, in `lang`.
pub fn load_error(lang: Lang, error: &crate::state::LoadError) -> String {
    use crate::state::LoadError;
    match lang {
        Lang::En => error.to_string(),
        Lang::Es => match error {
            LoadError::TooLarge { size, limit } => {
                format!("es demasiado grande ({size} bytes; el límite es {limit})")
            }
            LoadError::NotEncoded => "no es texto base64url válido".to_string(),
            LoadError::Corrupt(detail) => format!("no son datos guardados válidos ({detail})"),
            LoadError::UnknownVersion(v) => {
                format!("lo guardó otra versión de la página (esquema {v})")
            }
            LoadError::Invalid(what) => format!("un valor está fuera de rango: {what}"),
        },
    }
}

/// Why decoding failed, as a sentence in `lang`.
///
/// English is the core's own wording (also used in API bodies); other languages are
/// written here, one arm per error.
pub fn explain(lang: Lang, error: &DecodeError) -> String {
    match lang {
        Lang::En => error.to_string(),
        Lang::Es => explain_es(error),
    }
}

fn explain_es(error: &DecodeError) -> String {
    match error {
        DecodeError::Location {
            error,
            satellites,
            missing,
        } => {
            let name = |i: usize| {
                satellites
                    .get(i)
                    .cloned()
                    .unwrap_or_else(|| format!("el satélite {}", i + 1))
            };
            let missing = if missing.is_empty() {
                String::new()
            } else {
                format!("; sin reporte de {}", missing.join(", "))
            };
            match error {
                LocateError::InvalidDistance { satellite, value } => format!(
                    "la distancia de {} debe ser un número finito ≥ 0, no {value}",
                    name(*satellite)
                ),
                LocateError::InvalidPosition { satellite } => format!(
                    "la posición de {} debe tener coordenadas finitas",
                    name(*satellite)
                ),
                LocateError::TooFewSatellites { count } => format!(
                    "información insuficiente: {count} satélite(s) informaron una distancia y se necesitan al menos 3{missing}"
                ),
                LocateError::TwoSatellites { candidates } => match candidates.len() {
                    0 => format!("información insuficiente: solo informaron dos satélites y sus círculos no se cruzan{missing}"),
                    1 => format!(
                        "información insuficiente: solo informaron dos satélites; sus círculos se tocan en ({}){missing}",
                        format_point(candidates[0])
                    ),
                    _ => format!(
                        "información insuficiente: solo informaron dos satélites; la nave está en ({}) o en ({}){missing}",
                        format_point(candidates[0]),
                        format_point(candidates[1])
                    ),
                },
                LocateError::CoincidentSatellites { first, second } => format!(
                    "{} y {} están en la misma posición y el resto no alcanza para ubicar la nave: mueve uno de ellos",
                    name(*first),
                    name(*second)
                ),
                LocateError::AllCoincident => {
                    "todos los satélites están en la misma posición: la nave podría estar en cualquier punto de un círculo".to_string()
                }
                LocateError::Collinear => {
                    "todos los satélites están sobre una recta: la nave y su reflejo respecto de ella ajustan igual de bien".to_string()
                }
                LocateError::Ambiguous { candidates } => format!(
                    "posición ambigua: los satélites están casi alineados y tanto ({}) como ({}) ajustan",
                    format_point(candidates[0]),
                    format_point(candidates[1])
                ),
                LocateError::Rejected {
                    best_fit,
                    worst,
                    residual,
                    tolerance,
                    no_circles_meet,
                } => format!(
                    "{}el círculo de {} pasa a {:.2} del mejor ajuste ({}), más que la tolerancia {tolerance}",
                    if *no_circles_meet { "ningún par de círculos se cruza; " } else { "" },
                    name(*worst),
                    residual.abs(),
                    format_point(*best_fit)
                ),
                LocateError::OutOfRange => {
                    "las distancias y coordenadas son demasiado grandes para calcular".to_string()
                }
            }
        }
        DecodeError::Message { error, satellites } => {
            let name = |i: usize| {
                satellites
                    .get(i)
                    .cloned()
                    .unwrap_or_else(|| format!("el satélite {}", i + 1))
            };
            match error {
                MessageError::NothingReceived => "no se recibió ningún mensaje".to_string(),
                MessageError::EmptyMessage { satellite } => format!(
                    "{} no recibió palabras, así que no se puede alinear ninguna posición",
                    name(*satellite)
                ),
                MessageError::Conflict {
                    position,
                    first,
                    second,
                } => format!(
                    "conflicto en la posición {position}: {} escuchó \"{}\" pero {} escuchó \"{}\"",
                    name(first.satellite),
                    first.word,
                    name(second.satellite),
                    second.word
                ),
                MessageError::NoWordsHeard => {
                    "todas las palabras están en blanco: ningún satélite escuchó parte del mensaje"
                        .to_string()
                }
                MessageError::Unknown { position } => {
                    format!("ningún satélite escuchó la palabra de la posición {position}")
                }
            }
        }
    }
}

const EN: Text = Text {
    title: "Quasar Fire",
    tagline: "Locate a ship from the distances satellites measured to it, and reassemble the distress message each one heard in part.",
    switch_language: "Español",
    satellites: "Satellites",
    name: "Name",
    x: "x",
    y: "y",
    distance: "Distance",
    message: "Message heard",
    message_hint: "Words separated by spaces; write _ for a word the satellite did not hear.",
    tolerance: "Tolerance",
    add_satellite: "Add satellite",
    remove: "Remove",
    reset: "Reset to the challenge",
    result: "Result",
    position: "Position",
    decoded_message: "Message",
    residuals: "Residuals",
    uncertainty: "Uncertainty (1σ)",
    no_report: "no report",
    plot_label: "Plot of the satellites and their range circles",
    stale: "Fix the highlighted fields; the result shows the last valid data.",
    not_a_number: "Enter a number, such as 485.41",
    negative: "A distance cannot be negative",
    required: "Required",
    duplicate_name: "Another satellite already has this name",
    legend_fix: "ship",
    legend_best_fit: "best fit (rejected)",
    legend_candidate: "candidate",
    reset_view: "Reset view",
    alignment: "Message alignment",
    merged: "merged",
    alignment_hint: "Aligned on the last word. Grey: lag, ignored. Red: satellites disagree. Amber: nobody heard that word.",
    copy_position: "Copy the position at full precision",
    copy: "Copy",
    mode_label: "Flow",
    mode_top_secret: "/topsecret",
    mode_split: "/topsecret_split",
    json_heading: "Top-secret request and response",
    json_hint: "All reports at once. Paste or load a request body: it fills the form, and editing the form rewrites it. The response is what the API would answer, byte for byte.",
    request: "Request body",
    response: "Response",
    load_file: "Load file…",
    download: "Download",
    copied: "Copied",
    split_heading: "Split reports",
    split_hint: "One satellite at a time. Each button sends that satellite's row as POST /topsecret_split/{name}; the latest report of a satellite wins. The result is GET /topsecret_split, and the plot shows what has been reported.",
    report: "Report",
    clear_reports: "Clear reports",
    no_reports: "No reports yet.",
    split_result: "GET /topsecret_split",
    share: "Share link",
    share_copied: "Link copied. It holds the whole page state.",
    share_too_large: "This state is too large for a link",
    restore_failed: "Your saved work could not be restored",
    set_aside: "it was set aside in this browser's storage under",
    link_failed: "This link could not be opened",
    link_restored: "Opened the state from the link.",
    dismiss: "Dismiss",
    not_a_probability: "Enter a probability from 0 to 1",
    not_a_count: "Enter a whole number in range",
    mode_generator: "Test vectors",
    gen_heading: "Test-vector generator",
    gen_hint: "For testing your own implementation: click the plot (or type) to place the ship, type its message, choose how the satellites garble it, and get the request and the response a correct implementation must give.",
    ship_x: "Ship x",
    ship_y: "Ship y",
    gen_message: "Message",
    sigma: "Range noise σ",
    decimals: "Decimals (blank: all)",
    miss: "Chance a word is missed",
    lags: "Lag per satellite",
    reroll: "New noise",
    expected: "Expected response",
    batch_count: "Vectors in a batch",
    batch_download: "Download batch (JSON)",
    source_form: "Decoded from the form (/topsecret).",
    source_split: "Decoded from the split reports so far (/topsecret_split).",
    source_generator: "The generated vector, as a correct implementation must decode it.",
    plot_keys: "Wheel, pinch or + − to zoom · drag or arrow keys to pan · 0 to fit",
    legend_truth: "true position",
};

const ES: Text = Text {
    title: "Fuego de Quasar",
    tagline: "Ubica una nave a partir de las distancias que midieron los satélites y reconstruye el mensaje de auxilio que cada uno escuchó en parte.",
    switch_language: "English",
    satellites: "Satélites",
    name: "Nombre",
    x: "x",
    y: "y",
    distance: "Distancia",
    message: "Mensaje recibido",
    message_hint: "Palabras separadas por espacios; escribe _ para una palabra que el satélite no escuchó.",
    tolerance: "Tolerancia",
    add_satellite: "Agregar satélite",
    remove: "Quitar",
    reset: "Volver al desafío",
    result: "Resultado",
    position: "Posición",
    decoded_message: "Mensaje",
    residuals: "Residuos",
    uncertainty: "Incertidumbre (1σ)",
    no_report: "sin reporte",
    plot_label: "Gráfico de los satélites y sus círculos de distancia",
    stale: "Corrige los campos marcados; el resultado muestra los últimos datos válidos.",
    not_a_number: "Escribe un número, como 485.41",
    negative: "Una distancia no puede ser negativa",
    required: "Obligatorio",
    duplicate_name: "Otro satélite ya tiene este nombre",
    legend_fix: "nave",
    legend_best_fit: "mejor ajuste (rechazado)",
    legend_candidate: "candidato",
    reset_view: "Restablecer vista",
    alignment: "Alineación del mensaje",
    merged: "unido",
    alignment_hint: "Alineado en la última palabra. Gris: desfase, se ignora. Rojo: los satélites no coinciden. Ámbar: nadie escuchó esa palabra.",
    copy_position: "Copiar la posición con precisión completa",
    copy: "Copiar",
    mode_label: "Flujo",
    mode_top_secret: "/topsecret",
    mode_split: "/topsecret_split",
    json_heading: "Pedido y respuesta de top-secret",
    json_hint: "Todos los reportes juntos. Pega o carga un cuerpo de pedido: completa el formulario, y editar el formulario lo reescribe. La respuesta es la que daría la API, byte por byte.",
    request: "Cuerpo del pedido",
    response: "Respuesta",
    load_file: "Cargar archivo…",
    download: "Descargar",
    copied: "Copiado",
    split_heading: "Reportes por separado",
    split_hint: "Un satélite por vez. Cada botón envía la fila de ese satélite como POST /topsecret_split/{nombre}; vale el último reporte de cada satélite. El resultado es GET /topsecret_split, y el gráfico muestra lo reportado.",
    report: "Reportar",
    clear_reports: "Borrar reportes",
    no_reports: "Todavía no hay reportes.",
    split_result: "GET /topsecret_split",
    share: "Compartir enlace",
    share_copied: "Enlace copiado. Contiene todo el estado de la página.",
    share_too_large: "Este estado es demasiado grande para un enlace",
    restore_failed: "No se pudo restaurar tu trabajo guardado",
    set_aside: "se guardó aparte en el almacenamiento del navegador como",
    link_failed: "No se pudo abrir este enlace",
    link_restored: "Se abrió el estado del enlace.",
    dismiss: "Cerrar",
    not_a_probability: "Ingresa una probabilidad entre 0 y 1",
    not_a_count: "Ingresa un número entero dentro del rango",
    mode_generator: "Vectores de prueba",
    gen_heading: "Generador de vectores de prueba",
    gen_hint: "Para probar tu propia implementación: haz clic en el gráfico (o escribe) para ubicar la nave, escribe su mensaje, elige cómo lo deforman los satélites y obtén el pedido y la respuesta que debe dar una implementación correcta.",
    ship_x: "Nave x",
    ship_y: "Nave y",
    gen_message: "Mensaje",
    sigma: "Ruido de distancia σ",
    decimals: "Decimales (vacío: todos)",
    miss: "Probabilidad de perder una palabra",
    lags: "Desfase por satélite",
    reroll: "Nuevo ruido",
    expected: "Respuesta esperada",
    batch_count: "Vectores por lote",
    batch_download: "Descargar lote (JSON)",
    source_form: "Decodificado del formulario (/topsecret).",
    source_split: "Decodificado de los reportes por separado recibidos (/topsecret_split).",
    source_generator: "El vector generado, como debe decodificarlo una implementación correcta.",
    plot_keys: "Rueda, pellizco o + − para acercar · arrastra o usa las flechas para mover · 0 para encuadrar",
    legend_truth: "posición real",
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn browser_tags_pick_the_language() {
        assert_eq!(Lang::from_tag("es-AR"), Lang::Es);
        assert_eq!(Lang::from_tag("ES"), Lang::Es);
        assert_eq!(Lang::from_tag("en-GB"), Lang::En);
        assert_eq!(Lang::from_tag(""), Lang::En);
        assert_eq!(Lang::Es.toggled(), Lang::En);
        assert_ne!(Lang::Es.text().title, Lang::En.text().title);
    }

    #[test]
    fn failures_are_explained_in_both_languages() {
        use crate::decode::{decode, Constellation, Report};
        let report = |d: f64, m: &[&str]| {
            Some(Report {
                distance: d,
                message: m.iter().map(|w| w.to_string()).collect(),
            })
        };
        let reports = [
            report(100.0, &["este", ""]),
            report(115.5, &["", "es"]),
            report(142.7, &["otro", ""]),
        ];
        let d = decode(&Constellation::default(), &reports, 0.1);
        let location = d.location.expect_err("circles do not meet");
        let message = d.message.expect_err("conflict");
        assert!(explain(Lang::En, &location).starts_with("no two circles meet"));
        assert!(explain(Lang::Es, &location).starts_with("ningún par de círculos se cruza"));
        assert!(explain(Lang::Es, &location).contains("el círculo de kenobi pasa a 403.96"));
        assert_eq!(
            explain(Lang::Es, &message),
            "conflicto en la posición 1: kenobi escuchó \"este\" pero sato escuchó \"otro\""
        );
    }
}
