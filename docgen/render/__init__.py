"""Renderers: resolved document → HTML (``html``) → PDF (``pdf``) and DOCX (``docx``)."""
