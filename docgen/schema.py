"""The JSON Schema of a content file: ``model.Document`` → ``schema/docgen.schema.json``.

An editor with a YAML language server reads it through the first line of a content
file (``# yaml-language-server: $schema=../../schema/docgen.schema.json``) and then
completes field names and values and shows each field's meaning, in Chinese and
English, from the ``Field(description=…)`` texts of the model. The schema is generated,
never written by hand, so it cannot drift from what ``load`` accepts; a test keeps the
committed file current.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from docgen.model import Document

# Where the repository keeps it; content files point here.
SCHEMA_FILE = Path(__file__).resolve().parent.parent / "schema" / "docgen.schema.json"
# The first line of a content file that points an editor at the schema.
MODELINE = "# yaml-language-server: $schema={}"

# Each model class's name in Chinese, put before its (English) docstring, so that an
# editor's hover over an object says what it is in both languages.
CHINESE_NAMES = {
    "Document": "公文内容文件（工作要点、进展情况、通知）",
    "Section": "标题及其正文、下级标题",
    "Paragraph": "段落（可注明责任单位）",
    "Points": "列举（一是……二是……）",
    "Point": "列举中的一条",
    "Target": "目标",
    "Restatement": "重申的目标",
    "Outcome": "完成情况",
    "CrossRef": "目标对照",
    "Numbering": "序号规则",
    "Header": "版头",
    "Signature": "署名和成文日期",
    "Record": "版记",
}


def json_schema() -> dict[str, Any]:
    """The schema as data (JSON Schema draft 07, which YAML language servers read)."""
    schema = Document.model_json_schema()
    for name, definition in [("Document", schema), *schema.get("$defs", {}).items()]:
        english = definition.get("description", "")
        definition["description"] = f"{CHINESE_NAMES[name]} / {english}".rstrip(" /")
    return {
        "$schema": "http://json-schema.org/draft-07/schema#",
        "title": "docgen 内容文件 / docgen content file",
        **{k: v for k, v in schema.items() if k != "title"},
    }


def schema_text() -> str:
    """The schema as the file holds it: stable key order, Chinese unescaped."""
    return json.dumps(json_schema(), ensure_ascii=False, indent=2) + "\n"


def modeline(content_file: Path, schema_file: Path = SCHEMA_FILE) -> str:
    """The $schema comment for a content file: relative to it inside the repository
    (so that the repository can move), absolute outside it."""
    import os

    schema_file = schema_file.resolve()
    content_file = content_file.resolve()
    if content_file.is_relative_to(schema_file.parent.parent):
        return MODELINE.format(Path(os.path.relpath(schema_file, content_file.parent)).as_posix())
    return MODELINE.format(schema_file.as_posix())
