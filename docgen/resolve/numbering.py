"""Numbers of headings and enumerations, computed from position: 一、（一）1.（1） 一是.

GB/T 9704 §7.3.3 fixes the four levels of 层次序数; the Chinese numerals follow common
usage (十一, 二十, 一百零一). Nothing here is typed by a person: moving an item in the
YAML renumbers everything after it.
"""

from __future__ import annotations

from docgen.chinese import chinese_numeral

__all__ = ["chinese_numeral", "heading_number", "heading_style", "kin", "point_marker"]

# Each number form: how its n-th number prints, and which of GB/T 9704's four heading
# styles (一、黑体 （一）楷体 1.仿宋 （1）仿宋) it prints in. A 规定's or 规划's 第一章 and
# 第一节 are set centred in 黑体 and 楷体, a full-width space after the number; its
# 第一条 leads its article's paragraph in 黑体, as they are printed.
FORMS = {
    "第一章": (lambda n: f"第{chinese_numeral(n)}章\u3000", 1),
    "第一节": (lambda n: f"第{chinese_numeral(n)}节\u3000", 2),
    "第一条": (lambda n: f"第{chinese_numeral(n)}条\u3000", 1),
    "一、": (lambda n: f"{chinese_numeral(n)}、", 1),
    "（一）": (lambda n: f"（{chinese_numeral(n)}）", 2),
    "1.": (lambda n: f"{n}.", 3),
    "1、": (lambda n: f"{n}、", 3),
    "（1）": (lambda n: f"（{n}）", 4),
}
STANDARD = ("一、", "（一）", "1.", "（1）")
CENTRED = frozenset({"第一章", "第一节"})  # headings set centred on their line


def kin(form: str) -> str:
    """1、 is a way of writing 1. (a school's): mixed with it, or numbered on with it, it
    counts as the other."""
    return "1." if form == "1、" else form


def heading_number(level: int, n: int, levels: tuple[str, ...] | list[str] = STANDARD) -> str:
    """The printed number of the n-th heading at a depth (1 to 4) of a numbering scheme
    (the forms of its levels, top first; GB/T 9704's by default)."""
    if not 1 <= level <= len(levels):
        raise ValueError(f"the numbering has {len(levels)} levels; level {level} is too deep")
    return FORMS[levels[level - 1]][0](n)


def heading_style(level: int, levels: tuple[str, ...] | list[str] = STANDARD) -> int:
    """Which of the four heading styles a depth's form prints in (1 to 4)."""
    return FORMS[levels[level - 1]][1]


def point_marker(n: int) -> str:
    """一是, 二是 … for the n-th point of an enumeration."""
    return f"{chinese_numeral(n)}是"
