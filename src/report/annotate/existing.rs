//! A sheet that already shows notes of its own: ours join its comments part and its drawing
//! (a cell that already has a note gets ours appended to it), so both sets show. Anything
//! unexpected in those parts (no comments part, a drawing that is not well-formed XML or uses
//! other prefixes) leaves them alone: the cells are still highlighted and listed.

use super::Cell;
use super::comments::{Prefixes, comment, run, shape, shapetype};
use super::package::{Package, folder, rels_of, resolve};
use super::parts;
use super::xml::{Edits, Kind, Tag, prefix_for, tags};

/// Adds the notes to the sheet's own comments and drawing; `None` when it could not.
pub fn merge(
    package: &mut Package,
    part: &str,
    legacy_id: &str,
    texts: &[(Cell, String)],
) -> Option<()> {
    let relations = parts::relationships(&package.text(&rels_of(part)).ok()??).ok()?;
    let here = folder(part);
    let target = |wanted: &dyn Fn(&(String, String, String)) -> bool| {
        relations
            .iter()
            .find(|r| wanted(r))
            .map(|(_, _, t)| resolve(here, t))
    };
    let comments = target(&|r| r.1 == parts::COMMENTS)?;
    let drawing = target(&|r| r.0 == legacy_id)?;
    let (comments_xml, fresh) = merge_comments(&package.text(&comments).ok()??, texts)?;
    let drawing_xml = add_shapes(&package.text(&drawing).ok()??, &fresh)?;
    package.put(&comments, comments_xml);
    package.put(&drawing, drawing_xml);
    Some(())
}

/// The comments part with `jixiao` as an author, our text appended to the notes already on our
/// cells and new notes for the others; returns the cells that need a new box.
fn merge_comments(xml: &str, texts: &[(Cell, String)]) -> Option<(String, Vec<(Cell, String)>)> {
    let tags = tags(xml).ok()?;
    let p = tags.first()?.prefix().to_owned();
    let authors_end = tags.iter().find(|t| t.closes("authors", 1))?;
    let list_end = tags.iter().find(|t| t.closes("commentList", 1))?;
    let author = tags.iter().filter(|t| t.opens("author", 2)).count();
    let mut edits = Edits::default();
    edits.insert(authors_end.start, format!("<{p}author>jixiao</{p}author>"));
    let mut fresh = Vec::new();
    for (cell, text) in texts {
        match text_end(&tags, *cell) {
            Some(at) => edits.insert(at, run(&p, &format!("\njixiao:\n{text}"))),
            None => {
                edits.insert(list_end.start, comment(&p, *cell, author, text));
                fresh.push((*cell, text.clone()));
            }
        }
    }
    Some((edits.apply(xml), fresh))
}

/// Where the text of the note already on a cell closes.
fn text_end(tags: &[Tag], cell: Cell) -> Option<usize> {
    let at = tags
        .iter()
        .position(|t| t.opens("comment", 2) && t.attr("ref").and_then(Cell::parse) == Some(cell))?;
    let close = tags[at..].iter().find(|t| t.closes("text", 3))?;
    Some(close.start)
}

/// The drawing with a box for each new note, numbered after the shapes it has.
fn add_shapes(xml: &str, fresh: &[(Cell, String)]) -> Option<String> {
    let tags = tags(xml).ok()?;
    let n = Prefixes {
        v: prefix_for(&tags, "urn:schemas-microsoft-com:vml")?,
        o: prefix_for(&tags, "urn:schemas-microsoft-com:office:office")?,
        x: prefix_for(&tags, "urn:schemas-microsoft-com:office:excel")?,
    };
    let end = tags
        .iter()
        .rev()
        .find(|t| t.kind == Kind::End && t.depth == 0)?;
    let spt = format!("{}spt", n.o);
    let note_type = tags
        .iter()
        .find(|t| t.opens("shapetype", 1) && t.attr(&spt) == Some("202"))
        .and_then(|t| t.attr("id"));
    let mut text = String::new();
    let kind = match note_type {
        Some(id) => id.to_owned(),
        None if tags.iter().any(|t| t.attr("id") == Some("_x0000_t202")) => return None,
        None => {
            text.push_str(&shapetype(&n));
            "_x0000_t202".to_owned()
        }
    };
    let last = tags
        .iter()
        .filter(|t| t.opens("shape", 1))
        .filter_map(|t| {
            t.attr("id")?
                .strip_prefix("_x0000_s")?
                .parse::<usize>()
                .ok()
        })
        .max()
        .unwrap_or(1024);
    for (i, (cell, note)) in fresh.iter().enumerate() {
        text.push_str(&shape(&n, last + i + 1, &kind, *cell, note));
    }
    let mut edits = Edits::default();
    edits.insert(end.start, text);
    Some(edits.apply(xml))
}
