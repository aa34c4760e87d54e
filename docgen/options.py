"""What a build is asked for: formats, PDF variant, how files are named. A module of
its own, light to import, so that the CLI reads its arguments before loading the
renderers."""

from __future__ import annotations

from dataclasses import dataclass

FORMATS = ("pdf", "docx")
CROSSREF_FORMATS = ("pdf", "docx", "csv", "xlsx")
NAMES = ("title", "file")  # output files named after the document's title, or its YAML
PDF_VARIANTS = ("pdf/a-3b", "pdf/ua-1")  # archival; tagged and accessible


@dataclass(frozen=True)
class Options:
    formats: tuple[str, ...] = FORMATS
    pdf_variant: str | None = None  # pdf/a-3b (archival) or pdf/ua-1 (tagged, accessible)
    names: str = "title"
