"""Quantities in the units official documents write: 95%, 6500万, 200万名, 1.5亿.

A unit is a magnitude word (万, 亿) and a counted thing (人, 个, 堂, %); values compare
only when the things are the same, so 人次 is never set against 人.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from babel import Locale
from babel.numbers import format_decimal, format_percent

# Dates and numbers as zh_CN writes them; parsed once (babel parses a locale's name at
# every call it is given as text: half of loading a report with a 对照表).
LOCALE = Locale.parse("zh_CN")

MAGNITUDES = {"万亿": 1e12, "亿": 1e8, "万": 1e4, "千": 1e3}
# Words that count the same thing: 名 and 人 both count people.
SAME_THING = {"名": "人", "位": "人"}


def split_unit(unit: str) -> tuple[float, str]:
    """'万人' → (10000, '人'); '%' → (1, '%'); '万' → (10000, '')."""
    for word, factor in MAGNITUDES.items():
        if unit.startswith(word):
            thing = unit[len(word) :]
            return factor, SAME_THING.get(thing, thing)
    return 1.0, SAME_THING.get(unit, unit)


def base_value(value: float, unit: str) -> tuple[float, str]:
    """The value in units of the counted thing: (200, '万名') → (2000000, '人')."""
    factor, thing = split_unit(unit)
    return value * factor, thing


def same_thing(unit_a: str, unit_b: str) -> bool:
    return split_unit(unit_a)[1] == split_unit(unit_b)[1]


def number(value: float) -> str:
    """A count as official documents write it: Arabic digits, no grouping (11200)."""
    return format_decimal(value, format="0.##", locale=LOCALE)


def rate(value: float) -> str:
    """A completion rate to one decimal, rounded half up (四舍五入): 111.25% → 111.3%."""
    rounded = Decimal(repr(value)).quantize(Decimal("0.001"), rounding=ROUND_HALF_UP)
    return format_percent(rounded, format="0.0%", locale=LOCALE, decimal_quantization=False)
