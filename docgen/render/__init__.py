"""Renderers: resolved document → HTML (``html``) → PDF (``pdf``) and DOCX (``docx``)."""

from __future__ import annotations

from functools import cache
from types import ModuleType

from docgen.errors import RenderError

# What a user without WeasyPrint's libraries (Pango) is told, once per document.
NO_PDF = (
    "the PDF needs WeasyPrint, which cannot run here ({}): install WeasyPrint as its "
    "documentation says for this system (on Windows and macOS: its Pango libraries), or "
    "build --format docx, which does not need it"
)


def pdf_module() -> ModuleType:
    """``docgen.render.pdf``, imported here so that a machine without Pango gets one
    clear line instead of a traceback (WeasyPrint raises OSError for a missing library;
    a WeasyPrint docgen's patches were not written for, a RenderError). Tried once."""
    loaded = _load()
    if isinstance(loaded, RenderError):
        raise loaded
    return loaded


@cache
def _load() -> ModuleType | RenderError:
    try:
        from docgen.render import pdf
    except (ImportError, OSError) as exc:
        reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        return RenderError(NO_PDF.format(reason))
    except RenderError as exc:
        return exc
    return pdf
