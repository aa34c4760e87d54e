"""The JSON Schema of a content file: ``model.Document`` → ``docgen.schema.json``.

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

from pydantic import BaseModel

from docgen.content.model import Document

# docgen's own copy, inside the package; a workspace keeps one in its schema/ folder
# (docgen init and docgen schema write it), which its content files point to.
SCHEMA_FILE = Path(__file__).resolve().parent.parent / "content" / "docgen.schema.json"
# The house profile's schema (TOML language servers read it through docgen.toml's
# first line, `#:schema ./schema/docgen.toml.schema.json`).
PROFILE_SCHEMA_FILE = SCHEMA_FILE.with_name("docgen.toml.schema.json")
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
    "Attached": "附件（附件说明中的名称，或所印发、转发的文件）",
    "Attendance": "出席、请假、列席人员（纪要）",
    "Units": "责任单位（牵头、配合）",
    "TableBlock": "表格",
    "Profile": "机关配置（docgen.toml）",
    "HouseHeader": "版头默认值",
    "HouseSignature": "署名默认值",
    "HouseRecord": "版记默认值",
    "HouseFonts": "字体",
    "HouseStyle": "版式选择",
}
TITLES = {
    "Document": "docgen 内容文件 / docgen content file",
    "Profile": "docgen 机关配置 / docgen house profile (docgen.toml)",
}


def json_schema(model: type[BaseModel] = Document) -> dict[str, Any]:
    """The schema as data (JSON Schema draft 07, which YAML language servers read)."""
    schema = model.model_json_schema()
    root = model.__name__
    for name, definition in [(root, schema), *schema.get("$defs", {}).items()]:
        english = definition.get("description", "")
        definition["description"] = f"{CHINESE_NAMES[name]} / {english}".rstrip(" /")
    return {
        "$schema": "http://json-schema.org/draft-07/schema#",
        "title": TITLES[root],
        **{k: v for k, v in schema.items() if k != "title"},
    }


def schema_text(model: type[BaseModel] = Document) -> str:
    """The schema as the file holds it: stable key order, Chinese unescaped."""
    return json.dumps(json_schema(model), ensure_ascii=False, indent=2) + "\n"


def schema_files() -> dict[str, str]:
    """Each schema's file name and text: the content's and the house profile's."""
    from docgen.content.profile import Profile

    return {SCHEMA_FILE.name: schema_text(), PROFILE_SCHEMA_FILE.name: schema_text(Profile)}


def modeline(content_file: Path) -> str:
    """The $schema comment for a content file: the workspace's copy of the schema,
    relative to the file (so that the workspace can move); outside a workspace,
    docgen's own copy, absolute."""
    import os

    from docgen import workspace

    schema_file = workspace.current().schema_file
    if schema_file is None or not schema_file.is_file():
        return MODELINE.format(SCHEMA_FILE.as_posix())
    relative = os.path.relpath(schema_file.resolve(), content_file.resolve().parent)
    return MODELINE.format(Path(relative).as_posix())
