"""CSV that a spreadsheet opens as data: every CSV saidwhat writes goes through ``CsvWriter``.

Article text, titles, sources and speaker names come from the input, and a cell beginning with ``=``,
``+``, ``-``, ``@``, a tab or a carriage return is read by Excel, LibreOffice and Google Sheets as a
formula (``=HYPERLINK(...)``, ``=cmd|...``). As OWASP advises, such a string cell gets a leading
``'``, which spreadsheets show as text and do not run; numbers are written as they are.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Mapping
from typing import Any

FORMULA_STARTS: tuple[str, ...] = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: Any) -> Any:
    """``value``, with a ``'`` in front when it is a string a spreadsheet would run as a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def safe_row(row: Mapping[str, Any]) -> dict[str, Any]:
    """Every cell of ``row`` through ``safe_cell``."""
    return {key: safe_cell(value) for key, value in row.items()}


class CsvWriter(csv.DictWriter):  # type: ignore[type-arg]
    """``csv.DictWriter`` whose rows are neutralised cell by cell (the header is the caller's own)."""

    def writerow(self, rowdict: Mapping[str, Any]) -> Any:
        return super().writerow(safe_row(rowdict))

    def writerows(self, rowdicts: Iterable[Mapping[str, Any]]) -> None:
        for row in rowdicts:
            self.writerow(row)
