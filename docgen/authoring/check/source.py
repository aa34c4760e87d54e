"""A content file as text: where each text value stands, the exception comments
written beside lines, and the rewriting of spans that keeps everything else.

Input: the file's text and its YAML node tree (``load.compose``). Output: ``Scalar``s
that map a place in a value to a place in the file, ``Allow``s per line, and the
file's text with replacements made. Working on the text itself, span by span, keeps
comments, quoting, flow mappings and line breaks exactly as the writer left them.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml

# Fields whose values are printed text: the wording rules read these.
TEXT_FIELDS = frozenset(
    {"title", "notice_title", "attachment_label", "heading", "text", "says", "indicator", "note"}
)
# Lists whose items are printed text (a string block, a point, a unit).
TEXT_LISTS = frozenset({"body", "intro", "points", "units"})


@dataclass(frozen=True)
class Scalar:
    """One text value and where its characters stand in the file."""

    field: str  # sections[0].body[1].text
    value: str
    line: int  # the line it starts on, 1-based
    offsets: tuple[int, ...] | None  # file index of each value character; None: unknown

    def index(self, i: int) -> int | None:
        """The file index of the value's i-th character (len(value): just after it)."""
        if self.offsets is None:
            return None
        if i == len(self.value):
            return self.offsets[-1] + 1 if self.offsets else None
        return self.offsets[i]


def scalars(text: str, root: yaml.Node) -> Iterator[Scalar]:
    """Every printed-text value of a content file, in file order, each node once (an
    alias's value is checked where it is first written)."""
    from docgen.content.load import walk

    for node, path in walk(Path("<content>"), root):
        if not isinstance(node, yaml.ScalarNode) or node.tag != "tag:yaml.org,2002:str":
            continue
        field = re.sub(r"\[\d+\]$", "", path)
        name = field.rsplit(".", 1)[-1]
        listed = field != path and name in TEXT_LISTS  # an item of body, intro, points, units
        if listed or (field == path and name in TEXT_FIELDS):
            yield Scalar(path, node.value, node.start_mark.line + 1, _offsets(text, node))


def _offsets(text: str, node: yaml.ScalarNode) -> tuple[int, ...] | None:
    """File indexes of the value's characters, where the file spells the value out
    character for character: a plain or quoted scalar on one line without escapes,
    or a literal block (|). Otherwise None: the value is reported at its first line
    and left alone by --fix."""
    start, end = node.start_mark.index, node.end_mark.index
    raw = text[start:end]
    value = node.value
    if node.style in ('"', "'"):
        inner = raw[1:-1]
        if inner == value:
            return tuple(range(start + 1, start + 1 + len(value)))
        return None
    if not node.style and raw == value:  # plain: None from PyYAML, "" from libyaml
        return tuple(range(start, end))
    if node.style == "|":
        offsets: list[int] = []
        pos = raw.find("\n") + 1  # after the header line (| or |-)
        for k, line in enumerate(value.split("\n")):
            if line:
                found = raw.find(line, pos)
                if found < 0:
                    return None
                offsets.extend(range(start + found, start + found + len(line)))
                pos = found + len(line)
            if k < value.count("\n"):
                newline = raw.find("\n", pos)
                if newline < 0:
                    return None
                offsets.append(start + newline)
                pos = newline + 1
        return tuple(offsets) if len(offsets) == len(value) else None
    return None


def line_of(text: str, index: int) -> int:
    """The line an index of the file's text is on (its newlines found once a text)."""
    return bisect.bisect_left(_newlines(text), index) + 1


@lru_cache(maxsize=4)
def _newlines(text: str) -> list[int]:
    return [m.start() for m in re.finditer("\n", text)]


# An exception comment: `# docgen-check: allow rule-a, rule-b — why`.
_COMMENT = re.compile(r"(?:^|\s)#\s*docgen-check:(.*)$")
_ALLOW = re.compile(
    r"^\s*allow\s+(?P<rules>[a-z][a-z-]*(?:\s*,\s*[a-z][a-z-]*)*)\s*"
    r"(?:(?:—|--)\s*(?P<reason>.*?))?\s*$"
)


@dataclass
class Allow:
    """An exception the writer recorded: these rules do not apply to ``target`` line."""

    line: int  # where the comment is
    target: int  # the line it is about
    rules: tuple[str, ...]
    reason: str
    used: set[str] = field(default_factory=set)


@dataclass(frozen=True)
class BadComment:
    line: int
    message: str


def allows(text: str) -> tuple[list[Allow], list[BadComment]]:
    """The exception comments of a file. A comment after content on a line is about
    that line; a comment on a line of its own is about the next line with content."""
    lines = text.split("\n")
    found: list[Allow] = []
    bad: list[BadComment] = []
    for n, line in enumerate(lines, 1):
        m = _COMMENT.search(line)
        if not m:
            continue
        parsed = _ALLOW.match(m.group(1))
        if not parsed:
            bad.append(BadComment(n, "cannot read it (write: allow RULE — reason)"))
            continue
        rules = tuple(r.strip() for r in parsed.group("rules").split(","))
        reason = (parsed.group("reason") or "").strip()
        if not reason:
            bad.append(BadComment(n, f"allow {', '.join(rules)} without a reason (— why)"))
            continue
        target = n
        if not line[: m.start()].strip():  # a comment line: about the next content line
            target = next(
                (
                    k
                    for k in range(n + 1, len(lines) + 1)
                    if lines[k - 1].strip() and not lines[k - 1].lstrip().startswith("#")
                ),
                n,
            )
        found.append(Allow(n, target, rules, reason))
    return found, bad


def rewrite(text: str, replacements: list[tuple[int, int, str]]) -> str:
    """The text with each (start, end) span replaced; spans must not overlap."""
    out = []
    pos = 0
    for start, end, new in sorted(replacements):
        if start < pos:
            continue  # overlapping: keep the first
        out.append(text[pos:start])
        out.append(new)
        pos = end
    out.append(text[pos:])
    return "".join(out)
