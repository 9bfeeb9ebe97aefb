//! The language server's message stream: any bytes on stdin are framed or skipped, never a
//! panic, and every message read is a message.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let (incoming, messages) = crossbeam_channel::unbounded();
    let (log, _logged) = crossbeam_channel::unbounded();
    let mut input = std::io::BufReader::new(data);
    jixiao::lsp::transport::read_all(&mut input, &incoming, &log);
    drop(incoming);
    for _ in messages.iter() {}
});
