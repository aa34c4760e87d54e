"""``docgen new``: a document kind and a year → a short, commented content file that
builds as it is and passes ``docgen check``.

The starting files are templates (``templates/new/``), so that what a newcomer first
sees is a readable YAML file, not code. A file that exists is never overwritten.
"""

from __future__ import annotations

from pathlib import Path

import jinja2

from docgen import workspace
from docgen.authoring import schema
from docgen.errors import DocgenError
from docgen.output import write_atomic

# The 工作要点's file name; a 进展情况 started beside it compares with it. A 命令
# started beside a 办法 publishes it.
PLAN_FILE = "gongzuoyaodian.yaml"
MEASURES_FILE = "banfa.yaml"
# kind → (template under templates/new/, the file name docgen gives it by default)
KINDS: dict[str, tuple[str, str]] = {
    "工作要点": ("plan.yaml.j2", PLAN_FILE),
    "进展情况": ("report.yaml.j2", "jinzhanqingkuang.yaml"),
    "通知": ("notice.yaml.j2", "tongzhi.yaml"),  # a plan beside it becomes its 附件
    "办法": ("measures.yaml.j2", MEASURES_FILE),  # in chapters and articles
    "命令": ("order.yaml.j2", "mingling.yaml"),  # in 命令格式, publishing a 办法 beside it
}


def default_path(kind: str, year: int) -> Path:
    """content/<year>/<name>.yaml in the workspace, as content/2016/ is laid out."""
    return workspace.current().content / str(year) / _template(kind)[1]


def new(kind: str, year: int, path: Path | None = None) -> Path:
    """Write the starting file for a kind and year; return where it went."""
    template, _ = _template(kind)
    if not 1949 <= year <= 2999:
        raise DocgenError(f"--year {year}: expected a year such as 2017")
    path = path or default_path(kind, year)
    if path.exists():
        raise DocgenError(f"{path} exists: docgen new does not overwrite (give --out)")
    write_atomic(path, render(template, year, path).encode("utf-8"), exclusive=True)
    return path


def render(template: str, year: int, path: Path) -> str:
    from docgen.render.html import loader

    plan, measures = path.parent / PLAN_FILE, path.parent / MEASURES_FILE
    env = jinja2.Environment(
        loader=loader(),
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    return env.get_template(f"new/{template}").render(
        year=year,
        path=workspace.relative(path),
        modeline=schema.modeline(path),
        plan=PLAN_FILE if plan.is_file() and plan != path else None,
        measures=MEASURES_FILE if measures.is_file() and measures != path else None,
        house=workspace.current().profile,
    )


def _template(kind: str) -> tuple[str, str]:
    if kind not in KINDS:
        raise DocgenError(f"unknown kind {kind!r} (expected one of: {', '.join(KINDS)})")
    return KINDS[kind]
