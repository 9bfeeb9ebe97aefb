//! Just enough XML for editing package parts in place: every tag with its byte range, depth and
//! raw attributes, and edits spliced into the original text, so whatever is not edited stays
//! byte for byte (namespaces, extensions and formatting we do not know survive untouched).

use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};

/// Where a tag opens, closes or stands alone.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Start,
    End,
    Empty,
}

/// One tag of a part: its qualified name, local name, byte range and attributes as written.
#[derive(Clone, Debug)]
pub struct Tag {
    pub kind: Kind,
    pub name: String,
    pub local: String,
    pub start: usize,
    pub end: usize,
    /// 0 for the root element, 1 for its children, …
    pub depth: usize,
    /// Attribute keys and raw (still escaped) values, in order.
    pub attrs: Vec<(String, String)>,
}

impl Tag {
    pub fn attr(&self, key: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }

    /// An attribute's value with its entities resolved.
    pub fn value(&self, key: &str) -> Option<String> {
        let raw = self.attr(key)?;
        Some(quick_xml::escape::unescape(raw).map_or_else(|_| raw.to_owned(), |v| v.into_owned()))
    }

    /// The prefix of the tag's name with its colon (`x:` in `x:row`), or nothing.
    pub fn prefix(&self) -> &str {
        self.name.strip_suffix(self.local.as_str()).unwrap_or("")
    }

    pub fn opens(&self, local: &str, depth: usize) -> bool {
        self.kind != Kind::End && self.depth == depth && self.local == local
    }

    pub fn closes(&self, local: &str, depth: usize) -> bool {
        self.kind == Kind::End && self.depth == depth && self.local == local
    }

    /// The tag written again with some attributes set (replaced in place or appended).
    pub fn with(&self, set: &[(&str, String)], kind: Kind) -> String {
        let mut out = format!("<{}", self.name);
        for (key, value) in &self.attrs {
            match set.iter().find(|(k, _)| k == key) {
                Some((_, new)) => out.push_str(&format!(" {key}=\"{}\"", escape(new))),
                None => out.push_str(&format!(" {key}=\"{value}\"")),
            }
        }
        for (key, value) in set {
            if self.attr(key).is_none() {
                out.push_str(&format!(" {key}=\"{}\"", escape(value)));
            }
        }
        out.push_str(if kind == Kind::Empty { "/>" } else { ">" });
        out
    }
}

/// Every element tag of a part, in order; malformed XML is an error, never a panic.
pub fn tags(xml: &str) -> Result<Vec<Tag>, String> {
    let mut reader = Reader::from_str(xml);
    let mut tags = Vec::new();
    let mut depth = 0usize;
    loop {
        let start = position(&reader);
        let event = reader
            .read_event()
            .map_err(|e| format!("XML 无法读取（第 {start} 字节）：{e}"))?;
        let end = position(&reader);
        match event {
            Event::Start(e) => {
                tags.push(tag(&e, Kind::Start, start, end, depth));
                depth += 1;
            }
            Event::Empty(e) => tags.push(tag(&e, Kind::Empty, start, end, depth)),
            Event::End(e) => {
                depth = depth.saturating_sub(1);
                let name = e.name().as_ref().to_owned();
                let local = e.local_name().as_ref().to_owned();
                tags.push(Tag {
                    kind: Kind::End,
                    name,
                    local,
                    start,
                    end,
                    depth,
                    attrs: Vec::new(),
                });
            }
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(tags)
}

fn position(reader: &Reader<&[u8]>) -> usize {
    usize::try_from(reader.buffer_position()).unwrap_or(usize::MAX)
}

fn tag(e: &BytesStart<'_>, kind: Kind, start: usize, end: usize, depth: usize) -> Tag {
    let attrs = e
        .attributes()
        .flatten()
        .map(|a| (a.key.as_ref().to_owned(), a.value.clone().into_owned()))
        .collect();
    Tag {
        kind,
        name: e.name().as_ref().to_owned(),
        local: e.local_name().as_ref().to_owned(),
        start,
        end,
        depth,
        attrs,
    }
}

/// Byte-range replacements of one part, applied at once (an insertion is an empty range).
#[derive(Default)]
pub struct Edits {
    edits: Vec<(usize, usize, String)>,
}

impl Edits {
    pub fn replace(&mut self, start: usize, end: usize, text: String) {
        self.edits.push((start, end, text));
    }

    pub fn insert(&mut self, at: usize, text: String) {
        self.edits.push((at, at, text));
    }

    /// The text with every edit made; insertions at one place keep their order.
    pub fn apply(mut self, xml: &str) -> String {
        self.edits.sort_by_key(|(start, end, _)| (*start, *end));
        let mut out = String::with_capacity(xml.len() + 1024);
        let mut at = 0;
        for (start, end, text) in self.edits {
            if start < at || end > xml.len() {
                continue;
            }
            out.push_str(xml.get(at..start).unwrap_or(""));
            out.push_str(&text);
            at = end;
        }
        out.push_str(xml.get(at..).unwrap_or(""));
        out
    }
}

/// Text or an attribute value made safe for XML: the one escape the XML outputs share.
pub use crate::report::junit::escape;

/// The namespace prefix (with its colon) the root element gives this namespace, if any.
pub fn prefix_for(tags: &[Tag], namespace: &str) -> Option<String> {
    let root = tags.iter().find(|t| t.depth == 0 && t.kind != Kind::End)?;
    root.attrs.iter().find_map(|(key, value)| {
        (value == namespace)
            .then(|| key.strip_prefix("xmlns:").map(|p| format!("{p}:")))
            .flatten()
    })
}
