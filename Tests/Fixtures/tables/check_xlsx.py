#!/usr/bin/env python3
"""Reads an .xlsx table written by VETStat with openpyxl and compares it cell for cell with the
CSV of the same table (the renderer's CSV). Usage:

    python3 Tests/Fixtures/tables/check_xlsx.py Tests/Fixtures/tables/regression_table.xlsx \
        Tests/Fixtures/tables/regression_table.csv

Exit status 0 and "ok: N cells" when every cell agrees (numbers to 1e-12); otherwise the
differing cells. Not run by the Swift tests (they read the same workbook with DataReader).
"""
import csv
import sys

import openpyxl


def main(xlsx_path, csv_path):
    workbook = openpyxl.load_workbook(xlsx_path)
    assert workbook.sheetnames == ["Table", "Notes"], workbook.sheetnames
    sheet = workbook["Table"]
    with open(csv_path, newline="", encoding="utf-8") as f:
        expected = list(csv.reader(f))
    problems = []
    cells = 0
    for i, row in enumerate(expected, start=1):
        for j, want in enumerate(row, start=1):
            got = sheet.cell(row=i, column=j).value
            cells += 1
            if want == "":
                ok = got is None
            elif isinstance(got, (int, float)):
                ok = abs(got - float(want)) < 1e-12
            else:
                ok = got == want
            if not ok:
                problems.append(f"row {i} column {j}: expected {want!r}, read {got!r}")
    if sheet.max_row != len(expected):
        problems.append(f"{sheet.max_row} rows, expected {len(expected)}")
    notes = [c.value for c in workbook["Notes"]["A"]]
    print("title and notes:", notes)
    if problems:
        print("\n".join(problems))
        return 1
    print(f"ok: {cells} cells")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
