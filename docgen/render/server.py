"""PDFs rendered beside a build, by a process that sets WeasyPrint up while the build
loads its documents.

Importing WeasyPrint and setting it up (fonts, stylesheets, its C types) takes most of
a second, and a PDF's layout is single-threaded. ``PdfServer`` forks before the build
has imported anything heavy; the server sets WeasyPrint up meanwhile, then forks one
worker a core (a worker inherits the set-up) and renders the PDFs it is sent, the
longest first. The build renders the DOCX itself in the meantime.

The server and its workers are a process group of their own: Ctrl-C reaches only the
build, which stops the whole group at once (``close``). A worker or server that dies
is an error for each PDF still due, never a wait without end.
"""

from __future__ import annotations

import contextlib
import gc
import multiprocessing
import os
import signal
import time
from collections.abc import Iterator
from multiprocessing.connection import Connection, wait
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from docgen.render.layout import PdfPages

# A PDF to render: the document's HTML, composed (the build composes it while the
# server sets up), its folder (for relative files), the variant, and its YAML file (to
# name it in errors).
PdfJob = tuple[str, Path, "str | None", Path]
# The PDF and its pages (for the DOCX to follow), or the lines that say why it failed.
PdfResult = tuple[bytes, "PdfPages"] | list[str]


def cores() -> int:
    """The cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def _stopped(source: Path) -> list[str]:
    return [f"{source}: docgen: internal error: the PDF renderer stopped"]


class PdfServer:
    """A process that renders PDFs: ``submit`` the jobs once, then read ``results``."""

    @staticmethod
    def available() -> bool:
        """Whether a server helps: several cores, and fork to share the set-up."""
        return cores() > 1 and "fork" in multiprocessing.get_all_start_methods()

    def __init__(self) -> None:
        context = multiprocessing.get_context("fork")
        self._conn, there = context.Pipe()
        self._process = context.Process(target=_serve, args=(there, self._conn), name="docgen-pdf")
        self._process.start()
        there.close()
        self._jobs: list[PdfJob] | None = None
        self._received = 0

    def submit(self, jobs: list[PdfJob]) -> None:
        self._jobs = jobs
        with contextlib.suppress(OSError):  # the server died: `results` says so, a job each
            self._conn.send(jobs)

    def has_result(self) -> bool:
        """Whether reading the next result would not wait: it has come, or the server
        has died."""
        return bool(wait([self._conn, self._process.sentinel], timeout=0))

    def results(self) -> Iterator[PdfResult]:
        """Each job's result, in the jobs' order, as it arrives."""
        for *_, source in self._jobs or ():
            result: PdfResult = _stopped(source)
            if self._conn in wait([self._conn, self._process.sentinel]):
                with contextlib.suppress(EOFError, OSError):  # died as it sent
                    result = self._conn.recv()
            self._received += 1
            yield result

    def close(self) -> None:
        """Stop the server and wait for it; at once, with its workers, if results are
        still due (Ctrl-C, an error in the build)."""
        self._conn.close()
        if self._jobs is None or self._received < len(self._jobs):
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(self._process.pid, signal.SIGKILL)  # the server and its workers
            self._process.kill()  # if it had not made its group yet
        self._process.join()


def _serve(conn: Connection, parents_end: Connection) -> None:
    os.setpgrp()  # a group of its own, with its workers: see the module's docstring
    parents_end.close()  # else the pipe would never report the build's end
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the build's to handle
    signal.signal(signal.SIGTTOU, signal.SIG_IGN)  # a warning to the terminal never stops it
    # Imports and the warm-up make objects that live as long as the process: collecting
    # garbage among them is a tenth of the set-up's time. They are frozen before the
    # workers fork (as the gc module's documentation advises), which then collect only
    # what they make.
    gc.disable()
    # Imported here, after the fork: the build's own process never needs them.
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    from docgen.errors import RenderError
    from docgen.render import pdf_module

    try:
        pdf = pdf_module()
    except RenderError as exc:  # no WeasyPrint here: each PDF says so
        pdf, missing = None, exc
    with contextlib.suppress(Exception):  # a real render reports what fails here
        if pdf:
            pdf.warm_up()
    try:
        jobs: list[PdfJob] = conn.recv()
        if not jobs:
            return
        if pdf is None:
            for *_, source in jobs:
                conn.send([f"{source}: docgen: {missing}"])
            return
        context = multiprocessing.get_context("fork")
        workers = min(len(jobs), cores())
        gc.freeze()
        _alone()  # Pango's threads done: a worker forked beside one may inherit its lock
        # A worker closes the pipe it inherits (`_worker_start`): the build sees the
        # server's end.
        with ProcessPoolExecutor(
            workers, context, initializer=_worker_start, initargs=(conn,)
        ) as pool:
            longest_first = sorted(range(len(jobs)), key=lambda i: len(jobs[i][0]), reverse=True)
            started = {i: pool.submit(_render, *jobs[i]) for i in longest_first}
            for i, (*_, source) in enumerate(jobs):
                try:
                    result = started[i].result()
                except BrokenProcessPool:  # a worker died: the pool renders no more
                    result = _stopped(source)
                conn.send(result)
    except (EOFError, BrokenPipeError):
        return  # the build stopped: nobody waits for the results


def _alone(timeout: float = 2.0) -> None:
    """Wait (at most `timeout` s) until this process runs no thread but this one.

    The warm-up leaves native threads running for a moment (Pango 1.50 runs fontconfig's
    FcInit and FcFontSetSort in threads of their own). A worker forked while one holds
    fontconfig's lock inherits the lock held by nobody, and its first layout waits for
    it for ever: one cold build in forty hung so, a worker stopped in fontconfig's
    mutex. At the fork, four builds in ten had such a thread; each had ended within
    3 ms. Where /proc does not list threads, there is nothing to wait on."""
    deadline = time.monotonic() + timeout
    with contextlib.suppress(OSError):
        while len(os.listdir("/proc/self/task")) > 1 and time.monotonic() < deadline:
            time.sleep(0.002)


def _worker_start(conn: Connection) -> None:
    """A worker closes the build's pipe it inherits and collects its own garbage."""
    conn.close()
    gc.enable()


def _render(html: str, base: Path, variant: str | None, source: Path) -> PdfResult:
    from docgen.errors import error_lines
    from docgen.render.pdf import pdf_and_record_place

    try:
        return pdf_and_record_place(html, base=base, variant=variant, composed=True)
    except Exception as exc:
        return error_lines(source, exc)
