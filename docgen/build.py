"""One document from content file to output files: load → resolve → HTML → PDF/DOCX.

Every format is rendered in memory before anything is written, so a document that
fails writes nothing.
"""

from __future__ import annotations

import contextlib
import dataclasses
import itertools
import multiprocessing
import os
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path

from docgen import glyphs
from docgen.errors import ContentError, DocgenError
from docgen.load import CONTENT_SUFFIXES, content_files, load
from docgen.output import write_atomic
from docgen.render.html import render_html
from docgen.resolve import Attachment, Resolved, crossref, resolve

FORMATS = ("pdf", "docx")
NAMES = ("title", "file")  # output files named after the document's title, or its YAML
PDF_VARIANTS = ("pdf/a-3b", "pdf/ua-1")  # archival; tagged and accessible


@dataclass(frozen=True)
class Options:
    formats: tuple[str, ...] = FORMATS
    pdf_variant: str | None = None  # pdf/a-3b (archival) or pdf/ua-1 (tagged, accessible)
    names: str = "title"


def file_name(title: str) -> str:
    """A title as a file name every system accepts: the few characters Windows forbids
    become their full-width forms; nothing else changes."""
    return title.translate(str.maketrans('/\\:*?"<>|', "／＼：＊？＂＜＞｜")).strip(" .")


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
            for source in content_files(path):
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


def resolve_file(path: Path, within: tuple[Path, ...] = (), prefix: str = "") -> Resolved:
    """A content file resolved with everything it names: the plan of its 对照表, and a
    通知's 附件 (each resolved the same way, its ids prefixed to stay unique)."""
    doc = with_crossref(resolve(load(path), prefix))
    names = doc.source.attachments
    here = (*within, path.resolve())
    attachments = []
    for i, name in enumerate(names):
        field = f"attachments[{i}]"
        _, line = doc.source.where(field)
        file = path.parent / name
        if not file.is_file():
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
        label = "附件" if len(names) == 1 else f"附件{i + 1}"  # §8.2: numbered when several
        attachments.append(Attachment(label, resolve_file(file, here, f"{prefix}a{i + 1}_")))
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
    html: str, doc: Resolved, formats: Iterable[str], options: Options, base: Path
) -> dict[str, bytes]:
    """The bytes of each of `formats` for a rendered document."""
    from docgen.render.docx import docx_bytes
    from docgen.render.pdf import pdf_and_record_place

    out: dict[str, bytes] = {}
    place = None
    if "pdf" in formats:  # first: the DOCX puts its 版记 where the PDF did
        out["pdf"], place = pdf_and_record_place(html, base=base, variant=options.pdf_variant)
    if "docx" in formats:
        out["docx"] = docx_bytes(html, title=doc.title, record_place=place, base=base)
    if doc.appendix is not None:
        from docgen.render import rows

        if "csv" in formats:
            out["csv"] = rows.csv_bytes(doc.appendix)
        if "xlsx" in formats:
            out["xlsx"] = rows.xlsx_bytes(doc.appendix)
    return out


def format_groups(html: str, formats: tuple[str, ...]) -> list[tuple[str, ...]]:
    """The formats of one document in groups that can render at the same time: each
    alone, but the DOCX of a document with a 版记 after its PDF (it follows its layout)."""
    from docgen.render.layout import RECORD_ANCHOR

    if RECORD_ANCHOR in html and "pdf" in formats and "docx" in formats:
        return [("pdf", "docx"), *((f,) for f in formats if f not in ("pdf", "docx"))]
    return [(f,) for f in formats]


CROSSREF_FORMATS = ("pdf", "docx", "csv", "xlsx")


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
    written = []
    for fmt in options.formats:
        if fmt in rendered:
            target = out_dir / name.parent / f"{name.name}.{fmt}"
            write_atomic(target, rendered[fmt])
            written.append(target)
    return written


Built = tuple[list[Path], list[str]]  # files written, error lines


def _errors(job: Job, exc: Exception) -> list[str]:
    if isinstance(exc, ContentError):
        return [str(err) for err in (exc, *exc.more)]
    if isinstance(exc, DocgenError):
        return [f"{job.source}: {exc}"]
    # A bug in docgen: the other documents still build.
    return [f"{job.source}: docgen: internal error: {type(exc).__name__}: {exc}"]


@dataclass
class _Prepared:
    job: Job
    doc: Resolved | None = None
    html: str = ""
    errors: list[str] = dataclasses.field(default_factory=list)


def _prepare(job: Job) -> _Prepared:
    try:
        doc = checked(job.source)
        return _Prepared(job, doc, render_html(doc))
    except Exception as exc:  # reported with the job; the others go on
        return _Prepared(job, errors=_errors(job, exc))


def _refuse_shared_names(prepared: list[_Prepared], options: Options) -> None:
    """Two documents whose files would have one name (as a file system that ignores
    case and Unicode forms sees it): the first is built, the later ones are refused, so
    that neither file is silently the other's."""
    first: dict[str, _Prepared] = {}
    for item in prepared:
        if item.doc is None:
            continue
        name = output_name(item.job, item.doc, options)
        key = unicodedata.normalize("NFC", str(name)).casefold()
        if key not in first:
            first[key] = item
            continue
        other = first[key].job.source
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


# A prepared document's formats that render together (sent to a worker whole).
Task = tuple[_Prepared, tuple[str, ...], Options]


def _render_task(task: Task) -> dict[str, bytes] | list[str]:
    prepared, formats, options = task
    assert prepared.doc is not None
    try:
        return render_formats(
            prepared.html, prepared.doc, formats, options, base=prepared.job.source.parent
        )
    except Exception as exc:
        return _errors(prepared.job, exc)


def _cost(task: Task) -> int:
    """A rough measure of a task's time, to start the longest first: a PDF's layout
    takes about four times a DOCX's, both grow with the text."""
    prepared, formats, _ = task
    return len(prepared.html) * (4 if "pdf" in formats else 1)


def _render_server(conn: Connection, parents_end: Connection, workers: int) -> None:
    """The workers' parent. It sets the renderers up once (imports, fonts, stylesheets)
    while the build's process loads the documents, then forks the workers, which
    inherit all of it; it starts the longest tasks first and sends each result back
    in the tasks' order. A closed pipe (the build stopped) ends it and its workers."""
    parents_end.close()  # else the pipe would never report the build's end
    from docgen.render import docx, pdf  # noqa: F401

    with contextlib.suppress(Exception):  # a real render reports what fails here
        pdf.warm_up()
    try:
        tasks: list[Task] = conn.recv()
        if not tasks:
            return
        with multiprocessing.get_context("fork").Pool(min(workers, len(tasks))) as pool:
            started = {
                i: pool.apply_async(_render_task, (tasks[i],))
                for i in sorted(range(len(tasks)), key=lambda i: _cost(tasks[i]), reverse=True)
            }
            for i in range(len(tasks)):
                conn.send(started[i].get())
    except (EOFError, BrokenPipeError):
        return  # the build stopped: nobody waits for the results


def build_all(jobs: list[Job], out_dir: Path, options: Options) -> Iterator[Built]:
    """Build every job and report each, in order. On a machine with several cores,
    a render server (``_render_server``) sets the renderers up while the documents are
    loaded and turned into HTML here; each document's formats then render side by
    side (a layout is single-threaded), and its files are written as soon as all have
    succeeded."""
    unique: dict[Path, Job] = {}
    for job in jobs:
        unique.setdefault(job.source.resolve(), job)  # a file named twice builds once
    jobs = list(unique.values())
    workers = min(len(jobs) * len(options.formats), os.cpu_count() or 1)
    if workers < 2 or "fork" not in multiprocessing.get_all_start_methods():
        yield from _build_with(map, jobs, out_dir, options)
        return
    context = multiprocessing.get_context("fork")
    here, there = context.Pipe()
    server = context.Process(
        target=_render_server, args=(there, here, workers), name="docgen-render"
    )
    server.start()
    there.close()

    def receive(tasks: list[Task]) -> Iterator[dict[str, bytes] | list[str]]:
        for prepared, _, _ in tasks:
            try:
                yield here.recv()
            except (EOFError, OSError):  # the server died (killed, out of memory)
                yield [f"{prepared.job.source}: docgen: internal error: the renderer stopped"]

    def render_all(_: object, tasks: list[Task]) -> Iterator[dict[str, bytes] | list[str]]:
        here.send(tasks)
        return receive(tasks)

    try:
        yield from _build_with(render_all, jobs, out_dir, options)
    finally:
        here.close()
        server.join()


def _build_with(
    render_all: Callable[..., Iterable[dict[str, bytes] | list[str]]],
    jobs: list[Job],
    out_dir: Path,
    options: Options,
) -> Iterator[Built]:
    """Prepare the jobs, render their tasks with `render_all` (results in the tasks'
    order), and report each document as soon as its last task is done: its files
    written if every format rendered, else its errors."""
    prepared = [_prepare(job) for job in jobs]
    _refuse_shared_names(prepared, options)
    tasks = [
        (item, group, options)
        for item in prepared
        if item.doc is not None
        for group in format_groups(item.html, options.formats)
    ]
    results = render_all(_render_task, tasks)
    by_document = itertools.groupby(zip(tasks, results, strict=True), key=lambda tr: id(tr[0][0]))
    for item in prepared:
        if item.doc is None:
            yield [], item.errors
            continue
        _, done = next(by_document)
        rendered: dict[str, bytes] = {}
        errors: list[str] = []
        for _, result in done:
            if isinstance(result, list):
                errors += [e for e in result if e not in errors]
            else:
                rendered.update(result)
        if errors:
            yield [], errors
            continue
        try:
            yield write(item.job, item.doc, rendered, out_dir, options), []
        except Exception as exc:
            yield [], _errors(item.job, exc)
