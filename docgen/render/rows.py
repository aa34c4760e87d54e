"""The 对照表 as data: CSV (UTF-8 with BOM, which Excel opens as Chinese) and XLSX.

The same rows as the printed table, with the note in a column of its own and the
completion rate as a number, for whoever tracks the targets in a spreadsheet.
"""

from __future__ import annotations

import csv
import io

from docgen.resolve import Table

HEADER = ("序号", "编号", "指标", "目标", "完成情况", "状态", "完成率", "说明", "出处")


def _records(table: Table) -> list[tuple]:
    return [
        (
            r.number,
            r.id,
            r.indicator,
            r.target,
            r.actual,
            r.status,
            r.ratio,
            r.note,
            f"{r.source.section_number}{r.source.section}" if r.source else "",
        )
        for r in table.rows
    ]


def csv_bytes(table: Table) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(HEADER)
    for record in _records(table):
        ratio = record[6]
        writer.writerow([*record[:6], "" if ratio is None else f"{ratio:.4f}", *record[7:]])
    return out.getvalue().encode("utf-8-sig")


def xlsx_bytes(table: Table) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    book = Workbook()
    sheet = book.active
    sheet.title = "对照表"
    sheet.append(HEADER)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for record in _records(table):
        sheet.append(record)
        for cell in sheet[sheet.max_row]:
            if isinstance(cell.value, str):
                cell.data_type = "s"  # text, never a formula, whatever it starts with
        sheet.cell(sheet.max_row, 7).number_format = "0.0%"
    for column, width in zip("ABCDEFGHI", (6, 16, 28, 22, 30, 10, 10, 30, 28), strict=True):
        sheet.column_dimensions[column].width = width
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = "A2"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
