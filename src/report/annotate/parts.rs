//! Small edits of the package's bookkeeping parts: relationships, content types and the
//! workbook's sheet list. Each inserts before the list's closing tag and keeps the rest.

use super::sheet::REL_NS;
use super::xml::{Edits, Kind, escape, prefix_for, tags};

pub const COMMENTS: &str =
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments";
pub const VML: &str =
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/vmlDrawing";
pub const WORKSHEET: &str =
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet";
pub const COMMENTS_TYPE: &str =
    "application/vnd.openxmlformats-officedocument.spreadsheetml.comments+xml";
pub const WORKSHEET_TYPE: &str =
    "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml";
const VML_TYPE: &str = "application/vnd.openxmlformats-officedocument.vmlDrawing";

/// Each relationship of a `.rels` part as (id, type, target).
pub fn relationships(xml: &str) -> Result<Vec<(String, String, String)>, String> {
    Ok(tags(xml)?
        .into_iter()
        .filter(|t| t.opens("Relationship", 1))
        .map(|t| {
            let get = |k: &str| t.value(k).unwrap_or_default();
            (get("Id"), get("Type"), get("Target"))
        })
        .collect())
}

/// Adds relationships to a `.rels` part (made when missing); returns it and the new ids.
pub fn add_relationships(
    xml: Option<String>,
    added: &[(&str, String)],
) -> Result<(String, Vec<String>), String> {
    let xml = xml.unwrap_or_else(|| {
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
         <Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"></Relationships>"
            .to_owned()
    });
    let taken: Vec<String> = relationships(&xml)?.into_iter().map(|r| r.0).collect();
    let mut ids = Vec::new();
    let mut text = String::new();
    let mut n = 1;
    for (kind, target) in added {
        let id = loop {
            let id = format!("rIdJixiao{n}");
            n += 1;
            if !taken.contains(&id) {
                break id;
            }
        };
        text.push_str(&format!(
            "<Relationship Id=\"{id}\" Type=\"{kind}\" Target=\"{}\"/>",
            escape(target)
        ));
        ids.push(id);
    }
    Ok((insert_before_close(&xml, "Relationships", &text)?, ids))
}

/// Adds overrides (part name, type) to `[Content_Types].xml`, and the `vml` default if absent.
pub fn add_content_types(
    xml: &str,
    overrides: &[(String, &str)],
    vml: bool,
) -> Result<String, String> {
    let has_vml = tags(xml)?.iter().any(|t| {
        t.opens("Default", 1)
            && t.attr("Extension")
                .is_some_and(|e| e.eq_ignore_ascii_case("vml"))
    });
    let mut text = String::new();
    if vml && !has_vml {
        text.push_str(&format!(
            "<Default Extension=\"vml\" ContentType=\"{VML_TYPE}\"/>"
        ));
    }
    for (part, kind) in overrides {
        text.push_str(&format!(
            "<Override PartName=\"/{}\" ContentType=\"{kind}\"/>",
            escape(part)
        ));
    }
    insert_before_close(xml, "Types", &text)
}

/// The workbook's sheets as (name, relationship id), in order.
pub fn sheets(xml: &str) -> Result<Vec<(String, String)>, String> {
    let tags = tags(xml)?;
    let r = prefix_for(&tags, REL_NS).unwrap_or_else(|| "r:".to_owned());
    Ok(tags
        .iter()
        .filter(|t| t.opens("sheet", 2))
        .map(|t| {
            let name = t.value("name").unwrap_or_default();
            (name, t.value(&format!("{r}id")).unwrap_or_default())
        })
        .collect())
}

/// Adds a sheet at the end of the workbook's sheet list, with the next free sheet id.
pub fn add_sheet(xml: &str, name: &str, id: &str) -> Result<String, String> {
    let tags = tags(xml)?;
    let next = tags
        .iter()
        .filter(|t| t.opens("sheet", 2))
        .filter_map(|t| t.attr("sheetId")?.parse::<u32>().ok())
        .max()
        .unwrap_or(0)
        + 1;
    let p = tags.first().map_or("", |t| t.prefix()).to_owned();
    let rel = match prefix_for(&tags, REL_NS) {
        Some(r) => format!("{r}id"),
        None => format!("xmlns:r=\"{REL_NS}\" r:id"),
    };
    let text = format!(
        "<{p}sheet name=\"{}\" sheetId=\"{next}\" {rel}=\"{}\"/>",
        escape(name),
        escape(id)
    );
    insert_before_close(xml, "sheets", &text)
}

/// The text inserted before the closing tag of the first element of that local name; an
/// empty element (`<sheets/>`) is opened first.
fn insert_before_close(xml: &str, local: &str, text: &str) -> Result<String, String> {
    let tags = tags(xml)?;
    let mut edits = Edits::default();
    if let Some(close) = tags
        .iter()
        .find(|t| t.kind == Kind::End && t.local == local)
    {
        edits.insert(close.start, text.to_owned());
    } else if let Some(empty) = tags
        .iter()
        .find(|t| t.kind == Kind::Empty && t.local == local)
    {
        let open = empty.with(&[], Kind::Start);
        edits.replace(
            empty.start,
            empty.end,
            format!("{open}{text}</{}>", empty.name),
        );
    } else {
        return Err(format!("缺少 <{local}> 元素"));
    }
    Ok(edits.apply(xml))
}
