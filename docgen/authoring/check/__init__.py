"""``docgen check``: content files → problems of structure and wording, one a line.

Input: YAML files or folders. Output: ``Problem``s printed as ``path:line: rule-id:
message`` and an exit status for CI (0 clean, 1 problems, 2 a file not readable).
The rules are one table (``rules.RULES``); the text rules are in ``wording``, the
model rules in ``structure``. A deliberate exception is written beside its line, so
that a reader sees it where it applies::

    - text: 启动教育部-中国电信……  # docgen-check: allow half-width-punct — 机构名称连接号

``fix=True`` rewrites what is unambiguous (the width of , ; : ? ! ( ) . beside
Chinese) in the file's text itself, leaving comments and layout as they were.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from docgen import sources
from docgen.authoring.check import source, structure, wording
from docgen.authoring.check.rules import RULES, describe
from docgen.content import load
from docgen.content.model import Document
from docgen.errors import ContentError, one_line

__all__ = ["RULES", "Problem", "Result", "check", "describe"]

# The rules that look at a file's own text and model: run on every file checked.
OWN_RULES = frozenset(RULES) - {"target-without-outcome", "unreadable", "invalid"}


@dataclass(frozen=True, order=True)
class Problem:
    path: Path
    line: int
    rule: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.rule}: {one_line(self.message)}"


@dataclass
class Result:
    problems: list[Problem]
    files: int  # content files checked
    fixed: dict[Path, int] = field(default_factory=dict)  # rewrites made by --fix

    @property
    def status(self) -> int:
        """0 clean, 1 problems found, 2 a file could not be read."""
        if any(p.rule == "unreadable" for p in self.problems):
            return 2
        return 1 if self.problems else 0


@dataclass(frozen=True)
class _Found:
    """A problem before exceptions are applied."""

    path: Path
    line: int
    rule: str
    message: str
    anchor: int  # the line an exception comment may also stand beside (a value's first)
    fix: tuple[int, int, str] | None = None  # file span and replacement


def content_files(paths: Iterable[Path]) -> Iterator[Path]:
    for path in paths:
        if path.is_dir():
            yield from sources.content_files(path)
        else:
            yield path


def check(paths: Iterable[Path], *, fix: bool = False) -> Result:
    """Check content files; with ``fix``, rewrite what is safe first, then report what
    is left."""
    files = list(content_files(paths))
    run = _Run()
    for path in files:
        run.file(path)
    if fix:
        fixed = run.apply_fixes()
        result = check(files)
        result.fixed = fixed
        return result
    return Result(run.problems(), len(files))


class _Run:
    """One checking run: the files seen, what was found in each, and which rules ran
    on each (so an exception for a rule that did not run is not called unused)."""

    def __init__(self) -> None:
        self.found: list[_Found] = []
        self.texts: dict[Path, str] = {}
        self.ran: dict[Path, set[str]] = {}
        self.checked: set[Path] = set()

    def text(self, path: Path) -> str | None:
        if path not in self.texts:
            try:
                self.texts[path] = path.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError):
                return None
        return self.texts[path]

    def file(self, path: Path) -> None:

        self.checked.add(path)
        try:
            root = load.compose(path)
        except ContentError as exc:
            self.found.append(_Found(path, exc.line or 1, "unreadable", exc.message, 0))
            return
        text = self.text(path)
        assert text is not None  # compose read it
        self.ran.setdefault(path, set()).update(OWN_RULES)
        self._wording(path, text, root)
        try:
            doc = load.load(path)  # every problem load finds, a 通知's fields on a plan too
        except ContentError as exc:
            for err in (exc, *exc.more):
                self._invalid(err)
            self.ran[path] -= OWN_RULES - {"half-width-punct", "mixed-quotes"}
            return
        self._model(path, doc)

    def _wording(self, path: Path, text: str, root: yaml.Node) -> None:
        quotes: list[tuple[str, int, int]] = []  # style, line, anchor
        for scalar in source.scalars(text, root):
            for f in wording.find(scalar.value):
                at = scalar.index(f.start)
                line = source.line_of(text, at) if at is not None else scalar.line
                span = None
                if f.replacement is not None and at is not None:
                    end = scalar.index(f.end)
                    span = (at, end, f.replacement) if end is not None else None
                self.found.append(_Found(path, line, f.rule, f.message, scalar.line, span))
            for style, i in wording.quote_marks(scalar.value):
                at = scalar.index(i)
                line = source.line_of(text, at) if at is not None else scalar.line
                quotes.append((style, line, scalar.line))
        styles = Counter(style for style, _, _ in quotes)
        if len(styles) > 1:
            main = "“”" if styles["“”"] >= styles["「」"] else "「」"
            lines = {(line, anchor) for style, line, anchor in quotes if style != main}
            for line, anchor in sorted(lines):
                self.found.append(
                    _Found(
                        path,
                        line,
                        "mixed-quotes",
                        f"{'「」' if main == '“”' else '“”'} here, {main} elsewhere (use one: “”)",
                        anchor,
                    )
                )

    def _invalid(self, err: ContentError) -> None:
        message = f"{err.field}: {err.message}" if err.field else err.message
        if err.expected:
            message += f" (expected {err.expected})"
        line = err.line or 1
        self.found.append(_Found(err.path, line, "invalid", message, line))

    def _model(self, path: Path, doc: Document) -> None:
        from docgen.build import load_plan
        from docgen.resolve import crossref, resolve

        for f in structure.structure(doc):
            line = doc.where(f.field)[1] or 1
            self.found.append(_Found(path, line, f.rule, f.message, line))
        if doc.crossref is None:
            return
        report = resolve(doc)
        try:
            plan = load_plan(report)
            crossref.table(plan, report)  # says: that are not in their sentence, ids
        except ContentError as exc:
            for err in (exc, *exc.more):
                self._invalid(err)
            return
        plan_path = plan.source.where("")[0]
        assert plan_path is not None
        plan_path = self._same_as_checked(plan_path)
        self.ran.setdefault(plan_path, set()).add("target-without-outcome")
        for f in structure.targets_without_outcomes(plan, report):
            line = plan.source.where(f.field)[1] or 1
            self.found.append(_Found(plan_path, line, f.rule, f.message, line))

    def _same_as_checked(self, path: Path) -> Path:
        """A plan reached through its report, named as the user named it if checked."""
        for checked in self.checked:
            if checked.resolve() == path.resolve():
                return checked
        return path

    def _exceptions(self) -> tuple[list[_Found], list[_Found]]:
        """Split what was found into (problems, allowed), and add the problems of the
        exception comments themselves."""
        by_path: dict[Path, list[source.Allow]] = {}
        extra: list[_Found] = []
        for path in {f.path for f in self.found} | self.checked:
            text = self.text(path)
            if text is None:
                continue
            allow, bad = source.allows(text)
            by_path[path] = allow
            if path in self.checked:
                extra += [_Found(path, b.line, "check-comment", b.message, b.line) for b in bad]
        kept, allowed = [], []
        for f in self.found:
            hit = next(
                (
                    a
                    for a in by_path.get(f.path, [])
                    if f.rule in a.rules and a.target in (f.line, f.anchor)
                ),
                None,
            )
            if hit is None:
                kept.append(f)
            else:
                hit.used.add(f.rule)
                allowed.append(f)
        for path, allow in by_path.items():
            for a in allow:
                for rule in a.rules:
                    if rule not in RULES:
                        message = f"allows {rule}: no such rule (docgen check --rules)"
                    elif rule in a.used or rule not in self.ran.get(path, set()):
                        continue
                    else:
                        message = f"allows {rule}, but {rule} finds nothing on line {a.target}"
                    extra.append(_Found(path, a.line, "check-comment", message, a.line))
        return kept + extra, allowed

    def problems(self) -> list[Problem]:
        kept, _ = self._exceptions()
        return sorted({Problem(f.path, f.line, f.rule, f.message) for f in kept})

    def apply_fixes(self) -> dict[Path, int]:
        from docgen.output import write_atomic

        kept, _ = self._exceptions()
        spans: dict[Path, list[tuple[int, int, str]]] = {}
        for f in kept:
            if f.fix is not None and RULES[f.rule].fixable:
                spans.setdefault(f.path, []).append(f.fix)
        fixed = {}
        for path, replacements in spans.items():
            text = self.texts[path]
            write_atomic(path, source.rewrite(text, replacements).encode("utf-8"))
            fixed[path] = len(replacements)
        return fixed
