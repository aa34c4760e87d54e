"""Every character a document prints must be in a font: find those that are not.

A character missing from its role's font is printed by fontconfig's fallback in some
other face (a warning says which); a character no installed font has would print as
an empty box, so it stops the build with the file, line and field that hold it.
"""

from __future__ import annotations

import logging
import shutil
import subprocess
from collections.abc import Iterator
from functools import cache

from docgen import fonts, spec
from docgen.errors import ContentError
from docgen.resolve import DataTable, Heading, Resolved

log = logging.getLogger("docgen")


def texts(doc: Resolved) -> Iterator[tuple[str, str, str]]:
    """(text, element, field) of everything the document itself prints."""
    if doc.attachment_label:
        yield doc.attachment_label, "attachment_label", "attachment_label"
    if doc.notice_title:
        yield doc.notice_title, "title", "notice_title"
    yield doc.title, "title", "title"
    for i, line in enumerate(doc.subtitle):
        yield line, "subtitle", f"subtitle[{i}]"
    if doc.header:
        for field, element in (
            ("copy_number", "copy_number"),
            ("secrecy", "secrecy"),
            ("urgency", "urgency"),
            ("issuer_mark", "issuer_mark"),
            ("doc_number", "doc_number"),
            ("signer", "doc_number"),
        ):
            if value := getattr(doc.header, field):
                yield value, element, f"header.{field}"
    if doc.recipients:
        yield doc.recipients, "recipients", "recipients"
    if doc.signature:
        for value, element, field in (
            (doc.signature.issuer, "signature", "signature.issuer"),
            (doc.signature.date, "date", "signature.date"),
        ):
            if value:
                yield value, element, field
    if doc.note:
        yield doc.note, "note", "note"
    if doc.record:
        for value in (doc.record.cc, doc.record.printer, doc.record.printed):
            if value:
                yield value, "record", "record"
    for block in doc.flat():
        if isinstance(block, Heading):
            yield block.number + block.text, f"h{block.style}", block.field
        elif isinstance(block, DataTable):
            yield block.caption or "", "table_caption", block.field
            yield "".join(c for row in block.head for c in row), "table_head", block.field
            yield "".join(c for row in block.body for c in row), "table_cell", block.field
        else:
            yield block.text, "body", block.field
    if doc.appendix is not None:  # the 对照表's cells: its words come from plan and report
        for row in doc.appendix.rows:
            where = f"crossref (target {row.id})"
            yield row.indicator + row.target + row.actual + row.note, "table_cell", where


@cache
def installed_font_with(char: str) -> str | None:
    """The family of some installed font that has the character, or None."""
    if not shutil.which("fc-list"):
        return None
    out = subprocess.run(
        ["fc-list", f":charset={ord(char):x}", "family"],
        capture_output=True,
        text=True,
        check=False,
    ).stdout
    return out.splitlines()[0].split(",")[0] if out.strip() else None


def check(doc: Resolved) -> None:
    """Warn of characters printed in a fallback face; raise for those in none."""
    for attachment in doc.attachments:
        if attachment.doc is not None:
            check(attachment.doc)
    covered: dict[str, set[str]] = {}  # by role: the characters its font was found to have
    for text, element, field in texts(doc):
        role = spec.ELEMENTS[element].font
        metrics = fonts.metrics(role)
        if metrics is None:
            continue  # no font at all for the role: `docgen fonts` says so
        known = covered.setdefault(role, set())
        chars = dict.fromkeys(text)  # each once, in the text's order
        if chars.keys() <= known:
            continue
        for char in chars:
            if char in known:
                continue
            if char.isspace() or metrics.covers(char):
                known.add(char)
                continue
            path, line = doc.source.where(field)
            where = f"{path}:{line}: {field}" if line else f"{path}: {field}"
            name = f"'{char}' (U+{ord(char):04X})"
            fallback = installed_font_with(char)
            if fallback is None:
                raise ContentError(
                    f"{name} is in no installed font and would print as an empty box",
                    path or "<document>",
                    line,
                    field=field,
                    expected="a character the fonts have, or a font that has it installed",
                )
            log.warning(
                "%s: %s is not in %s (%s); printed from a fallback font (%s has it)",
                where,
                name,
                metrics.family,
                fonts.ROLES[role].name,
                fallback,
            )
