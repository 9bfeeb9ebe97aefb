//! Adds the looks the annotation needs to `xl/styles.xml`: a red and a yellow fill, a bold and a
//! link font, and for each (existing style, fill, font) a clone of that cell format with the new
//! fill or font, so a highlighted cell keeps its number format, font, borders and alignment.

use std::collections::HashMap;

use super::xml::{Edits, Kind, Tag, tags};

/// A background for findings.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Fill {
    Error,
    Warning,
}

/// A font for the findings sheet.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Font {
    Bold,
    Link,
}

/// One wanted look: a cell format to start from and what to change.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Look {
    pub base: u32,
    pub fill: Option<Fill>,
    pub font: Option<Font>,
}

/// The parts of `styles.xml` an edit touches, found once.
pub struct Styles {
    xml: String,
    tags: Vec<Tag>,
    fills: Section,
    fonts: Section,
    xfs: Section,
    /// Each `cellXfs/xf`'s byte range.
    xf_ranges: Vec<(usize, usize)>,
    looks: Vec<Look>,
    index: HashMap<Look, u32>,
}

/// A list element (`<fills count="2">…</fills>`): its opening tag and where it closes.
#[derive(Clone, Copy)]
struct Section {
    open: usize,
    close: usize,
    count: usize,
}

impl Styles {
    /// `None` when the part lacks the lists to extend; cells then go unhighlighted.
    pub fn read(xml: String) -> Option<Styles> {
        let tags = tags(&xml).ok()?;
        let fills = section(&tags, "fills", "fill")?;
        let fonts = section(&tags, "fonts", "font")?;
        let xfs = section(&tags, "cellXfs", "xf")?;
        let xf_ranges = children(&tags, xfs);
        if xf_ranges.is_empty() {
            return None;
        }
        Some(Styles {
            xml,
            tags,
            fills,
            fonts,
            xfs,
            xf_ranges,
            looks: Vec::new(),
            index: HashMap::new(),
        })
    }

    /// The index of the cell format with this look, added on first use.
    pub fn look(&mut self, look: Look) -> u32 {
        let base = if (look.base as usize) < self.xf_ranges.len() {
            look.base
        } else {
            0
        };
        let look = Look { base, ..look };
        if let Some(index) = self.index.get(&look) {
            return *index;
        }
        let index = u32::try_from(self.xfs.count + self.looks.len()).unwrap_or(0);
        self.looks.push(look);
        self.index.insert(look, index);
        index
    }

    /// The new `styles.xml`.
    pub fn finish(self) -> String {
        let mut edits = Edits::default();
        let p = self
            .tags
            .first()
            .map_or(String::new(), |t| t.prefix().to_owned());
        let fill_ids = [Fill::Error, Fill::Warning];
        let font_ids = [Font::Bold, Font::Link];
        let fills: String = fill_ids.iter().map(|f| fill_xml(&p, *f)).collect();
        let fonts: String = font_ids.iter().map(|f| font_xml(&p, *f)).collect();
        self.extend(&mut edits, self.fills, fills, fill_ids.len());
        self.extend(&mut edits, self.fonts, fonts, font_ids.len());
        let mut xfs = String::new();
        for look in &self.looks {
            xfs.push_str(&self.clone_xf(*look, &fill_ids, &font_ids));
        }
        self.extend(&mut edits, self.xfs, xfs, self.looks.len());
        edits.apply(&self.xml)
    }

    fn extend(&self, edits: &mut Edits, section: Section, text: String, added: usize) {
        let open = &self.tags[section.open];
        let count = (section.count + added).to_string();
        edits.replace(
            open.start,
            open.end,
            open.with(&[("count", count)], Kind::Start),
        );
        edits.insert(self.tags[section.close].start, text);
    }

    /// The base cell format again, its start tag pointing at the new fill or font.
    fn clone_xf(&self, look: Look, fills: &[Fill], fonts: &[Font]) -> String {
        let (start, end) = self.xf_ranges[look.base as usize];
        let Some(open) = self.tags.iter().find(|t| t.start == start) else {
            return String::new();
        };
        let mut set = Vec::new();
        if let Some(fill) = look.fill {
            let id = self.fills.count + fills.iter().position(|f| *f == fill).unwrap_or(0);
            set.push(("fillId", id.to_string()));
            set.push(("applyFill", "1".to_owned()));
        }
        if let Some(font) = look.font {
            let id = self.fonts.count + fonts.iter().position(|f| *f == font).unwrap_or(0);
            set.push(("fontId", id.to_string()));
            set.push(("applyFont", "1".to_owned()));
        }
        let rest = self.xml.get(open.end..end).unwrap_or("");
        open.with(&set, open.kind) + rest
    }
}

/// The list element and how many children it holds (counted, not trusted from `count`).
fn section(tags: &[Tag], list: &str, item: &str) -> Option<Section> {
    let open = tags
        .iter()
        .position(|t| t.opens(list, 1) && t.kind == Kind::Start)?;
    let close = open + tags[open..].iter().position(|t| t.closes(list, 1))?;
    let count = tags[open..close]
        .iter()
        .filter(|t| t.opens(item, 2))
        .count();
    Some(Section { open, close, count })
}

/// The byte range of each child element of a list.
fn children(tags: &[Tag], section: Section) -> Vec<(usize, usize)> {
    let mut ranges = Vec::new();
    let mut i = section.open + 1;
    while i < section.close {
        let tag = &tags[i];
        if tag.depth == 2 && tag.kind == Kind::Empty {
            ranges.push((tag.start, tag.end));
        } else if tag.depth == 2 && tag.kind == Kind::Start {
            let close = tags[i..section.close]
                .iter()
                .position(|t| t.kind == Kind::End && t.depth == 2)
                .map_or(section.close, |n| i + n);
            ranges.push((tag.start, tags.get(close).map_or(tag.end, |t| t.end)));
            i = close;
        }
        i += 1;
    }
    ranges
}

fn fill_xml(p: &str, fill: Fill) -> String {
    let rgb = match fill {
        Fill::Error => "FFFFC7CE",
        Fill::Warning => "FFFFEB9C",
    };
    format!(
        "<{p}fill><{p}patternFill patternType=\"solid\"><{p}fgColor rgb=\"{rgb}\"/><{p}bgColor indexed=\"64\"/></{p}patternFill></{p}fill>"
    )
}

fn font_xml(p: &str, font: Font) -> String {
    match font {
        Font::Bold => {
            format!("<{p}font><{p}b/><{p}sz val=\"11\"/><{p}name val=\"宋体\"/></{p}font>")
        }
        Font::Link => format!(
            "<{p}font><{p}u/><{p}sz val=\"11\"/><{p}color rgb=\"FF0563C1\"/><{p}name val=\"宋体\"/></{p}font>"
        ),
    }
}
