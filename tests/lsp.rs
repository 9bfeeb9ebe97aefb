//! The language server as an editor meets it: the real `jixiao lsp` binary over stdio, real
//! JSON-RPC with `Content-Length` framing. Malformed messages and half-typed edits never end the
//! session; diagnostics, hover, completion, code actions, formatting, symbols and semantic
//! tokens answer with what `jixiao check` and `jixiao fmt` would say.

use std::io::{BufRead, BufReader, Write};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{Receiver, channel};
use std::time::Duration;

use jixiao::format::format_source;
use jixiao::source::SourceFile;
use serde_json::{Value, json};

/// How long to wait for one message before the test fails (never reached when all is well).
const PATIENCE: Duration = Duration::from_secs(30);

struct Client {
    child: Child,
    stdin: ChildStdin,
    messages: Receiver<Value>,
    next_id: i64,
    /// Notifications read while waiting for something else.
    seen: Vec<Value>,
}

fn read_message(reader: &mut impl BufRead) -> Option<Value> {
    let mut length = 0;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).ok()? == 0 {
            return None;
        }
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        if let Some(value) = line.strip_prefix("Content-Length:") {
            length = value.trim().parse().ok()?;
        }
    }
    let mut body = vec![0; length];
    reader.read_exact(&mut body).ok()?;
    serde_json::from_slice(&body).ok()
}

impl Client {
    fn start(encodings: &[&str]) -> Client {
        let mut child = Command::new(env!("CARGO_BIN_EXE_jixiao"))
            .arg("lsp")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let stdin = child.stdin.take().unwrap();
        let mut stdout = BufReader::new(child.stdout.take().unwrap());
        let (sender, messages) = channel();
        std::thread::spawn(move || {
            while let Some(message) = read_message(&mut stdout) {
                if sender.send(message).is_err() {
                    return;
                }
            }
        });
        let mut client = Client {
            child,
            stdin,
            messages,
            next_id: 0,
            seen: Vec::new(),
        };
        let capabilities = json!({
            "general": { "positionEncodings": encodings },
            "workspace": { "didChangeWatchedFiles": { "dynamicRegistration": true } }
        });
        let init = client.request(
            "initialize",
            json!({ "processId": null, "rootUri": null, "capabilities": capabilities }),
        );
        assert!(
            init["result"]["capabilities"]["hoverProvider"] == json!(true),
            "{init}"
        );
        client.notify("initialized", json!({}));
        client
    }

    fn raw(&mut self, bytes: &[u8]) {
        self.stdin.write_all(bytes).unwrap();
        self.stdin.flush().unwrap();
    }

    fn send(&mut self, message: &Value) {
        let body = message.to_string();
        self.raw(format!("Content-Length: {}\r\n\r\n{body}", body.len()).as_bytes());
    }

    fn notify(&mut self, method: &str, params: Value) {
        self.send(&json!({ "jsonrpc": "2.0", "method": method, "params": params }));
    }

    fn next(&mut self) -> Value {
        self.messages
            .recv_timeout(PATIENCE)
            .expect("the server answers")
    }

    /// Sends a request and returns its whole response (`result` or `error`).
    fn request(&mut self, method: &str, params: Value) -> Value {
        self.next_id += 1;
        let id = self.next_id;
        self.send(&json!({ "jsonrpc": "2.0", "id": id, "method": method, "params": params }));
        loop {
            let message = self.next();
            if message["id"] == json!(id) && message.get("method").is_none() {
                return message;
            }
            self.seen.push(message);
        }
    }

    /// The diagnostics published for `uri` at `version`, skipping older publications.
    fn diagnostics(&mut self, uri: &str, version: i64) -> Vec<Value> {
        self.published(uri, json!(version))
    }

    /// The next diagnostics published for `uri` with `version` (`null` for a file not open).
    fn published(&mut self, uri: &str, version: Value) -> Vec<Value> {
        let matches = |m: &Value| {
            m["method"] == "textDocument/publishDiagnostics"
                && m["params"]["uri"] == uri
                && m["params"]["version"] == version
        };
        if let Some(at) = self.seen.iter().position(matches) {
            return self.seen.remove(at)["params"]["diagnostics"]
                .as_array()
                .unwrap()
                .clone();
        }
        loop {
            let message = self.next();
            if matches(&message) {
                return message["params"]["diagnostics"].as_array().unwrap().clone();
            }
            self.seen.push(message);
        }
    }

    fn open(&mut self, uri: &str, text: &str) {
        self.notify(
            "textDocument/didOpen",
            json!({ "textDocument": { "uri": uri, "languageId": "jixiao", "version": 1, "text": text } }),
        );
    }

    fn change(&mut self, uri: &str, version: i64, text: &str) {
        self.notify(
            "textDocument/didChange",
            json!({ "textDocument": { "uri": uri, "version": version }, "contentChanges": [{ "text": text }] }),
        );
    }

    fn at(&mut self, method: &str, uri: &str, line: u32, character: u32) -> Value {
        self.request(
            method,
            json!({ "textDocument": { "uri": uri }, "position": { "line": line, "character": character } }),
        )
    }

    /// Shuts down politely and returns the exit status.
    fn finish(mut self) -> Option<i32> {
        let answer = self.request("shutdown", Value::Null);
        assert!(answer.get("error").is_none(), "{answer}");
        self.notify("exit", Value::Null);
        self.child.wait().unwrap().code()
    }
}

const URI: &str = "file:///tmp/spec.jx";

const SPEC: &str = "# 示例 JX0101
部门 \"示例部门\" 2023 {
  预算单位 \"示例单位\" {
    项目 \"示例项目\" {
      产出.数量 网络安全宣传册 >= 3万册
      效益 网络安全知识知晓率 大于70%
      满意度 群众满意度 满意
      产出 处理时间(分钟) <= 30
    }
  }
}
";

/// The (line, character) of the first `needle` in `text`, in UTF-16 or UTF-8 units.
fn locate(text: &str, needle: &str, utf16: bool) -> (u32, u32) {
    let at = text.find(needle).unwrap();
    let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let line = text[..at].matches('\n').count() as u32;
    let prefix = &text[line_start..at];
    let column = if utf16 {
        prefix.encode_utf16().count()
    } else {
        prefix.len()
    };
    (line, column as u32)
}

#[test]
fn diagnostics_match_the_checker_in_both_position_encodings() {
    let expected = jixiao::check_source(SourceFile::new("x", SPEC)).diagnostics;
    for (encodings, utf16) in [(vec!["utf-8", "utf-16"], false), (vec![], true)] {
        let mut client = Client::start(&encodings);
        client.open(URI, SPEC);
        let found = client.diagnostics(URI, 1);
        assert_eq!(found.len(), expected.len(), "{found:?}");
        for (lsp, ours) in found.iter().zip(&expected) {
            assert_eq!(lsp["code"], ours.rule().id);
            let message = lsp["message"].as_str().unwrap();
            assert_eq!(message.lines().next().unwrap(), ours.message());
        }
        let vague = found.iter().find(|d| d["code"] == "JX0101").unwrap();
        let (line, character) = locate(SPEC, "满意\n", utf16);
        assert_eq!(
            vague["range"]["start"],
            json!({ "line": line, "character": character })
        );
        assert!(client.finish() == Some(0));
    }
}

/// A broken jixiao.toml is not silently ignored: its problems are published on the config file,
/// the document says it is checked with the defaults meanwhile, and fixing the file (reported by
/// the editor's file watcher, which the server asks for) re-checks the document and clears both.
#[test]
fn a_broken_config_shows_its_problems_and_fixing_it_applies_it() {
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("lsp-config");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let config = dir.join("jixiao.toml");
    std::fs::write(&config, "[rules]\nvague-targt = \"off\"\n").unwrap();
    let uri = format!("file://{}/spec.jx", dir.display());
    let config_uri = format!("file://{}", config.display());
    let mut client = Client::start(&["utf-8"]);
    client.open(&uri, SPEC);
    let found = client.diagnostics(&uri, 1);
    assert_eq!(found[0]["code"], "JX0703", "{found:?}");
    assert_eq!(
        found[0]["range"]["start"],
        json!({ "line": 0, "character": 0 })
    );
    assert!(found.iter().any(|d| d["code"] == "JX0101"), "{found:?}");
    let problems = client.published(&config_uri, Value::Null);
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert_eq!(problems[0]["code"], "JX0703");
    assert!(
        problems[0]["message"]
            .as_str()
            .unwrap()
            .contains("vague-targt"),
        "{problems:?}"
    );
    assert_eq!(
        problems[0]["range"]["start"],
        json!({ "line": 1, "character": 0 })
    );

    // The server asked to hear of jixiao.toml changes; the editor reports the fix.
    let registration = client
        .seen
        .iter()
        .find(|m| m["method"] == "client/registerCapability")
        .expect("the server asks to watch jixiao.toml");
    assert_eq!(
        registration["params"]["registrations"][0]["registerOptions"]["watchers"][0]["globPattern"],
        "**/jixiao.toml"
    );
    std::fs::write(&config, "[rules]\nvague-target = \"off\"\n").unwrap();
    client.notify(
        "workspace/didChangeWatchedFiles",
        json!({ "changes": [{ "uri": config_uri, "type": 2 }] }),
    );
    let found = client.diagnostics(&uri, 1);
    assert!(
        found
            .iter()
            .all(|d| d["code"] != "JX0703" && d["code"] != "JX0101"),
        "{found:?}"
    );
    assert_eq!(
        client.published(&config_uri, Value::Null),
        Vec::<Value>::new()
    );
    assert_eq!(client.finish(), Some(0));
}

#[test]
fn hover_shows_the_meaning_the_dimension_and_the_rule() {
    let mut client = Client::start(&["utf-16"]);
    client.open(URI, SPEC);
    let (line, character) = locate(SPEC, "大于70%", true);
    let target = client.at("textDocument/hover", URI, line, character + 1);
    let text = target["result"]["contents"]["value"].as_str().unwrap();
    assert!(text.contains("> 70% · 效益"), "{text}");
    let (line, character) = locate(SPEC, "万册", true);
    let book = client.at("textDocument/hover", URI, line, character + 1);
    let text = book["result"]["contents"]["value"].as_str().unwrap();
    assert!(
        text.contains("单位「册」") && text.contains("计数"),
        "{text}"
    );
    let whole = client.at("textDocument/hover", URI, line, character - 2);
    let text = whole["result"]["contents"]["value"].as_str().unwrap();
    assert!(text.contains("≥ 30,000 册 · 产出/数量"), "{text}");
    let (line, character) = locate(SPEC, "JX0101", true);
    let rule = client.at("textDocument/hover", URI, line, character + 2);
    let text = rule["result"]["contents"]["value"].as_str().unwrap();
    assert!(text.contains("vague-target"), "{text}");
    let nothing = client.at("textDocument/hover", URI, 1, 0);
    assert_eq!(nothing["result"], Value::Null);
    assert_eq!(client.finish(), Some(0));
}

#[test]
fn formatting_returns_what_jixiao_fmt_writes() {
    let mut client = Client::start(&["utf-8"]);
    client.open(URI, SPEC);
    let answer = client.request(
        "textDocument/formatting",
        json!({ "textDocument": { "uri": URI }, "options": { "tabSize": 2, "insertSpaces": true } }),
    );
    let edits = answer["result"].as_array().unwrap();
    assert_eq!(edits.len(), 1);
    assert_eq!(edits[0]["newText"], format_source(SPEC).unwrap());
    assert_eq!(
        edits[0]["range"]["start"],
        json!({ "line": 0, "character": 0 })
    );
    client.change(URI, 2, "部门 \"坏\n");
    let refused = client.request(
        "textDocument/formatting",
        json!({ "textDocument": { "uri": URI }, "options": { "tabSize": 2, "insertSpaces": true } }),
    );
    assert_eq!(refused["result"], json!([]));
    assert_eq!(client.finish(), Some(0));
}

#[test]
fn code_actions_offer_the_checkers_fixes_a_template_and_the_canonical_operator() {
    let mut client = Client::start(&["utf-8"]);
    client.open(URI, SPEC);
    let titles = |answer: &Value| -> Vec<String> {
        answer["result"]
            .as_array()
            .unwrap()
            .iter()
            .map(|a| a["title"].as_str().unwrap().to_owned())
            .collect()
    };
    let mut actions = |line: u32| {
        client.request(
            "textDocument/codeAction",
            json!({ "textDocument": { "uri": URI },
                    "range": { "start": { "line": line, "character": 0 }, "end": { "line": line, "character": 60 } },
                    "context": { "diagnostics": [] } }),
        )
    };
    let unit = actions(7);
    assert!(
        titles(&unit)
            .iter()
            .any(|t| t.contains("分钟") && t.contains("JX0113")),
        "{unit}"
    );
    let edit = &unit["result"][0]["edit"]["changes"][URI][0];
    assert_eq!(edit["newText"], "分钟");
    let vague = actions(6);
    assert!(
        titles(&vague).iter().any(|t| t.contains(">= 90%")),
        "{vague}"
    );
    let operator = actions(5);
    assert!(
        titles(&operator).iter().any(|t| t.contains("`> 70%`")),
        "{operator}"
    );
    assert_eq!(client.finish(), Some(0));
}

#[test]
fn symbols_tokens_and_completion() {
    let mut client = Client::start(&["utf-16"]);
    client.open(URI, SPEC);
    let symbols = client.request(
        "textDocument/documentSymbol",
        json!({ "textDocument": { "uri": URI } }),
    );
    let department = &symbols["result"][0];
    assert_eq!(department["name"], "示例部门");
    let project = &department["children"][0]["children"][0];
    assert_eq!(project["name"], "示例项目");
    assert_eq!(project["children"].as_array().unwrap().len(), 4);
    assert_eq!(project["children"][1]["name"], "网络安全知识知晓率");
    let tokens = client.request(
        "textDocument/semanticTokens/full",
        json!({ "textDocument": { "uri": URI } }),
    );
    let data = tokens["result"]["data"].as_array().unwrap();
    assert!(data.len() > 40 && data.len().is_multiple_of(5), "{tokens}");
    assert_eq!(
        &data[..5],
        &[json!(0), json!(0), json!(11), json!(7), json!(0)],
        "the comment first, 11 UTF-16 units"
    );
    let start = client.at("textDocument/completion", URI, 4, 6);
    let labels: Vec<&str> = start["result"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["label"].as_str().unwrap())
        .collect();
    assert!(
        labels.contains(&"产出.数量") && labels.contains(&"项目"),
        "{labels:?}"
    );
    let (line, character) = locate(SPEC, ">= 3万册", true);
    let later = client.at("textDocument/completion", URI, line, character);
    let labels: Vec<String> = later["result"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["label"].as_str().unwrap().to_owned())
        .collect();
    assert!(
        labels.iter().any(|l| l == ">=") && labels.iter().any(|l| l == "小时"),
        "{labels:?}"
    );
    client.open("file:///tmp/other.jx", "部门 \"乙\" 2023 {\n预算单位 \"乙\" {\n项目 \"乙\" {\n产出 另一份文件里的指标 1个\n}\n}\n}\n");
    let (line, character) = locate(SPEC, "网络安全宣传册", true);
    let names = client.at("textDocument/completion", URI, line, character);
    let labels: Vec<String> = names["result"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["label"].as_str().unwrap().to_owned())
        .collect();
    assert!(
        labels.iter().any(|l| l == "另一份文件里的指标")
            && labels.iter().any(|l| l == "群众满意度"),
        "{labels:?}"
    );
    assert_eq!(client.finish(), Some(0));
}

#[test]
fn malformed_messages_and_half_typed_edits_never_end_the_session() {
    let mut client = Client::start(&["utf-16"]);
    client.raw(b"Content-Length: 9\r\n\r\n{not json");
    client.raw(b"Content-Length: abc\r\n\r\n");
    client.raw(b"Content-Length: 2\r\n\r\n{}");
    client.send(&json!({ "jsonrpc": "2.0", "id": "x", "method": "textDocument/hover", "params": "nonsense" }));
    client.send(&json!({ "jsonrpc": "2.0", "id": 99, "method": "no/such/method", "params": {} }));
    client.notify("textDocument/didChange", json!({ "garbage": true }));
    client.notify("textDocument/didOpen", json!(42));
    let unknown = client.at("textDocument/hover", "file:///never/opened.jx", 0, 0);
    assert_eq!(unknown["result"], Value::Null);
    let mut errors = Vec::new();
    while let Some(at) = client.seen.iter().position(|m| m.get("error").is_some()) {
        errors.push(client.seen.remove(at)["error"]["code"].clone());
    }
    assert!(
        errors.contains(&json!(-32602)) && errors.contains(&json!(-32601)),
        "{errors:?}"
    );
    // Type the spec character by character, with every prefix a document version.
    client.open(URI, "");
    let mut version = 1;
    let mut typed = String::new();
    for c in SPEC.chars() {
        typed.push(c);
        version += 1;
        client.change(URI, version, &typed);
    }
    let last = client.diagnostics(URI, version);
    let published: Vec<i64> = client
        .seen
        .iter()
        .filter(|m| m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == URI)
        .filter_map(|m| m["params"]["version"].as_i64())
        .collect();
    assert!(
        published.windows(2).all(|w| w[0] < w[1]),
        "stale results are never published after fresh ones: {published:?}"
    );
    assert!(published.iter().all(|v| *v < version));
    let expected = jixiao::check_source(SourceFile::new("x", SPEC)).diagnostics;
    assert_eq!(
        last.len(),
        expected.len(),
        "the newest version is checked: {last:?}"
    );
    let hover = client.at("textDocument/hover", URI, 99, 999);
    assert!(hover.get("error").is_none(), "{hover}");
    for position in [(4, 9), (5, 300), (0, 2)] {
        let answer = client.at("textDocument/completion", URI, position.0, position.1);
        assert!(answer.get("error").is_none(), "{answer}");
    }
    assert_eq!(client.finish(), Some(0));
}

/// The worker re-reads only changed lines; what it reports must be what a full check reports,
/// through every prefix of a typed file and across edits that move lines around.
#[test]
fn incremental_parse_equals_the_full_parse() {
    use jixiao::syntax::{LineCache, parse, parse_incremental};
    let seed =
        std::fs::read_to_string(format!("{}/specs/2023/gz-cac-2023.jx", crate::common::ROOT))
            .unwrap();
    let messy = std::fs::read_to_string(format!(
        "{}/tests/fixtures/format/messy.jx",
        crate::common::ROOT
    ))
    .unwrap();
    let broken = std::fs::read_to_string(format!(
        "{}/tests/fixtures/rules/syntax-error/fail.jx",
        crate::common::ROOT
    ))
    .unwrap();
    let mut cache = LineCache::default();
    let mut texts: Vec<String> = vec![
        seed.clone(),
        messy.clone(),
        broken.clone(),
        seed.replace('\n', "\r\n"),
    ];
    texts.push(seed.lines().rev().collect::<Vec<_>>().join("\n"));
    texts.push(format!("{seed}\u{FEFF}产出 x 1个\n"));
    // Edits in the middle: a line changed, deleted, doubled; lines put in at the top; the two
    // halves swapped, and back.
    let lines: Vec<&str> = seed.split_inclusive('\n').collect();
    let middle = lines.len() / 2;
    let edited = |edit: &dyn Fn(&mut Vec<String>)| {
        let mut lines: Vec<String> = lines.iter().map(|l| l.to_string()).collect();
        edit(&mut lines);
        lines.concat()
    };
    texts.push(seed.clone());
    texts.push(edited(&|l| l[middle] = l[middle].replace('%', ".5%")));
    texts.push(edited(&|l| {
        l.remove(middle);
    }));
    texts.push(edited(&|l| l.insert(middle, l[middle].clone())));
    texts.push(edited(&|l| l.insert(0, "# 新的一行\n".to_owned())));
    texts.push(edited(&|l| l.rotate_left(middle)));
    texts.push(seed.clone());
    let mut typed = String::new();
    for c in SPEC.chars().chain(broken.chars()) {
        typed.push(c);
        texts.push(typed.clone());
    }
    let scored = std::fs::read_to_string(format!(
        "{}/specs/2021/gz-cac-2021-self-eval.jx",
        crate::common::ROOT
    ))
    .unwrap();
    texts.push(scored.clone());
    texts.push(scored.replacen("评分", "评分 ", 3));
    texts.push(scored);
    for (n, text) in texts.iter().enumerate() {
        let full = parse(text);
        let incremental = parse_incremental(text, &mut cache);
        assert_eq!(incremental.ast, full.ast, "tree of {text:?}");
        assert_eq!(
            incremental.diagnostics, full.diagnostics,
            "diagnostics of {text:?}"
        );
        // The tree goes back to the cache as the language server gives it back (taken apart
        // at once or at the next parse), and sometimes not at all.
        match n % 3 {
            0 => {
                cache.keep(incremental.ast);
                cache.release();
            }
            1 => cache.keep(incremental.ast),
            _ => {}
        }
    }
}

/// Every position of the document, in UTF-8 columns that fall inside Chinese characters and past
/// line ends, for every positional request: each gets an answer, none an internal error.
#[test]
fn every_position_gets_an_answer() {
    let mut client = Client::start(&["utf-8"]);
    client.open(URI, SPEC);
    for line in 0..13 {
        for character in (0..60).step_by(2) {
            let hover = client.at("textDocument/hover", URI, line, character);
            let completion = client.at("textDocument/completion", URI, line, character);
            let actions = client.request(
                "textDocument/codeAction",
                json!({ "textDocument": { "uri": URI },
                        "range": { "start": { "line": line, "character": character }, "end": { "line": line + 1, "character": 1 } },
                        "context": { "diagnostics": [] } }),
            );
            for answer in [hover, completion, actions] {
                assert!(
                    answer.get("error").is_none(),
                    "{line}:{character}: {answer}"
                );
            }
        }
    }
    assert_eq!(client.finish(), Some(0));
}

#[test]
fn leaving_without_shutdown_exits_1_and_end_of_input_ends_the_session() {
    let mut client = Client::start(&[]);
    client.notify("exit", Value::Null);
    assert_eq!(client.child.wait().unwrap().code(), Some(1));
    let mut client = Client::start(&[]);
    client.open(URI, SPEC);
    drop(client.stdin);
    assert_eq!(client.child.wait().unwrap().code(), Some(1));
}
