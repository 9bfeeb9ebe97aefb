#!/usr/bin/env python3
"""Opens annotated workbooks with openpyxl, as a user's other tools would, and checks them
against the original and the JSON findings of the same run: every sheet, value, formula,
number format, font, border and merged range kept; a note naming each finding's code on its
cell; errors and warnings filled; the 检查结果 sheet with one row per finding, linked to its cell.

    annotated_workbook.py ORIGINAL.xlsx ANNOTATED.xlsx FINDINGS.json
    annotated_workbook.py --eval ORIGINAL.xlsx ANNOTATED.xlsx   (a self-evaluation from `eval`)
"""
import json
import sys

import openpyxl

FILLS = {"error": "FFFFC7CE", "warning": "FFFFEB9C"}


def anchor(sheet, ref):
    for merged in sheet.merged_cells.ranges:
        if ref in merged:
            return merged.start_cell.coordinate
    return ref


def same_values(original, annotated):
    assert annotated.sheetnames == original.sheetnames + ["检查结果"], annotated.sheetnames
    for before in original.worksheets:
        after = annotated[before.title]
        for row in before.iter_rows():
            for cell in row:
                assert cell.value == after[cell.coordinate].value, (before.title, cell.coordinate)


def main_eval(original_path, annotated_path):
    """Every reported score (the 得分 column) has jixiao's computed score as its note."""
    original = openpyxl.load_workbook(original_path)
    annotated = openpyxl.load_workbook(annotated_path)
    same_values(original, annotated)
    sheet = annotated.worksheets[0]
    column = [c.value for c in sheet[1]].index("得分") + 1
    scores = 0
    for row in range(2, sheet.max_row + 1):
        cell = sheet.cell(row=row, column=column)
        if cell.value not in (None, ""):
            assert cell.comment is not None and "按规格计算得分" in cell.comment.text, cell.coordinate
            scores += 1
    assert scores > 0
    print(f"{annotated_path}: {scores} reported scores, each with the computed one as its note")


def main(original_path, annotated_path, findings_path):
    original = openpyxl.load_workbook(original_path)
    annotated = openpyxl.load_workbook(annotated_path)
    findings = json.load(open(findings_path, encoding="utf-8"))
    same_values(original, annotated)

    places = {}
    for finding in findings:
        for label in finding["labels"]:
            if label["text"].startswith("表中位置 "):
                sheet_name, ref = label["text"][len("表中位置 "):].rsplit("!", 1)
                key = (sheet_name, anchor(annotated[sheet_name], ref))
                places.setdefault(key, []).append(finding["code"])
    assert places, "no finding had a cell"

    for before in original.worksheets:
        after = annotated[before.title]
        assert sorted(map(str, before.merged_cells.ranges)) == sorted(map(str, after.merged_cells.ranges))
        for row in before.iter_rows():
            for cell in row:
                other = after[cell.coordinate]
                assert cell.value == other.value, (before.title, cell.coordinate, cell.value, other.value)
                assert cell.number_format == other.number_format, (before.title, cell.coordinate)
                # Style objects compare by identity; their printed parameters by value.
                for look in ("font", "border", "alignment", "protection"):
                    assert repr(getattr(cell, look)) == repr(getattr(other, look)), (before.title, cell.coordinate, look)
                if (before.title, cell.coordinate) not in places:
                    assert repr(cell.fill) == repr(other.fill), (before.title, cell.coordinate)
                if cell.comment is not None:
                    # The user's own note stays, first; jixiao's text follows it on a finding's cell.
                    assert other.comment is not None and other.comment.text.startswith(cell.comment.text)
                    assert other.comment.author == cell.comment.author

    for (sheet_name, ref), codes in places.items():
        cell = annotated[sheet_name][ref]
        assert cell.comment is not None, (sheet_name, ref)
        for code in codes:
            assert code in cell.comment.text, (sheet_name, ref, code)
        if original[sheet_name][ref].comment is None:
            assert cell.comment.author == "jixiao"
        assert cell.fill.fgColor.rgb in FILLS.values(), (sheet_name, ref, cell.fill.fgColor.rgb)
    noted = len(places)

    listing = annotated["检查结果"]
    rows = list(listing.iter_rows(min_row=2))
    assert len(rows) == len(findings), (len(rows), len(findings))
    for row, finding in zip(rows, findings):
        assert row[2].value == finding["code"] and row[4].value == finding["message"]
        assert row[1].fill.fgColor.rgb == FILLS[finding["severity"]]
        if row[0].hyperlink is not None:
            sheet_name, ref = row[0].hyperlink.location.rsplit("!", 1)
            assert sheet_name.strip("'").replace("''", "'") in annotated.sheetnames
    print(f"{annotated_path}: {len(findings)} findings on {noted} cells, each with its note, every original cell kept")


if __name__ == "__main__":
    if sys.argv[1] == "--eval":
        main_eval(*sys.argv[2:4])
    else:
        main(*sys.argv[1:4])
