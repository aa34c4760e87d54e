"""The build's PDF server (render/server.py): the files a build in one process writes,
the same errors in the same order, and an error rather than a hang if it dies."""

from __future__ import annotations

import contextlib
import os
import re
import signal
import subprocess
import sys
import threading
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from docgen.build import build_all, find_sources
from docgen.options import Options
from docgen.render import server as server_module
from docgen.render.server import PdfServer
from tests.conftest import CONTENT

pytestmark = pytest.mark.skipif(not PdfServer.available(), reason="one core or no fork")

SMALL = (
    "kind: 工作要点\nyear: 2016\ntitle: 示例{}\n"
    "sections:\n  - heading: 思路\n    body:\n      - 示例。\n"
)


LONG = (  # about 130 pages: its worker lays it out for a second or more
    "kind: 工作要点\nyear: 2026\ntitle: 示例\nsections:\n  - heading: 示例\n    body:\n"
    + "      - 示例正文内容示例正文内容示例正文内容示例正文内容示例\n" * 2500
)


def _forks(pid: int) -> list[int]:
    """A process's children that are forks of it (not a tool it runs, ldconfig)."""
    found = []
    with contextlib.suppress(OSError):  # gone meanwhile
        comm = Path(f"/proc/{pid}/comm").read_text()
        for child in Path(f"/proc/{pid}/task/{pid}/children").read_text().split():
            with contextlib.suppress(OSError):
                if Path(f"/proc/{child}/comm").read_text() == comm:
                    found.append(int(child))
    return found


def _wait_for(find: Callable[[], list[int]]) -> list[int]:
    """What `find` finds as soon as it finds it: a fixed wait would miss a worker on a
    quick machine, where the PDF is done first."""
    deadline = time.monotonic() + 60
    while not (found := find()) and time.monotonic() < deadline:
        time.sleep(0.01)
    return found


def _content(path: Path) -> bytes:
    """What a file says, without the moment it was made."""
    if path.suffix == ".docx":
        with zipfile.ZipFile(path) as docx:
            return docx.read("word/document.xml")
    return re.sub(rb"/(CreationDate|ModDate) \([^)]*\)", b"", path.read_bytes())


def _files(folder: Path) -> dict[Path, bytes]:
    return {p.relative_to(folder): _content(p) for p in sorted(folder.rglob("*")) if p.is_file()}


def test_the_server_writes_the_files_one_process_writes(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("kind: 工作要点\nyear: [2016\n", encoding="utf-8")
    small = tmp_path / "small.yaml"
    small.write_text(SMALL.format("甲"), encoding="utf-8")
    # A 通知 with a 版记 (its DOCX waits for its PDF's layout) and an 附件.
    jobs = list(find_sources([bad, CONTENT / "examples" / "tongzhi.yaml", small]))
    alone = list(build_all(jobs, tmp_path / "alone", Options()))
    server = PdfServer()
    try:
        served = list(build_all(jobs, tmp_path / "served", Options(), server))
    finally:
        server.close()
    assert [b.errors for b in served] == [b.errors for b in alone]
    assert "bad.yaml:3" in served[0][1][0] and not served[1][1] and not served[2][1]
    assert [len(b.written) for b in served] == [0, 2, 2]
    assert _files(tmp_path / "served") == _files(tmp_path / "alone")


def test_a_server_that_died_is_an_error_for_each_document_not_a_hang(tmp_path: Path) -> None:
    for name in ("a", "b"):
        (tmp_path / f"{name}.yaml").write_text(SMALL.format(name), encoding="utf-8")
    server = PdfServer()
    server._process.kill()
    server._process.join()
    try:
        built = list(build_all(list(find_sources([tmp_path])), tmp_path / "o", Options(), server))
    finally:
        server.close()
    assert [b.written for b in built] == [[], []]
    assert [len(b.errors) for b in built] == [1, 1]
    assert all("the PDF renderer stopped" in b.errors[0] for b in built)


@pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="finds the worker in /proc")
def test_ctrl_c_stops_the_build_and_its_renderers_at_once_without_a_traceback(
    tmp_path: Path,
) -> None:
    (tmp_path / "long.yaml").write_text(LONG, encoding="utf-8")
    command = [sys.executable, "-m", "docgen.cli", "build", str(tmp_path / "long.yaml")]
    build = subprocess.Popen(
        [*command, "--out", str(tmp_path / "o")],
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,  # its own process group, as a terminal's job
    )
    # The PDF's layout under way: the build's server has forked a worker.
    assert _wait_for(lambda: [w for s in _forks(build.pid) for w in _forks(s)])
    assert build.poll() is None
    os.killpg(build.pid, signal.SIGINT)  # what Ctrl-C does: the whole group
    _, err = build.communicate(timeout=10)
    assert build.returncode == 130
    assert "Traceback" not in err
    time.sleep(0.5)
    with pytest.raises(ProcessLookupError):  # the server and its workers are gone
        os.killpg(build.pid, 0)
    assert not list((tmp_path / "o").rglob("*.pdf"))


@pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="finds the worker in /proc")
def test_a_worker_that_dies_is_an_error_for_its_pdf_not_a_hang(tmp_path: Path) -> None:
    (tmp_path / "long.yaml").write_text(LONG, encoding="utf-8")
    server = PdfServer()

    def kill_the_worker() -> None:  # as the out-of-memory killer would
        for worker in _wait_for(lambda: _forks(server._process.pid)):
            os.kill(worker, signal.SIGKILL)

    killer = threading.Thread(target=kill_the_worker)
    killer.start()
    try:
        built = list(build_all(list(find_sources([tmp_path])), tmp_path / "o", Options(), server))
    finally:
        killer.join()
        server.close()
    assert [b.errors for b in built] == [
        [f"{tmp_path / 'long.yaml'}: docgen: internal error: the PDF renderer stopped"]
    ]
    assert built[0].written == []


def _collector(html: str, base: Path, variant: str | None, source: Path) -> list[str]:
    """A worker's job that says how the garbage collector stands in the worker."""
    import gc

    return [f"enabled={gc.isenabled()} frozen={gc.get_freeze_count() > 0}"]


def test_a_worker_collects_garbage_with_the_set_up_it_inherits_frozen(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The server sets up with the collector off (its objects live as long as it does);
    # a worker, which lays long documents out, must collect what it makes.
    monkeypatch.setattr(server_module, "_render", _collector)
    server = PdfServer()
    try:
        server.submit([("<html></html>", tmp_path, None, tmp_path / "a.yaml")])
        (result,) = server.results()
    finally:
        server.close()
    assert result == ["enabled=True frozen=True"]


@pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="counts threads in /proc")
def test_the_server_forks_its_workers_only_once_it_runs_alone() -> None:
    """A worker forked beside a thread that holds a lock (fontconfig's, in Pango's
    threads) inherits it held by nobody, and hangs: the server waits for the threads it
    has to end, and never longer than its bound. In a process of its own, as the
    server is (a test's process may keep threads of its own)."""
    code = """
import threading, time
from docgen.render.server import _alone
threading.Thread(target=time.sleep, args=(0.2,)).start()
started = time.monotonic()
_alone()
print(round(time.monotonic() - started, 2))
threading.Thread(target=time.sleep, args=(3,)).start()
started = time.monotonic()
_alone(timeout=0.3)
print(round(time.monotonic() - started, 2))
"""
    waited = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.split()
    assert 0.15 <= float(waited[0]) < 1.0  # until the thread ended
    assert 0.25 <= float(waited[1]) < 1.0  # not for ever
