"""PDFs rendered beside a build, by a process that sets WeasyPrint up while the build
loads its documents.

Importing WeasyPrint and setting it up (fonts, stylesheets, its C types) takes most of
a second, and a PDF's layout is single-threaded. ``PdfServer`` forks before the build
has imported anything heavy; the server sets WeasyPrint up meanwhile, then forks one
worker a core (a worker inherits the set-up) and renders the PDFs it is sent, the
longest first. The build renders the DOCX itself in the meantime.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import signal
import sys
from collections.abc import Iterator
from multiprocessing.connection import Connection
from pathlib import Path

# A PDF to render: the document's HTML, its folder (for relative files), the variant,
# and its YAML file (to name it in errors).
PdfJob = tuple[str, Path, str | None, Path]
# The PDF and where its 版记 went, or the lines that say why it failed.
PdfResult = tuple[bytes, str | None] | list[str]


class PdfServer:
    """A process that renders PDFs: ``submit`` the jobs once, then read ``results``."""

    @staticmethod
    def available() -> bool:
        """Whether a server helps: several cores, and fork to share the set-up."""
        return (os.cpu_count() or 1) > 1 and "fork" in multiprocessing.get_all_start_methods()

    def __init__(self) -> None:
        context = multiprocessing.get_context("fork")
        self._conn, there = context.Pipe()
        self._process = context.Process(
            target=_serve, args=(there, self._conn), name="docgen-pdf", daemon=False
        )
        self._process.start()
        there.close()
        self._jobs: list[PdfJob] | None = None
        self._received = 0

    def submit(self, jobs: list[PdfJob]) -> None:
        self._jobs = jobs
        with contextlib.suppress(OSError):  # the server died: `results` says so, a job each
            self._conn.send(jobs)

    def has_result(self) -> bool:
        """Whether the next result has arrived (reading it would not wait)."""
        return self._conn.poll()

    def results(self) -> Iterator[PdfResult]:
        """Each job's result, in the jobs' order, as it arrives."""
        for *_, source in self._jobs or ():
            try:
                result: PdfResult = self._conn.recv()
            except (EOFError, OSError):  # the server died (killed, out of memory)
                result = [f"{source}: docgen: internal error: the PDF renderer stopped"]
            self._received += 1
            yield result

    def close(self) -> None:
        """Stop the server and wait for it; at once, with its workers, if results are
        still due (Ctrl-C, an error in the build)."""
        self._conn.close()
        if self._jobs is None or self._received < len(self._jobs):
            self._process.terminate()
        self._process.join()


def _serve(conn: Connection, parents_end: Connection) -> None:
    parents_end.close()  # else the pipe would never report the build's end
    # Ctrl-C is the build's to handle (it closes the pipe and stops this process).
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    from docgen.render import pdf

    with contextlib.suppress(Exception):  # a real render reports what fails here
        pdf.warm_up()
    try:
        jobs: list[PdfJob] = conn.recv()
        if not jobs:
            return
        workers = min(len(jobs), os.cpu_count() or 1)
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            # Stopped by the build: leave through the pool's exit, which stops the workers.
            signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
            longest_first = sorted(range(len(jobs)), key=lambda i: len(jobs[i][0]), reverse=True)
            started = {i: pool.apply_async(_render, jobs[i]) for i in longest_first}
            for i in range(len(jobs)):
                conn.send(started[i].get())
    except (EOFError, BrokenPipeError):
        return  # the build stopped: nobody waits for the results


def _render(html: str, base: Path, variant: str | None, source: Path) -> PdfResult:
    from docgen.errors import error_lines
    from docgen.render.pdf import pdf_and_record_place

    try:
        return pdf_and_record_place(html, base=base, variant=variant)
    except Exception as exc:
        return error_lines(source, exc)
