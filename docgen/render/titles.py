"""Breaking a long title into balanced lines (GB/T 9704 §7.3.1: 梯形 or 菱形).

A title wider than the 版心 breaks into as few lines as fit, as nearly equal as the
places it may break allow. It never breaks inside a number. It breaks first at the
joints official titles are built from (after 关于 and 印发, around 的, after a year,
before the document's kind); where those give no even lines, between words too (found
with jieba's dictionary, ``chinese.words``); inside a name in 《》, brackets or quotes
only where nothing outside it fits, and then between its words; inside a word only if
nothing else fits.
"""

from __future__ import annotations

import itertools
import math
import re
from collections.abc import Callable

from docgen import fonts
from docgen.chinese import NO_LINE_END, NO_LINE_START, inside_words

_PAIRS = {"《": "》", "（": "）", "“": "”", "〔": "〕", "(": ")"}
# Joints a title may break at: the position just after these words ...
_AFTER = ("关于", "印发", "转发", "的", "和", "与", "及", "、", "，", "》", "）")
# ... and just before these (a document's kind, and the words before it).
_BEFORE = (
    "的通知",
    "的意见",
    "的报告",
    "的决定",
    "的批复",
    "的函",
    "的请示",
    "的通报",
    "工作要点",
    "进展情况",
    "工作进展情况",
    "实施方案",
    "目标完成情况",
    "对照表",
    "《",
)


def _named(text: str) -> set[int]:
    """Positions (between text[i-1] and text[i]) inside a bracketed name: 《…》, （…）."""
    inside: set[int] = set()
    depth: list[str] = []
    for i, char in enumerate(text):
        if depth:
            inside.add(i)
        if char in _PAIRS:
            depth.append(_PAIRS[char])
        elif depth and char == depth[-1]:
            depth.pop()
    return inside


def _unbreakable(text: str) -> set[int]:
    """Positions (between text[i-1] and text[i]) that must never be a line break: inside
    a number, before a mark that never starts a line, after one that never ends it."""
    blocked: set[int] = set()
    for match in re.finditer(r"[0-9A-Za-z.%]+", text):
        blocked.update(range(match.start() + 1, match.end()))
    for i in range(1, len(text)):
        if text[i] in NO_LINE_START or text[i - 1] in NO_LINE_END:
            blocked.add(i)
    return blocked


def _joints(text: str) -> list[int]:
    found = set()
    for word in _AFTER:
        for m in re.finditer(re.escape(word), text):
            found.add(m.end())
    for word in _BEFORE:
        for m in re.finditer(re.escape(word), text):
            found.add(m.start())
    return sorted(p for p in found if 0 < p < len(text))


def _near_split(position: int, length: int, lines: int, slack: int = 6) -> bool:
    return any(abs(position - length * k / lines) <= slack for k in range(1, lines))


def break_title(text: str, metrics: fonts.Metrics | None, size: float, width: float) -> list[str]:
    """The title's lines: as few as fit `width` (pt), as even as the joints allow, and
    never inside a word where another place will do."""

    def w(s: str) -> float:
        return fonts.text_width(metrics, s, size)

    if w(text) <= width:
        return [text]
    hard = _unbreakable(text)
    blocked = hard | _named(text)
    joints = [p for p in _joints(text) if p not in blocked]
    fewest = max(2, math.ceil(w(text) / width))
    found = _best(text, joints, set(joints), fewest, w, width)
    if found and found[0][0] <= size * EVEN_ENOUGH:
        return found[1]  # the joints do: no dictionary needed (most titles)
    inside = inside_words(text)
    places = range(1, len(text))
    for candidates in (
        {p for p in places if p not in blocked and p not in inside} | set(joints),
        # a name in 《》 longer than what its line leaves: between its words
        {p for p in places if p not in hard and p not in inside} | set(joints),
        {p for p in places if p not in blocked},  # inside a word, outside names
    ):
        for lines in range(fewest, 5):
            if found := _best(text, sorted(candidates), set(joints), lines, w, width):
                return found[1]
    return [text]  # nothing fits: WeasyPrint and Word wrap it as they can


# A split at joints whose lines differ by at most this many characters is taken as it
# is; a worse one is weighed against places between words, each costing the width of
# WORD_BREAK_COST characters of evenness (a joint costs nothing).
EVEN_ENOUGH = 8
WORD_BREAK_COST = 2


def _best(
    text: str,
    candidates: list[int],
    joints: set[int],
    lines: int,
    w: Callable[[str], float],
    width: float,
) -> tuple[tuple[float, float], list[str]] | None:
    """The best split into `lines` lines at `candidates` that fits: even lines first
    (a break between words costs some evenness), then the 梯形 with the shorter line on
    top."""
    best = None
    size = w("国")
    # Only places near an even split can make even lines: this keeps a long title's
    # search small (every combination of 100 places took seconds).
    near = [p for p in candidates if _near_split(p, len(text), lines)]
    for cut in itertools.combinations(near, lines - 1):
        # A break at a space drops the space: it would stand at a line's start in Word.
        parts = [text[a:b].strip(" ") for a, b in itertools.pairwise((0, *cut, len(text)))]
        widths = [w(p) for p in parts]
        if max(widths) > width:
            continue
        cost = size * WORD_BREAK_COST * sum(1 for c in cut if c not in joints)
        score = (max(widths) - min(widths) + cost, widths[0] - widths[-1])
        if best is None or score < best[0]:
            best = (score, parts)
    return best
