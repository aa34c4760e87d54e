"""One document from content file to output files: load → resolve → HTML → PDF/DOCX.

Every format is rendered in memory before anything is written, so a document that
fails writes nothing.
"""

from __future__ import annotations

import dataclasses
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
from docgen.resolve import Resolved, crossref, resolve

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


def load_plan(report: Resolved) -> Resolved:
    """The 工作要点 a 进展情况 names in `crossref.plan`, resolved."""
    ref = report.source.crossref
    assert ref is not None
    path, line = report.source.where("crossref.plan")
    plan_path = (path.parent if path else Path()) / ref.plan
    if not plan_path.is_file():
        raise ContentError(
            f"no plan file {plan_path}",
            path or "<document>",
            line,
            field="crossref.plan",
            expected="a 工作要点 YAML file, relative to this one",
        )
    plan = resolve(load(plan_path))
    if plan.kind != "工作要点":
        raise ContentError(
            f"{plan_path} is a {plan.kind}",
            path or "<document>",
            line,
            field="crossref.plan",
            expected="a 工作要点",
        )
    return plan


def with_crossref(doc: Resolved) -> Resolved:
    """A report that asks for its 对照表 as a 附表 gets it computed here."""
    ref = doc.source.crossref
    if ref is None or not ref.appendix:
        return doc
    return dataclasses.replace(doc, appendix=crossref.table(load_plan(doc), doc))


def render(source: Path, formats: Iterable[str]) -> dict[str, bytes]:
    """The bytes of each requested format for one content file."""
    doc = with_crossref(resolve(load(source)))
    glyphs.check(doc)
    return render_resolved(doc, formats, base=source.parent)


def render_resolved(doc: Resolved, formats: Iterable[str], base: Path) -> dict[str, bytes]:
    from docgen.render.docx import docx_bytes
    from docgen.render.pdf import pdf_bytes

    html = render_html(doc)
    out: dict[str, bytes] = {}
    for fmt in formats:
        if fmt == "pdf":
            out[fmt] = pdf_bytes(html, base=base)
        elif fmt == "docx":
            out[fmt] = docx_bytes(html, title=doc.title)
        elif fmt in ("csv", "xlsx") and doc.appendix is not None:
            from docgen.render import rows

            out[fmt] = (
                rows.csv_bytes(doc.appendix) if fmt == "csv" else rows.xlsx_bytes(doc.appendix)
            )
    return out


CROSSREF_FORMATS = ("pdf", "docx", "csv", "xlsx")


def build_crossref(
    plan_path: Path, report_path: Path, out_dir: Path, formats: Iterable[str]
) -> list[Path]:
    """The 对照表 of a plan and a report as files of its own, named after its title."""
    plan, report = resolve(load(plan_path)), resolve(load(report_path))
    for doc, path, kind in ((plan, plan_path, "工作要点"), (report, report_path, "进展情况")):
        if doc.kind != kind:
            raise ContentError(
                f"this is a {doc.kind}",
                path,
                *(doc.source.where("kind")[1:]),
                field="kind",
                expected=f"a {kind}",
            )
    doc = crossref.standalone(plan, report)
    rendered = render_resolved(doc, formats, base=report_path.parent)
    written = []
    for fmt, data in rendered.items():
        target = out_dir / f"{doc.title}.{fmt}"
        write_atomic(target, data)
        written.append(target)
    return written


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
