"""Read a content file: YAML text → ``model.Document``.

Every failure is a ``ContentError`` naming file, line, column and field, so that a
person can go straight to the place. PyYAML's node tree keeps the positions that the
plain data loses; pydantic checks the data against the model, and its error locations
are mapped back onto the nodes.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError

from docgen import record
from docgen.content.model import (
    KINDS,
    UNISSUED_KINDS,
    Document,
    letter_format,
    order_format,
)
from docgen.errors import ContentError

# The keys under which a list holds blocks; pydantic adds the block kind to their
# error locations, which is not a key in the YAML.
_BLOCK_LISTS = {"body", "intro", "points", "targets"}

_YAML_TYPE = {
    str: "text",
    int: "a number",
    float: "a number",
    bool: "true/false",
    list: "a list",
    dict: "a mapping",
    type(None): "nothing",
}
_EXPECTED = {
    "string_type": "text",
    "int_type": "a whole number",
    "int_parsing": "a whole number",
    "float_type": "a number",
    "float_parsing": "a number",
    "bool_type": "true or false",
    "date_type": "a date written 2016-02-02",
    "date_from_datetime_parsing": "a date written 2016-02-02",
    "list_type": "a list",
    "dict_type": "a mapping of fields",
    "model_type": "a mapping of fields",
    "model_attributes_type": "a mapping of fields",
    "string_too_short": "text that is not empty",
    "finite_number": "a finite number",
    "too_short": "a list that is not empty",
}


def load(path: Path | str) -> Document:
    """Load and validate one content file."""
    path = Path(path)
    node, lines = _compose(path)
    data = _construct(path, node)
    try:
        doc = Document.model_validate(data)
    except ValidationError as exc:
        found = [_content_error(path, node, err) for err in exc.errors()]
        # A value that fits no member of a union is one problem, said once: the first,
        # or the member's deeper one (units: {form: 其他} is a wrong form, not a list).
        unique = {(e.line, e.column, e.field): e for e in reversed(found)}
        deeper = {e.field.rsplit(".", 1)[0] for e in unique.values() if e.field and "." in e.field}
        kept = [e for e in unique.values() if e.field not in deeper]
        errors = sorted(kept, key=lambda e: (e.line or 0, e.column or 0))
        errors[0].more = errors[1:]
        raise errors[0] from None
    doc._source = path
    doc._lines.update(lines)
    _check_kind(doc, path)
    _check_levels(doc, doc.sections, path)
    if doc.kind in UNISSUED_KINDS:
        for name in NOTICE_ONLY:
            if name in data:
                raise ContentError(
                    f"a {doc.kind} has no {name}",
                    path,
                    doc._lines.get(name),
                    field=name,
                    expected="it in a 通知, which can carry this document as its 附件",
                )
    return _with_profile(doc, path)


def _check_levels(
    doc: Document,
    sections: list[Any],
    path: Path,
    depth: int = 1,
    field: str = "",
    forms: list[str] | None = None,
    named: str = "numbering.levels",
) -> None:
    """Headings no deeper than the numbering scheme has levels: the document's, or the
    one a heading above says for the levels under it (`levels:`)."""
    forms = list(doc.numbering.levels) if forms is None else forms
    for i, section in enumerate(sections):
        name = f"{field}sections[{i}]"
        if not forms:
            have = depth - 1
            raise ContentError(
                f"a heading at level {depth}",
                path,
                doc._lines.get(name),
                field=name,
                expected=f"at most the {have} levels of {named}; add a form there",
            )
        below, says = forms[1:], named
        if section.levels:
            below, says = list(section.levels), f"{name}.levels"
        _check_levels(doc, section.sections, path, depth + 1, f"{name}.", below, says)


def _check_kind(doc: Document, path: Path) -> None:
    """A kind docgen prints, or one the workspace has a template for."""
    from docgen import workspace

    header = doc.header
    if header is not None and order_format(doc.kind, header.issuer_mark):
        for field, says in (
            ("doc_number", "its 令号 where a 发文字号 stands: header.issue, as 第12号"),
            ("signer", "no 签发人 in its 版头: its officer signs below the text"),
        ):
            if getattr(header, field) is not None:
                raise ContentError(
                    f"a 命令 in 命令格式 (§10.2) prints {says}",
                    path,
                    doc._lines.get(f"header.{field}"),
                    field=f"header.{field}",
                    expected="header.issue for the 令号 and signature.signer for the officer",
                )
    if header is not None and letter_format(doc.kind, header.issuer_mark) and header.signer:
        raise ContentError(
            "a 函 in 信函格式 (§10.1) prints no 签发人",
            path,
            doc._lines.get("header.signer"),
            field="header.signer",
            expected="no signer, or the 函 without issuer_mark",
        )
    if doc.kind in KINDS:
        return
    templates = workspace.current().templates
    if templates and (templates / f"{doc.kind}.html.j2").is_file():
        return
    raise ContentError(
        f"unknown kind {doc.kind!r}",
        path,
        doc._lines.get("kind"),
        field="kind",
        expected=f"one of {', '.join(KINDS)}, or a kind with a template "
        f"templates/{doc.kind}.html.j2 in the workspace",
    )


def _with_profile(doc: Document, path: Path) -> Document:
    """The document with the house profile's defaults (docgen.toml); a bare 发文字号
    number completed with the profile's 机关代字 and the document's year."""
    from docgen import workspace
    from docgen.content import profile

    house = workspace.current().profile
    done = profile.apply(doc, house, issued=doc.kind not in UNISSUED_KINDS)
    if done.header is not None and isinstance(done.header.doc_number, int):
        signed = doc.signature.date if doc.signature and doc.signature.date else None
        number = profile.doc_number(
            done.header.doc_number,
            house.header.doc_number_prefix,
            doc.year or (signed.year if signed else None),
        )
        if number is None:
            lacking = (
                "the document's year (year:, or signature.date) for its 〔年份〕"
                if house.header.doc_number_prefix
                else "header.doc_number_prefix in docgen.toml to complete the number with"
            )
            raise ContentError(
                f"a bare number {done.header.doc_number}",
                path,
                doc._lines.get("header.doc_number"),
                field="header.doc_number",
                expected=f"a whole 发文字号 such as 教技厅〔2016〕1号, or {lacking}",
            )
        done = done.model_copy(
            update={"header": done.header.model_copy(update={"doc_number": number})}
        )
    return done


# The parts of a document as issued (GB/T 9704 §7): a 工作要点 or 进展情况 prints them in
# the 通知 that issues it. (Published alone, it may end with its office's 署名, date
# and 附注.)
NOTICE_ONLY = ("header", "recipients", "attachments", "attendance", "record")


# How deep a content file's YAML may nest (a real one nests about 12 deep).
MAX_NESTING = 64
# The longest text one value may hold (a paragraph of 20,000 characters fills about 30
# pages), and the most 附件 a document may carry: past them layout takes minutes.
MAX_TEXT = 20_000
MAX_ATTACHMENTS = 50
MAX_SECTIONS = 5_000  # headings in one file (a year's 工作要点 has a hundred or so)
MAX_FILE_BYTES = 5 * 2**20  # a content file; the 2016 report is 40 KB


def walk(path: Path, root: yaml.Node) -> Iterator[tuple[yaml.Node, str]]:
    """Every node of the tree with its field path, each node once (an alias shares its
    node: the first path names it), without recursion. An alias that holds itself, or
    nesting past MAX_NESTING, is a ContentError at its place."""
    seen: set[int] = set()
    todo: list[tuple[yaml.Node, str, tuple[int, ...]]] = [(root, "", ())]
    while todo:
        node, field, above = todo.pop()
        if id(node) in above:
            raise ContentError("an alias that holds itself", path, *_pos(node), field=field or None)
        if len(above) > MAX_NESTING:
            raise ContentError(
                f"nested more than {MAX_NESTING} deep",
                path,
                *_pos(node),
                field=field or None,
                expected="a document as its headings and paragraphs nest",
            )
        if id(node) in seen:
            continue
        seen.add(id(node))
        yield node, field
        inner = (*above, id(node))
        if isinstance(node, yaml.MappingNode):
            for key, value in reversed(node.value):
                name = str(key.value) if isinstance(key, yaml.ScalarNode) else "?"
                todo.append((value, f"{field}.{name}" if field else name, inner))
        elif isinstance(node, yaml.SequenceNode):
            for i in reversed(range(len(node.value))):
                todo.append((node.value[i], f"{field}[{i}]", inner))


def compose(path: Path | str) -> yaml.Node:
    """The file's YAML node tree, with every node's position (for tools such as the
    checker, which needs the text's places as well as its values). Raises
    ``ContentError`` for a file that cannot be read as YAML."""
    return _compose(Path(path))[0]


class _Loader(yaml.SafeLoader):
    """PyYAML's safe loader, but a date that is no date (2016-02-30) is an error at its
    place rather than datetime's bare ValueError."""

    def construct_yaml_timestamp(self, node: yaml.Node) -> Any:  # type: ignore[override]
        try:
            return super().construct_yaml_timestamp(node)
        except ValueError as exc:
            raise yaml.constructor.ConstructorError(
                None, None, f"'{node.value}' is not a date ({exc})", node.start_mark
            ) from None


_Loader.add_constructor("tag:yaml.org,2002:timestamp", _Loader.construct_yaml_timestamp)


def _construct(path: Path, node: yaml.Node) -> Any:
    """The YAML's data; a value YAML cannot make (2016-02-30, an unknown !tag) is a
    ContentError at its place."""
    try:
        return _Loader("").construct_document(node)
    except yaml.MarkedYAMLError as exc:
        raise _yaml_error("YAML", path, exc) from None
    except (ValueError, KeyError, IndexError, AttributeError, TypeError) as exc:
        # PyYAML's constructors raise these for a tag its value does not fit (!!int
        # abc, !!bool maybe, !!timestamp notadate): say where, and what.
        bad = _tagged_node(node)
        where = _pos(bad) if bad is not None else (None, None)
        tag = bad.tag.rsplit(":", 1)[-1] if bad is not None else "a tag"
        value = bad.value if bad is not None and isinstance(bad.value, str) else ""
        raise ContentError(
            f"YAML: '{value}' is not a {tag} ({type(exc).__name__})",
            path,
            *where,
            expected="a value its tag fits, or no tag",
        ) from None


def _tagged_node(root: yaml.Node) -> yaml.Node | None:
    """The first scalar whose explicit tag (!!int, !!bool …) PyYAML would not take."""
    probe = _Loader("")
    for node, _ in walk(Path("<content>"), root):  # the tree was checked: no loops
        if isinstance(node, yaml.ScalarNode) and node.tag.startswith("tag:yaml.org,2002:"):
            try:
                probe.construct_object(node, deep=True)
            except Exception:
                return node
    return None


# XML 1.0 allows no C0 control character but TAB, LF and CR: a DOCX cannot hold one.
_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _check_tree(path: Path, root: yaml.Node) -> dict[str, int]:
    """One pass over the tree (walk: each node once, no alias of itself, nesting
    bounded): every mapping's keys are names, each once; every text printable (a
    control character such as \\x01 or \\x1b is one no DOCX or PDF can hold) and
    within the limits. Returns each field path's line, for errors found later."""
    lines: dict[str, int] = {}
    sections = 0
    for node, field in walk(path, root):
        lines[field] = node.start_mark.line + 1
        if isinstance(node, yaml.MappingNode):
            _check_keys(path, node, field)
        text = node.value if isinstance(node, yaml.ScalarNode) else None
        sections += field.endswith("]") and field.rsplit("[", 1)[0].endswith("sections")
        if sections > MAX_SECTIONS:
            raise ContentError(
                f"more than {MAX_SECTIONS:,} headings",
                path,
                *_pos(node),
                field=field,
                expected="a document of fewer headings: split it",
            )
        if isinstance(text, str) and len(text) > MAX_TEXT:
            raise ContentError(
                f"a text of {len(text):,} characters",
                path,
                *_pos(node),
                field=field or None,
                expected=f"at most {MAX_TEXT:,} characters a paragraph: split it",
            )
        listed = node.value if isinstance(node, yaml.SequenceNode) else []
        if field == "attachments" and len(listed) > MAX_ATTACHMENTS:
            raise ContentError(
                f"{len(listed)} attachments",
                path,
                *_pos(node),
                field=field,
                expected=f"at most {MAX_ATTACHMENTS}",
            )
        if isinstance(text, str) and (bad := _ILLEGAL.search(text)):
            raise ContentError(
                f"a control character U+{ord(bad.group()):04X}",
                path,
                *_pos(node),
                field=field or None,
                expected="printable text",
            )
    return lines


def _check_keys(path: Path, node: yaml.MappingNode, field: str) -> None:
    """A mapping's keys are names, each once."""
    seen: set[Any] = set()
    for key, _ in node.value:
        if not isinstance(key, yaml.ScalarNode):
            raise ContentError(
                "a key that is not a name",
                path,
                *_pos(key),
                field=field or None,
                expected="field names such as title:",
            )
        if key.value in seen:
            name = f"{field}.{key.value}" if field else str(key.value)
            raise ContentError("field given twice", path, *_pos(key), field=name)
        seen.add(key.value)


def _yaml_error(what: str, path: Path, exc: yaml.MarkedYAMLError) -> ContentError:
    """PyYAML's complaint at the place it marks, as "what: problem"."""
    mark = exc.problem_mark or exc.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark else (None, None)
    problem = exc.problem or exc.context or "invalid YAML"
    return ContentError(f"{what}: {problem}", path, line, column)


def read_bytes(path: Path, expected: str, limit: int = 50 * 2**20) -> bytes:
    """A file's bytes, or a ContentError that says why not (missing, a folder, a pipe,
    larger than `limit`, …), said before it is read."""
    try:
        if path.exists() and not path.is_dir() and not path.is_file():
            raise ContentError("not a regular file (a pipe or device)", path, expected=expected)
        if path.is_file() and (size := path.stat().st_size) > limit:
            raise ContentError(
                f"a file of {size:,} bytes", path, expected=f"{expected} of at most {limit:,}"
            )
        return path.read_bytes()
    except FileNotFoundError:
        raise ContentError("no such file", path, expected=expected) from None
    except IsADirectoryError:
        raise ContentError("is a folder", path, expected=expected) from None
    except OSError as exc:
        raise ContentError(f"cannot read: {exc.strerror}", path) from None


# libyaml's parser where PyYAML has it (its wheels do): the same nodes and marks, a
# tenth of the time (20 ms for a seed, 0.6 s for a 200-page report, in pure Python).
_COMPOSER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _compose(path: Path) -> tuple[yaml.Node, dict[str, int]]:
    """The file's node tree, checked, and each field path's line."""
    raw = read_bytes(path, "a YAML content file", MAX_FILE_BYTES)
    record.note_read(path, raw)  # a build records what each document was made from
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise ContentError(
            f"byte 0x{raw[exc.start]:02x} is not UTF-8", path, line, expected="UTF-8 text"
        ) from None
    try:
        node = yaml.compose(text, Loader=_COMPOSER)
    except yaml.MarkedYAMLError as exc:
        raise _yaml_error("YAML syntax", path, exc) from None
    except yaml.reader.ReaderError as exc:  # an offset (libyaml's in bytes), two lines
        before = (
            raw[: exc.position].decode("utf-8", "replace")
            if _COMPOSER is not yaml.SafeLoader
            else text[: exc.position]
        )
        line = before.count("\n") + 1
        column = len(before) - (before.rfind("\n") + 1) + 1
        raise ContentError(
            f"a character YAML does not take, U+{exc.character:04X}"
            if isinstance(exc.character, int)
            else "a character YAML does not take",
            path,
            line,
            column,
            expected="printable text",
        ) from None
    except yaml.YAMLError as exc:
        raise ContentError(f"YAML syntax: {exc}", path) from None
    if node is None:
        raise ContentError("empty file", path, 1, 1, expected="a document with kind, year, title")
    if not isinstance(node, yaml.MappingNode):
        raise ContentError(
            "the document is not a mapping", path, *_pos(node), expected="fields such as kind:"
        )
    lines = _check_tree(path, node)
    _check_depth(path, node)
    return node, lines


# GB/T 9704 §7.3.3's 一、 （一） 1. （1）, under a 规定's or 规划's 第一章 and 第一节 (or 第一条).
MAX_LEVELS = 6


def _check_depth(path: Path, node: yaml.Node, level: int = 0, field: str = "") -> None:
    """Sections may nest six deep; a seventh level has no number to print (a scheme of
    fewer levels is checked against its own, _check_levels)."""
    if not isinstance(node, yaml.MappingNode):
        return
    for key, value in node.value:
        if key.value == "sections" and isinstance(value, yaml.SequenceNode):
            for i, item in enumerate(value.value):
                name = f"{field}.sections[{i}]" if field else f"sections[{i}]"
                if level + 1 > MAX_LEVELS:
                    raise ContentError(
                        "a seventh heading level",
                        path,
                        *_pos(item),
                        field=name,
                        expected=f"at most {MAX_LEVELS} levels: 第一章 第一节 一、 （一） 1. （1）",
                    )
                _check_depth(path, item, level + 1, name)


def _pos(node: yaml.Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


def _content_error(path: Path, root: yaml.Node, err: dict[str, Any]) -> ContentError:
    """Turn one pydantic error into a ContentError at the YAML node it concerns."""
    node, field, model = root, "", Document
    loc = list(err["loc"])
    parent_key = ""
    i = 0
    while i < len(loc):
        part = loc[i]
        if isinstance(part, int):
            if isinstance(node, yaml.SequenceNode) and part < len(node.value):
                node = node.value[part]
            field += f"[{part}]"
            if parent_key in _BLOCK_LISTS:
                i += 1  # skip the block kind pydantic inserts after the index
            i += 1
            continue
        if isinstance(part, str) and _union_member(part, node, model):
            i += 1  # a union's member pydantic names (list[str], Units, float): not a key
            continue
        found = None
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                if key.value == part:
                    last = i == len(loc) - 1
                    found = key if last and err["type"] == "extra_forbidden" else value
                    break
        field = f"{field}.{part}" if field else str(part)
        parent_key = str(part)
        model = _field_model(model, str(part))
        if found is None:  # a missing field: point at the mapping that lacks it
            break
        node = found
        i += 1
    return ContentError(
        message_for(err), path, *_pos(node), field=field or None, expected=expected_for(err, model)
    )


def _union_member(part: str, node: yaml.Node, model: type[BaseModel] | None) -> bool:
    """Whether a part of pydantic's error location names a member of a union (str,
    float, list[str], Units) rather than a field: neither a key of the YAML mapping
    here nor a field of the model."""
    if isinstance(node, yaml.MappingNode) and any(k.value == part for k, _ in node.value):
        return False
    return model is None or part not in model.model_fields


def _field_model(model: type[BaseModel] | None, name: str) -> type[BaseModel] | None:
    """The model class a field holds (through lists and unions), for listing its keys."""
    if model is None or name not in model.model_fields:
        return model
    from typing import get_args

    todo = [model.model_fields[name].annotation]
    while todo:
        ann = todo.pop()
        if isinstance(ann, type) and issubclass(ann, BaseModel):
            return ann
        todo.extend(get_args(ann))
    return None


def message_for(err: dict[str, Any]) -> str:
    kind = err["type"]
    value = err.get("input")
    if kind == "extra_forbidden":
        return "unknown field"
    if kind == "missing":
        return "missing required field"
    if kind in _EXPECTED:
        what = _YAML_TYPE.get(type(value), type(value).__name__)
        if isinstance(value, str | int | float):
            return f"got {what} {value!r}"
        return f"got {what}"
    if kind == "value_error":  # our own validators: the message says what is wrong
        return str(err["msg"]).removeprefix("Value error, ")
    if kind == "string_pattern_mismatch":
        return f"'{value}' does not match {err['ctx']['pattern']}"
    return str(err["msg"]).replace("Input should be", "should be")


def expected_for(err: dict[str, Any], model: type[BaseModel] | None) -> str | None:
    kind = err["type"]
    bound = err.get("ctx", {})
    if kind == "less_than_equal":
        return f"a number up to {bound.get('le'):g}"
    if kind == "greater_than_equal":
        return f"a number from {bound.get('ge'):g}"
    if kind == "extra_forbidden" and model is not None:
        return "one of " + ", ".join(model.model_fields)
    if kind == "missing":
        return f"a value for '{err['loc'][-1]}'"
    return _EXPECTED.get(kind)
