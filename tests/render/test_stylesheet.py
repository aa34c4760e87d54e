"""The generated stylesheet is valid CSS: WeasyPrint drops a rule it cannot parse, and
with it the format that rule carried, without failing the build."""

from __future__ import annotations

import logging

import pytest
import tinycss2

from docgen.render.html import stylesheet


def test_every_rule_of_the_stylesheet_parses() -> None:
    rules = tinycss2.parse_stylesheet(stylesheet(), skip_comments=True, skip_whitespace=True)
    errors = [rule for rule in rules if rule.type == "error"]
    assert not errors, [e.message for e in errors]
    for rule in rules:
        if rule.type == "qualified-rule":
            # A stray brace swallows the next rule into the selector of a bad one.
            assert "}" not in tinycss2.serialize(rule.prelude), tinycss2.serialize(rule.prelude)


def test_weasyprint_ignores_nothing_in_it(caplog: pytest.LogCaptureFixture) -> None:
    from weasyprint import CSS

    caplog.set_level(logging.WARNING, logger="weasyprint")
    CSS(string=stylesheet())
    assert not [r.getMessage() for r in caplog.records if r.name.startswith("weasyprint")]
