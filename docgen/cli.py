"""The ``docgen`` command: thin, it parses arguments and calls the stages.

A ``DocgenError`` prints its one-line message and exits 2; anything else is a bug in
docgen, printed as one line (the traceback only with ``--debug``) with exit 1.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from docgen import __version__
from docgen.errors import ContentError, DocgenError
from docgen.options import CROSSREF_FORMATS, FORMATS, NAMES, PDF_VARIANTS, Options

if TYPE_CHECKING:
    import logging

    from docgen.record import Record
    from docgen.sources import Job
    from docgen.workspace import Workspace


def _format_list(allowed: tuple[str, ...]):
    def parse(value: str) -> list[str]:
        chosen = [f.strip() for f in value.split(",") if f.strip()]
        unknown = [f for f in chosen if f not in allowed]
        if unknown or not chosen:
            raise argparse.ArgumentTypeError(
                f"unknown format {', '.join(unknown) or repr(value)} (expected a list of: "
                f"{', '.join(allowed)})"
            )
        return chosen

    return parse


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="docgen",
        description="Chinese official documents (GB/T 9704-2012) from YAML: PDF and DOCX.",
    )
    p.add_argument("--version", action="version", version=f"docgen {__version__}")
    p.add_argument("--debug", action="store_true", help="show tracebacks of internal errors")
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")

    b = sub.add_parser(
        "build",
        help="build PDF and DOCX from content files",
        description="Build one PDF and one DOCX per content file, named after it, in the "
        "same relative folder under --out. A document whose files are up to date (the "
        "content files, templates, docgen.toml and fonts they were made from unchanged, "
        "as recorded in --out's .docgen-build.json) is skipped.",
    )
    b.add_argument(
        "paths",
        nargs="*",
        type=Path,
        metavar="PATH",
        help="YAML files or folders of them (default: the workspace's content/)",
    )
    b.add_argument("--out", type=Path, help="output folder (default: the workspace's output/)")
    b.add_argument(
        "--format",
        type=_format_list(FORMATS),
        default=["pdf", "docx"],
        help="comma-separated formats: pdf,docx (default: both)",
    )
    b.add_argument(
        "--force", action="store_true", help="build every document, even those up to date"
    )
    b.add_argument(
        "--quiet",
        action="store_true",
        help="no progress line on a terminal, no count of documents up to date",
    )
    _publishing_options(b)

    c = sub.add_parser(
        "crossref",
        help="the table of a plan's targets against a report's outcomes",
        description="Compare each target of a 工作要点 with its outcome in a 进展情况 and "
        "write the 对照表 as a document (PDF, DOCX) or as data (CSV, XLSX), named after "
        "its title.",
    )
    c.add_argument("plan", type=Path, metavar="PLAN.yaml", help="the year's 工作要点")
    c.add_argument("report", type=Path, metavar="REPORT.yaml", help="the year's 进展情况")
    c.add_argument("--out", type=Path, help="output folder (default: the workspace's output/)")
    c.add_argument(
        "--format",
        type=_format_list(CROSSREF_FORMATS),
        default=["pdf", "docx"],
        help="comma-separated formats: pdf,docx,csv,xlsx (default: pdf,docx)",
    )
    _publishing_options(c, names=False)

    d = sub.add_parser(
        "draft",
        help="draft next year's 工作要点, or this year's 进展情况 skeleton, from a plan",
        description="Write a new content file from a 工作要点 as YAML, with comments to "
        "edit by. Prints it, or writes it to --out.",
    )
    drafts = d.add_subparsers(dest="draft", required=True, metavar="WHAT")
    dp = drafts.add_parser(
        "plan",
        help="next year's 工作要点 from this year's",
        description="Next year's 工作要点: this year's structure, tasks and targets, the year "
        "moved on where the text names it, and above each target how it ended (from "
        "--report): met (raise it?), missed (carry it over? the gap), no data.",
    )
    dp.add_argument(
        "--from",
        dest="source",
        type=Path,
        required=True,
        metavar="PLAN.yaml",
        help="this year's 工作要点",
    )
    dp.add_argument(
        "--report",
        type=Path,
        metavar="REPORT.yaml",
        help="this year's 进展情况, for the notes on the targets",
    )
    dp.add_argument("--year", type=int, required=True, metavar="N", help="the new plan's year")
    dp.add_argument("--out", type=Path, metavar="FILE", help="write here (default: print)")
    dp.add_argument("--force", action="store_true", help="overwrite --out if it exists")
    dr = drafts.add_parser(
        "report",
        help="a 进展情况 skeleton from the year's 工作要点",
        description="A 进展情况 skeleton: one section per area of the plan, and for each "
        "target an outcome slot to fill in; it builds as it is, the slots shown as "
        "【待填写：…】.",
    )
    dr.add_argument(
        "--from",
        dest="source",
        type=Path,
        required=True,
        metavar="PLAN.yaml",
        help="the year's 工作要点",
    )
    dr.add_argument("--out", type=Path, metavar="FILE", help="write here (default: print)")
    dr.add_argument("--force", action="store_true", help="overwrite --out if it exists")

    i = sub.add_parser(
        "import",
        help="an existing document (text or DOCX) as a content file",
        description="Read a published document — plain text, one paragraph a line, or a "
        "DOCX — and write its YAML: title, 通知 title, 附件 label, the 一、（一）1.（1） "
        "hierarchy and 一是 enumerations as structure, 责任单位 as units. Warnings name "
        "the line (in a DOCX, the paragraph) where the structure is unclear.",
    )
    i.add_argument("file", type=Path, metavar="FILE", help="a .txt or .docx file")
    i.add_argument("--out", type=Path, metavar="FILE.yaml", help="write here (default: print)")
    i.add_argument("--force", action="store_true", help="overwrite --out if it exists")

    k = sub.add_parser(
        "check",
        help="report problems of structure and wording (GB/T 15834, 15835, 9704)",
        description="Check content files and print each problem as path:line: rule: message. "
        "Exit status: 0 clean, 1 problems found, 2 a file could not be read. A deliberate "
        "exception is a comment beside its line: # docgen-check: allow RULE — reason.",
    )
    k.add_argument(
        "paths",
        nargs="*",
        type=Path,
        metavar="PATH",
        help="YAML files or folders of them (default: the workspace's content/)",
    )
    k.add_argument(
        "--fix",
        action="store_true",
        help="rewrite what is safe (half-width , ; : ? ! ( ) . beside Chinese), keeping "
        "comments and layout; then report what is left",
    )
    k.add_argument("--rules", action="store_true", help="list the rules and exit")

    v = sub.add_parser(
        "preview",
        help="serve a document's pages on localhost, brought up to date as you save",
        description="Serve the document as the pages its PDF has, on A4 paper, at "
        "http://127.0.0.1:PORT/. The open page shows the new pages within a second of the "
        "YAML, the plan it names or a template being saved; a problem in the YAML shows in "
        "the page until it is fixed. Ctrl-C stops it.",
    )
    v.add_argument("file", type=Path, metavar="FILE.yaml", help="the content file")
    v.add_argument("--port", type=_port, default=8765, help="port on 127.0.0.1 (8765; 0: any)")
    v.add_argument("--open", action="store_true", help="open it in the web browser")

    s = sub.add_parser(
        "schema",
        help="write the JSON Schema of content files (editor completion)",
        description="Write the JSON Schema of the content model, which a YAML language "
        "server reads through a content file's first line "
        "(# yaml-language-server: $schema=…) to complete fields and explain each one.",
    )
    s.add_argument(
        "--out",
        metavar="PATH",
        help="a folder to write both schemas to (default: the workspace's schema/), or - "
        "for the content schema on standard output",
    )

    w = sub.add_parser(
        "init",
        help="make a folder a workspace: content/, templates/, output/, docgen.toml",
        description="Make DIR (made if missing) a workspace an office keeps in version "
        "control: docgen.toml (the house profile), content/ with a commented starter "
        "document, templates/ for overrides of docgen's templates, output/ (ignored), and "
        "the schemas editors complete from. Files that exist are kept.",
    )
    w.add_argument("dir", type=Path, nargs="?", default=Path("."), metavar="DIR")
    w.add_argument(
        "--year",
        type=int,
        help="the starter 工作要点's year (default: next year)",
    )

    t = sub.add_parser(
        "templates",
        help="list docgen's templates and which the workspace overrides",
        description="List docgen's built-in templates; those the workspace's templates/ "
        "overrides are marked, and templates the workspace adds are listed after them.",
    )
    t.add_argument("--show", metavar="NAME", help="print a built-in template, to copy and edit")

    n = sub.add_parser(
        "new",
        help="start a document from a short, commented YAML file",
        description="Write a new content file that builds as it is: content/YEAR/"
        "gongzuoyaodian.yaml for a 工作要点, content/YEAR/jinzhanqingkuang.yaml for a 进展情况 "
        "(which compares against the year's 工作要点 when that file is beside it).",
    )
    n.add_argument("kind", metavar="KIND", help="工作要点, 进展情况, 通知 or 办法")
    n.add_argument("--year", type=int, required=True, help="the year the document is about")
    n.add_argument("--out", type=Path, metavar="PATH", help="the file to write (default above)")

    f = sub.add_parser(
        "fonts",
        help="show which font each role resolved to",
        description="List each font role (小标宋, 仿宋, 黑体, 楷体, 宋体), the font file it "
        "resolved to on this machine, and whether it is an open stand-in.",
    )
    f.add_argument(
        "--fontconfig",
        action="store_true",
        help="print a fontconfig file mapping the office font names to the stand-ins",
    )
    return p


def _port(value: str) -> int:
    if not value.isdigit() or int(value) > 65535:
        raise argparse.ArgumentTypeError(f"{value!r} is not a port (expected 0 to 65535)")
    return int(value)


def _publishing_options(p: argparse.ArgumentParser, names: bool = True) -> None:
    p.add_argument(
        "--pdf-variant",
        choices=PDF_VARIANTS,
        help="pdf/a-3b: archival; pdf/ua-1: tagged and accessible (default: plain PDF)",
    )
    if names:
        p.add_argument(
            "--names",
            choices=NAMES,
            default="title",
            help="name output files after the document's title (default) or its YAML file",
        )


def _options(args: argparse.Namespace) -> Options:
    formats = tuple(dict.fromkeys(args.format))  # each once, in the order given
    return Options(formats, args.pdf_variant, getattr(args, "names", "title"))


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    if args.command != "build":  # a build sets it up once it has something to build
        _log_to_stderr()
    try:
        _enter_workspace(args)
        if args.command == "init":
            return _init(args)
        if args.command == "templates":
            return _templates(args)
        if args.command == "build":
            return _build(args)
        if args.command == "fonts":
            return _fonts(args)
        if args.command == "crossref":
            return _crossref(args)
        if args.command == "draft":
            return _draft(args)
        if args.command == "import":
            return _import(args)
        if args.command == "check":
            return _check(args)
        if args.command == "preview":
            return _preview(args)
        if args.command == "schema":
            return _schema(args)
        if args.command == "new":
            return _new(args)
    except ContentError as exc:
        for err in [exc, *exc.more]:
            print(err, file=sys.stderr)
        return 2
    except DocgenError as exc:
        print(f"docgen: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except Exception as exc:
        if args.debug:
            raise
        print(
            f"docgen: internal error: {type(exc).__name__}: {exc} (--debug shows where)",
            file=sys.stderr,
        )
        return 1
    return 0


def _enter_workspace(args: argparse.Namespace) -> None:
    """The workspace around the current folder; outside one, around the first path
    given, if that is in one (so that `docgen build ~/office/content` takes its profile)."""
    from docgen import workspace

    found = workspace.find()
    if found.root is None:
        given = [*getattr(args, "paths", []), *(getattr(args, n, None) for n in _PATH_ARGS)]
        for path in given:
            if isinstance(path, Path) and path.exists():
                found = workspace.find(path)
                break
    workspace.activate(found)
    if args.command != "build":  # a build checks it once its PDF server is started
        found.profile  # noqa: B018 — read now: a wrong docgen.toml is one error, first


_PATH_ARGS = ("file", "plan", "source")


def _init(args: argparse.Namespace) -> int:
    import datetime

    from docgen import workspace

    year = datetime.date.today().year + 1 if args.year is None else args.year
    made = workspace.init(args.dir, year)
    for path in made:
        print(workspace.relative(path.absolute()))
    print(
        f"docgen init: {args.dir} is a workspace; next: cd {args.dir} && docgen build",
        file=sys.stderr,
    )
    return 0


def _templates(args: argparse.Namespace) -> int:
    from docgen import workspace
    from docgen.render.html import TEMPLATES, overridden

    builtin = sorted(
        p.relative_to(TEMPLATES).as_posix()
        for p in TEMPLATES.rglob("*")
        if p.is_file() and p.suffix == ".j2"
    )
    if args.show:
        if args.show not in builtin:
            raise DocgenError(f"no template {args.show} (docgen templates lists them)")
        sys.stdout.write((TEMPLATES / args.show).read_text("utf-8"))
        return 0
    mine = set(overridden())
    where = workspace.current().templates
    for name in builtin:
        print(f"{name}\toverridden by {workspace.relative(where / name)}" if name in mine else name)
    for name in sorted(mine - set(builtin)):
        print(f"{name}\tadded by {workspace.relative(where / name)}")
    return 0


def _log_to_stderr() -> logging.Handler:
    """docgen's warnings (a font fallback, a glyph in another face) as plain lines.
    (logging is imported here: a build with nothing to do never needs it.)"""
    import logging

    log = logging.getLogger("docgen")
    log.handlers.clear()  # bound to this call's stderr (main may run many times)
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(message)s"))
    log.addHandler(handler)
    log.setLevel(logging.WARNING)
    log.propagate = False
    return handler


def _build(args: argparse.Namespace) -> int:
    from docgen import record, workspace
    from docgen.sources import find_sources, unique

    options = _options(args)
    ws = workspace.current()
    out: Path = args.out or ws.output
    jobs = unique(find_sources(args.paths or [ws.content], ws.content))
    if not jobs:
        ws.profile  # noqa: B018 — a wrong docgen.toml is said first
        raise DocgenError("no content files (*.yaml) found")
    # What is up to date is decided before anything heavy is imported or started.
    built = record.Record.read(out)
    environment = record.environment(ws)
    todo = [j for j in jobs if args.force or not built.up_to_date(j, options, environment)]
    made = failed = 0
    if todo:
        made, failed = _build_todo(args, ws, options, out, jobs, todo, built, environment)
    if len(todo) < len(jobs) and not args.quiet:
        said = [f"{len(jobs) - len(todo)} up to date"]
        said += [f"{made} built"] if made else []
        said += [f"{failed} failed"] if failed else []
        print(f"docgen build: {', '.join(said)}", file=sys.stderr)
    return 2 if failed else 0


def _build_todo(
    args: argparse.Namespace,
    ws: Workspace,
    options: Options,
    out: Path,
    jobs: list[Job],
    todo: list[Job],
    built: Record,
    environment: str,
) -> tuple[int, int]:
    """Build the documents not up to date, report each, and record them: (built, failed)."""
    from docgen import workspace
    from docgen.progress import Progress
    from docgen.render.server import PdfServer

    warnings = _log_to_stderr()  # before the server forks: it inherits it
    # Started first: it sets WeasyPrint up while this process loads the documents.
    server = None
    if "pdf" in options.formats and PdfServer.available():
        with contextlib.suppress(OSError):  # no fork now (a process limit): build here
            server = PdfServer()
    progress = Progress(len(todo), quiet=args.quiet)
    warnings.addFilter(lambda _: progress.clear() or True)  # a warning on a line of its own
    made = failed = 0
    pdfs = False
    # What the set-up makes (modules, the model's classes, the profile) lives to the end:
    # looking for garbage among it took a tenth of a short build's time. It is made with
    # the collector off, then frozen, so the collector looks at the documents' objects only.
    gc.disable()
    try:
        progress.show(0, workspace.relative(todo[0].source))
        ws.profile  # noqa: B018 — checked now (pydantic loads while the server sets up)
        from docgen.build import build_all

        gc.freeze()
        gc.enable()

        # An up-to-date document keeps its files' names: one built now may not take them.
        taken = {
            name.with_suffix(""): job.source
            for job in jobs
            if job not in todo
            for name in built.outputs(job)
        }
        results = build_all(todo, out, options, server, taken)
        for i, (job, result) in enumerate(zip(todo, results, strict=True)):
            progress.clear()
            for target in result.written:
                print(workspace.relative(target))
                pdfs |= target.suffix == ".pdf"
            for line in result.errors:
                print(line, file=sys.stderr)
            if result.errors:
                failed += 1  # its record, if any, still says what its files were made from
            else:
                made += 1
                built.built(job, options, environment, result.inputs, result.written)
            if i + 1 < len(todo):
                progress.show(i + 1, workspace.relative(todo[i + 1].source))
    finally:
        gc.unfreeze()  # run in a longer process (a test's), the objects go as they come
        gc.enable()
        progress.clear()
        if server:
            server.close()
        if made:
            _write_record(built)
    if pdfs:
        _note_stand_ins()
    return made, failed


def _write_record(built: Record) -> None:
    """The build's record written; if it cannot be, the next build builds again."""
    try:
        built.write()
    except DocgenError as exc:
        print(f"docgen: note: the build's record was not written: {exc}", file=sys.stderr)


def _note_stand_ins() -> None:
    """Say once when the PDFs' faces are stand-ins: a reader should know (gbt9704.md)."""
    from docgen import fonts

    if note := fonts.stand_in_note():
        print(note, file=sys.stderr)


def _crossref(args: argparse.Namespace) -> int:
    from docgen import workspace
    from docgen.build import build_crossref

    out = args.out or workspace.current().output
    written = build_crossref(args.plan, args.report, out, _options(args))
    for target in written:
        print(workspace.relative(target))
    if any(target.suffix == ".pdf" for target in written):
        _note_stand_ins()
    return 0


def _draft(args: argparse.Namespace) -> int:
    from docgen.authoring import draft, yamlout

    if args.draft == "plan":
        made = draft.draft_plan(args.source, args.year, args.report)
    else:
        made = draft.draft_report(args.source, args.out)
    text = yamlout.dump(made.data, made.comments, made.header)
    _loads(text, f"docgen draft {args.draft}")
    return _emit(text, args.out, args.force)


def _loads(text: str, what: str) -> None:
    """A drafted file loads as it is, or nothing is written: the problem is said."""
    import tempfile

    from docgen.content.load import load

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "draft.yaml"
        path.write_text(text, encoding="utf-8")
        try:
            doc = load(path)
            from docgen import glyphs
            from docgen.resolve import resolve

            glyphs.check(resolve(doc))  # every character in some font: it would build
        except ContentError as exc:
            said = str(exc).removeprefix(f"{path}:")
            raise DocgenError(f"{what} would write a file that would not build: {said}") from None


def _import(args: argparse.Namespace) -> int:
    from docgen.authoring import importer, yamlout

    done = importer.import_file(args.file)
    for line, message in done.warnings:
        if line is None:
            where = f"{args.file}"
        elif done.unit == "line":
            where = f"{args.file}:{line}:1"
        else:
            where = f"{args.file}: {done.unit} {line}"
        print(f"{where}: warning: {message}", file=sys.stderr)
    documents = done.documents((args.out or args.file).stem)
    texts = [(name, yamlout.dump(d.data, d.comments, d.header)) for name, d in documents]
    if len(texts) == 1:
        return _emit(texts[0][1], args.out, args.force)
    # Its 附件 followed it in the file: each is a content file of its own, beside it.
    if args.out is None:
        sys.stdout.write(texts[0][1])
        for name, text in texts[1:]:
            sys.stdout.write(f"---\n# {name}\n{text}")
        print(
            f"docgen import: {len(texts) - 1} 附件 printed after the document, each after "
            "---; give --out to write them as files beside it",
            file=sys.stderr,
        )
        return 0
    files = {args.out.parent / name: text.encode("utf-8") for name, text in texts}
    files = {args.out: files.pop(args.out.parent / texts[0][0]), **files}
    if not args.force and (there := [p for p in files if p.exists()]):
        raise DocgenError(f"{there[0]} exists: not overwritten (give --force, or another --out)")
    from docgen.output import write_all

    write_all(files)
    for path in files:
        print(path)
    names = ", ".join(str(path) for path in list(files)[1:])
    print(
        f"docgen import: wrote {args.out} and its {len(files) - 1} 附件: {names}", file=sys.stderr
    )
    return 0


def _emit(text: str, out: Path | None, force: bool = False) -> int:
    """YAML to the --out file (atomically), or to standard output. A file that exists
    (perhaps edited by hand since) is kept unless --force says otherwise."""
    if out is None:
        sys.stdout.write(text)
        return 0
    if out.exists() and not force:
        raise DocgenError(f"{out} exists: not overwritten (give --force, or another --out)")
    from docgen.output import write_atomic

    write_atomic(out, text.encode("utf-8"))
    print(out)
    return 0


def _check(args: argparse.Namespace) -> int:
    from docgen.authoring import check

    if args.rules:
        print(check.describe())
        return 0
    from docgen import workspace

    result = check.check(args.paths or [workspace.current().content], fix=args.fix)
    for path, count in result.fixed.items():
        print(f"docgen check: fixed {count} in {path}", file=sys.stderr)
    for problem in result.problems:
        print(problem)
    if not result.files:
        raise DocgenError("no content files (*.yaml) found")
    if result.problems:
        print(
            f"docgen check: {len(result.problems)} problems in {result.files} files",
            file=sys.stderr,
        )
    return result.status


def _preview(args: argparse.Namespace) -> int:
    import threading

    from docgen.authoring.preview import PreviewServer

    with PreviewServer(args.file, args.port) as server:
        print(server.url, flush=True)
        print(f"docgen preview: {args.file} at {server.url} (Ctrl-C stops)", file=sys.stderr)
        if args.open:
            import webbrowser

            webbrowser.open(server.url)
        with contextlib.suppress(KeyboardInterrupt):
            threading.Event().wait()
    return 0


def _schema(args: argparse.Namespace) -> int:
    from docgen import workspace
    from docgen.authoring.schema import schema_files, schema_text
    from docgen.output import write_atomic

    if args.out == "-":
        sys.stdout.write(schema_text())
        return 0
    folder = Path(args.out) if args.out else workspace.current().schema_file
    if folder is None:
        raise DocgenError("not in a workspace: give --out FOLDER (or run docgen init)")
    if folder.suffix == ".json":  # the workspace's file: its folder
        folder = folder.parent
    for name, text in schema_files().items():
        write_atomic(folder / name, text.encode("utf-8"))
        print(workspace.relative(folder / name))
    return 0


def _new(args: argparse.Namespace) -> int:
    from docgen import workspace
    from docgen.authoring.new import new

    path = workspace.relative(new(args.kind, args.year, args.out))
    print(path)
    print(f"next: docgen preview {path}   (then docgen check, docgen build)", file=sys.stderr)
    return 0


def _fonts(args: argparse.Namespace) -> int:
    from docgen import fonts

    if args.fontconfig:
        print(fonts.fontconfig_aliases())
        return 0
    print(fonts.report())
    if any(fonts.resolve(role).stand_in for role in fonts.ROLES):
        print(
            "\nTo set the PDF in the office fonts, put their files (TTF, OTF) in a folder "
            'of the workspace and name it in docgen.toml:\n  [fonts]\n  folder = "fonts"'
        )
    from docgen.errors import RenderError
    from docgen.render import pdf_module

    try:
        pdf_module()
    except RenderError as exc:
        print(f"\nPDF: {exc}.\n{PDF_INSTALL}")
    return 0


# WeasyPrint's documented install of its Pango libraries, for the systems offices run.
PDF_INSTALL = """\
  Windows: install MSYS2, run `pacman -S mingw-w64-x86_64-pango` in its shell, and set
           WEASYPRINT_DLL_DIRECTORIES=C:\\msys64\\mingw64\\bin
  macOS:   brew install pango
  Linux:   your distribution's pango package (Debian: libpango-1.0-0 libpangoft2-1.0-0)"""


if __name__ == "__main__":
    sys.exit(main())
