//! The check runs off the main loop: edits queue jobs, the worker keeps only the newest job per
//! document, and a result is published only if its version is still the document's latest, so a
//! burst of keystrokes costs one check and stale diagnostics never overwrite fresh ones.

use std::collections::{HashMap, HashSet};
use std::sync::{Arc, Mutex, PoisonError};
use std::thread::JoinHandle;

use crossbeam_channel::{Receiver, Sender, unbounded};
use lsp_server::{Message, Notification};
use lsp_types::notification::{Notification as _, PublishDiagnostics};
use lsp_types::{
    DiagnosticRelatedInformation, DiagnosticSeverity, Location, NumberOrString,
    PublishDiagnosticsParams, Uri,
};

use super::position::{Encoding, range};
use crate::diagnostic::{Code, Diagnostic, Severity};
use crate::source::{SourceFile, Span};
use crate::syntax::LineCache;
use crate::{Checked, check_source_incremental};

/// A document to check at a version.
pub struct Job {
    pub uri: Uri,
    pub version: i32,
    pub text: String,
}

/// The newest version of each open document; `None` once closed.
type Latest = Arc<Mutex<HashMap<Uri, i32>>>;

/// The last check of each document, with its version: requests reuse it when it is current.
pub type Results = Arc<Mutex<HashMap<Uri, (i32, Arc<Checked>)>>>;

pub struct Worker {
    jobs: Sender<Job>,
    latest: Latest,
    pub results: Results,
    thread: Option<JoinHandle<()>>,
}

impl Worker {
    pub fn start(
        client: Sender<Message>,
        encoding: Encoding,
        settings_for: super::SettingsFor,
    ) -> Result<Worker, String> {
        let (jobs, queue) = unbounded::<Job>();
        let latest: Latest = Arc::default();
        let results: Results = Arc::default();
        let (seen, store) = (Arc::clone(&latest), Arc::clone(&results));
        let thread = std::thread::Builder::new()
            .name("jixiao-lsp-check".to_owned())
            .spawn(move || run(&queue, &seen, &store, &client, encoding, &settings_for))
            .map_err(|e| e.to_string())?;
        Ok(Worker {
            jobs,
            latest,
            results,
            thread: Some(thread),
        })
    }

    /// Queues a check of `job`, making its version the document's latest.
    pub fn check(&self, job: Job) {
        lock(&self.latest).insert(job.uri.clone(), job.version);
        let _ = self.jobs.send(job);
    }

    /// Forgets a closed document: results still in flight for it are dropped.
    pub fn forget(&self, uri: &Uri) {
        lock(&self.latest).remove(uri);
        lock(&self.results).remove(uri);
    }

    pub fn stop(mut self) {
        let (jobs, _) = unbounded();
        drop(std::mem::replace(&mut self.jobs, jobs));
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

pub fn lock<T>(shared: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    shared.lock().unwrap_or_else(PoisonError::into_inner)
}

fn is_current(latest: &Latest, uri: &Uri, version: i32) -> bool {
    lock(latest).get(uri) == Some(&version)
}

fn run(
    queue: &Receiver<Job>,
    latest: &Latest,
    results: &Results,
    client: &Sender<Message>,
    encoding: Encoding,
    settings_for: &super::SettingsFor,
) {
    // Each open document's lines as last read: a keystroke re-reads one line, not the file.
    let mut caches: HashMap<Uri, LineCache> = HashMap::new();
    // Config files whose problems are shown, to be cleared once they are fixed.
    let mut broken_configs: HashSet<Uri> = HashSet::new();
    while let Ok(first) = queue.recv() {
        caches.retain(|uri, _| lock(latest).contains_key(uri));
        // Whatever queued up meanwhile: only the newest job of each document matters.
        let mut newest: Vec<Job> = Vec::new();
        for job in std::iter::once(first).chain(queue.try_iter()) {
            newest.retain(|j| j.uri != job.uri);
            newest.push(job);
        }
        for job in newest {
            if !is_current(latest, &job.uri, job.version) {
                continue;
            }
            let cache = caches.entry(job.uri.clone()).or_default();
            let source = SourceFile::new(job.uri.as_str(), job.text);
            let governed = settings_for(&job.uri);
            let checked = check_source_incremental(source, cache, &governed.settings);
            if !is_current(latest, &job.uri, job.version) {
                continue;
            }
            let mut diagnostics: Vec<_> = checked
                .diagnostics
                .iter()
                .map(|d| to_lsp(d, &checked.source, &job.uri, encoding))
                .collect();
            if let Some(config) = &governed.config {
                let shown = show_config(client, config, &governed, encoding);
                if let Some(notice) = shown {
                    diagnostics.insert(0, to_lsp(&notice, &checked.source, &job.uri, encoding));
                    broken_configs.insert(config.clone());
                } else if broken_configs.remove(config) {
                    publish(client, config.clone(), Vec::new(), None);
                }
            }
            // Freeing the old result and taking the tree apart for the line cache are done after
            // publishing and outside the lock: large trees take time.
            let previous = lock(results).insert(job.uri.clone(), (job.version, Arc::new(checked)));
            publish(client, job.uri.clone(), diagnostics, Some(job.version));
            drop(previous);
            if let Some(cache) = caches.get_mut(&job.uri) {
                cache.release();
            }
        }
    }
}

/// Publishes a broken config's problems on the config file itself, and returns the notice the
/// document gets at its first line: it is checked with the defaults meanwhile.
fn show_config(
    client: &Sender<Message>,
    config: &Uri,
    governed: &super::Governed,
    encoding: Encoding,
) -> Option<Diagnostic> {
    let (source, problems) = governed.broken.as_ref()?;
    let shown = problems
        .iter()
        .map(|d| to_lsp(d, source, config, encoding))
        .collect();
    publish(client, config.clone(), shown, None);
    let detail = format!(
        "{} 有 {} 处错误，未生效；本文件暂按默认设置检查",
        source.name,
        problems.len()
    );
    Some(Diagnostic::new(Code::ConfigError, Span::new(0, 0)).arg("detail", detail))
}

pub fn publish(
    client: &Sender<Message>,
    uri: Uri,
    diagnostics: Vec<lsp_types::Diagnostic>,
    version: Option<i32>,
) {
    let params = PublishDiagnosticsParams {
        uri,
        diagnostics,
        version,
    };
    let _ = client.send(Message::Notification(Notification::new(
        PublishDiagnostics::METHOD.to_owned(),
        params,
    )));
}

/// A jixiao diagnostic as the client sees it: the same code and message as `jixiao check`, the
/// help line below it, secondary labels as related information.
pub fn to_lsp(
    diagnostic: &Diagnostic,
    source: &SourceFile,
    uri: &Uri,
    encoding: Encoding,
) -> lsp_types::Diagnostic {
    let rule = diagnostic.rule();
    let mut message = diagnostic.message();
    if let Some(help) = diagnostic.help() {
        message.push_str("\n帮助：");
        message.push_str(&help);
    }
    let related = diagnostic
        .labels
        .iter()
        .map(|label| DiagnosticRelatedInformation {
            location: Location::new(uri.clone(), range(source, encoding, label.span)),
            message: label.text.clone(),
        })
        .collect::<Vec<_>>();
    lsp_types::Diagnostic {
        range: range(source, encoding, diagnostic.span),
        severity: Some(match diagnostic.severity {
            Severity::Error => DiagnosticSeverity::ERROR,
            Severity::Warning => DiagnosticSeverity::WARNING,
        }),
        code: Some(NumberOrString::String(rule.id.to_owned())),
        code_description: None,
        source: Some(format!("jixiao {}", rule.name)),
        message,
        related_information: (!related.is_empty()).then_some(related),
        tags: None,
        data: None,
    }
}
