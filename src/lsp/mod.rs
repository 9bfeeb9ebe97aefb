//! The language server (`jixiao lsp`): LSP over stdio with lsp-server, no async runtime.
//!
//! The main loop handles messages strictly in order: document notifications update the text
//! and queue a check on the worker thread (`worker.rs`), requests are answered from the current
//! text (`features.rs`, `tokens.rs`). Positions are converted at this edge only
//! (`position.rs`), in UTF-8 when the client offers it, else UTF-16. Nothing a client sends
//! ends the session except `exit` or the end of input (`transport.rs`).

// lsp-types' `Uri` hashes by its text but holds a lazily filled cell, which this lint mistakes
// for a mutable key; the protocol's own `WorkspaceEdit` is keyed by it.
#![allow(clippy::mutable_key_type)]

mod features;
mod position;
mod tokens;
pub mod transport;
mod worker;

use std::collections::HashMap;
use std::panic::{AssertUnwindSafe, catch_unwind};

use lsp_server::{Connection, ErrorCode, Message, Notification, Request, RequestId, Response};
use lsp_types::notification::{
    DidChangeTextDocument, DidChangeWatchedFiles, DidCloseTextDocument, DidOpenTextDocument,
    Initialized, Notification as _, ShowMessage,
};
use lsp_types::request::{
    CodeActionRequest, Completion, DocumentSymbolRequest, Formatting, HoverRequest,
    RegisterCapability, Request as _, SemanticTokensFullRequest,
};
use lsp_types::{
    CodeActionProviderCapability, CompletionOptions, HoverProviderCapability, InitializeParams,
    InitializeResult, MessageType, OneOf, SemanticTokens, SemanticTokensFullOptions,
    SemanticTokensOptions, SemanticTokensServerCapabilities, ServerCapabilities, ServerInfo,
    ShowMessageParams, TextDocumentSyncCapability, TextDocumentSyncKind, Uri,
};
use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::source::SourceFile;
use crate::syntax::{LineCache, Parsed, parse_incremental};
use crate::{Checked, check_source_incremental};
use features::Doc;
use position::Encoding;
use std::collections::HashSet;
use std::sync::Arc;
use worker::{Job, Worker};

/// What governs a document (its nearest `jixiao.toml`): given by the caller, because finding and
/// reading config files is the command line's business.
pub type SettingsFor = Arc<dyn Fn(&Uri) -> Governed + Send + Sync>;

/// The settings to check a document with, and the config file they come from.
#[derive(Default)]
pub struct Governed {
    pub settings: crate::config::Settings,
    /// The `jixiao.toml` that applies, if any.
    pub config: Option<Uri>,
    /// That file's problems when it cannot be applied: the document is then checked with the
    /// defaults, and the editor shows the problems on the config file.
    pub broken: Option<(SourceFile, Vec<crate::diagnostic::Diagnostic>)>,
}

/// Serves one session over stdin and stdout; `Ok(true)` when the client asked for `shutdown`
/// before leaving (the protocol wants exit status 0 then, 1 otherwise).
pub fn serve_stdio(settings_for: SettingsFor) -> Result<bool, String> {
    let (connection, threads) = transport::stdio()?;
    let result = serve(&connection, settings_for);
    drop(connection);
    threads.join();
    result
}

/// Serves one session over any connection; `Ok(true)` after an orderly shutdown.
pub fn serve(connection: &Connection, settings_for: SettingsFor) -> Result<bool, String> {
    let Some((id, params)) = wait_for_initialize(connection) else {
        return Ok(false);
    };
    // Editing jixiao.toml re-checks the open documents; where the client can watch files for
    // the server, it is asked to once the session is up.
    let watch_configs = (params.capabilities.workspace.as_ref())
        .and_then(|w| w.did_change_watched_files.as_ref())
        .and_then(|w| w.dynamic_registration)
        .unwrap_or(false);
    let encoding = Encoding::negotiate(
        params
            .capabilities
            .general
            .as_ref()
            .and_then(|g| g.position_encodings.as_deref()),
    );
    let result = InitializeResult {
        capabilities: capabilities(encoding),
        server_info: Some(ServerInfo {
            name: "jixiao".to_owned(),
            version: Some(env!("CARGO_PKG_VERSION").to_owned()),
        }),
    };
    respond(
        connection,
        id,
        Ok(serde_json::to_value(result).unwrap_or(Value::Null)),
    );
    let worker = Worker::start(
        connection.sender.clone(),
        encoding,
        Arc::clone(&settings_for),
    )?;
    let mut server = Server {
        connection,
        encoding,
        settings_for,
        documents: HashMap::new(),
        worker,
        shutdown: false,
        watch_configs,
    };
    server.run();
    server.worker.stop();
    Ok(server.shutdown)
}

fn capabilities(encoding: Encoding) -> ServerCapabilities {
    ServerCapabilities {
        position_encoding: Some(encoding.kind()),
        text_document_sync: Some(TextDocumentSyncCapability::Kind(TextDocumentSyncKind::FULL)),
        hover_provider: Some(HoverProviderCapability::Simple(true)),
        completion_provider: Some(CompletionOptions {
            trigger_characters: Some(vec![".".to_owned(), " ".to_owned()]),
            ..CompletionOptions::default()
        }),
        code_action_provider: Some(CodeActionProviderCapability::Simple(true)),
        document_formatting_provider: Some(OneOf::Left(true)),
        document_symbol_provider: Some(OneOf::Left(true)),
        semantic_tokens_provider: Some(SemanticTokensServerCapabilities::SemanticTokensOptions(
            SemanticTokensOptions {
                legend: tokens::legend(),
                full: Some(SemanticTokensFullOptions::Bool(true)),
                ..SemanticTokensOptions::default()
            },
        )),
        ..ServerCapabilities::default()
    }
}

/// Waits for `initialize`, answering anything else with an error; `None` if input ends first.
fn wait_for_initialize(connection: &Connection) -> Option<(RequestId, InitializeParams)> {
    for message in &connection.receiver {
        match message {
            Message::Request(request) if request.method == "initialize" => {
                match serde_json::from_value::<InitializeParams>(request.params) {
                    Ok(params) => return Some((request.id, params)),
                    Err(error) => invalid_params(connection, request.id, &error),
                }
            }
            Message::Request(request) => respond(
                connection,
                request.id,
                Err((ErrorCode::ServerNotInitialized, "服务尚未初始化".to_owned())),
            ),
            Message::Notification(n) if n.method == "exit" => return None,
            _ => {}
        }
    }
    None
}

fn respond(connection: &Connection, id: RequestId, result: Result<Value, (ErrorCode, String)>) {
    let response = match result {
        Ok(value) => Response::new_ok(id, value),
        Err((code, message)) => Response::new_err(id, code as i32, message),
    };
    let _ = connection.sender.send(Message::Response(response));
}

fn invalid_params(connection: &Connection, id: RequestId, error: &serde_json::Error) {
    respond(
        connection,
        id,
        Err((ErrorCode::InvalidParams, format!("参数无法读取：{error}"))),
    );
}

struct Document {
    source: SourceFile,
    version: i32,
    /// Lines as last read on the main thread (symbols, tokens, checks the worker has not done).
    cache: LineCache,
}

struct Server<'a> {
    connection: &'a Connection,
    encoding: Encoding,
    settings_for: SettingsFor,
    documents: HashMap<Uri, Document>,
    worker: Worker,
    shutdown: bool,
    /// Whether to ask the client to report changes to `jixiao.toml` files.
    watch_configs: bool,
}

impl Server<'_> {
    /// Handles messages until `exit` or the end of input.
    fn run(&mut self) {
        for message in &self.connection.receiver {
            match message {
                Message::Request(request) => {
                    let id = request.id.clone();
                    let method = request.method.clone();
                    let answer = catch_unwind(AssertUnwindSafe(|| self.request(request)));
                    let result = answer.unwrap_or_else(|_| {
                        Err((ErrorCode::InternalError, format!("处理 {method} 时出错")))
                    });
                    respond(self.connection, id, result);
                }
                Message::Notification(n) if n.method == "exit" => {
                    return;
                }
                Message::Notification(notification) => {
                    let _ = catch_unwind(AssertUnwindSafe(|| self.notification(notification)));
                }
                Message::Response(_) => {}
            }
        }
    }

    fn notification(&mut self, notification: Notification) {
        match notification.method.as_str() {
            DidOpenTextDocument::METHOD => {
                if let Some(p) = params::<lsp_types::DidOpenTextDocumentParams>(notification) {
                    let doc = p.text_document;
                    self.update(doc.uri, doc.version, doc.text);
                }
            }
            DidChangeTextDocument::METHOD => {
                if let Some(p) = params::<lsp_types::DidChangeTextDocumentParams>(notification) {
                    // Full sync: the last change holds the whole text.
                    if let Some(change) = p.content_changes.into_iter().last() {
                        let doc = p.text_document;
                        self.update(doc.uri, doc.version, change.text);
                    }
                }
            }
            Initialized::METHOD if self.watch_configs => self.watch_config_files(),
            DidChangeWatchedFiles::METHOD => {
                for (uri, document) in &self.documents {
                    self.worker.check(Job {
                        uri: uri.clone(),
                        version: document.version,
                        text: document.source.text.clone(),
                    });
                }
            }
            DidCloseTextDocument::METHOD => {
                if let Some(p) = params::<lsp_types::DidCloseTextDocumentParams>(notification) {
                    let uri = p.text_document.uri;
                    self.documents.remove(&uri);
                    self.worker.forget(&uri);
                    worker::publish(&self.connection.sender, uri, Vec::new(), None);
                }
            }
            _ => {}
        }
    }

    fn watch_config_files(&self) {
        let watchers = vec![lsp_types::FileSystemWatcher {
            glob_pattern: lsp_types::GlobPattern::String(format!(
                "**/{}",
                crate::config::FILE_NAME
            )),
            kind: None,
        }];
        let options = lsp_types::DidChangeWatchedFilesRegistrationOptions { watchers };
        let registration = lsp_types::Registration {
            id: "jixiao.toml".to_owned(),
            method: DidChangeWatchedFiles::METHOD.to_owned(),
            register_options: serde_json::to_value(options).ok(),
        };
        let params = lsp_types::RegistrationParams {
            registrations: vec![registration],
        };
        let request = Request::new(
            RequestId::from("watch-jixiao.toml".to_owned()),
            RegisterCapability::METHOD.to_owned(),
            params,
        );
        let _ = self.connection.sender.send(Message::Request(request));
    }

    fn update(&mut self, uri: Uri, version: i32, text: String) {
        if self
            .documents
            .get(&uri)
            .is_some_and(|d| d.version > version)
        {
            return; // an older edit arriving late changes nothing
        }
        let source = SourceFile::new(uri.as_str(), text.clone());
        let cache = self
            .documents
            .remove(&uri)
            .map(|d| d.cache)
            .unwrap_or_default();
        let document = Document {
            source,
            version,
            cache,
        };
        self.documents.insert(uri.clone(), document);
        self.worker.check(Job { uri, version, text });
    }

    fn request(&mut self, request: Request) -> Result<Value, (ErrorCode, String)> {
        if self.shutdown {
            return Err((ErrorCode::InvalidRequest, "服务正在关闭".to_owned()));
        }
        let value = |v: Result<Value, serde_json::Error>| {
            v.map_err(|e| (ErrorCode::InternalError, e.to_string()))
        };
        match request.method.as_str() {
            "shutdown" => {
                self.shutdown = true;
                Ok(Value::Null)
            }
            HoverRequest::METHOD => {
                let p: lsp_types::HoverParams = parse(request.params)?;
                let at = p.text_document_position_params;
                let uri = at.text_document.uri;
                let Some(checked) = self.checked(&uri) else {
                    return Ok(Value::Null);
                };
                let answer = self.with_doc(&uri, |doc| {
                    let offset = position::offset(doc.source, doc.encoding, at.position);
                    features::hover(doc, &checked, offset)
                });
                value(serde_json::to_value(answer.flatten()))
            }
            Completion::METHOD => {
                let p: lsp_types::CompletionParams = parse(request.params)?;
                let at = p.text_document_position;
                let names = self.names(&at.text_document.uri);
                let answer = self.with_doc(&at.text_document.uri, |doc| {
                    let offset = position::offset(doc.source, doc.encoding, at.position);
                    features::completion(doc, offset, &names)
                });
                value(serde_json::to_value(answer.unwrap_or_default()))
            }
            CodeActionRequest::METHOD => {
                let p: lsp_types::CodeActionParams = parse(request.params)?;
                let Some(checked) = self.checked(&p.text_document.uri) else {
                    return Ok(Value::Array(Vec::new()));
                };
                let answer = self.with_doc(&p.text_document.uri, |doc| {
                    let span = position::span(doc.source, doc.encoding, p.range);
                    features::code_actions(doc, &checked, span)
                });
                value(serde_json::to_value(answer.unwrap_or_default()))
            }
            Formatting::METHOD => {
                let p: lsp_types::DocumentFormattingParams = parse(request.params)?;
                let answer = self.with_doc(&p.text_document.uri, features::formatting);
                match answer {
                    Some(Ok(edits)) => value(serde_json::to_value(edits)),
                    Some(Err(reason)) => {
                        self.show(MessageType::WARNING, reason);
                        Ok(Value::Array(Vec::new()))
                    }
                    None => Ok(Value::Null),
                }
            }
            DocumentSymbolRequest::METHOD => {
                let p: lsp_types::DocumentSymbolParams = parse(request.params)?;
                let Some(parsed) = self.parsed(&p.text_document.uri) else {
                    return Ok(Value::Null);
                };
                let answer =
                    self.with_doc(&p.text_document.uri, |doc| features::symbols(doc, &parsed));
                self.give_back(&p.text_document.uri, parsed);
                value(serde_json::to_value(answer.unwrap_or_default()))
            }
            SemanticTokensFullRequest::METHOD => {
                let p: lsp_types::SemanticTokensParams = parse(request.params)?;
                let Some(parsed) = self.parsed(&p.text_document.uri) else {
                    return Ok(Value::Null);
                };
                let answer = self.with_doc(&p.text_document.uri, |doc| SemanticTokens {
                    result_id: None,
                    data: tokens::tokens(doc.source, &parsed, doc.encoding),
                });
                self.give_back(&p.text_document.uri, parsed);
                value(serde_json::to_value(answer))
            }
            other => Err((ErrorCode::MethodNotFound, format!("不支持的请求：{other}"))),
        }
    }

    /// The check of the document's current version: the worker's when it has one, else made
    /// here (with the document's line cache, so it costs the changed lines only).
    fn checked(&mut self, uri: &Uri) -> Option<Arc<Checked>> {
        let document = self.documents.get_mut(uri)?;
        if let Some((version, checked)) = worker::lock(&self.worker.results).get(uri)
            && *version == document.version
        {
            return Some(Arc::clone(checked));
        }
        let source = document.source.clone();
        let settings = (self.settings_for)(uri).settings;
        Some(Arc::new(check_source_incremental(
            source,
            &mut document.cache,
            &settings,
        )))
    }

    fn parsed(&mut self, uri: &Uri) -> Option<Parsed> {
        let document = self.documents.get_mut(uri)?;
        Some(parse_incremental(
            &document.source.text,
            &mut document.cache,
        ))
    }

    /// Returns the tree of `parsed` to the document's line cache, which takes its lines back.
    fn give_back(&mut self, uri: &Uri, parsed: Parsed) {
        if let Some(document) = self.documents.get_mut(uri) {
            document.cache.keep(parsed.ast);
        }
    }

    /// Indicator names of this document, then of the other open ones, each once.
    fn names(&mut self, uri: &Uri) -> Vec<String> {
        let mut uris: Vec<Uri> = self
            .documents
            .keys()
            .filter(|u| *u != uri)
            .cloned()
            .collect();
        uris.insert(0, uri.clone());
        let checks: Vec<Arc<Checked>> = uris.iter().filter_map(|u| self.checked(u)).collect();
        let mut seen = HashSet::new();
        let mut names = Vec::new();
        for checked in &checks {
            for indicator in checked.spec.all_indicators() {
                if seen.insert(indicator.name) {
                    names.push(indicator.name.to_owned());
                }
            }
        }
        names
    }

    /// Runs `f` on an open document; `None` for a document the client never opened.
    fn with_doc<T>(&self, uri: &Uri, f: impl FnOnce(&Doc<'_>) -> T) -> Option<T> {
        let document = self.documents.get(uri)?;
        Some(f(&Doc {
            uri,
            source: &document.source,
            encoding: self.encoding,
        }))
    }

    fn show(&self, typ: MessageType, message: String) {
        let params = ShowMessageParams { typ, message };
        let _ = self
            .connection
            .sender
            .send(Message::Notification(Notification::new(
                ShowMessage::METHOD.to_owned(),
                params,
            )));
    }
}

fn parse<T: DeserializeOwned>(params: Value) -> Result<T, (ErrorCode, String)> {
    serde_json::from_value(params)
        .map_err(|e| (ErrorCode::InvalidParams, format!("参数无法读取：{e}")))
}

fn params<T: DeserializeOwned>(notification: Notification) -> Option<T> {
    serde_json::from_value(notification.params).ok()
}
