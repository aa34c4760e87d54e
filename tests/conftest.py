"""Shared fixtures: the 2016 documents built once per test session."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, settings

from docgen.cli import main
from tests.pdfpage import libreoffice_pdf

# The fuzz test's runs (tests/test_fuzz.py): short and the same every time in CI; a
# long one on request: pytest tests/test_fuzz.py --hypothesis-profile=long
settings.register_profile(
    "default",
    max_examples=30,
    derandomize=True,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
settings.register_profile(
    "long", settings.get_profile("default"), max_examples=2000, derandomize=False
)
settings.load_profile("default")

ROOT = Path(__file__).resolve().parents[1]
CONTENT = ROOT / "content"
SEEDS = Path(__file__).resolve().parent / "seeds"
# content file stem → seed text it reproduces (tongzhi.yaml: the 通知 with its 附件, the
# 工作要点)
SEED_OF = {
    "tongzhi": "2016-gongzuoyaodian.txt",
    "jinzhanqingkuang": "2016-jinzhanqingkuang.txt",
}


def imported_yaml(tmp_path: Path, source: Path, name: str = "imported.yaml") -> Path:
    """`docgen import source --out tmp_path/name`: the file it wrote."""
    out = tmp_path / name
    assert main(["import", str(source), "--out", str(out)]) == 0
    return out


def imported_text(tmp_path: Path, text: str, stem: str = "imported") -> tuple[Path, dict]:
    """A published text, saved as tmp_path/<stem>.txt and imported: the YAML file
    `docgen import` wrote (<stem>.yaml), and its data."""
    source = tmp_path / f"{stem}.txt"
    source.write_text(text, encoding="utf-8")
    out = imported_yaml(tmp_path, source, f"{stem}.yaml")
    return out, yaml.safe_load(out.read_text("utf-8"))


def imported(tmp_path: Path, source: Path, name: str = "imported.yaml") -> dict:
    """The YAML `docgen import` wrote from `source`, read back."""
    return yaml.safe_load(imported_yaml(tmp_path, source, name).read_text("utf-8"))


def built_example(out: Path, stem: str) -> Path:
    """content/examples/<stem>.yaml built into `out` (PDF and DOCX, under examples/),
    and its DOCX as LibreOffice lays it out (out/lo/<stem>.pdf): the two readers."""
    args = ["build", str(CONTENT / "examples" / f"{stem}.yaml"), "--out", str(out)]
    assert main([*args, "--names", "file"]) == 0
    libreoffice_pdf([out / "examples" / f"{stem}.docx"], out / "lo", out / "profile")
    return out


def normalise(text: str) -> str:
    """Compare texts as a reader does: full- and half-width forms alike, no white space."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


@pytest.fixture(autouse=True)
def _repository_workspace() -> None:
    """Each test starts in the repository's workspace (a test that runs docgen in a
    folder of its own activates that one; the next test must not inherit it)."""
    from docgen import workspace

    workspace.activate(workspace.find(ROOT))


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """output/2016 of a `docgen build content/2016`, built once."""
    out = tmp_path_factory.mktemp("out")
    assert main(["build", str(CONTENT / "2016"), "--out", str(out), "--names", "file"]) == 0
    return out / "2016"  # output mirrors content/


@pytest.fixture(scope="session")
def libreoffice_pdfs(built: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The built DOCX files as LibreOffice lays them out: the independent reader."""
    out = tmp_path_factory.mktemp("lo")
    docx = sorted(built.glob("*.docx"))
    assert docx, f"nothing built in {built}"
    libreoffice_pdf(docx, out, tmp_path_factory.mktemp("lo-profile"))
    return out
