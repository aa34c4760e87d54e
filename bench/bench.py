"""docgen benchmark: wall time and peak memory of the paths users wait on.

Run: ./run.sh bench   (or .venv/bin/python bench/bench.py [--runs N])

1. cold: a fresh `docgen build` of both 2016 documents to PDF and DOCX (its PDF server,
   render/server.py, sets WeasyPrint up while the build's process loads the documents),
   with docgen's cache folder as earlier builds left it, and empty;
2. warm: re-rendering one document (the 2016 进展情况) inside a running process, as it is
   and after an edit (new text: new glyphs for the font subsets);
3. long: a 进展情况 of about 50, 100 and 200 pages generated from the seed's sections,
   to see that time grows no faster than the page count;
4. incremental: in a copy of this workspace, built once, a `docgen build` of content/
   with nothing to do, and one after an edit of a 2016 document (the 进展情况, then the
   工作要点 that three others draw on), with how many documents each rebuilt;
5. preview: `docgen preview` of the 进展情况 open in Chromium (where installed; else an
   HTTP client that does what the page does), from saving an edit to the new pages.
Not a test: it prints figures, it asserts nothing. docgen is compiled to bytecode
first, as an installed package is (``bytecode``).

The same machine gives figures up to three times apart from one hour to the next. To
compare this version with another, ``--against REV`` runs the cold build and the
199-page report in turn with REV's (checked out in a temporary git worktree), with this
Python and its packages, and prints both.
"""

from __future__ import annotations

import argparse
import compileall
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
REPORT = ROOT / "content" / "2016" / "jinzhanqingkuang.yaml"


def run_child(args: list[str], cwd: Path = ROOT) -> tuple[float, float]:
    """Wall seconds and peak RSS (MiB) of one child process."""
    wall, mem, _ = run_child_said(args, cwd)
    return wall, mem


def run_child_said(
    args: list[str], cwd: Path = ROOT, env: dict[str, str] | None = None
) -> tuple[float, float, str]:
    """Wall seconds, peak RSS (MiB) and standard error of one child process."""
    start = time.perf_counter()
    with tempfile.TemporaryFile() as err:
        proc = subprocess.Popen(args, cwd=cwd, stdout=subprocess.DEVNULL, stderr=err, env=env)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        err.seek(0)
        said = err.read().decode()
        if status != 0:
            sys.exit(f"failed: {' '.join(args)}\n{said}")
    return wall, usage.ru_maxrss / 1024, said


def bytecode(tree: Path) -> None:
    """Compile a tree's docgen to bytecode, as pip does when it installs a package: each
    process then reads it, rather than compiling some fifty modules (0.1 s of a cold
    build), as it would where PYTHONDONTWRITEBYTECODE is set (this machine sets it)."""
    compileall.compile_dir(tree / "docgen", quiet=1)


def reference(when: str = "") -> None:
    """A fixed pure-Python loop: this machine's speed now, so that figures taken on
    different days or machines can be compared (about 0.4 s on this 2-core machine when
    it is quiet; its neighbours make it up to four times slower for minutes at a time)."""
    start = time.perf_counter()
    total = 0
    for i in range(10_000_000):
        total += i
    print(f"reference{when}: 10 million additions in {time.perf_counter() - start:.2f} s")


def docgen(*args: str) -> list[str]:
    return [sys.executable, "-m", "docgen.cli", *args]


SEEDS_2016 = ("content/2016/tongzhi.yaml", "content/2016/jinzhanqingkuang.yaml")


def cold(runs: int, out: Path) -> None:
    """Both 2016 documents: the 通知 with its 工作要点, and the 进展情况 with its 附表."""
    build = docgen("build", *SEEDS_2016, "--out", str(out), "--force")  # not up to date
    results = [run_child(build) for _ in range(runs)]
    walls = [w for w, _ in results]
    print(
        f"cold build, both 2016 documents, PDF+DOCX: median {statistics.median(walls):.2f} s "
        f"(min {min(walls):.2f}, max {max(walls):.2f}), peak {max(m for _, m in results):.0f} MiB"
    )
    # As the first build on a machine: docgen's cache folder empty (fonts' metrics,
    # compiled templates, cffi's parse, font subsets all made again).
    firsts = []
    for _ in range(runs):
        with tempfile.TemporaryDirectory() as cache:
            env = {**os.environ, "XDG_CACHE_HOME": cache}
            firsts.append(run_child_said(build, env=env)[0])
    print(
        f"  the same with docgen's cache folder empty (a machine's first build): median "
        f"{statistics.median(firsts):.2f} s (min {min(firsts):.2f}, max {max(firsts):.2f})"
    )
    # The two processes import side by side: the build's, and its PDF server's.
    build, _ = run_child([sys.executable, "-c", "import docgen.build, docgen.render.docx"])
    server, _ = run_child([sys.executable, "-c", "import docgen.render.pdf"])
    print(
        f"  Python start-up and imports, side by side: {build:.2f} s in the build's process, "
        f"{server:.2f} s in its PDF server's"
    )


def warm(runs: int) -> None:
    from docgen import glyphs
    from docgen.build import resolve_file
    from docgen.render.docx import docx_bytes
    from docgen.render.html import render_html
    from docgen.render.pdf import pdf_and_record_place

    def once(edit: int = 0) -> dict[str, float]:
        t = {}
        a = time.perf_counter()
        doc = resolve_file(REPORT)
        glyphs.check(doc)
        html = render_html(doc)
        if edit:  # as after a user's edit: other text, other glyphs to subset
            html = html.replace("。", f"（示例修改{edit}）。", 1)
        b = time.perf_counter()
        _, pages = pdf_and_record_place(html, base=REPORT.parent)
        c = time.perf_counter()
        docx_bytes(html, pages=pages)  # as a build: the DOCX follows the PDF's pages
        d = time.perf_counter()
        t["load+html"], t["pdf"], t["docx"], t["all"] = b - a, c - b, d - c, d - a
        return t

    once()  # the first render pays for fonts, stylesheet, templates
    for label, edits in (("unchanged", [0] * runs), ("after an edit", range(1, runs + 1))):
        samples = [once(edit) for edit in edits]
        med = {k: statistics.median(s[k] for s in samples) for k in samples[0]}
        print(
            f"warm re-render of the 2016 进展情况 (13 pages, 附表), {label}: "
            f"median {med['all']:.2f} s = load+HTML {med['load+html']:.3f} "
            f"+ PDF {med['pdf']:.2f} + DOCX {med['docx']:.2f}"
        )
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"  process peak {peak:.0f} MiB")


def long_report(copies: int, folder: Path) -> Path:
    """A 进展情况 made of the seed's sections repeated: benchmark data, labelled 示例."""
    data = yaml.safe_load(REPORT.read_text(encoding="utf-8"))
    data["title"] = f"示例：{copies}倍长的进展情况（基准测试数据）"
    data.pop("crossref", None)  # the sections repeat: their outcomes would too
    data["sections"] = [
        {**s, "heading": f"{s['heading']}（示例第{i + 1}组）"}
        for i in range(copies)
        for s in data["sections"]
    ]
    path = folder / f"long-{copies}.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def long(out: Path) -> None:
    from pypdf import PdfReader

    rows = []
    for copies in (7, 15, 30):
        src = long_report(copies, out)
        wall, mem = run_child(docgen("build", str(src), "--out", str(out), "--names", "file"))
        pages = len(PdfReader(out / f"long-{copies}.pdf").pages)
        rows.append((pages, wall, mem))
        print(
            f"long 进展情况: {pages} pages, PDF+DOCX in {wall:.2f} s "
            f"({wall / pages * 1000:.0f} ms a page), peak {mem:.0f} MiB"
        )
    (p1, w1, _), (p2, w2, _) = rows[0], rows[-1]
    print(f"  growth: pages ×{p2 / p1:.1f}, time ×{w2 / w1:.1f}")


def incremental(runs: int, folder: Path) -> None:
    """A copy of this workspace's content/ and docgen.toml, built once; then builds
    with nothing to do, and builds after an edit (a new one each run)."""
    ws = folder / "workspace"
    shutil.copytree(ROOT / "content", ws / "content")
    shutil.copy(ROOT / "docgen.toml", ws / "docgen.toml")
    build = [sys.executable, "-m", "docgen", "build", "content"]  # as a user types it
    run_child(build, ws)
    walls = [run_child(build, ws)[0] for _ in range(max(runs, 10))]
    print(
        f"no-op build of content/ (5 documents up to date), whole process: median "
        f"{statistics.median(walls):.3f} s (min {min(walls):.3f}, max {max(walls):.3f})"
    )
    for name, what in (("jinzhanqingkuang", "进展情况"), ("gongzuoyaodian", "工作要点")):
        source = ws / "content" / "2016" / f"{name}.yaml"
        original = source.read_text(encoding="utf-8")
        timed, rebuilt = [], set()
        for i in range(runs):  # a new edit each run: 示例 text in its first paragraph
            source.write_text(original.replace("。", f"（示例修改{i}）。", 1), encoding="utf-8")
            wall, _, said = run_child_said(build, ws)
            timed.append(wall)
            rebuilt.add(re.search(r"(\d+) built", said).group(1) if " built" in said else "?")
        source.write_text(original, encoding="utf-8")
        run_child(build, ws)  # back as it was
        print(
            f"build after an edit of the 2016 {what}: median {statistics.median(timed):.2f} s "
            f"(min {min(timed):.2f}, max {max(timed):.2f}), {'/'.join(sorted(rebuilt))} of 5 "
            f"documents rebuilt"
        )


CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]


def preview(runs: int, folder: Path) -> None:
    """Save an edit of the 进展情况 (a copy, with the plan of its 对照表) and time until
    the open page shows the new text: the watcher's look, the layout, the page's reload."""
    from docgen.authoring.preview import PreviewServer

    copy = folder / "preview"
    shutil.copytree(ROOT / "content" / "2016", copy)
    source = copy / "jinzhanqingkuang.yaml"
    original = source.read_text(encoding="utf-8")
    timed = []
    with PreviewServer(source) as server:
        shown, close = _viewer(server.url)
        try:
            for i in range(max(runs, 5)):
                mark = f"示例修改{i}"
                start = time.perf_counter()
                source.write_text(original.replace("。", f"（{mark}）。", 1), encoding="utf-8")
                shown(mark)
                timed.append(time.perf_counter() - start)
                time.sleep(0.3)  # a person reads before the next save
        finally:
            close()
    where = "in Chromium" if Path(CHROMIUM).exists() else "over HTTP (no Chromium here)"
    print(
        f"preview of the 2016 进展情况, save → new pages {where}: median "
        f"{statistics.median(timed):.2f} s (min {min(timed):.2f}, max {max(timed):.2f})"
    )


def _viewer(url: str):
    """Something that shows the preview and waits until a text appears in its pages."""
    if Path(CHROMIUM).exists():
        from playwright.sync_api import sync_playwright

        playwright = sync_playwright().start()
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page()
        page.goto(url)

        def shown(text: str) -> None:
            page.wait_for_function(
                f"document.querySelector('#pages')?.innerText.includes('{text}')", timeout=30000
            )

        return shown, lambda: (browser.close(), playwright.stop())
    import urllib.request

    def fetched(text: str) -> None:  # as the page does: the long poll, then the reload
        while True:
            version = urllib.request.urlopen(url + "version").read().decode()
            urllib.request.urlopen(f"{url}version?after={version}").read()
            if text in urllib.request.urlopen(url).read().decode():
                return

    return fetched, lambda: None


def against(revision: str, runs: int, folder: Path) -> None:
    """The cold build and the 199-page report, this version's and `revision`'s in turn
    (each run of one right after the other's), so that both see the machine alike."""
    tree = folder / "against"
    subprocess.run(
        ["git", "worktree", "add", "--detach", "--quiet", str(tree), revision],
        cwd=ROOT,
        check=True,
    )
    bytecode(tree)
    try:
        long_source = long_report(30, folder)
        for label, args, count in (
            ("cold build, both 2016 documents", [*SEEDS_2016], max(runs, 8)),
            ("199-page report", [str(long_source), "--names", "file"], 3),
        ):
            walls: dict[str, list[float]] = {"this": [], revision: []}
            for i in range(count):
                for name, cwd in (("this", ROOT), (revision, tree)):
                    build = docgen("build", *args, "--out", str(folder / f"out-{i}"), "--force")
                    walls[name].append(run_child(build, cwd)[0])  # -m: cwd's docgen
            print(
                f"{label}, in turn: "
                + ", ".join(
                    f"{name} median {statistics.median(w):.2f} s ({min(w):.2f}–{max(w):.2f})"
                    for name, w in walls.items()
                )
            )
    finally:
        subprocess.run(["git", "worktree", "remove", "--force", str(tree)], cwd=ROOT, check=False)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--against", metavar="REV", help="compare with another git revision")
    args = parser.parse_args()
    bytecode(ROOT)
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        if args.against:
            reference()
            against(args.against, args.runs, out)
            return
        reference()
        cold(args.runs, out)
        warm(args.runs)
        long(out)
        incremental(args.runs, out)
        preview(args.runs, out)
        reference(" again")  # a machine busier at the end than at the start: see both


if __name__ == "__main__":
    main()
