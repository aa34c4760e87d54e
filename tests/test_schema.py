"""docgen schema: the committed schema is current, says what each field means in
Chinese and English, and accepts and refuses what the loader does."""

from __future__ import annotations

import datetime
import json
import re
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from docgen.authoring.schema import SCHEMA_FILE, json_schema, schema_files, schema_text
from docgen.cli import main
from docgen.content.profile import Profile
from docgen.errors import ContentError
from tests.conftest import CONTENT, ROOT

WORKSPACE_SCHEMA = ROOT / "schema" / "docgen.schema.json"


def test_the_committed_schemas_are_current() -> None:
    """docgen's own copies (in the package) and the repository workspace's."""
    assert SCHEMA_FILE == ROOT / "docgen" / "content" / "docgen.schema.json"
    for folder in (SCHEMA_FILE.parent, WORKSPACE_SCHEMA.parent):
        for name, text in schema_files().items():
            assert (folder / name).read_text(encoding="utf-8") == text, (
                f"run: docgen schema; docgen schema --out docgen/content (and commit {name})"
            )


def test_docgen_schema_writes_both(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema", "--out", str(tmp_path)]) == 0
    assert json.loads((tmp_path / "docgen.schema.json").read_text("utf-8")) == json_schema()
    profile = json.loads((tmp_path / "docgen.toml.schema.json").read_text("utf-8"))
    assert profile == json_schema(Profile)
    assert set(profile["properties"]) >= {"header", "signature", "record", "fonts", "style"}
    assert main(["schema", "--out", "-"]) == 0
    assert capsys.readouterr().out.endswith(schema_text())


def test_the_profile_schema_refuses_what_the_profile_loader_refuses(tmp_path: Path) -> None:
    import tomllib

    from docgen.content.profile import load_profile

    text = '[style]\nlevel3_bold = "yes"\n'
    (tmp_path / "docgen.toml").write_text(text, encoding="utf-8")
    with pytest.raises(ContentError):
        load_profile(tmp_path / "docgen.toml")
    validator = jsonschema.Draft7Validator(json_schema(Profile))
    assert list(validator.iter_errors(tomllib.loads(text)))
    workspace_profile = tomllib.loads((ROOT / "docgen.toml").read_text("utf-8"))
    assert not list(validator.iter_errors(workspace_profile))


def _definitions() -> dict[str, dict]:
    schema = json_schema()
    return {"Document": schema, **schema["$defs"]}


def test_every_field_and_object_is_described_in_chinese_and_english() -> None:
    both = re.compile(r"[\u4e00-\u9fff].*/ .*[A-Za-z]")
    for name, definition in _definitions().items():
        assert both.search(definition["description"]), name
        for field, spec in definition.get("properties", {}).items():
            assert both.search(spec.get("description", "")), f"{name}.{field}"


def test_content_files_point_at_the_schema() -> None:
    for path in sorted(CONTENT.rglob("*.yaml")):
        first = path.read_text(encoding="utf-8").splitlines()[0]
        target = first.removeprefix("# yaml-language-server: $schema=")
        assert target != first, f"{path}: first line is not the $schema comment"
        assert (path.parent / target).resolve() == WORKSPACE_SCHEMA


@pytest.mark.parametrize("path", sorted(CONTENT.rglob("*.yaml")), ids=lambda p: p.name)
def test_the_content_validates_against_the_schema(path: Path) -> None:
    data = as_editor_reads(yaml.safe_load(path.read_text(encoding="utf-8")))
    jsonschema.Draft7Validator(json_schema()).validate(data)


def as_editor_reads(value: Any) -> Any:
    """YAML as a language server validates it: a date such as 2016-02-02 is a string
    (the schema says format: date), not PyYAML's datetime.date."""
    if isinstance(value, dict):
        return {k: as_editor_reads(v) for k, v in value.items()}
    if isinstance(value, list):
        return [as_editor_reads(v) for v in value]
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


@pytest.mark.parametrize(
    ("change", "why"),
    [
        (("    body:", "    boby:"), "boby"),  # a misspelt field
        (('compare: "达到"', 'compare: "大约"'), "大约"),  # an unknown comparison
        (("year: 2016", "year: 二〇一六"), "二〇一六"),
    ],
)
def test_the_schema_refuses_what_the_loader_refuses(change: tuple[str, str], why: str) -> None:
    text = (CONTENT / "2016" / "gongzuoyaodian.yaml").read_text(encoding="utf-8")
    data = yaml.safe_load(text.replace(*change, 1))
    errors = list(jsonschema.Draft7Validator(json_schema()).iter_errors(data))
    assert errors and any(why in str(e.message) for e in errors), [e.message for e in errors]
