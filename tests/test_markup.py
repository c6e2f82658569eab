"""Escaping user text: hand cases, the hostile-name corpus, and invariants on any text."""

from __future__ import annotations

import html
import json
import re
import string
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kmeans.markup import FORMULA_START, for_html, for_markdown, for_plotly, formula_safe, one_line

HOSTILE = json.loads((Path(__file__).parent / "data" / "hostile_names.json").read_text("utf-8"))
PUNCTUATION = frozenset(string.punctuation)
JOINER = "\u2060"


def markdown_source_to_text(source: str) -> str:
    """What CommonMark shows for ``source`` if every punctuation mark in it is escaped.

    Fails the test when one is not: a bare ``*``, ``[`` or ``<`` could start markup.
    """
    shown, i = [], 0
    while i < len(source):
        char = source[i]
        if char == "\\":
            assert i + 1 < len(source) and source[i + 1] in PUNCTUATION, source
            shown.append(source[i + 1])
            i += 2
            continue
        assert char not in PUNCTUATION, f"bare {char!r} in {source!r}"
        shown.append(char)
        i += 1
    return "".join(shown).replace(JOINER, "")


def plotly_source_to_text(source: str) -> str:
    """What plotly.js shows for ``source``: numeric character references decoded.

    Fails the test when a character plotly.js treats as markup is left bare.
    """
    assert not set(source) & set("<>${}"), source
    assert re.fullmatch(r"([^&]|&#\d+;)*", source), source
    return re.sub(r"&#(\d+);", lambda m: chr(int(m.group(1))), source)


# ------------------------------------------------------------------------ hand cases
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("plain name", "plain name"),
        ("**x**", r"\*\*x\*\*"),
        ("![](u)", r"\!\[\]\(u\)"),
        ("$x$", r"\$x\$"),
        ("a->b", "a\\-\u2060\\>\u2060b"),
        (":smile:", "\\:\u2060smile\\:\u2060"),
        ("www.x", "www\u2060\\.x"),
        ("a@b", "a\\@\u2060b"),
        ("two\nlines", "two lines"),
        ("x\u202ey", "xy"),
        (3.5, r"3\.5"),
    ],
)
def test_for_markdown_escapes_each_markup_character(text, expected):
    assert for_markdown(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("x (cm)", "x (cm)"),
        ("<b>x</b>", "&#60;b&#62;x&#60;/b&#62;"),
        ("a & b", "a &#38; b"),
        ("%{x}", "%&#123;x&#125;"),
        ("71% of 'all'", "71% of 'all'"),
        ("$y$", "&#36;y&#36;"),
        ("two\nlines", "two lines"),
    ],
)
def test_for_plotly_turns_markup_characters_into_references(text, expected):
    assert for_plotly(text) == expected


def test_for_html_escapes_tags_quotes_and_ampersands():
    assert for_html("<a href='x'>&</a>") == "&lt;a href=&#x27;x&#x27;&gt;&amp;&lt;/a&gt;"


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("=1+2", "'=1+2"),
        ("+cmd", "'+cmd"),
        ("-y", "'-y"),
        ("@x", "'@x"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("-e1", "'-e1"),
        ("-3.5", "-3.5"),
        ("+1e3", "+1e3"),
        ("-1.234,5", "-1.234,5"),
        ("x=1", "x=1"),
        ("", ""),
    ],
)
def test_formula_safe_makes_formulas_text_and_keeps_numbers(cell, expected):
    assert formula_safe(cell) == expected


def test_one_line_keeps_letters_and_flattens_breaks():
    assert one_line("Zoë\r\nnaïve\u2028x\x00") == "Zoë  naïve x "


# ------------------------------------------------------------ the hostile-name corpus
@pytest.mark.parametrize("name", HOSTILE)
def test_every_hostile_name_shows_as_written_in_markdown(name):
    assert markdown_source_to_text(for_markdown(name)) == one_line(name)


@pytest.mark.parametrize("name", HOSTILE)
def test_every_hostile_name_shows_as_written_in_plotly(name):
    assert plotly_source_to_text(for_plotly(name)) == one_line(name)


@pytest.mark.parametrize("name", HOSTILE)
def test_every_hostile_name_shows_as_written_in_html(name):
    escaped = for_html(name)
    assert not set(escaped) & set("<>\"'")
    assert html.unescape(escaped) == name.translate(dict.fromkeys(map(ord, "\u202e\u2066\u2069")))


@pytest.mark.parametrize("name", HOSTILE)
def test_no_hostile_name_leaves_a_formula_start(name):
    safe = formula_safe(name)
    assert safe in (name, "'" + name)
    assert not re.match(FORMULA_START, safe)


# ------------------------------------------------------------------------ invariants
@given(st.text())
def test_markdown_escape_round_trips_any_text(text):
    # Word joiners are invisible: the escape adds some, and the text may hold its own.
    assert markdown_source_to_text(for_markdown(text)) == one_line(text).replace(JOINER, "")


@given(st.text())
def test_plotly_escape_round_trips_any_text(text):
    assert plotly_source_to_text(for_plotly(text)) == one_line(text)


@given(st.text())
def test_formula_safe_never_leaves_a_formula(text):
    safe = formula_safe(text)
    assert safe in (text, "'" + text)
    assert not re.match(r"[=@\t\r]", safe)
    assert not re.match(r"[+-]", safe) or re.fullmatch(r"[-+0-9.,eE\s]+", safe)
