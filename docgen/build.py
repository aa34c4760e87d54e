"""One document from content file to output files: load → resolve → HTML → PDF/DOCX.

Every format is rendered in memory before anything is written, so a document that
fails writes nothing.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from docgen import glyphs
from docgen.errors import ContentError, DocgenError
from docgen.load import load
from docgen.output import write_atomic
from docgen.render.html import render_html
from docgen.resolve import resolve

FORMATS = ("pdf", "docx")
CONTENT_SUFFIXES = (".yaml", ".yml")


@dataclass(frozen=True)
class Job:
    source: Path
    relative: Path  # where under the output folder, without suffix


def find_sources(paths: Iterable[Path]) -> Iterator[Job]:
    """Content files named or found under the given folders, in a stable order."""
    content_root = Path("content").resolve()
    for path in paths:
        if path.is_dir():
            # Under content/, output mirrors content/; elsewhere, the folder given.
            base = content_root if path.resolve().is_relative_to(content_root) else path.resolve()
            for source in sorted(p for p in path.rglob("*") if p.suffix in CONTENT_SUFFIXES):
                yield Job(source, source.resolve().relative_to(base).with_suffix(""))
        elif path.resolve().is_relative_to(content_root):
            yield Job(path, path.resolve().relative_to(content_root).with_suffix(""))
        elif path.exists() or path.suffix in CONTENT_SUFFIXES:
            yield Job(path, Path(path.stem))
        else:
            raise ContentError("no such file or folder", path, expected="YAML files or folders")


def render(source: Path, formats: Iterable[str]) -> dict[str, bytes]:
    """The bytes of each requested format for one content file."""
    from docgen.render.docx import docx_bytes
    from docgen.render.pdf import pdf_bytes

    doc = resolve(load(source))
    glyphs.check(doc)
    html = render_html(doc)
    out: dict[str, bytes] = {}
    for fmt in formats:
        if fmt == "pdf":
            out[fmt] = pdf_bytes(html, base=source.parent)
        elif fmt == "docx":
            out[fmt] = docx_bytes(html, title=doc.title)
    return out


def build(job: Job, out_dir: Path, formats: Iterable[str]) -> list[Path]:
    """Render one document and write its files; nothing is written if it fails."""
    rendered = render(job.source, formats)
    written = []
    for fmt, data in rendered.items():
        target = out_dir / job.relative.with_suffix(f".{fmt}")
        write_atomic(target, data)
        written.append(target)
    return written


Outcome = tuple[list[Path], list[str]]  # files written, error lines


def _build_reporting(job: Job, out_dir: Path, formats: tuple[str, ...]) -> Outcome:
    try:
        return build(job, out_dir, formats), []
    except ContentError as exc:
        return [], [str(err) for err in (exc, *exc.more)]
    except DocgenError as exc:
        return [], [f"{job.source}: {exc}"]


def build_all(jobs: list[Job], out_dir: Path, formats: Iterable[str]) -> Iterator[Outcome]:
    """Build every job, in order; several documents at once on a machine with several
    cores (a document's layout is single-threaded)."""
    formats = tuple(formats)
    workers = min(len(jobs), os.cpu_count() or 1)
    if workers < 2 or "fork" not in multiprocessing.get_all_start_methods():
        for job in jobs:
            yield _build_reporting(job, out_dir, formats)
        return
    # Forked workers inherit the imported renderers: each pays only for its layout.
    import docgen.render.docx
    import docgen.render.pdf  # noqa: F401

    with multiprocessing.get_context("fork").Pool(workers) as pool:
        yield from pool.starmap(_build_reporting, [(job, out_dir, formats) for job in jobs])
