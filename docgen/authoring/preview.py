"""``docgen preview``: one content file → the PDF's pages in a browser, live.

A small HTTP server on 127.0.0.1 serves the document as the pages the PDF has
(``render.pages``) on A4 paper. A watcher thread polls the modification times of the
YAML, the plan it names for its 对照表, and ``templates/``; when one changes it renders
again, and the open page, whose request for ``/version?after=N`` waits until there is
a newer version (a long poll), fetches it at once and puts its pages in place. A
problem in the YAML is shown in the page (where and what, with the line) above the last
good pages, and the server goes on: saving a fix brings the document back.

Standard library only: ``http.server`` in a thread, mtimes rather than inotify.
"""

from __future__ import annotations

import contextlib
import threading
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlparse

from docgen import fonts, spec, workspace
from docgen.errors import ContentError, DocgenError
from docgen.render.html import TEMPLATES, environment, stylesheet
from docgen.resolve import Resolved

POLL_SECONDS = 0.02  # how often the watcher looks at the files (a stat each: cheap)
PAGE_POLL_MS = 200  # how soon the open page asks again after a failed request
LONG_POLL_SECONDS = 25  # how long /version?after=N waits for a newer version
HOST = "127.0.0.1"  # never reachable from another machine


@dataclass(frozen=True)
class Problem:
    """A problem as the page shows it: the message, and the YAML line it names."""

    text: str
    line: int | None = None
    source: str = ""


def _template_folders() -> list[Path]:
    """docgen's templates, and the workspace's overrides."""
    overrides = workspace.current().templates
    return [TEMPLATES, *((overrides,) if overrides else ())]


class Preview:
    """One content file, watched: the page to serve and its version."""

    def __init__(self, source: Path) -> None:
        self.source = source
        self.version = 0
        self.html = ""
        self.pages: list[str] = []  # the last good pages
        self.lines_css = ""  # their lines' letter spacings
        self.numbered: list[bool] = []  # which of them print their number
        self.title = source.name
        self.named: list[Path] = []  # 附件 and plans it draws on (watched too)
        self._seen: dict[Path, int | None] = {}
        self._lock = threading.Lock()
        self._changed = threading.Condition(self._lock)  # a new version is out

    def watched(self) -> list[Path]:
        files = [self.source, *self.named]
        for folder in _template_folders():
            files += sorted(p for p in folder.rglob("*") if p.is_file())
        return files

    def refresh(self) -> bool:
        """Render again if a watched file changed since the last look; True if so."""
        now = {path: _mtime(path) for path in self.watched()}
        if now == self._seen:
            return False
        if (
            any(
                now.get(p) != self._seen.get(p)
                for p in now
                if any(p.is_relative_to(f) for f in _template_folders())
            )
            and self._seen
        ):
            from docgen.errors import RenderError
            from docgen.render import pdf_module

            # A new override file sets the templates up anew; an edited one Jinja reloads
            # by itself, and the stylesheets made from it are dropped.
            workspace.activate(workspace.current())
            with contextlib.suppress(RenderError):  # no WeasyPrint: render() says so
                pdf_module().forget_stylesheet()
        self._seen = now
        self.render()
        for path in self.watched():  # a plan named for the first time
            self._seen.setdefault(path, _mtime(path))
        return True

    def render(self) -> None:
        from docgen.build import resolve_file
        from docgen.render.pages import paginate

        problems: list[Problem] = []
        try:
            doc = resolve_file(self.source)  # with its 附件 and the plan of its 对照表
            self.title = doc.title
            self.named = _named_files(doc)
            pages = paginate(doc, self.source.parent)
            self.pages, self.lines_css, self.numbered = pages.pages, pages.css, pages.numbered
        except ContentError as exc:
            problems = [_problem(err) for err in (exc, *exc.more)]
        except DocgenError as exc:
            problems = [Problem(str(exc))]
        except Exception as exc:  # a bug in docgen must not stop the preview either
            problems = [Problem(f"docgen: internal error: {type(exc).__name__}: {exc}")]
        page = self._page(problems, self.version + 1)  # outside the lock: it takes time
        with self._changed:
            self.version += 1
            self.html = page
            self._changed.notify_all()

    def current(self) -> tuple[int, str]:
        with self._lock:
            return self.version, self.html

    def wait_newer(self, seen: int, timeout: float = LONG_POLL_SECONDS) -> int:
        """The version once it differs from `seen` (the open page's), or at `timeout`:
        the page hears of new pages as soon as they are rendered, not at its next poll."""
        with self._changed:
            self._changed.wait_for(lambda: self.version != seen, timeout)
            return self.version

    def _page(self, problems: list[Problem], version: int) -> str:
        from docgen.render import layout

        pn = spec.ELEMENTS["page_number"]
        preview_css = (
            environment()
            .get_template("preview.css.j2")
            .render(
                s=spec,
                pn=pn,
                shift=layout.shift(),
                dash=layout.page_number_dash(),
                page_number_font=fonts.resolve(pn.font).face.family,
            )
        )
        return (
            environment()
            .get_template("preview.html.j2")
            .render(
                title=self.title,
                css=stylesheet(),
                preview_css=preview_css,
                lines_css=self.lines_css,
                errors=problems,
                pages=self.pages,
                numbered=self.numbered,
                number_format=spec.PAGE_NUMBER_FORMAT,
                version=version,
                poll_ms=PAGE_POLL_MS,
            )
        )


def _named_files(doc: Resolved) -> list[Path]:
    """The files a document draws on besides itself: its 附件 and their plans, and the
    plan of its 对照表 (a change to any of them shows too)."""
    files = []
    source, _ = doc.source.where("kind")
    if doc.source.crossref and source:
        files.append(source.parent / doc.source.crossref.plan)
    for attachment in doc.attachments:
        if attachment.doc is None:
            continue
        path, _ = attachment.doc.source.where("kind")
        if path:
            files.append(path)
        files.extend(_named_files(attachment.doc))
    return files


def _mtime(path: Path) -> int | None:
    try:
        return path.stat().st_mtime_ns
    except OSError:
        return None


def _problem(err: ContentError) -> Problem:
    source = ""
    if err.line:
        try:
            lines = err.path.read_text(encoding="utf-8").splitlines()
            source = lines[err.line - 1] if err.line <= len(lines) else ""
        except (OSError, UnicodeDecodeError):
            pass
    return Problem(str(err), err.line, source)


class PreviewServer:
    """The server and its watcher, in threads; ``close()`` stops both."""

    def __init__(self, source: Path, port: int = 0) -> None:
        if not source.is_file():
            raise ContentError("no such file", source, expected="a YAML content file")
        self.preview = Preview(source)
        self.preview.refresh()
        try:
            self.httpd = ThreadingHTTPServer((HOST, port), _handler(self.preview))
        except OSError as exc:
            raise DocgenError(
                f"cannot listen on {HOST}:{port}: {exc.strerror} (give --port)"
            ) from None
        self.httpd.daemon_threads = True
        self.url = f"http://{HOST}:{self.httpd.server_port}/"
        self._stop = threading.Event()
        self._threads = [
            threading.Thread(target=self.httpd.serve_forever, name="preview-http", daemon=True),
            threading.Thread(target=self._watch, name="preview-watch", daemon=True),
        ]
        for thread in self._threads:
            thread.start()

    def _watch(self) -> None:
        while not self._stop.wait(POLL_SECONDS):
            self.preview.refresh()

    def close(self) -> None:
        self._stop.set()
        self.httpd.shutdown()
        self.httpd.server_close()
        for thread in self._threads:
            thread.join(timeout=10)

    def __enter__(self) -> PreviewServer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _handler(preview: Preview) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # the name http.server calls
            host = (self.headers.get("Host") or "").rsplit(":", 1)[0]
            if host not in ("127.0.0.1", "localhost"):  # a page from another name (DNS
                self._send(403, "text/plain; charset=utf-8", "forbidden")  # rebinding)
                return
            version, html = preview.current()
            url = urlparse(self.path)
            path = url.path
            after = parse_qs(url.query).get("after", [""])[0]
            if path == "/":
                self._send(200, "text/html; charset=utf-8", html)
            elif path == "/version" and after.isdigit():
                self._send(200, "text/plain; charset=utf-8", str(preview.wait_newer(int(after))))
            elif path == "/version":
                self._send(200, "text/plain; charset=utf-8", str(version))
            else:
                self._send(404, "text/plain; charset=utf-8", "not found")

        def _send(self, status: int, kind: str, text: str) -> None:
            data = text.encode("utf-8")
            self.send_response(status)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(data)))
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, format: str, *args: object) -> None:
            pass  # quiet: the terminal is for problems

    return Handler
