"""Reading a laid-out page back: lines of characters with their positions in mm."""

from __future__ import annotations

import subprocess
import tempfile
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import pdfplumber
from PIL import Image

MM = 72 / 25.4


@dataclass
class TextLine:
    top: float  # mm from the paper's top edge to the glyph tops
    left: float  # mm
    right: float  # mm
    chars: list[dict]

    @property
    def text(self) -> str:
        return "".join(c["text"] for c in self.chars)

    @property
    def fonts(self) -> set[str]:
        return {c["fontname"].split("+", 1)[-1] for c in self.chars}

    @property
    def size(self) -> float:
        return max(c["size"] for c in self.chars)


@dataclass
class Page:
    number: int
    lines: list[TextLine]  # inside the 版心 (above its bottom edge)
    footer: list[TextLine]  # below it
    turned: bool = False  # laid out landscape (GB/T 9704 §8): the 附表's pages


def is_turned(page: pdfplumber.page.Page) -> bool:
    """A page laid out landscape: turned onto a portrait sheet by /Rotate (docgen's PDF)
    or a landscape page (LibreOffice's PDF of a DOCX's landscape section)."""
    return bool(page.rotation % 180) or page.width > page.height


def unturned(path: Path, folder: Path | None = None) -> Path:
    """A copy of a PDF with its pages' /Rotate taken off: a landscape table as it reads
    when the sheet is turned (pdfplumber's tables and text read it so). In `folder`, or
    a new temporary one."""
    from pypdf import PdfReader, PdfWriter

    folder = folder or Path(tempfile.mkdtemp())
    writer = PdfWriter(clone_from=PdfReader(path))
    for page in writer.pages:
        if page.rotation:
            page.rotation = 0
    out = folder / f"{path.stem}-unturned.pdf"
    with out.open("wb") as f:
        writer.write(f)
    return out


def read_pages(path: Path, text_bottom_mm: float = 262) -> list[Page]:
    pages = []
    with pdfplumber.open(path) as pdf:
        for number, page in enumerate(pdf.pages, 1):
            rows: dict[float, list[dict]] = defaultdict(list)
            for c in page.chars:
                rows[round(c["bottom"], 0)].append(c)
            lines = []
            for _, chars in sorted(rows.items()):
                chars.sort(key=lambda c: c["x0"])
                lines.append(
                    TextLine(
                        top=min(c["top"] for c in chars) / MM,
                        left=chars[0]["x0"] / MM,
                        right=max(c["x1"] for c in chars) / MM,
                        chars=chars,
                    )
                )
            pages.append(
                Page(
                    number,
                    [line for line in lines if line.top < text_bottom_mm],
                    [line for line in lines if line.top >= text_bottom_mm],
                    is_turned(page),
                )
            )
    return pages


def page_image(path: Path, page: int, dpi: int, gray: bool = True) -> Image.Image:
    """One page of a PDF rendered by poppler, as a PIL image (loaded, file removed)."""
    with tempfile.TemporaryDirectory() as tmp:
        args = ["pdftoppm", "-r", str(dpi), "-f", str(page), "-l", str(page)]
        subprocess.run([*args, *(["-gray"] if gray else []), str(path), f"{tmp}/p"], check=True)
        (png,) = Path(tmp).iterdir()
        with Image.open(png) as image:
            image.load()
            return image.copy()


def libreoffice_pdf(docx: list[Path], out: Path, profile: Path) -> None:
    """The DOCX files as LibreOffice lays them out, as PDFs in `out`."""
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(out),
            *map(str, docx),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )


def ink_top(path: Path, page: int, dpi: int = 300) -> float:
    """mm from the paper's top edge to the first inked row of a page: where the glyphs
    really start, whatever ascent a PDF's font descriptor claims."""
    from PIL import ImageOps

    image = page_image(path, page, dpi)
    ink = ImageOps.invert(image.convert("L")).point(lambda v: 255 if v > 127 else 0)
    box = ink.getbbox()
    assert box, f"page {page} of {path} is blank"
    return box[1] / dpi * 25.4
