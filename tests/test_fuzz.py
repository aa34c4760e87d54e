"""Hostile content, generated: every input ends in a located one-line error or a
document, in bounded time (docgen's contract with its users).

Content is generated from the model's own fields (kinds, sections, paragraphs, units,
targets, outcomes, tables, the 通知's parts) filled with hostile strings, numbers and
YAML constructs (tags, anchors and aliases, control characters), then built (DOCX) and
checked in-process. The default run is short, for CI; a long one is asked for with
`pytest tests/test_fuzz.py --hypothesis-profile=long`.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest
import yaml
from hypothesis import event, given
from hypothesis import strategies as st

from docgen.cli import main

HOSTILE = [
    "",
    " ",
    "\x01",
    "\x0b",
    "\x1b[2J",
    "\u202e",
    "\ufeff",
    "\ud7ff",
    "𠀀",
    "<script>",
    "{{ doc }}",
    "{% raw %}",
    "&amp;",
    "%",
    "100%",
    "1e308",
    ".nan",
    "〔2016〕1号",
    "第一",
    "一、",
    "（一）",
    "1.",
    "一是",
    "（责任单位：）",
    "\n",
    "\r",
    "\t",
    "\\",
    "'",
    '"',
    "#",
    "- ",
    ": ",
    "*a",
    "&a",
    "!!int",
    "。" * 300,
    "甲" * 400,
]
# Mostly text a document may hold, so that most cases get as far as the writers; then
# hostile strings, and any text at all.
plain = st.text(
    alphabet="一二三甲乙丙示例工作要点，。、；：“”（）%0123456789", min_size=1, max_size=30
)
text = st.one_of(plain, plain, plain, st.sampled_from(HOSTILE), st.text(max_size=40))
number = st.one_of(
    st.integers(-(10**20), 10**20),
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from([0, -1, 95, 10**50, 1e-320]),
    text,
)
target = st.fixed_dictionaries(
    {"id": text, "says": text, "indicator": text},
    optional={
        "compare": st.sampled_from(["达到", "超过", "以上", "左右", "保持", "定性", "大约"]),
        "value": number,
        "unit": text,
    },
)
paragraph = st.one_of(
    text,
    st.fixed_dictionaries(
        {"text": text},
        optional={
            "units": st.one_of(
                st.lists(text, max_size=3),
                st.fixed_dictionaries(
                    {"lead": st.lists(text, max_size=2)}, optional={"form": text}
                ),
            ),
            "targets": st.lists(target, max_size=2),
        },
    ),
    st.fixed_dictionaries({"points": st.lists(text, max_size=3)}),
    st.fixed_dictionaries({"table": st.lists(st.lists(text, max_size=3), max_size=3)}),
)
section = st.recursive(
    st.fixed_dictionaries({"heading": text}, optional={"body": st.lists(paragraph, max_size=3)}),
    lambda inner: st.fixed_dictionaries(
        {"heading": text},
        optional={
            "run_in": st.booleans(),
            "body": st.lists(paragraph, max_size=2),
            "sections": st.lists(inner, max_size=3),
        },
    ),
    max_leaves=8,
)
document = st.fixed_dictionaries(
    {
        "kind": st.sampled_from(
            ["工作要点", "进展情况", "通知", "意见", "函", "工作要点", "通告?"]
        ),
        "title": text,
        "year": st.one_of(*[st.integers(2000, 2030)] * 4, number),
    },
    optional={
        "intro": st.lists(paragraph, max_size=3),
        "sections": st.lists(section, max_size=3),
        "numbering": st.fixed_dictionaries(
            {},
            optional={
                "levels": st.lists(st.sampled_from(["一、", "（一）", "1.", "1、", "（1）", "x"])),
                "items": st.sampled_from(["restart", "continuous", "x"]),
            },
        ),
        "header": st.fixed_dictionaries({}, optional={"doc_number": number, "issuer_mark": text}),
        "recipients": text,
        "signature": st.fixed_dictionaries({}, optional={"issuer": text, "date": text}),
        "note": text,
    },
)
# Raw YAML mutations: what a hand-edited file may hold that no dict dumps to.
MUTATIONS = [
    lambda t: t,
    lambda t: t.replace("title:", "title: !!int", 1),
    lambda t: t.replace("title:", "title: !!bool", 1),
    lambda t: t.replace("title:", "title: !!timestamp", 1),
    lambda t: t.replace("kind:", "kind: &k", 1) + "note: *k\n",
    lambda t: t + "intro: &r [*r]\n",
    lambda t: t + "x: [" * 80 + "]" * 80 + "\n",
    lambda t: t[: len(t) // 2],
    lambda t: t.replace(":", "：", 1),
    lambda t: t + "title: 再一次\n",
]


@given(document, st.sampled_from([0] * len(MUTATIONS) + list(range(len(MUTATIONS)))))
def test_any_content_is_a_located_error_or_a_document(
    tmp_path_factory: pytest.TempPathFactory,
    capsys: pytest.CaptureFixture[str],
    data: dict,
    mutation: int,
) -> None:
    here = tmp_path_factory.mktemp("fuzz")
    source = here / "d.yaml"
    raw = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    source.write_text(MUTATIONS[mutation](raw), encoding="utf-8")
    capsys.readouterr()
    started = time.monotonic()
    code = main(["build", str(source), "--format", "docx", "--out", str(here / "out")])
    assert time.monotonic() - started < 30
    err = capsys.readouterr().err
    assert code in (0, 2), err
    event("built" if code == 0 else "refused")
    _located(err, source)
    built = list((here / "out").rglob("*.docx")) if (here / "out").exists() else []
    assert bool(built) == (code == 0), err
    assert main(["check", str(source)]) in (0, 1, 2)
    _located(capsys.readouterr().err, source)


def _located(err: str, source: Path) -> None:
    """Every line a problem of the file, named by it; never docgen's own failure."""
    assert "internal error" not in err and "Traceback" not in err, err
    for line in err.splitlines():
        assert line.startswith((str(source), "docgen: note", "docgen check:")), line
