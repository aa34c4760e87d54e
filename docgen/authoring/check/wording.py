"""Wording rules: one text value → the places in it that break GB/T 15834/15835 or
公文 practice.

Each finding is a span of the value, a rule id (``rules.RULES``), a message, and, where
the rewrite is unambiguous (the width of , ; : ? ! ( ) . beside Chinese), the
replacement ``--fix`` writes. The rules look at the text alone; the exceptions a
writer records beside a line are applied by the caller.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from docgen.chinese import FULL_WIDTH, is_cjk, is_han


@dataclass(frozen=True)
class Finding:
    rule: str
    start: int  # span in the value
    end: int
    message: str
    replacement: str | None = None  # what --fix writes over the span, if it may


def _neighbours(text: str, start: int, end: int) -> tuple[str, str]:
    """The nearest non-space characters before and after a span ('' at the ends)."""
    before = text[:start].rstrip(" \t")
    after = text[end:].lstrip(" \t")
    return (before[-1] if before else "", after[0] if after else "")


def _spaced(text: str, start: int, end: int) -> tuple[int, int]:
    """The span widened over the spaces around it, which a full-width mark absorbs."""
    while start > 0 and text[start - 1] in " \t":
        start -= 1
    while end < len(text) and text[end] in " \t":
        end += 1
    return start, end


def half_width_punct(text: str) -> Iterator[Finding]:
    """Half-width marks beside Chinese text. , ; : ? ! . ( ) have one full-width form
    each and are rewritten; " ' - / are left to the writer: which quote opens, and
    whether - is a 连接号 (—) or / a 分隔号, is a matter of meaning."""
    pairs = _paren_pairs(text)
    for i, ch in enumerate(text):
        if ch in ",;:?!":
            before, after = _neighbours(text, i, i + 1)
            if ch == ":" and before.isdigit() and after.isdigit():
                continue  # a time or ratio, 7:30
            if is_cjk(before) or is_cjk(after):
                start, end = _spaced(text, i, i + 1)
                yield Finding(
                    "half-width-punct",
                    start,
                    end,
                    f"half-width {ch} in Chinese text (write {FULL_WIDTH[ch]})",
                    FULL_WIDTH[ch],
                )
        elif ch == ".":
            before = text[i - 1] if i else ""
            if is_han(before) or before in "”’）》":
                yield Finding(
                    "half-width-punct", i, i + 1, "half-width . after Chinese (write 。)", "。"
                )
        elif ch in "()" and i in pairs:
            other = pairs[i]
            lo, hi = min(i, other), max(i, other)
            before, _ = _neighbours(text, lo, lo + 1)
            _, after = _neighbours(text, hi, hi + 1)
            inside = text[lo + 1 : hi]
            if is_cjk(before) or is_cjk(after) or any(map(is_han, inside)):
                yield Finding(
                    "half-width-punct",
                    i,
                    i + 1,
                    f"half-width {ch} in Chinese text (write {FULL_WIDTH[ch]})",
                    FULL_WIDTH[ch],
                )
        elif ch in "\"'":
            before, after = _neighbours(text, i, i + 1)
            if is_cjk(before) or is_cjk(after):
                want = "“”" if ch == '"' else "‘’"
                yield Finding(
                    "half-width-punct", i, i + 1, f"half-width {ch} in Chinese text (write {want})"
                )
        elif ch in "-/":
            before = text[i - 1] if i else ""
            after = text[i + 1] if i + 1 < len(text) else ""
            if is_han(before) and is_han(after):
                what = "连接号 — or 、" if ch == "-" else "分隔号 ／, 、 or 或"
                yield Finding(
                    "half-width-punct",
                    i,
                    i + 1,
                    f"half-width {ch} between Chinese words: {_around(text, i)} (write a {what})",
                )


def _around(text: str, i: int, width: int = 4) -> str:
    """A few characters either side of a place, to name it in a message."""
    return text[max(0, i - width) : i + width + 1]


def _paren_pairs(text: str) -> dict[int, int]:
    """Matching half-width parentheses, each index to its partner's (unmatched: itself)."""
    pairs: dict[int, int] = {}
    stack: list[int] = []
    for i, ch in enumerate(text):
        if ch == "(":
            stack.append(i)
        elif ch == ")":
            if stack:
                j = stack.pop()
                pairs[i], pairs[j] = j, i
            else:
                pairs[i] = i
    for j in stack:
        pairs[j] = j
    return pairs


_NUMBER = r"\d+(?:\.\d+)?"
# A range of numbers: 20%-30%, 2016-2020年, 3~5个. Not a code (GB/T 9704-2012: a letter
# or / before the number) and not a date (2016-12-31).
_RANGE = re.compile(
    rf"(?<![\w./\-])({_NUMBER}\s*[%‰]?)\s*([-–~])\s*({_NUMBER})(?![\w.]*-\d)", re.ASCII
)


def _code_before(text: str, at: int) -> bool:
    """Whether a letter or / stands before `at`, past spaces (a code: GB/T 9704-2012).
    Looked for backwards from `at`: a search of the whole text before it made check
    quadratic in a paragraph's length."""
    i = at - 1
    while i >= 0 and text[i] in " \t":
        i -= 1
    return i >= 0 and (text[i] == "/" or (text[i].isascii() and text[i].isalpha()))


def range_hyphen(text: str) -> Iterator[Finding]:
    for m in _RANGE.finditer(text):
        if _code_before(text, m.start()):
            continue  # GB/T 9704-2012, ISO 8601-1
        mark = m.group(2)
        yield Finding(
            "range-hyphen",
            m.start(2),
            m.end(2),
            f"a range written with {mark}: {m.group(0)} (write ～)",
        )


_SHORT_YEAR = (
    # 16年12月, 16年度, 16年底 — not 10年来 (ten years) nor 2016年.
    re.compile(r"(?<![\d.〔])\d{2}年(?=\d{1,2}月|度|底|初|末|上半年|下半年)"),
    re.compile(r"〔\d{2}〕"),  # 教技厅〔16〕1号
    re.compile(r"[’'‘]\d{2}(?!\d)"),  # ’16
)


def short_year(text: str) -> Iterator[Finding]:
    for pattern in _SHORT_YEAR:
        for m in pattern.finditer(text):
            yield Finding(
                "short-year",
                m.start(),
                m.end(),
                f"a shortened year: {m.group(0)} (write it in full)",
            )


# 发文字号: 机关代字 + 〔year〕 + number + 号.
_DOCNUM = re.compile(r"([〔\[［(（【])(\d{4})([〕\]］)）】])(第?)(\d+)号")


def document_number(text: str) -> Iterator[Finding]:
    for m in _DOCNUM.finditer(text):
        whole = m.group(0)
        if m.group(1) != "〔" or m.group(3) != "〕":
            yield Finding(
                "docnum-brackets",
                m.start(1),
                m.end(3),
                f"{whole}: the year of a 发文字号 stands in 〔〕",
            )
        if m.group(4):
            yield Finding("docnum-di", m.start(4), m.end(4), f"{whole}: a 发文字号 has no 第")
        if m.group(5).startswith("0"):
            yield Finding(
                "docnum-zero",
                m.start(5),
                m.end(5),
                f"{whole}: a 发文字号's number has no leading 0",
            )


_CN_DIGITS = "〇零一二三四五六七八九十百千万亿两"
# A count or measure: a Chinese number with a place (十 百 千 万 亿) followed by a unit.
_UNIT = "人名个所门条台套件元次项篇场期批家间册节集堂岁天"
_CN_COUNT = re.compile(
    rf"(?<![\d.第几数上{_CN_DIGITS}])[{_CN_DIGITS}]*[十百千万亿][{_CN_DIGITS}]*(?=[{_UNIT}])"
)
_CN_PERCENT = re.compile(rf"百分之[{_CN_DIGITS}点]+")
_CN_YEAR = re.compile(r"[〇零一二三四五六七八九]{4}年")


def _ordinal_listed(text: str, at: int) -> bool:
    """Whether a number stands in a list or range of ordinals after a 第: 第十四、十五、
    十六条, 第十四条、十五条, 第二十四至二十六条 (the articles a regulation cites), not a
    count."""
    before = text[:at].rstrip(_CN_DIGITS + "、至条款项")
    return at > 0 and text[at - 1] in "、至" and before.endswith("第")


def chinese_number(text: str) -> Iterator[Finding]:
    """Statistics in Chinese numerals. Fixed expressions (三通两平台, 十三五, 十八大),
    single-character counts (九个方面) and approximations (三四个) are left alone, as
    GB/T 15835 allows."""
    for m in _CN_COUNT.finditer(text):
        if len(m.group(0)) < 2 or _ordinal_listed(text, m.start()):
            continue
        yield Finding(
            "chinese-number",
            m.start(),
            m.end(),
            f"a count in Chinese numerals: {m.group(0)}{text[m.end()]} (write it in Arabic)",
        )
    for pattern, what in ((_CN_PERCENT, "a percentage"), (_CN_YEAR, "a year")):
        for m in pattern.finditer(text):
            yield Finding(
                "chinese-number",
                m.start(),
                m.end(),
                f"{what} in Chinese numerals: {m.group(0)} (write it in Arabic)",
            )


TEXT_RULES = (half_width_punct, range_hyphen, short_year, document_number, chinese_number)


def find(text: str) -> list[Finding]:
    """Every wording finding in one text value, in order."""
    found = [f for rule in TEXT_RULES for f in rule(text)]
    return sorted(found, key=lambda f: (f.start, f.rule))


QUOTE_STYLES = {"“”": "“”‘’", "「」": "「」『』"}


def quote_marks(text: str) -> Iterator[tuple[str, int]]:
    """(style, index) of every Chinese quotation mark, for the document-wide
    mixed-quotes rule."""
    for i, ch in enumerate(text):
        for style, marks in QUOTE_STYLES.items():
            if ch in marks:
                yield style, i
