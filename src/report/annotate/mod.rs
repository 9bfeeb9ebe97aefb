//! The annotated workbook (`--annotate OUT.xlsx`): the user's own workbook with each finding as
//! a note on its cell, errors and warnings highlighted, and a 检查结果 sheet listing them all.
//! The package is edited part by part rather than rebuilt (no xlsx writer keeps everything a
//! workbook can hold): parts we do not touch are copied byte for byte, and the parts we touch
//! are edited in place, so values, formulas, merges, formats and extensions stay as they were.

mod cell;
mod comments;
mod existing;
mod findings;
mod note;
mod package;
mod parts;
mod sheet;
mod styles;
mod xml;

use std::collections::BTreeMap;

pub use cell::Cell;
pub use note::{Level, Note};

use package::{Package, folder, relative, rels_of, resolve};
use styles::{Fill, Font, Look, Styles};

/// The name of the sheet listing the findings (numbered if the workbook already has one).
pub const FINDINGS_SHEET: &str = "检查结果";

/// The annotated copy of a workbook, or why it cannot be made.
pub fn annotate(bytes: &[u8], notes: &[Note]) -> Result<Vec<u8>, String> {
    let mut package = Package::open(bytes)?;
    let workbook = package
        .text("xl/workbook.xml")?
        .ok_or("不是 XLSX 工作簿：缺少 xl/workbook.xml")?;
    let relations = package
        .text("xl/_rels/workbook.xml.rels")?
        .unwrap_or_default();
    let targets = parts::relationships(&relations)?;
    let sheets: Vec<(String, String)> = parts::sheets(&workbook)?
        .into_iter()
        .filter_map(|(name, id)| {
            let (_, _, target) = targets.iter().find(|(i, _, _)| *i == id)?;
            Some((name, resolve("xl", target)))
        })
        .collect();
    let mut styles = package.text("xl/styles.xml")?.and_then(Styles::read);
    let mut notes = notes.to_vec();
    let mut content = Vec::new();
    for (name, part) in &sheets {
        let on_sheet: Vec<usize> = (0..notes.len())
            .filter(|i| notes[*i].cell.is_some() && notes[*i].sheet == *name)
            .collect();
        if !on_sheet.is_empty() {
            annotate_sheet(
                &mut package,
                part,
                &mut notes,
                &on_sheet,
                &mut styles,
                &mut content,
            )?;
        }
    }
    for note in &mut notes {
        if !sheets.iter().any(|(name, _)| *name == note.sheet) {
            note.cell = None;
        }
    }
    add_findings_sheet(
        &mut package,
        &sheets,
        &notes,
        &mut styles,
        &mut content,
        &relations,
    )?;
    let types = package
        .text("[Content_Types].xml")?
        .ok_or("不是 XLSX 工作簿：缺少 [Content_Types].xml")?;
    let vml = content
        .iter()
        .any(|(_, kind)| *kind == parts::COMMENTS_TYPE);
    package.put(
        "[Content_Types].xml",
        parts::add_content_types(&types, &content, vml)?,
    );
    if let Some(styles) = styles {
        package.put("xl/styles.xml", styles.finish());
    }
    package.finish()
}

/// Highlights the sheet's cells and adds its notes (to its own notes, if it has some).
fn annotate_sheet(
    package: &mut Package,
    part: &str,
    notes: &mut [Note],
    on_sheet: &[usize],
    styles: &mut Option<Styles>,
    content: &mut Vec<(String, &'static str)>,
) -> Result<(), String> {
    let Some(xml) = package.text(part)? else {
        for i in on_sheet {
            notes[*i].cell = None;
        }
        return Ok(());
    };
    let tags = xml::tags(&xml).map_err(|e| format!("{part}：{e}"))?;
    let survey = sheet::survey(&tags);
    let mut by_cell: BTreeMap<Cell, Vec<usize>> = BTreeMap::new();
    for i in on_sheet {
        if let Some(cell) = notes[*i].cell {
            let anchor = survey.anchor(cell);
            notes[*i].cell = Some(anchor);
            by_cell.entry(anchor).or_default().push(*i);
        }
    }
    let mut looks = BTreeMap::new();
    if let Some(styles) = styles.as_mut() {
        for (cell, indices) in &by_cell {
            let worst = indices.iter().map(|i| notes[*i].level).min();
            let fill = match worst {
                Some(Level::Error) => Fill::Error,
                Some(Level::Warning) => Fill::Warning,
                _ => continue,
            };
            let base = survey.styles.get(cell).copied().unwrap_or(0);
            looks.insert(
                *cell,
                styles.look(Look {
                    base,
                    fill: Some(fill),
                    font: None,
                }),
            );
        }
    }
    let texts: Vec<(Cell, String)> = by_cell
        .iter()
        .map(|(cell, indices)| {
            let text: Vec<String> = indices.iter().map(|i| notes[*i].text()).collect();
            (*cell, text.join("\n\n"))
        })
        .collect();
    let legacy = match &survey.legacy {
        Some(id) => {
            // Unusual note parts are left alone; the cells are still highlighted and listed.
            let _ = existing::merge(package, part, id, &texts);
            None
        }
        None => Some(add_comments(package, part, &texts, content)?),
    };
    package.put(part, sheet::edit(&xml, &tags, &looks, legacy.as_deref()));
    Ok(())
}

/// Writes the comments and drawing parts of one sheet; returns the drawing's relationship id.
fn add_comments(
    package: &mut Package,
    part: &str,
    texts: &[(Cell, String)],
    content: &mut Vec<(String, &'static str)>,
) -> Result<String, String> {
    let (comments, _) = package.free_name("xl/comments{}.xml");
    let (drawing, _) = package.free_name("xl/drawings/vmlDrawing{}.vml");
    let block = next_shape_block(package);
    package.put(&comments, comments::comments_xml(texts));
    package.put(&drawing, comments::vml(texts, block));
    let rels = rels_of(part);
    let here = folder(part);
    let existing = package.text(&rels)?;
    let (xml, ids) = parts::add_relationships(
        existing,
        &[
            (parts::COMMENTS, relative(here, &comments)),
            (parts::VML, relative(here, &drawing)),
        ],
    )?;
    package.put(&rels, xml);
    content.push((comments, parts::COMMENTS_TYPE));
    Ok(ids.get(1).cloned().unwrap_or_default())
}

/// Adds the 检查结果 sheet at the end of the workbook.
fn add_findings_sheet(
    package: &mut Package,
    sheets: &[(String, String)],
    notes: &[Note],
    styles: &mut Option<Styles>,
    content: &mut Vec<(String, &'static str)>,
    relations: &str,
) -> Result<(), String> {
    let formats = match styles.as_mut() {
        Some(styles) => {
            let mut look = |fill, font| {
                styles.look(Look {
                    base: 0,
                    fill,
                    font,
                })
            };
            findings::Formats {
                header: look(None, Some(Font::Bold)),
                link: look(None, Some(Font::Link)),
                error: look(Some(Fill::Error), None),
                warning: look(Some(Fill::Warning), None),
            }
        }
        None => findings::Formats::default(),
    };
    let (part, _) = package.free_name("xl/worksheets/sheet{}.xml");
    package.put(&part, findings::sheet_xml(notes, formats));
    let name = free_sheet_name(sheets);
    let (rels, ids) = parts::add_relationships(
        Some(relations.to_owned()).filter(|r| !r.is_empty()),
        &[(parts::WORKSHEET, relative("xl", &part))],
    )?;
    package.put("xl/_rels/workbook.xml.rels", rels);
    let id = ids.first().cloned().unwrap_or_default();
    let workbook = package.text("xl/workbook.xml")?.unwrap_or_default();
    package.put("xl/workbook.xml", parts::add_sheet(&workbook, &name, &id)?);
    content.push((part, parts::WORKSHEET_TYPE));
    Ok(())
}

/// A block of shape ids (1024 each, named by `o:idmap`) no drawing of the package uses yet,
/// so every note's shape id is unique in the workbook.
fn next_shape_block(package: &mut Package) -> usize {
    let mut last = 0;
    for name in package.names_ending(".vml") {
        let Ok(Some(xml)) = package.text(&name) else {
            continue;
        };
        let Ok(tags) = xml::tags(&xml) else { continue };
        let blocks = tags
            .iter()
            .filter(|t| t.local == "idmap")
            .filter_map(|t| t.attr("data"))
            .flat_map(|d| {
                d.split(',')
                    .filter_map(|n| n.trim().parse::<usize>().ok())
                    .collect::<Vec<_>>()
            });
        last = last.max(blocks.max().unwrap_or(0));
    }
    last + 1
}

fn free_sheet_name(sheets: &[(String, String)]) -> String {
    let taken = |name: &str| sheets.iter().any(|(s, _)| s.eq_ignore_ascii_case(name));
    if !taken(FINDINGS_SHEET) {
        return FINDINGS_SHEET.to_owned();
    }
    (2..)
        .map(|n| format!("{FINDINGS_SHEET}{n}"))
        .find(|name| !taken(name))
        .unwrap_or_else(|| FINDINGS_SHEET.to_owned())
}
