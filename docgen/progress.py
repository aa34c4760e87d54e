"""A build's progress on a terminal: one line on stderr, rewritten in place.

``docgen build: 2/5 content/2016/jinzhanqingkuang.yaml``: documents done of those to
build, and the one being laid out. Only where stderr is a terminal (a log or a pipe
gets no carriage returns) and not with ``--quiet``; cleared before anything else is
printed, so that it never mixes with the files and errors a build reports.
"""

from __future__ import annotations

import os
import sys
import unicodedata
from typing import TextIO


def width(text: str) -> int:
    """Columns a text takes on a terminal: a Chinese character takes two."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


class Progress:
    def __init__(self, total: int, stream: TextIO | None = None, quiet: bool = False) -> None:
        self.total = total
        self.stream = stream or sys.stderr
        self.on = not quiet and _is_terminal(self.stream)
        self._shown = 0  # columns of the line now on the terminal

    def show(self, done: int, doing: str | None = None) -> None:
        if not self.on:
            return
        text = f"docgen build: {done}/{self.total}" + (f" {doing}" if doing else "")
        columns = _columns(self.stream) - 1  # a full line would wrap: \r could not undo it
        while width(text) > columns and len(text) > 1:
            text = text[:-2] + "…"
        pad = " " * max(0, self._shown - width(text))  # what the longer line before left
        self.stream.write(f"\r{text}{pad}\r{text}")
        self.stream.flush()
        self._shown = width(text)

    def clear(self) -> None:
        if self.on and self._shown:
            self.stream.write("\r" + " " * self._shown + "\r")
            self.stream.flush()
            self._shown = 0


def _is_terminal(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):  # no isatty, or closed
        return False


def _columns(stream: TextIO) -> int:
    try:
        return os.get_terminal_size(stream.fileno()).columns or 80
    except (AttributeError, ValueError, OSError):
        return 80
