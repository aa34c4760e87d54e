"""docgen as an office installs it: a wheel built from the repository, installed into a
fresh virtual environment outside the checkout, used in a workspace of its own."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from docgen.record import RECORD_FILE
from tests.conftest import ROOT
from tests.test_workspace import NO_WEASYPRINT


def run(*args: str | Path, cwd: Path, env: dict[str, str] | None = None) -> str:
    done = subprocess.run(
        [str(a) for a in args],
        cwd=cwd,
        env={**os.environ, **(env or {})},
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert done.returncode == 0, f"{args}: {done.stdout}\n{done.stderr}"
    return done.stdout + done.stderr


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bin/ folder of a new venv with docgen installed from its wheel."""
    here = tmp_path_factory.mktemp("install")
    run(
        sys.executable,
        "-m",
        "pip",
        "wheel",
        "-q",
        "--no-deps",
        "-w",
        here / "wheel",
        ROOT,
        cwd=here,
    )
    [wheel] = (here / "wheel").glob("docgen-*.whl")
    with zipfile.ZipFile(wheel) as z:
        names = set(z.namelist())
    for part in (
        "docgen/templates/plan.html.j2",
        "docgen/templates/ua.css",
        "docgen/templates/new/plan.yaml.j2",
        "docgen/content/docgen.schema.json",
    ):
        assert part in names, f"the wheel lacks {part}"
    run(sys.executable, "-m", "venv", here / "venv", cwd=here)
    bin_dir = here / "venv" / "bin"
    run(bin_dir / "python", "-m", "pip", "install", "-q", wheel, cwd=here)
    return bin_dir


def test_the_wheel_installs_and_builds_in_a_new_workspace(installed: Path, tmp_path: Path) -> None:
    from docgen import __version__

    assert run(installed / "docgen", "--version", cwd=tmp_path).strip() == f"docgen {__version__}"
    assert f"docgen {__version__}" in run(
        installed / "python", "-m", "docgen", "--version", cwd=tmp_path
    )
    run(installed / "docgen", "init", "office", cwd=tmp_path)
    office = tmp_path / "office"
    run(installed / "docgen", "build", cwd=office)
    made = (office / "output").rglob("*.*")
    assert sorted(p.suffix for p in made if p.name != RECORD_FILE) == [".docx", ".pdf"]
    # Its record beside them: built again, nothing is to do.
    assert "docgen build: 1 up to date" in run(installed / "docgen", "build", cwd=office)
    # An override in the workspace's templates/ wins over the installed one.
    (office / "templates" / "plan.html.j2").write_text(
        '{% extends "base.html.j2" %}{% block article %}{{ super() }}'
        '<p class="note">示例：本机关模板。</p>{% endblock %}\n',
        encoding="utf-8",
    )
    run(installed / "docgen", "build", "--out", "again", cwd=office)
    [docx] = (office / "again").rglob("*.docx")
    with zipfile.ZipFile(docx) as z:
        assert "示例：本机关模板。" in z.read("word/document.xml").decode()
    # Where WeasyPrint cannot run (no Pango), a DOCX still builds.
    shadow = tmp_path / "shadow"
    (shadow / "weasyprint").mkdir(parents=True)
    (shadow / "weasyprint" / "__init__.py").write_text(NO_WEASYPRINT, encoding="utf-8")
    env = {"PYTHONPATH": str(shadow), "WEASYPRINT_TRIED": str(shadow / "tried")}
    run(installed / "docgen", "build", "--format", "docx", "--out", "docx", cwd=office, env=env)
    assert len(list((office / "docx").rglob("*.docx"))) == 1
    assert not (shadow / "tried").exists()
