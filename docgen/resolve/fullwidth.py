"""Half-width punctuation in Chinese text → the full-width forms official documents use.

Input: one paragraph as typed or published (``(责任单位:科技司)``, ``95%,其中``). Output:
the same characters with each half-width mark that stands in Chinese text replaced by
its full-width form (``（责任单位：科技司）``, ``95%，其中``), and the spaces between
Chinese characters dropped. Marks between Latin letters or digits (``7:30``, ``1,000``,
``http://``) are left as they are; ``%`` ``/`` and decimal points never change.
"""

from __future__ import annotations

import re

_FULL = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！", "(": "（", ")": "）"}
# Chinese characters, their punctuation and the full-width forms.
_CJK = re.compile(
    r"[\u2014\u2018-\u201d\u2026\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef]"
)
_IDEOGRAPH = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")
# Spaces with Chinese on both sides: official text has none.
_CJK_SPACE = re.compile(
    r"(?<=[\u2014\u2018-\u201d\u2026\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef])"
    r"[ \t\u00a0\u3000]+"
    r"(?=[\u2014\u2018-\u201d\u2026\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef])"
)


def is_cjk(char: str) -> bool:
    return bool(char) and _CJK.match(char) is not None


def full_width(text: str) -> str:
    """The paragraph with its punctuation in the forms official Chinese text uses."""
    chars = list(text)
    _brackets(chars)
    for i, c in enumerate(chars):
        before = chars[i - 1] if i else ""
        after = chars[i + 1] if i + 1 < len(chars) else ""
        if c in ",;:?!()" and (is_cjk(before) or is_cjk(after)):
            chars[i] = _FULL[c]
        elif c == "." and _IDEOGRAPH.match(before or " ") and (not after or is_cjk(after)):
            chars[i] = "。"  # a sentence's end, not a decimal point or 1. marker
    text = "".join(chars)
    text = _quotes(text)
    return _CJK_SPACE.sub("", text)


def _brackets(chars: list[str]) -> None:
    """A half-width pair ( ) becomes （ ） when it encloses or adjoins Chinese text."""
    opened: list[int] = []
    for i, c in enumerate(chars):
        if c == "(":
            opened.append(i)
        elif c == ")" and opened:
            start = opened.pop()
            inner = chars[start + 1 : i]
            before = chars[start - 1] if start else ""
            after = chars[i + 1] if i + 1 < len(chars) else ""
            if any(is_cjk(x) for x in inner) or is_cjk(before) or is_cjk(after):
                chars[start], chars[i] = "（", "）"


def _quotes(text: str) -> str:
    """Straight double quotes around Chinese text → “ ”, when they pair up."""
    if '"' not in text or text.count('"') % 2 or not _CJK.search(text):
        return text
    parts = text.split('"')
    out = [parts[0]]
    for k, part in enumerate(parts[1:]):
        out.append("“" if k % 2 == 0 else "”")
        out.append(part)
    return "".join(out)


def inner_brackets(text: str) -> str:
    """A text that goes inside brackets: GB/T 15834 sets brackets within brackets square,
    （…［…］…）."""
    return text.translate(str.maketrans("（）", "［］"))
