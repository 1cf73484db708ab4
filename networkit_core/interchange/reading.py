"""From bytes to rows: decoding, the delimiter, row numbers, and the headers mapped onto the
canonical column names."""

from __future__ import annotations

import csv
import difflib
import hashlib
import io
import re
import sys
from dataclasses import dataclass, field

from networkit_core import bounds
from networkit_core.interchange.formats import (
    IGNORE,
    Column,
    normalise_header,
)
from networkit_core.interchange.neutralise import restore
from networkit_core.interchange.outcomes import HeaderIssue, Problem

BOM = "\ufeff"
# No format has more than a few dozen columns: a wider header is refused before the file is
# parsed (a million columns once took 38 s, 505 MB and a million messages).
MAX_COLUMNS = 500
# A header row longer than this (500 columns of 2 KB names) cannot be a real one.
MAX_HEADER_BYTES = 1 << 20
_QUOTED = re.compile(r'"(?:[^"]|"")*"')
# A header this close to one of ours is taken for a typo of it (an error with a "did you mean"
# hint), not for another system's column (ignored with a warning). "emial" ~ email scores 0.8,
# Handshake's "username" ~ last_name 0.59.
TYPO_SIMILARITY = 0.75
_ISO_DATE_START = re.compile(r"^(\d{4})-\d{2}-\d{2}(?:$|[ T])")
# Big enough that an over-long cell reaches our own check (and its clear message) first.
csv.field_size_limit(min(sys.maxsize, 2**31 - 1))


@dataclass(frozen=True)
class Record:
    """One data row: its row number as a spreadsheet shows it, cells by canonical column."""

    row: int
    cells: dict[str, str]


@dataclass
class Table:
    columns: dict[str, str] = field(default_factory=dict)  # file header -> canonical name
    records: list[Record] = field(default_factory=list)
    errors: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    unrecognised: list[HeaderIssue] = field(default_factory=list)
    ignored: list[str] = field(default_factory=list)  # file headers left out
    # Values chosen for the whole file (the page's cohort choice, `--cohort`), by column.
    fixed: dict[str, str] = field(default_factory=dict)

    def has(self, column: str) -> bool:
        return column in self.columns.values() or column in self.fixed


EMPTY = "the file is empty: it needs a header row and data rows"


# Excel's "Unicode text" and some exports are UTF-16: read when they say so with a BOM.
UTF16_BOMS = {b"\xff\xfe": "utf-16-le", b"\xfe\xff": "utf-16-be"}
SAVE_AS_UTF8 = "save it as CSV UTF-8 (in a spreadsheet: Save as, CSV UTF-8)"


def _utf16(data: bytes) -> str | None:
    """The UTF-16 codec a file's byte-order mark names, or None."""
    return UTF16_BOMS.get(data[:2])


def _looks_utf16(head: bytes) -> bool:
    """Text in UTF-16 has a zero byte in every other place (ASCII characters), always the same
    one of the pair; binary data has them anywhere."""
    even, odd = head[0::2].count(0), head[1::2].count(0)
    return min(even, odd) == 0 and max(even, odd) > len(head) // 4


def decode(data: bytes) -> tuple[str | None, Problem | None]:
    """The file's text: UTF-8 (with or without a BOM), or UTF-16 with a BOM."""
    if not data.strip():
        return None, Problem(None, None, EMPTY)
    codec = _utf16(data)
    if codec is None and b"\x00" in data[:4096]:
        what = (
            "UTF-16 text without a byte-order mark"
            if _looks_utf16(data[:4096])
            else "not UTF-8 or UTF-16 text (it holds binary data)"
        )
        return None, Problem(None, None, f"the file is {what}: {SAVE_AS_UTF8}")
    try:
        text = data[2:].decode(codec) if codec else data.decode("utf-8")
    except UnicodeDecodeError as error:
        if codec:
            # `error.start` counts bytes after the BOM; the rows are counted in the text.
            row = data[2 : 2 + error.start].decode(codec, errors="replace").count("\n") + 1
            return None, Problem(
                None,
                None,
                f"the file starts as UTF-16 ({codec[-2:].upper()}) but is not UTF-16 text "
                f"(at row {row}): {SAVE_AS_UTF8}",
            )
        row = data.count(b"\n", 0, error.start) + 1
        byte = data[error.start]
        return None, Problem(
            None,
            None,
            f"the file is not UTF-8 or UTF-16 text (byte 0x{byte:02x} at row {row}): "
            + SAVE_AS_UTF8,
        )
    text = text.removeprefix(BOM)
    if not text.strip():  # a byte-order mark and nothing else
        return None, Problem(None, None, EMPTY)
    return text, None


def header_problem(head: bytes) -> Problem | None:
    """Refuse a file by its first bytes alone (its first MAX_HEADER_BYTES will do): a header row
    too long or with too many columns. Called before the whole file is read or parsed."""
    codec = _utf16(head)
    if codec is not None:  # counted on the text: a UTF-16 line break is two bytes
        head = head[2:].decode(codec, errors="replace").encode("utf-8")
    end = head.find(b"\n", 0, MAX_HEADER_BYTES)
    cut = end < 0 and len(head) > MAX_HEADER_BYTES  # no line break within the limit
    line = head[: MAX_HEADER_BYTES if cut else (len(head) if end < 0 else end)]
    text = line.decode("utf-8", errors="replace").removeprefix(BOM).rstrip("\r")
    delimiter, _problem = detect_delimiter(text)
    # Delimiters outside quotes, counted without making a string per column.
    columns = _QUOTED.sub("", text).count(delimiter or ",") + 1
    if columns > MAX_COLUMNS:
        count = f"more than {columns - 1:,}" if cut else f"{columns:,}"
        return Problem(1, None, f"the header has {count} columns; a file has at most {MAX_COLUMNS}")
    if cut:
        return Problem(
            1, None, f"the header row is longer than {MAX_HEADER_BYTES:,} bytes: not a header"
        )
    return None


def detect_delimiter(header_line: str) -> tuple[str | None, str | None]:
    """Comma or semicolon, whichever splits the header; a tab or pipe file is named as such."""
    commas, semicolons = header_line.count(","), header_line.count(";")
    if commas or semicolons:
        return ("," if commas >= semicolons else ";"), None
    for char, name in (("\t", "tabs"), ("|", "pipes (|)")):
        if char in header_line:
            return None, f"the columns are separated by {name}; use commas or semicolons"
    return ",", None  # one column only


def header_row(data: bytes) -> list[str]:
    """The file's header cells as written (empty when the file cannot be read): what a
    remembered mapping is looked up by."""
    text, _problem = decode(data[: 64 * 1024])
    if text is None:
        return []
    first_line = text.split("\n", 1)[0].rstrip("\r")
    delimiter, _problem_text = detect_delimiter(first_line)
    if delimiter is None:
        return []
    try:
        return [cell.strip() for cell in next(csv.reader([first_line], delimiter=delimiter))]
    except (csv.Error, StopIteration):
        return []


def header_signature(headers: list[str]) -> str:
    """One key for a header row, ignoring case, spacing and punctuation (as mapping does)."""
    joined = "\x1f".join(normalise_header(header) for header in headers)
    return hashlib.sha256(joined.encode("utf-8")).hexdigest()


def read_table(
    data: bytes,
    columns: tuple[Column, ...],
    header_mapping: dict[str, str] | None = None,
    fixed: dict[str, str] | None = None,
) -> Table:
    """The file's rows by canonical column. `header_mapping` maps file headers by hand (a
    target of `IGNORE` leaves the column out); `fixed` gives a column one value for every row
    whose file does not say (a cohort chosen for the whole file)."""
    table = Table(fixed={name: value.strip() for name, value in (fixed or {}).items()})
    too_wide = header_problem(data[: MAX_HEADER_BYTES + 1])
    if too_wide is not None:
        table.errors.append(too_wide)
        return table
    text, problem = decode(data)
    if text is None:
        table.errors.append(problem or Problem(None, None, EMPTY))
        return table
    first_line = text.split("\n", 1)[0].rstrip("\r")
    delimiter, problem_text = detect_delimiter(first_line)
    if delimiter is None:
        table.errors.append(Problem(1, None, problem_text or "unknown delimiter"))
        return table
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    try:
        rows = list(reader)
    except csv.Error as error:
        table.errors.append(Problem(reader.line_num, None, f"the CSV is malformed: {error}"))
        return table
    header, body = rows[0], rows[1:]
    for index, label in enumerate(header, 1):
        control = bounds.control_problem(label)
        if control is not None:
            table.errors.append(Problem(1, None, f"the header of column {index} {control}"))
    if table.errors:
        return table
    _map_header(table, header, columns, header_mapping or {})
    if table.errors:
        return table
    # The header mapped without a problem: every column has its canonical name or is ignored.
    names = [table.columns.get(label.strip()) for label in header]
    from_dates = _year_of_date_headers(table, columns)
    limits = {column.name: column.limit for column in columns}
    # Per column, worked out once: its canonical name (None: ignored), whether its cells give
    # a year, and its field's limit (length, one line or several).
    kept = [
        (index, name, label.strip() in from_dates, limits[name])
        for index, (label, name) in enumerate(zip(header, names, strict=True))
        if name is not None
    ]
    for offset, cells in enumerate(body):
        row = offset + 2  # the header is row 1
        if not any(cell.strip() for cell in cells):
            continue  # a blank line
        if len(cells) != len(header):
            table.errors.append(
                Problem(
                    row, None, f"the row has {len(cells)} cells but the header has {len(header)}"
                )
            )
            continue
        # One search per row for what some column refuses (a control character, or a line
        # break, tab or text-direction character in a one-line column); cell by cell only when
        # there is one.
        clean = bounds.control_problem(" ".join(cells), one_line=True) is None
        values: dict[str, str] = {}
        whole = True
        for index, name, year_only, limit in kept:
            value = restore(cells[index].strip())
            if year_only:
                value = _year_of(value)
            control = None if clean else bounds.control_problem(value, one_line=limit.one_line)
            if control is not None:
                table.errors.append(Problem(row, name, f"the cell {control}"))
                whole = False
            elif len(value) > limit.max_chars:
                table.errors.append(
                    Problem(
                        row,
                        name,
                        f"the cell is too long: {len(value):,} characters, "
                        f"at most {limit.max_chars:,}",
                    )
                )
                whole = False
            values[name] = value
        for name, value in table.fixed.items():
            if not values.get(name):
                values[name] = value
        if whole:  # a refused row is named here once, and the importers never see it
            table.records.append(Record(row, values))
    if not table.records and not table.errors:
        table.errors.append(Problem(None, None, "the file has a header but no data rows"))
    return table


def _year_of_date_headers(table: Table, columns: tuple[Column, ...]) -> set[str]:
    """The file headers mapped through a date alias (`graduation_date`): their cells give a year."""
    aliases = {normalise_header(alias) for column in columns for alias in column.year_of_date}
    return {label for label in table.columns if normalise_header(label) in aliases}


def _year_of(value: str) -> str:
    """The year of an ISO date or date-time ("2025-05-15", "2025-05-15 00:00:00"); any other
    text is left for the column's own check to name."""
    match = _ISO_DATE_START.match(value)
    return match.group(1) if match else value


def _map_header(
    table: Table, header: list[str], columns: tuple[Column, ...], mapping: dict[str, str]
) -> None:
    known = {column.name for column in columns}
    lookup: dict[str, str] = {}
    for column in columns:
        for variant in (column.name, *column.aliases, *column.year_of_date):
            lookup.setdefault(normalise_header(variant), column.name)
    explicit = {normalise_header(k): v.strip() for k, v in mapping.items()}
    seen: dict[str, str] = {}
    for raw in header:
        label = raw.strip()
        if not label:
            table.errors.append(Problem(1, None, "a column has no header"))
            continue
        key = normalise_header(label)
        if key in explicit and explicit[key] == IGNORE:
            table.ignored.append(label)
            continue
        if key in explicit and explicit[key] not in known:
            table.errors.append(
                Problem(
                    1,
                    label,
                    f"mapped to {explicit[key]!r}, which is not a column of this file: "
                    f"use one of {', '.join(c.name for c in columns)}",
                )
            )
            continue
        target = explicit.get(key) or lookup.get(key)
        if target is None:
            suggestions = tuple(
                difflib.get_close_matches(
                    label.lower().replace(" ", "_"), sorted(known), n=3, cutoff=TYPO_SIMILARITY
                )
            )
            table.unrecognised.append(HeaderIssue(label, suggestions))
            if suggestions:  # a typo of one of our own headers: refused, with the hint
                hint = " or ".join(suggestions)
                table.errors.append(Problem(1, label, f"unknown column (did you mean {hint}?)"))
            else:  # another system's column: left out, and said so below
                table.ignored.append(label)
            continue
        if target in seen:
            table.errors.append(
                Problem(1, label, f"the column {target} appears twice ({seen[target]!r} too)")
            )
            continue
        seen[target] = label
        table.columns[label] = target
    if table.ignored:
        names = ", ".join(table.ignored)
        plural = "s" if len(table.ignored) > 1 else ""
        table.warnings.append(
            Problem(
                1,
                None,
                f"column{plural} ignored: {names} (not part of this kind of file; "
                "map a column to import it)",
            )
        )
    missing = [
        c.name for c in columns if c.required and c.name not in seen and not table.fixed.get(c.name)
    ]
    if missing:
        # The cohort may also be chosen for the whole file instead of a column.
        choice = " (or choose the cohort for the whole file)" if "cohort" in missing else ""
        table.errors.append(
            Problem(1, None, f"required column missing: {', '.join(missing)}{choice}")
        )
