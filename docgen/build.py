"""One document from content file to output files: load → resolve → HTML → PDF/DOCX.

Every format is rendered in memory before anything is written, so a document that
fails writes nothing.
"""

from __future__ import annotations

import collections
import dataclasses
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from docgen import glyphs, record
from docgen.content.load import load
from docgen.content.model import Attached
from docgen.errors import ContentError, error_lines
from docgen.options import Options
from docgen.output import write_all, write_atomic
from docgen.render.html import render_html
from docgen.render.layout import PdfPages
from docgen.resolve import Attachment, Resolved, crossref, resolve
from docgen.sources import Job, is_file, unique
from docgen.sources import find_sources as find_sources  # where the CLI and tests took it

if TYPE_CHECKING:
    from docgen.render.docx import DocxDraft
    from docgen.render.server import PdfResult, PdfServer


# A file name's most bytes (file systems allow 255; .docx and a temporary file's
# additions must fit too).
NAME_BYTES = 200


def file_name(title: str) -> str:
    """A title as a file name every system accepts: the few characters Windows forbids
    become their full-width forms, and a title too long for a file name is cut (a
    90-character title is 270 bytes in UTF-8)."""
    name = title.translate(str.maketrans('/\\:*?"<>|', "／＼：＊？＂＜＞｜")).strip(" .")
    while len(name.encode("utf-8")) > NAME_BYTES:
        name = name[:-1]
    return name.rstrip(" .")


def load_plan(report: Resolved) -> Resolved:
    """The 工作要点 a 进展情况 names in `crossref.plan`, resolved."""
    ref = report.source.crossref
    assert ref is not None
    path, line = report.source.where("crossref.plan")
    plan_path = (path.parent if path else Path()) / ref.plan
    if not is_file(plan_path):
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


def resolve_file(path: Path, within: tuple[Path, ...] = (), prefix: str = "") -> Resolved:
    """A content file resolved with everything it names: the plan of its 对照表, and a
    通知's 附件 (each resolved the same way, its ids prefixed to stay unique)."""
    doc = with_crossref(resolve(load(path), prefix))
    entries = [Attached(file=e) if isinstance(e, str) else e for e in doc.source.attachments]
    here = (*within, path.resolve())
    attachments = []
    listed = sum(not e.issued for e in entries)
    number = 0  # the 附件's number: documents issued are not counted
    for i, entry in enumerate(entries):
        field = f"attachments[{i}]"
        _, line = doc.source.where(field)
        if entry.file is None:  # named in the 附件说明 only: its text is not at hand
            number += 1
            label = "附件" if listed == 1 else f"附件{number}"
            attachments.append(Attachment(label, None, entry.name))
            continue
        file = path.parent / entry.file
        if not is_file(file):
            raise ContentError(
                f"no attachment file {file}",
                path,
                line,
                field=field,
                expected="a content file, relative to this one",
            )
        if file.resolve() in here:
            cycle = " → ".join(p.name for p in (*here, file.resolve()))
            raise ContentError(
                f"attachment cycle: {cycle}",
                path,
                line,
                field=field,
                expected="attachments that do not attach their parents",
            )
        attached = resolve_file(file, here, f"{prefix}a{i + 1}_")
        if entry.issued:  # the document a 印发 or 转发 通知 issues: no label, not listed
            attachments.append(Attachment("", attached))
            continue
        number += 1
        label = "附件" if listed == 1 else f"附件{number}"  # §8.2: numbered when several
        attachments.append(Attachment(label, attached, entry.name or attached.title))
    return dataclasses.replace(doc, attachments=attachments) if attachments else doc


def checked(source: Path) -> Resolved:
    """A content file resolved, every character in some font."""
    doc = resolve_file(source)
    glyphs.check(doc)
    return doc


def render(source: Path, options: Options) -> tuple[Resolved, dict[str, bytes]]:
    """The document and the bytes of each requested format for one content file."""
    doc = checked(source)
    return doc, render_resolved(doc, options, base=source.parent)


def render_resolved(doc: Resolved, options: Options, base: Path) -> dict[str, bytes]:
    return render_formats(render_html(doc), doc, options.formats, options, base)


def render_formats(
    html: str,
    doc: Resolved,
    formats: Iterable[str],
    options: Options,
    base: Path,
) -> dict[str, bytes]:
    """The bytes of each of `formats` for a rendered document."""
    out: dict[str, bytes] = {}
    pages = None
    if "pdf" in formats:  # first: the DOCX puts its 版记 where the PDF did
        from docgen.render import pdf_module

        out["pdf"], pages = pdf_module().pdf_and_record_place(
            html, base=base, variant=options.pdf_variant
        )
    return {**out, **finished(draft_formats(html, doc, formats, base), pages)}


# A format's bytes, or the DOCX as far as it goes before its PDF's pages are known.
Drafted = dict[str, "bytes | DocxDraft"]


def draft_formats(html: str, doc: Resolved, formats: Iterable[str], base: Path) -> Drafted:
    """Every format but the PDF, written as far as it goes without the PDF's pages."""
    from docgen.render.docx import DocxDraft

    out: Drafted = {}
    if "docx" in formats:
        out["docx"] = DocxDraft(html, title=doc.title, base=base)
    if doc.appendix is not None:
        from docgen.render import rows

        if "csv" in formats:
            out["csv"] = rows.csv_bytes(doc.appendix)
        if "xlsx" in formats:
            out["xlsx"] = rows.xlsx_bytes(doc.appendix)
    return out


def finished(drafted: Drafted, pages: PdfPages | None) -> dict[str, bytes]:
    """The drafted formats finished with the PDF's pages (None: the DOCX lays them
    out itself if it needs them)."""
    return {f: d if isinstance(d, bytes) else d.finish(pages) for f, d in drafted.items()}


def build_crossref(
    plan_path: Path, report_path: Path, out_dir: Path, options: Options
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
    rendered = render_resolved(doc, options, base=report_path.parent)
    written = []
    for fmt, data in rendered.items():
        target = out_dir / f"{file_name(doc.title)}.{fmt}"
        write_atomic(target, data)
        written.append(target)
    return written


def output_name(job: Job, doc: Resolved, options: Options) -> Path:
    """A document's files, without suffix, relative to the output folder: named after
    its title (or, with names="file", or a title that leaves no name, its YAML file),
    in the YAML's relative folder."""
    stem = file_name(doc.title) if options.names == "title" else ""
    return job.relative.parent / (stem or job.relative.name)


def write(
    job: Job, doc: Resolved, rendered: dict[str, bytes], out_dir: Path, options: Options
) -> list[Path]:
    """Write a document's files (see output_name)."""
    name = output_name(job, doc, options)
    files = {
        out_dir / name.parent / f"{name.name}.{fmt}": rendered[fmt]
        for fmt in options.formats
        if fmt in rendered
    }
    write_all(files)  # all of a document's formats, or none (a full disk, say)
    return list(files)


class Built(NamedTuple):
    """One document's build: the files written, or the lines that say why not; and the
    content files it was made from (path → digest of the bytes read), for the record."""

    written: list[Path]
    errors: list[str]
    inputs: dict[str, str]


def _failed(errors: list[str]) -> Built:
    return Built([], errors, {})


@dataclass
class _Prepared:
    job: Job
    doc: Resolved | None = None
    html: str = ""
    composed: str = ""  # the HTML composed into lines, for the PDF server
    errors: list[str] = dataclasses.field(default_factory=list)
    inputs: dict[str, str] = dataclasses.field(default_factory=dict)


def _prepare(job: Job) -> _Prepared:
    with record.recording() as inputs:  # every content file read: the document's inputs
        try:
            doc = checked(job.source)
            return _Prepared(job, doc, render_html(doc), inputs=inputs)
        except Exception as exc:  # reported with the job; the others go on
            return _Prepared(job, errors=error_lines(job.source, exc))


def _key(name: Path) -> str:
    """A file name as a file system that ignores case and Unicode forms sees it."""
    return unicodedata.normalize("NFC", str(name)).casefold()


def _refuse_shared_names(
    prepared: list[_Prepared], options: Options, taken: dict[Path, Path]
) -> None:
    """Two documents whose files would have one name (as a file system that ignores
    case and Unicode forms sees it): the first is built, the later ones are refused, so
    that neither file is silently the other's. `taken`: the names (without suffix) of
    documents not built now, their files up to date, and their content files."""
    first: dict[str, Path] = {_key(name): source for name, source in taken.items()}
    for item in prepared:
        if item.doc is None:
            continue
        name = output_name(item.job, item.doc, options)
        key = _key(name)
        if key not in first:
            first[key] = item.job.source
            continue
        other = first[key]
        if options.names == "title":
            said, expected = "has the same title", "a title of its own, or --names file"
        else:
            said, expected = "has the same file name", "files named apart"
        path, line = item.doc.source.where("title")
        error = ContentError(
            f"{other} {said}: both would be written to {name}.*",
            path or item.job.source,
            line if options.names == "title" else None,
            field="title" if options.names == "title" else None,
            expected=expected,
        )
        item.errors, item.doc = [str(error)], None


def build_all(
    jobs: list[Job],
    out_dir: Path,
    options: Options,
    pdf_server: PdfServer | None = None,
    taken: dict[Path, Path] | None = None,
) -> Iterator[Built]:
    """Build every job (a file named twice, once) and report each, in order, its files
    written as soon as every format of it has rendered. With a `pdf_server` (started
    before this module was imported, so that it sets WeasyPrint up while the documents
    load), the PDFs render there, side by side, while the other formats render here.
    `taken`: output names (without suffix) that documents not built now keep, with
    their content files: a document built now may not take one."""
    prepared = [_prepare(job) for job in unique(jobs)]
    _refuse_shared_names(prepared, options, taken or {})
    if pdf_server is None or "pdf" not in options.formats:
        for item in prepared:
            yield _render_and_write(item, options.formats, options, out_dir)
        return
    server = pdf_server
    for item in prepared:  # here, while the server sets WeasyPrint up
        if item.doc is not None:
            _compose(item)
    ready = [item for item in prepared if item.doc is not None]
    variant = options.pdf_variant
    server.submit([(i.composed, i.job.source.parent, variant, i.job.source) for i in ready])
    pdfs = server.results()
    others = tuple(f for f in options.formats if f != "pdf")
    # The other formats are drafted here while the server lays the PDFs out: a DOCX
    # then waits only to be finished with its PDF's pages (the 版记's place, the 出处
    # page numbers, the page count in its properties).
    drafts: list[Drafted | list[str] | None] = [None] * len(ready)
    waiting = collections.deque(prepared)  # not reported yet, in order
    done = 0  # documents of `ready` reported

    def report(drafted: int, block: bool) -> Iterator[Built]:
        """Report the documents ready to be, in order: drafted (the first `drafted` of
        `ready`) and their PDF come; with `block`, all."""
        nonlocal done
        while waiting:
            if waiting[0].doc is None:
                yield _failed(waiting.popleft().errors)
            elif done < drafted and (block or server.has_result()):
                item, pdf, drafted_formats = waiting.popleft(), next(pdfs), drafts[done]
                drafts[done] = None
                done += 1
                yield _finish(item, pdf, drafted_formats, options, out_dir)
            else:
                return

    for i, item in enumerate(ready):
        drafts[i] = _drafted(item, others)
        yield from report(i + 1, block=False)
    yield from report(len(ready), block=True)


def _finish(
    item: _Prepared,
    pdf: PdfResult,
    drafted: Drafted | list[str] | None,
    options: Options,
    out_dir: Path,
) -> Built:
    """A document whose PDF came from the server: its other formats finished with the
    PDF's pages, then its files written."""
    if isinstance(pdf, list):
        return _failed(pdf)
    if isinstance(drafted, list):
        return _failed(drafted)
    data, pages = pdf
    try:
        rendered = finished(drafted or {}, pages)
    except Exception as exc:  # reported with the job; the others go on
        return _failed(error_lines(item.job.source, exc))
    return _write(item, {"pdf": data, **rendered}, options, out_dir)


def _compose(item: _Prepared) -> None:
    """Compose a prepared document's HTML into lines for the PDF (``item.composed``),
    or say why not."""
    from docgen.render.compose import compose

    try:
        item.composed = compose(item.html)
    except Exception as exc:  # reported with the job; the others go on
        item.doc, item.errors = None, error_lines(item.job.source, exc)


def _drafted(item: _Prepared, formats: tuple[str, ...]) -> Drafted | list[str]:
    """A prepared document's other formats drafted, or the lines that say why not."""
    assert item.doc is not None
    try:
        return draft_formats(item.html, item.doc, formats, item.job.source.parent)
    except Exception as exc:  # reported with the job; the others go on
        return error_lines(item.job.source, exc)


def _rendered(
    item: _Prepared, formats: tuple[str, ...], options: Options
) -> dict[str, bytes] | list[str]:
    """The bytes of each format of a prepared document, or the lines that say why not."""
    assert item.doc is not None
    try:
        base = item.job.source.parent
        return render_formats(item.html, item.doc, formats, options, base)
    except Exception as exc:  # reported with the job; the others go on
        return error_lines(item.job.source, exc)


def _render_and_write(
    item: _Prepared, formats: tuple[str, ...], options: Options, out_dir: Path
) -> Built:
    if item.doc is None:
        return _failed(item.errors)
    rendered = _rendered(item, formats, options)
    if isinstance(rendered, list):
        return _failed(rendered)
    return _write(item, rendered, options, out_dir)


def _write(item: _Prepared, rendered: dict[str, bytes], options: Options, out_dir: Path) -> Built:
    assert item.doc is not None
    try:
        return Built(write(item.job, item.doc, rendered, out_dir, options), [], item.inputs)
    except Exception as exc:
        return _failed(error_lines(item.job.source, exc))
