"""docgen: Chinese official documents (公文, GB/T 9704-2012) from structured YAML.

The stages, each a function returning a value you can print::

    doc = load("content/2016/gongzuoyaodian.yaml")   # YAML → model.Document
    resolved = resolve(doc)                            # numbers computed
    html = render_html(resolved)                       # the one HTML of every output
    pdf = pdf_bytes(html); docx = docx_bytes(html)
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

__all__ = ["docx_bytes", "load", "pdf_bytes", "render_html", "resolve"]

if TYPE_CHECKING:
    from docgen.content.load import load
    from docgen.render.docx import docx_bytes
    from docgen.render.html import render_html
    from docgen.render.pdf import pdf_bytes
    from docgen.resolve import resolve

_WHERE = {
    "load": "docgen.content.load",
    "resolve": "docgen.resolve",
    "render_html": "docgen.render.html",
    "pdf_bytes": "docgen.render.pdf",
    "docx_bytes": "docgen.render.docx",
}


def __getattr__(name: str) -> Any:
    """Import stages lazily: `docgen --version` should not pay for WeasyPrint."""
    if name in _WHERE:
        import importlib

        return getattr(importlib.import_module(_WHERE[name]), name)
    raise AttributeError(name)
