"""Numbers of headings and enumerations, computed from position: 一、（一）1.（1） 一是.

GB/T 9704 §7.3.3 fixes the four levels of 层次序数; the Chinese numerals follow common
usage (十一, 二十, 一百零一). Nothing here is typed by a person: moving an item in the
YAML renumbers everything after it.
"""

from __future__ import annotations

from docgen.chinese import chinese_numeral

__all__ = ["chinese_numeral", "heading_number", "heading_style", "point_marker"]

# Each number form: how its n-th number prints, and which of GB/T 9704's four heading
# styles (一、黑体 （一）楷体 1.仿宋 （1）仿宋) it prints in.
FORMS = {
    "一、": (lambda n: f"{chinese_numeral(n)}、", 1),
    "（一）": (lambda n: f"（{chinese_numeral(n)}）", 2),
    "1.": (lambda n: f"{n}.", 3),
    "1、": (lambda n: f"{n}、", 3),
    "（1）": (lambda n: f"（{n}）", 4),
}
STANDARD = ("一、", "（一）", "1.", "（1）")


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
