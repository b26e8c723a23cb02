//! The challenge's API flows on the page — the top-secret JSON panel, the split flow
//! and the test-vector generator — plus share links and the start-up notice.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::browser::{self, Notice};
use super::{tr, Generated};
use crate::decode::{
    parse_top_secret, respond, same_name, top_secret_body, Decoded, RequestError, Response,
};
use crate::form::{split_body, with_reports, Model, Problem, SatelliteRow};
use crate::i18n::{load_error, Lang};
use crate::state::{
    LoadError, LoggedReport, Mode, SplitReplay, State, MAX_LOG_ENTRIES, SET_ASIDE_KEY,
};
use crate::vectors::{batch, batch_area, GenField, GeneratorForm};

/// The rows describe exactly the constellation of `model` (same names, same order), so
/// reports indexed by that constellation can be written into them.
fn rows_match(rows: &[SatelliteRow], model: &Model) -> bool {
    rows.len() == model.constellation.len()
        && rows
            .iter()
            .zip(&model.constellation.satellites)
            .all(|(r, s)| same_name(&r.name, &s.name))
}

/// The status an API answer carries, as shown on the page.
fn status_of(answer: &Result<(), RequestError>) -> u16 {
    match answer {
        Ok(()) => 200,
        Err(RequestError::UnknownSatellite { .. }) => 404,
        Err(_) => 400,
    }
}

/// "Share link": the whole state into the URL fragment, copied to the clipboard.
#[component]
pub fn ShareButton(lang: RwSignal<Lang>, snapshot: Callback<(), State>) -> impl IntoView {
    let outcome = RwSignal::new(None::<Result<String, LoadError>>);
    let share = move |_| {
        let state = snapshot.run(());
        let result = state.to_fragment().and_then(|fragment| {
            browser::share_url(&fragment).ok_or(LoadError::Invalid("no address bar"))
        });
        if let Ok(url) = &result {
            browser::copy_text(url);
        }
        outcome.set(Some(result));
    };
    let message = move || {
        outcome.with(|o| match o {
            None => String::new(),
            Some(Ok(_)) => lang.get().text().share_copied.to_string(),
            Some(Err(e)) => format!(
                "{}: {}",
                lang.get().text().share_too_large,
                load_error(lang.get(), e)
            ),
        })
    };
    view! {
        <div class="share">
            <button class="ghost" data-testid="share" on:click=share>
                {tr(lang, |t| t.share)}
            </button>
            <span class="share-status" data-testid="share-status" role="status">
                {message}
            </span>
        </div>
    }
}

/// How the page started, when there is something to say about it.
#[component]
pub fn NoticeBar(lang: RwSignal<Lang>, notice: RwSignal<Option<Notice>>) -> impl IntoView {
    let text = move || {
        let lang = lang.get();
        let t = lang.text();
        notice.with(|n| match n.as_ref()? {
            Notice::LinkRestored => Some(t.link_restored.to_string()),
            Notice::LinkFailed(e) => Some(format!("{}: {}.", t.link_failed, load_error(lang, e))),
            Notice::RestoreFailed(e) => Some(format!(
                "{}: {}; {} \u{201c}{SET_ASIDE_KEY}\u{201d}.",
                t.restore_failed,
                load_error(lang, e),
                t.set_aside
            )),
        })
    };
    view! {
        <div
            class="notice"
            class:warning=move || notice.with(|n| !matches!(n, Some(Notice::LinkRestored)))
            role="status"
            data-testid="notice"
            hidden=move || notice.with(Option::is_none)
        >
            <span>{text}</span>
            <button class="ghost small" on:click=move |_| notice.set(None)>
                {tr(lang, |t| t.dismiss)}
            </button>
        </div>
    }
}

/// The two flows of the challenge's API, as tabs.
#[component]
pub fn FlowPanel(
    lang: RwSignal<Lang>,
    mode: RwSignal<Mode>,
    rows: RwSignal<Vec<SatelliteRow>>,
    model: Memo<Model>,
    split: Memo<SplitReplay>,
    log: RwSignal<Vec<LoggedReport>>,
    decoded: Memo<Decoded>,
    generator: RwSignal<GeneratorForm>,
    generated: Memo<Generated>,
    seed: RwSignal<u64>,
) -> impl IntoView {
    let tab = move |which: Mode,
                    id: &'static str,
                    label: fn(&'static crate::i18n::Text) -> &'static str| {
        view! {
            <button
                class="tab"
                data-testid=id
                aria-pressed=move || (mode.get() == which).to_string()
                on:click=move |_| mode.set(which)
            >
                {tr(lang, label)}
            </button>
        }
    };
    view! {
        <section class="card flow">
            <div class="tabs" role="group" aria-label=tr(lang, |t| t.mode_label)>
                {tab(Mode::TopSecret, "mode-topsecret", |t| t.mode_top_secret)}
                {tab(Mode::Split, "mode-split", |t| t.mode_split)}
                {tab(Mode::Generator, "mode-generator", |t| t.mode_generator)}
            </div>
            {move || match mode.get() {
                Mode::TopSecret => view! { <JsonPanel lang rows model /> }.into_any(),
                Mode::Split => view! { <SplitPanel lang rows split log decoded /> }.into_any(),
                Mode::Generator => {
                    view! { <GeneratorPanel lang model generator generated seed /> }.into_any()
                }
            }}
        </section>
    }
}

/// Copy and download buttons for one text.
fn text_actions(
    lang: RwSignal<Lang>,
    text: Signal<String>,
    file: &'static str,
    id: &'static str,
) -> impl IntoView {
    let copied = RwSignal::new(false);
    view! {
        <div class="text-actions">
            <button
                class="ghost small"
                data-testid=format!("{id}-copy")
                on:click=move |_| browser::copy_and_confirm(&text.get_untracked(), copied)
            >
                {move || {
                    let t = lang.get().text();
                    if copied.get() { t.copied } else { t.copy }
                }}
            </button>
            <button
                class="ghost small"
                data-testid=format!("{id}-download")
                on:click=move |_| browser::download(file, "application/json", &text.get_untracked())
            >
                {tr(lang, |t| t.download)}
            </button>
        </div>
    }
}

/// A response as the page shows it: a label with the status, the body, copy and
/// download. `id` names the body (`{id}`), the status (`{status_id}`) and the buttons.
fn response_view(
    lang: RwSignal<Lang>,
    label: fn(&'static crate::i18n::Text) -> &'static str,
    status: Signal<Option<u16>>,
    body: Signal<String>,
    file: &'static str,
    id: &'static str,
    status_id: &'static str,
) -> impl IntoView {
    view! {
        <div class="field">
            <span>
                {tr(lang, label)} " "
                <span
                    class="status small"
                    class:ok=move || status.get() == Some(200)
                    data-testid=status_id
                >
                    {move || status.get()}
                </span>
            </span>
        </div>
        <pre class="json-output" data-testid=id>{move || body.get()}</pre>
        {text_actions(lang, body, file, id)}
    }
}

/// The top-secret request body, two-way with the form, and the response to it.
#[component]
fn JsonPanel(
    lang: RwSignal<Lang>,
    rows: RwSignal<Vec<SatelliteRow>>,
    model: Memo<Model>,
) -> impl IntoView {
    let body_of = |m: &Model| top_secret_body(&m.constellation, &m.reports);
    let text = RwSignal::new(model.with_untracked(body_of));
    // The satellites the body's names refer to: unchanged while only reports change.
    let constellation = Memo::new(move |_| model.with(|m| m.constellation.clone()));
    // The text parsed once per edit of the text (or of the constellation), shared by
    // the form update, the rewrite check and the response.
    let parsed = Memo::new(move |_| text.with(|t| constellation.with(|c| parse_top_secret(t, c))));
    // The form changed: rewrite the body, unless it already says the same (then the
    // person's own layout of it stays). Only the model is tracked, never the text.
    Effect::new(move |_| {
        let rewrite = model.with(|m| {
            let same = parsed.with_untracked(|p| p.as_ref().is_ok_and(|r| *r == m.reports));
            (!same).then(|| body_of(m))
        });
        if let Some(body) = rewrite {
            text.set(body);
        }
    });
    // A valid body fills the form; an invalid one stays as typed, the form unchanged.
    let apply = move |body: String| {
        super::mark_input();
        text.set(body);
        let fits = model.with_untracked(|m| rows.with_untracked(|r| rows_match(r, m)));
        let reports = parsed.with_untracked(|p| p.as_ref().ok().filter(|_| fits).cloned());
        if let Some(reports) = reports {
            rows.update(|r| *r = with_reports(r, &reports));
        }
    };
    let response: Memo<Response> = Memo::new(move |_| {
        parsed.with(|p| model.with(|m| respond(p, &m.constellation, m.tolerance)))
    });
    let response_body = Signal::derive(move || response.with(Response::to_json));
    let response_status = Signal::derive(move || Some(response.with(|r| r.status)));
    let request_body = Signal::derive(move || text.get());
    let problem = move || {
        response.with(|r| match (&r.status, &r.body) {
            (400, crate::decode::ResponseBody::Error { error }) => Some(error.clone()),
            _ => None,
        })
    };
    let load = move |ev: leptos::ev::Event| {
        let Some(input) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
        else {
            return;
        };
        let Some(file) = input.files().and_then(|f| f.get(0)) else {
            return;
        };
        input.set_value("");
        leptos::task::spawn_local(async move {
            if let Ok(value) = wasm_bindgen_futures::JsFuture::from(file.text()).await {
                if let Some(body) = value.as_string() {
                    apply(body);
                }
            }
        });
    };
    view! {
        <h2>{tr(lang, |t| t.json_heading)}</h2>
        <p class="hint">{tr(lang, |t| t.json_hint)}</p>
        <div class="json-grid">
            <div class="json-side">
                <label class="field" for="json-input">
                    <span>{tr(lang, |t| t.request)}</span>
                </label>
                <textarea
                    id="json-input"
                    data-testid="json-input"
                    spellcheck="false"
                    autocomplete="off"
                    rows="7"
                    wrap="off"
                    aria-invalid=move || problem().is_some().to_string()
                    aria-describedby="json-error"
                    prop:value=move || text.get()
                    on:input=move |ev| apply(event_target_value(&ev))
                ></textarea>
                <small class="error" id="json-error" data-testid="json-error" role="alert">
                    {problem}
                </small>
                <div class="text-actions">
                    <label class="button ghost small file">
                        {tr(lang, |t| t.load_file)}
                        <input
                            type="file"
                            class="visually-hidden"
                            data-testid="json-file"
                            accept=".json,application/json,text/plain"
                            on:change=load
                        />
                    </label>
                    {text_actions(lang, request_body, "request.json", "json-input")}
                </div>
            </div>
            <div class="json-side">
                {response_view(lang, |t| t.response, response_status, response_body, "response.json", "json-output", "json-status")}
            </div>
        </div>
    }
}

/// `/topsecret_split`: one report per click, a log, and the result so far.
#[component]
fn SplitPanel(
    lang: RwSignal<Lang>,
    rows: RwSignal<Vec<SatelliteRow>>,
    split: Memo<SplitReplay>,
    log: RwSignal<Vec<LoggedReport>>,
    decoded: Memo<Decoded>,
) -> impl IntoView {
    let report = move |i: usize| {
        let Some((name, body)) = rows.with_untracked(|r| {
            let row = r.get(i)?;
            Some((row.name.trim().to_string(), split_body(row)?))
        }) else {
            return;
        };
        super::mark_input();
        log.update(|l| {
            if l.len() >= MAX_LOG_ENTRIES {
                l.remove(0);
            }
            l.push(LoggedReport {
                satellite: name,
                body,
                at: browser::now_ms(),
            });
        });
    };
    let result = Memo::new(move |_| decoded.with(Response::from_decoded));
    let result_body = Signal::derive(move || result.with(Response::to_json));
    let result_status = Signal::derive(move || Some(result.with(|r| r.status)));
    let entries = move || {
        log.with(|l| {
            split.with(|s| {
                l.iter()
                    .zip(&s.answers)
                    .map(|(e, a)| {
                        (
                            browser::clock(e.at),
                            e.satellite.clone(),
                            e.body.clone(),
                            status_of(a),
                            a.as_ref().err().map(ToString::to_string),
                        )
                    })
                    .collect::<Vec<_>>()
            })
        })
    };
    view! {
        <h2>{tr(lang, |t| t.split_heading)}</h2>
        <p class="hint">{tr(lang, |t| t.split_hint)}</p>
        <div class="split-buttons">
            <For
                each=move || 0..rows.with(Vec::len)
                key=|i| *i
                children=move |i| {
                    let name = move || rows.with(|r| r.get(i).map(|r| r.name.trim().to_string()).unwrap_or_default());
                    view! {
                        <button
                            data-testid=move || format!("split-report-{}", name())
                            disabled=move || rows.with(|r| r.get(i).and_then(split_body).is_none())
                            on:click=move |_| report(i)
                        >
                            {tr(lang, |t| t.report)} " " {name}
                        </button>
                    }
                }
            />
            <button
                class="ghost"
                data-testid="split-clear"
                disabled=move || log.with(Vec::is_empty)
                on:click=move |_| log.set(Vec::new())
            >
                {tr(lang, |t| t.clear_reports)}
            </button>
        </div>
        <ol class="split-log" data-testid="split-log" aria-live="polite">
            {move || {
                let list = entries();
                if list.is_empty() {
                    view! { <li class="empty">{tr(lang, |t| t.no_reports)}</li> }.into_any()
                } else {
                    list.into_iter()
                        .map(|(time, name, body, status, why)| {
                            view! {
                                <li>
                                    <time>{time}</time>
                                    <code>"POST /topsecret_split/" {name}</code>
                                    <span class="status small" class:ok=status == 200>{status}</span>
                                    <code class="body">{body}</code>
                                    <small class="error">{why}</small>
                                </li>
                            }
                        })
                        .collect_view()
                        .into_any()
                }
            }}
        </ol>
        {response_view(lang, |t| t.split_result, result_status, result_body, "topsecret_split.json", "split-result", "split-status")}
    }
}

/// The test-vector generator: a ship, a message and how the satellites garble them.
#[component]
fn GeneratorPanel(
    lang: RwSignal<Lang>,
    model: Memo<Model>,
    generator: RwSignal<GeneratorForm>,
    generated: Memo<Generated>,
    seed: RwSignal<u64>,
) -> impl IntoView {
    let problem = move |field: GenField| {
        generated.with(|g| match g {
            Err(errors) => errors.iter().find(|(f, _)| *f == field).map(|(_, p)| *p),
            Ok(_) => None,
        })
    };
    let input = move |field: GenField,
                      id: &'static str,
                      label: fn(&'static crate::i18n::Text) -> &'static str,
                      read: fn(&GeneratorForm) -> &String,
                      write: fn(&mut GeneratorForm, String),
                      mode: &'static str| {
        let bad = move || problem(field).is_some();
        view! {
            <label class="field" class:invalid=bad>
                <span>{tr(lang, label)}</span>
                <input
                    data-testid=id
                    inputmode=mode
                    autocomplete="off"
                    spellcheck="false"
                    prop:value=move || generator.with(|g| read(g).clone())
                    aria-invalid=move || bad().to_string()
                    on:input=move |ev| {
                        super::mark_input();
                        let value = event_target_value(&ev);
                        generator.update(|g| write(g, value));
                    }
                />
                <small class="error" role="alert">
                    {move || problem(field).map(|p: Problem| lang.get().text().problem(p))}
                </small>
            </label>
        }
    };
    let request = Signal::derive(move || {
        generated.with(|g| {
            g.as_ref()
                .map(|(v, _)| v.request.clone())
                .unwrap_or_default()
        })
    });
    let response = Signal::derive(move || {
        generated.with(|g| {
            g.as_ref()
                .map(|(v, _)| v.response.to_json())
                .unwrap_or_default()
        })
    });
    let status =
        Signal::derive(move || generated.with(|g| g.as_ref().ok().map(|(v, _)| v.response.status)));
    let download_batch = move |_| {
        let Ok((spec, count)) = generator.with_untracked(GeneratorForm::check) else {
            return;
        };
        let text = model.with_untracked(|m| {
            let area = batch_area(&m.constellation);
            batch(
                &m.constellation,
                &spec,
                m.tolerance,
                count,
                area,
                seed.get_untracked(),
            )
        });
        browser::download("quasar-fire-vectors.json", "application/json", &text);
    };
    view! {
        <h2>{tr(lang, |t| t.gen_heading)}</h2>
        <p class="hint">{tr(lang, |t| t.gen_hint)}</p>
        <div class="gen-grid">
            {input(GenField::X, "gen-x", |t| t.ship_x, |g| &g.x, |g, v| g.x = v, "decimal")}
            {input(GenField::Y, "gen-y", |t| t.ship_y, |g| &g.y, |g, v| g.y = v, "decimal")}
            {input(GenField::Sigma, "gen-sigma", |t| t.sigma, |g| &g.sigma, |g, v| g.sigma = v, "decimal")}
            {input(GenField::Decimals, "gen-decimals", |t| t.decimals, |g| &g.decimals, |g, v| g.decimals = v, "numeric")}
            {input(GenField::Miss, "gen-miss", |t| t.miss, |g| &g.miss, |g, v| g.miss = v, "decimal")}
            {input(GenField::Lags, "gen-lags", |t| t.lags, |g| &g.lags, |g, v| g.lags = v, "text")}
        </div>
        {input(GenField::Message, "gen-message", |t| t.gen_message, |g| &g.message, |g, v| g.message = v, "text")}
        <div class="actions">
            <button class="ghost" data-testid="gen-reroll" on:click=move |_| seed.update(|s| *s = s.wrapping_add(1))>
                {tr(lang, |t| t.reroll)}
            </button>
        </div>
        <div class="json-grid">
            <div class="json-side">
                <span class="field">{tr(lang, |t| t.request)}</span>
                <pre class="json-output" data-testid="gen-request">{move || request.get()}</pre>
                {text_actions(lang, request, "request.json", "gen-request")}
            </div>
            <div class="json-side">
                {response_view(lang, |t| t.expected, status, response, "response.json", "gen-response", "gen-status")}
            </div>
        </div>
        <div class="batch">
            {input(GenField::Count, "gen-count", |t| t.batch_count, |g| &g.count, |g, v| g.count = v, "numeric")}
            <button
                data-testid="gen-batch"
                disabled=move || generated.with(Result::is_err)
                on:click=download_batch
            >
                {tr(lang, |t| t.batch_download)}
            </button>
        </div>
    }
}
