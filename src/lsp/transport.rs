//! JSON-RPC over stdin and stdout with `Content-Length` framing. lsp-server's own stdio reader
//! stops at the first malformed message; this one logs it to the client and reads on, so a
//! broken client message never ends the session. Only end of input or `exit` stops it.

use std::io::{BufRead, Read, Write};
use std::thread::JoinHandle;

use crossbeam_channel::{Receiver, Sender, unbounded};
use lsp_server::{Connection, Message, Notification};
use lsp_types::notification::{LogMessage, Notification as _};
use lsp_types::{LogMessageParams, MessageType};

/// Larger messages are read and dropped: a spec is at most 8 MiB, escaped JSON about twice that.
const MAX_MESSAGE_BYTES: usize = 32 * 1024 * 1024;

/// The reader and writer threads; joined when the session ends.
pub struct Threads {
    reader: JoinHandle<()>,
    writer: JoinHandle<()>,
}

impl Threads {
    pub fn join(self) {
        let _ = self.writer.join();
        // The reader may be blocked on stdin after `exit`; it ends with the process.
        drop(self.reader);
    }
}

/// A connection over this process's stdin and stdout.
pub fn stdio() -> Result<(Connection, Threads), String> {
    let (to_client, outgoing) = unbounded::<Message>();
    let (incoming, from_client) = unbounded::<Message>();
    let writer = std::thread::Builder::new()
        .name("jixiao-lsp-writer".to_owned())
        .spawn(move || write_all(&outgoing))
        .map_err(|e| e.to_string())?;
    let log = to_client.clone();
    let reader = std::thread::Builder::new()
        .name("jixiao-lsp-reader".to_owned())
        .spawn(move || read_all(&mut std::io::stdin().lock(), &incoming, &log))
        .map_err(|e| e.to_string())?;
    let connection = Connection {
        sender: to_client,
        receiver: from_client,
    };
    Ok((connection, Threads { reader, writer }))
}

fn write_all(outgoing: &Receiver<Message>) {
    let stdout = std::io::stdout();
    for message in outgoing {
        let mut out = stdout.lock();
        if message.write(&mut out).is_err() || out.flush().is_err() {
            return;
        }
    }
}

/// Reads framed messages until end of input or `exit`; malformed ones are reported and skipped.
pub fn read_all(input: &mut impl BufRead, incoming: &Sender<Message>, log: &Sender<Message>) {
    loop {
        let body = match read_frame(input) {
            Frame::Body(body) => body,
            Frame::Bad(problem) => {
                complain(log, &problem);
                continue;
            }
            Frame::End => return,
        };
        match serde_json::from_slice::<Message>(&body) {
            Ok(message) => {
                let exit = matches!(&message, Message::Notification(n) if n.method == "exit");
                if incoming.send(message).is_err() || exit {
                    return;
                }
            }
            Err(error) => complain(log, &format!("无法解析的消息（已忽略）：{error}")),
        }
    }
}

enum Frame {
    Body(Vec<u8>),
    Bad(String),
    End,
}

fn read_frame(input: &mut impl BufRead) -> Frame {
    let mut length = None;
    let mut line = String::new();
    loop {
        line.clear();
        match input.read_line(&mut line) {
            Ok(0) => return Frame::End,
            Ok(_) => {}
            Err(error) if error.kind() == std::io::ErrorKind::InvalidData => {
                return Frame::Bad("消息头不是 UTF-8".to_owned());
            }
            Err(_) => return Frame::End,
        }
        let header = line.trim_end_matches(['\r', '\n']);
        if header.is_empty() {
            if length.is_some() {
                break;
            }
            continue;
        }
        if let Some((name, value)) = header.split_once(':')
            && name.trim().eq_ignore_ascii_case("content-length")
        {
            length = value.trim().parse::<usize>().ok();
            if length.is_none() {
                return Frame::Bad(format!("无法读取的 Content-Length：{header}"));
            }
        }
    }
    let length = length.unwrap_or(0);
    if length > MAX_MESSAGE_BYTES {
        let _ = std::io::copy(
            &mut input.by_ref().take(length as u64),
            &mut std::io::sink(),
        );
        return Frame::Bad(format!("消息过大（{length} 字节），已忽略"));
    }
    let mut body = Vec::new();
    let read = input
        .by_ref()
        .take(length as u64)
        .read_to_end(&mut body)
        .unwrap_or(0);
    if read < length {
        return Frame::End;
    }
    Frame::Body(body)
}

fn complain(log: &Sender<Message>, text: &str) {
    let params = LogMessageParams {
        typ: MessageType::ERROR,
        message: format!("jixiao: {text}"),
    };
    let _ = log.send(Message::Notification(Notification::new(
        LogMessage::METHOD.to_owned(),
        params,
    )));
}
