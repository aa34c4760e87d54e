"""Lengths, modelled on python-docx's ``Length``: an ``int`` of EMU.

EMU (English Metric Units) divide both the millimetre and the point exactly, so a
length from the style spec passes straight to python-docx and prints as CSS without
rounding drift. Each factor is written once, here.
"""

from __future__ import annotations

EMU_PER_MM = 36_000
EMU_PER_PT = 12_700
EMU_PER_TWIP = 635


class Length(int):
    """A length in EMU; build with ``Mm`` or ``Pt``, read back with ``.mm``/``.pt``."""

    @property
    def mm(self) -> float:
        return int(self) / EMU_PER_MM

    @property
    def pt(self) -> float:
        return int(self) / EMU_PER_PT

    @property
    def twips(self) -> int:
        return round(int(self) / EMU_PER_TWIP)

    def css(self) -> str:
        """CSS text in the unit the standard uses: mm for page geometry, pt for type."""
        if int(self) % EMU_PER_MM == 0:
            return f"{self.mm:g}mm"
        return f"{self.pt:.3f}".rstrip("0").rstrip(".") + "pt"

    def __add__(self, other: int) -> Length:
        return Length(int(self) + int(other))

    def __sub__(self, other: int) -> Length:
        return Length(int(self) - int(other))

    def __mul__(self, factor: float) -> Length:  # type: ignore[override]
        return Length(round(int(self) * factor))

    def __truediv__(self, divisor: float) -> Length:  # type: ignore[override]
        return Length(round(int(self) / divisor))

    def __neg__(self) -> Length:
        return Length(-int(self))

    def __repr__(self) -> str:
        return f"Length({self.mm:g}mm = {self.pt:.2f}pt)"


def Mm(value: float) -> Length:  # noqa: N802 - reads like a unit, as in python-docx
    return Length(round(value * EMU_PER_MM))


def Pt(value: float) -> Length:  # noqa: N802
    return Length(round(value * EMU_PER_PT))


# 字号: the named type sizes of Chinese typesetting, in points.
ZIHAO: dict[str, Length] = {
    "初号": Pt(42),
    "小初": Pt(36),
    "一号": Pt(26),
    "小一": Pt(24),
    "二号": Pt(22),
    "小二": Pt(18),
    "三号": Pt(16),
    "小三": Pt(15),
    "四号": Pt(14),
    "小四": Pt(12),
    "五号": Pt(10.5),
}
