#!/usr/bin/env python3
"""Builds the corpus' rebuilt sources for every folder of tests/corpus/tables (or the folders
named), from its grid.csv (one CSV row per sheet row, one field per column, UTF-8) and the merged
ranges of merges.txt (one range a line, `A13:A24`):

- table.xlsx: the sheet as published; cells that read as numbers are written as numbers, the way
  a published workbook stores them; everything else as text.
- table.docx: the same table as a Word document, written as WordprocessingML by hand (no
  python-docx needed) so the merges are exactly `w:gridSpan` (across) and `w:vMerge`
  (restart / continue, down). The leading rows that hold one text only (the title, `部门：…`)
  are paragraphs before the table, as in a Word 申报表.
- table.html: the same table as a web page: `rowspan` / `colspan`, the title as `<title>` and
  `<h1>`, the other leading one-text rows as `<p>`. The sources in GBK_SOURCES are written in
  GBK with `<meta charset="gbk">`, as many government sites still publish.
- table.pdf and table-libreoffice.docx, for the sources in PDF_SOURCES (six): table.docx
  printed and saved again by LibreOffice (`soffice --headless --convert-to pdf` / `docx`),
  when LibreOffice is installed.

table.docx and table.html are byte-stable across builds (fixed timestamps); table.xlsx and
table.pdf carry their writers' timestamps, so commit them only when their content changed.

    python3 tests/corpus/build.py [tests/corpus/tables/<id> ...]
"""
import csv
import datetime
import html
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

import openpyxl

NUMBER = re.compile(r"^-?\d+(\.\d+)?$")
RANGE = re.compile(r"^([A-Z]+)(\d+):([A-Z]+)(\d+)$")

# Two pages in GBK, declared in the page, from two provinces.
GBK_SOURCES = {
    "hb-handan-chengan-minzheng-gaolingjintie-2020",
    "sc-leshan-jingyan-mata-2023",
}
# PDFs printed from the rebuilt Word documents, from six provinces.
PDF_SOURCES = {
    "ah-chizhou-guichi-cunji-2022",
    "fj-putian-xiuyu-shuili-2025",
    "yn-lincang-yongde-yingyanggaishan-2022",
    "hb-handan-chengan-minzheng-gaolingjintie-2020",
    "sc-leshan-jingyan-mata-2023",
    "nm-wuhai-gongxiaoshe-zaishengziyuan-2021",
}


def read_grid(folder: Path):
    with (folder / "grid.csv").open(encoding="utf-8-sig", newline="") as f:
        rows = [row for row in csv.reader(f)]
    width = max((len(r) for r in rows), default=0)
    return [r + [""] * (width - len(r)) for r in rows], width


def column_index(letters: str) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - ord("A") + 1
    return n - 1


def read_merges(folder: Path):
    """Merged ranges as (top, left, bottom, right), 0-based."""
    merges = []
    path = folder / "merges.txt"
    if path.exists():
        for line in path.read_text(encoding="utf-8").splitlines():
            m = RANGE.match(line.strip())
            if m:
                merges.append((int(m[2]) - 1, column_index(m[1]), int(m[4]) - 1, column_index(m[3])))
    return merges


def build_xlsx(folder: Path, rows, merges_text) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Sheet1"
    for r, row in enumerate(rows, start=1):
        for c, text in enumerate(row, start=1):
            if text == "":
                continue
            if NUMBER.match(text) and not (len(text) > 1 and text.startswith("0") and "." not in text):
                value = float(text) if "." in text else int(text)
            else:
                value = text
            cell = sheet.cell(row=r, column=c, value=value)
            # `=8个` is a value as printed, not a formula.
            if isinstance(value, str) and value.startswith("="):
                cell.data_type = "s"
    for line in merges_text:
        sheet.merge_cells(line)
    # A fixed timestamp keeps the file byte-stable across builds.
    book.properties.created = datetime.datetime(2024, 1, 1)
    book.properties.modified = datetime.datetime(2024, 1, 1)
    book.save(folder / "table.xlsx")


def layout(rows, merges):
    """Splits the sheet into leading one-text rows (paragraphs) and the table below them, and
    maps each cell of the table to its merge: {(r, c): (top, left, bottom, right)}."""
    covering = {}
    for m in merges:
        top, left, bottom, right = m
        for r in range(top, bottom + 1):
            for c in range(left, right + 1):
                covering[(r, c)] = m
    lead = 0
    for r, row in enumerate(rows):
        texts = {t for t in row if t.strip()}
        spans_down = any(covering.get((r, c), (r, 0, r, 0))[2] > r for c in range(len(row)))
        if len(texts) != 1 or spans_down:
            break
        lead = r + 1
    paragraphs = [next(t for t in row if t.strip()) for row in rows[:lead]]
    return paragraphs, rows[lead:], lead, covering


def cells(rows, lead, covering, width):
    """Each table row's cells in order: (text, colspan, rowspan, continued) — `continued` is a
    cell under the top of a vertical merge (Word writes it, HTML leaves it out)."""
    out = []
    for i, row in enumerate(rows):
        r = i + lead
        line = []
        c = 0
        while c < width:
            m = covering.get((r, c))
            if m is None:
                line.append((row[c], 1, 1, False))
                c += 1
                continue
            top, left, bottom, right = m
            top = max(top, lead)
            if c != left:
                c += 1
                continue
            text = rows[top - lead][left] if r == top else ""
            line.append((text, right - left + 1, bottom - top + 1, r != top))
            c = right + 1
        out.append(line)
    return out


def w_paragraphs(text: str, size: int) -> str:
    run = f'<w:rPr><w:rFonts w:eastAsia="Noto Sans CJK SC"/><w:sz w:val="{size}"/></w:rPr>'
    return "".join(
        f'<w:p><w:r>{run}<w:t xml:space="preserve">{escape(line)}</w:t></w:r></w:p>'
        for line in (text.split("\n") if text else [""])
    )


def build_docx(folder: Path, paragraphs, table, width) -> None:
    grid_width = 13600 // max(width, 1)
    body = [w_paragraphs(p, 24) for p in paragraphs]
    body.append('<w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/><w:tblBorders>')
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        body.append(f'<w:{side} w:val="single" w:sz="4" w:space="0" w:color="000000"/>')
    body.append("</w:tblBorders></w:tblPr><w:tblGrid>")
    body.append(f'<w:gridCol w:w="{grid_width}"/>' * width)
    body.append("</w:tblGrid>")
    for line in table:
        body.append("<w:tr>")
        for text, colspan, rowspan, continued in line:
            props = f'<w:tcW w:w="{grid_width * colspan}" w:type="dxa"/>'
            if colspan > 1:
                props += f'<w:gridSpan w:val="{colspan}"/>'
            if continued:
                props += "<w:vMerge/>"
            elif rowspan > 1:
                props += '<w:vMerge w:val="restart"/>'
            body.append(f"<w:tc><w:tcPr>{props}</w:tcPr>{w_paragraphs(text, 14)}</w:tc>")
        body.append("</w:tr>")
    body.append("</w:tbl>")
    # A landscape A4 page, so the printed PDF keeps the columns readable.
    body.append(
        '<w:sectPr><w:pgSz w:w="16838" w:h="11906" w:orient="landscape"/>'
        '<w:pgMar w:top="720" w:right="720" w:bottom="720" w:left="720" w:header="0" w:footer="0" w:gutter="0"/></w:sectPr>'
    )
    document = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        f'<w:body>{"".join(body)}</w:body></w:document>'
    )
    parts = {
        "[Content_Types].xml": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
            "</Types>"
        ),
        "_rels/.rels": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>'
            "</Relationships>"
        ),
        "word/document.xml": document,
    }
    with zipfile.ZipFile(folder / "table.docx", "w", zipfile.ZIP_DEFLATED) as z:
        for name, text in parts.items():
            info = zipfile.ZipInfo(name, date_time=(2024, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, text.encode("utf-8"))


def build_html(folder: Path, paragraphs, table) -> None:
    gbk = folder.name in GBK_SOURCES
    charset = "gbk" if gbk else "utf-8"
    title = paragraphs[0] if paragraphs else folder.name
    out = [
        "<!DOCTYPE html>",
        f'<html><head><meta charset="{charset}"><title>{html.escape(title)}</title></head><body>',
    ]
    for i, p in enumerate(paragraphs):
        tag = "h1" if i == 0 else "p"
        out.append(f"<{tag}>{html.escape(p)}</{tag}>")
    out.append('<table border="1" cellspacing="0">')
    for line in table:
        tds = []
        for text, colspan, rowspan, continued in line:
            if continued:
                continue
            attrs = (f' colspan="{colspan}"' if colspan > 1 else "") + (
                f' rowspan="{rowspan}"' if rowspan > 1 else ""
            )
            tds.append(f"<td{attrs}>{'<br>'.join(html.escape(t) for t in text.split(chr(10)))}</td>")
        out.append(f"<tr>{''.join(tds)}</tr>")
    out.append("</table></body></html>\n")
    (folder / "table.html").write_bytes("\n".join(out).encode("gbk" if gbk else "utf-8"))


def build_pdf(folder: Path) -> None:
    """table.pdf, and table-libreoffice.docx: the Word document as a real word processor
    writes it again (styles, settings, its own table markup), so the reader is tested on more
    than the markup build_docx writes."""
    office = shutil.which("soffice") or shutil.which("libreoffice")
    if office is None:
        print(f"{folder.name}: LibreOffice not installed, table.pdf not rebuilt", file=sys.stderr)
        return
    with tempfile.TemporaryDirectory() as out:
        for target, made, kept in [
            ("pdf", "table.pdf", "table.pdf"),
            ("docx:MS Word 2007 XML", "table.docx", "table-libreoffice.docx"),
        ]:
            subprocess.run(
                [office, "--headless", "--convert-to", target, "--outdir", out, str(folder / "table.docx")],
                check=True,
                capture_output=True,
            )
            shutil.copy(Path(out) / made, folder / kept)


def build(folder: Path) -> None:
    if not (folder / "grid.csv").exists():
        return
    rows, width = read_grid(folder)
    merges_text = [
        line.strip()
        for line in (folder / "merges.txt").read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.strip().startswith("#")
    ] if (folder / "merges.txt").exists() else []
    build_xlsx(folder, rows, merges_text)
    paragraphs, table, lead, covering = layout(rows, read_merges(folder))
    table_cells = cells(table, lead, covering, width)
    build_docx(folder, paragraphs, table_cells, width)
    build_html(folder, paragraphs, table_cells)
    if folder.name in PDF_SOURCES:
        build_pdf(folder)


def main() -> None:
    here = Path(__file__).resolve().parent / "tables"
    folders = [Path(a) for a in sys.argv[1:]] or sorted(p for p in here.iterdir() if p.is_dir())
    for folder in folders:
        build(folder)


if __name__ == "__main__":
    main()
