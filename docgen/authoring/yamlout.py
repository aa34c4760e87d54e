"""Plain content data → YAML text a person enjoys editing.

Input: the data of a content file (dicts, lists, strings, numbers, None), comments keyed
by field path (``sections[0].body[1]``, the paths ``load.py`` reports errors at), and
header lines. Output: YAML in block style, keys in the order given, every paragraph on
one line however long (an editor wraps it; YAML's folding would split sentences across
lines), short lists of names in flow style (``units: [科技司, 财务司]``), and each
comment on its own line just above the field it is about.

ruamel.yaml writes the comments; PyYAML, which ``load.py`` reads with, cannot.
"""

from __future__ import annotations

import io
from collections.abc import Mapping
from typing import Any

import yaml as pyyaml
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import SingleQuotedScalarString

# Fields whose short values read best on one line: [科技司, 财务司], {城镇: 80, 农村: 50}.
FLOW_FIELDS = frozenset({"units", "parts", "breakdown"})
# Keys in reading order, whatever order the data has them in: the document as printed
# (the 通知's title above the title), a heading before its body, a target's id first.
# Keys not listed (城镇, 农村 of a breakdown) keep their order, after these.
KEY_ORDER = (
    "kind year attachment_label notice_title title subtitle header copy_number secrecy urgency "
    "issuer_mark doc_number signer_title signer issue numbering items "
    "continuous crossref plan appendix recipients intro heading numbered run_in restart levels "
    "layout "
    "points text units lead "
    "label separator support support_label form caption table targets "
    "outcomes "
    "id restates target says indicator compare value parts unit breakdown comparable "
    "body sections attachments file name issued attendance present on_leave attending "
    "signature issuer date numerals seal note record cc "
    "printer printed"
).split()
_RANK = {key: i for i, key in enumerate(KEY_ORDER)}
# Columns: a mapping's keys at c, a list's dashes at c + 2 and its items' keys at c + 4.
_INDENT, _DASH_OFFSET = 2, 2


def dump(
    data: Mapping[str, Any],
    comments: Mapping[str, list[str]] | None = None,
    header: list[str] | None = None,
) -> str:
    """The YAML of ``data``; ``comments[path]`` lines go just above the field at ``path``."""
    comments = comments or {}
    unused = set(comments)
    root = _node(data, "", 0, comments, unused)
    if unused:  # a path that names no field is a bug in the caller, not the user's problem
        raise ValueError(f"comments for fields that are not in the data: {sorted(unused)}")
    if header:
        root.yaml_set_start_comment("\n".join(header))
    out = io.StringIO()
    _yaml().dump(root, out)
    return out.getvalue()


def _yaml() -> YAML:
    yaml = YAML()  # round-trip mode: the mode that writes comments
    yaml.width = 1 << 20  # never fold a paragraph
    yaml.allow_unicode = True
    yaml.indent(mapping=_INDENT, sequence=_INDENT + _DASH_OFFSET, offset=_DASH_OFFSET)
    return yaml


def _node(
    value: Any, path: str, column: int, comments: Mapping[str, list[str]], unused: set[str]
) -> Any:
    """ruamel's commented containers for ``value``, whose keys (or dashes) sit at ``column``."""
    if isinstance(value, Mapping):
        node = CommentedMap()
        for key, item in sorted(value.items(), key=lambda kv: _RANK.get(kv[0], len(_RANK))):
            here = f"{path}.{key}" if path else str(key)
            node[key] = _child(item, here, column, comments, unused)
            if str(key) in FLOW_FIELDS and isinstance(item, list | dict):
                node[key].fa.set_flow_style()
            if key == "table" and isinstance(item, list):
                for row in node[key]:  # a table's row on a line: [序号, 任务, 单位]
                    row.fa.set_flow_style()
            _comment(node, key, here, column, comments, unused)
        return node
    if isinstance(value, list):
        seq = CommentedSeq()
        for i, item in enumerate(value):
            here = f"{path}[{i}]"
            seq.append(_node(item, here, column + _DASH_OFFSET, comments, unused))
            _comment(seq, i, here, column, comments, unused)
        return seq
    if isinstance(value, float) and value.is_integer():
        return int(value)  # 95, as people write it, not the model's 95.0
    if isinstance(value, str) and _not_text_to_pyyaml(value):
        return SingleQuotedScalarString(value)
    return value


_RESOLVER = pyyaml.resolver.Resolver()


def _not_text_to_pyyaml(value: str) -> bool:
    """ruamel writes YAML 1.2, where ``yes`` is text; ``load.py`` reads with PyYAML (YAML
    1.1), where plain ``yes``, ``off`` or ``1_000`` are not. Such strings are quoted."""
    tag = _RESOLVER.resolve(pyyaml.ScalarNode, value, (True, False))
    return tag != "tag:yaml.org,2002:str"


def _child(
    value: Any, path: str, column: int, comments: Mapping[str, list[str]], unused: set[str]
) -> Any:
    # A nested mapping indents by _INDENT; a list's dashes by _DASH_OFFSET.
    return _node(value, path, column + _INDENT, comments, unused)


def _comment(
    node: CommentedMap | CommentedSeq,
    key: Any,
    path: str,
    column: int,
    comments: Mapping[str, list[str]],
    unused: set[str],
) -> None:
    lines = comments.get(path)
    if not lines:
        return
    unused.discard(path)
    node.yaml_set_comment_before_after_key(key, before="\n".join(lines), indent=column)
