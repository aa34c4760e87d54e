"""The one exception tree of docgen.

A ``DocgenError`` is a user's problem, told in one line; anything else escaping the
CLI is a bug in docgen.
"""

from __future__ import annotations

import re
from pathlib import Path


class DocgenError(Exception):
    """Base of every error docgen reports to its user."""


class ContentError(DocgenError):
    """Bad content: names the file, line, column and field, and what was expected."""

    def __init__(
        self,
        message: str,
        path: Path | str,
        line: int | None = None,
        column: int | None = None,
        field: str | None = None,
        expected: str | None = None,
    ) -> None:
        self.message = message
        self.path = Path(path)
        self.line = line
        self.column = column
        self.field = field
        self.expected = expected
        self.more: list[ContentError] = []  # further problems found in the same file
        super().__init__(str(self))

    def __str__(self) -> str:
        where = str(self.path)
        if self.line is not None:
            where += f":{self.line}:{self.column or 1}"
        text = f"{where}: "
        if self.field:
            text += f"{one_line(self.field)}: "
        text += one_line(self.message)
        if self.expected:
            text += f" (expected {one_line(self.expected)})"
        return text


# Control characters (a newline, ESC of a terminal sequence) shown as escapes; a value
# echoed from content is cut past this many characters, with its length said.
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")
ECHO_LIMIT = 200


def one_line(text: str) -> str:
    """A message as one line a terminal prints as it is: control characters escaped,
    and what is too long cut, saying how long it was."""
    text = _CONTROL.sub(lambda m: repr(m.group())[1:-1], text)
    if len(text) > ECHO_LIMIT:
        text = f"{text[:ECHO_LIMIT]}… ({len(text)} characters)"
    return text


class RenderError(DocgenError):
    """The renderer met something it does not know how to print."""


def error_lines(source: Path, exc: Exception) -> list[str]:
    """What to print of a document that failed: a content error's lines, or one line
    naming the file."""
    if isinstance(exc, ContentError):
        return [str(err) for err in (exc, *exc.more)]
    if isinstance(exc, DocgenError):
        return [f"{source}: {one_line(str(exc))}"]
    # A bug in docgen: the other documents still build.
    return [f"{source}: docgen: internal error: {type(exc).__name__}: {exc}"]
