"""Text from a user's file is data, never markup: the one place that escapes it.

Column names, cell values and file names reach the visitor through three renderers, each with
its own markup, and one spreadsheet program:

- Streamlit Markdown (``st.markdown``, ``st.caption``, ``st.info`` / ``st.warning`` /
  ``st.error``, widget labels and help): GitHub Markdown plus links, images, HTML entities,
  ``$`` LaTeX, ``:emoji:`` and ``:material/icon:`` shortcodes, ``:red[...]`` colours,
  autolinked ``http://``, ``www.`` and e-mail addresses, and arrows made of ``<- -> -- >=``.
  Use :func:`for_markdown`.
- Plotly text (titles, axis titles, hover text, annotations, legend names): a subset of HTML
  (``<a href>``, ``<span style>``, ``<br>``, ``<b>``...), entities, ``$`` TeX and
  ``%{...}`` templates in hover templates. Use :func:`for_plotly`.
- HTML written by the page (the slides export, ``st.html``). Use :func:`for_html`.
- A CSV opened in a spreadsheet runs a cell starting with ``= + - @`` as a formula.
  Use :func:`formula_safe` for a single cell or header.

Each escape shows the text exactly as written (apart from line breaks and other control
characters, shown as spaces, and invisible direction overrides, dropped), so the visitor reads
what is in the file. Escape each piece of user text on its own, then put it into the page's
own Markdown or HTML, never the reverse. This module never imports streamlit or plotly.
"""

from __future__ import annotations

import html
import re
import string
import unicodedata

__all__ = [
    "FORMULA_START",
    "for_html",
    "for_markdown",
    "for_plotly",
    "formula_safe",
    "one_line",
]

FORMULA_START = r"[=+\-@\t\r]"
"""Regular expression of a first character that makes a spreadsheet run a cell as a formula."""

# Unicode bidirectional embeddings, overrides and isolates: invisible, they reorder what follows
# them, so a name could show as something else than what the file says.
_BIDI_CONTROLS = dict.fromkeys(map(ord, "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"))
_MARKDOWN_PUNCTUATION = frozenset(string.punctuation)
# Streamlit turns some character runs into something else after Markdown parsing (emoji and
# icon shortcodes, ":red[...]", autolinks, "->" arrows), where a backslash no longer counts.
# An invisible WORD JOINER after these characters breaks every such run.
_WORD_JOINER = "\u2060"
_JOIN_AFTER = frozenset(":-<>~@")
_WWW = re.compile(r"(?i)(www)(?=\.)")
_PLOTLY_ENTITIES = {ord(c): f"&#{ord(c)};" for c in "&<>${}"}
_HARMLESS_NUMBER = re.compile(r"\s*[+-]?(\d+([.,]\d*)*|[.,]\d+)([eE][+-]?\d+)?\s*")


def one_line(text: object) -> str:
    """The text on one line: control characters (line breaks, tabs) as spaces, overrides dropped.

    Parameters
    ----------
    text : object
        Converted with ``str``.

    Returns
    -------
    str

    Examples
    --------
    >>> one_line("two\\nlines\\tand a tab")
    'two lines and a tab'
    >>> one_line("abc\\u202edef")
    'abcdef'
    """
    flat = str(text).translate(_BIDI_CONTROLS)
    return "".join(" " if unicodedata.category(c) in ("Cc", "Zl", "Zp") else c for c in flat)


def for_markdown(text: object) -> str:
    """Text to put inside Streamlit Markdown so that it shows as written, on one line.

    Every ASCII punctuation character gets a backslash (CommonMark's escape, which also stops
    ``$`` LaTeX and HTML), and a zero-width word joiner follows ``: - < > ~ @`` and sits
    between ``www`` and its dot, so Streamlit's shortcodes, colours, arrows and autolinks
    never form. Do not put the result inside backticks (code spans take backslashes literally).

    Parameters
    ----------
    text : object
        A column name, a cell, a file name...; converted with ``str``.

    Returns
    -------
    str
        Markdown source that renders as ``one_line(text)``.

    Examples
    --------
    >>> for_markdown("**x**")
    '\\\\*\\\\*x\\\\*\\\\*'
    >>> for_markdown("a b")
    'a b'
    """
    out = []
    for char in _WWW.sub(r"\1" + _WORD_JOINER, one_line(text)):
        out.append("\\" + char if char in _MARKDOWN_PUNCTUATION else char)
        if char in _JOIN_AFTER:
            out.append(_WORD_JOINER)
    return "".join(out)


def for_plotly(text: object) -> str:
    """Text to put in a Plotly title, axis title, hover text or annotation, shown as written.

    ``& < > $ { }`` become numeric character references, which plotly.js turns back into
    the characters after it has looked for tags, TeX and ``%{...}`` template fields (quotes
    and ``%`` mean nothing outside those, so a title such as "71% of variance" stays as is).

    Parameters
    ----------
    text : object
        Converted with ``str``.

    Returns
    -------
    str
        Plotly text that renders as ``one_line(text)``.

    Examples
    --------
    >>> for_plotly("<b>x</b> & $y$")
    '&#60;b&#62;x&#60;/b&#62; &#38; &#36;y&#36;'
    """
    return one_line(text).translate(_PLOTLY_ENTITIES)


def for_html(text: object) -> str:
    """Text to put in an HTML page (element content or a quoted attribute), shown as written.

    Parameters
    ----------
    text : object
        Converted with ``str``.

    Returns
    -------
    str

    Examples
    --------
    >>> for_html('<img src="x"> & more')
    '&lt;img src=&quot;x&quot;&gt; &amp; more'
    """
    return html.escape(str(text).translate(_BIDI_CONTROLS), quote=True)


def formula_safe(cell: str) -> str:
    """A CSV cell or header that a spreadsheet shows as text instead of running it.

    A cell starting with ``= + - @``, tab or carriage return gets a leading apostrophe (which
    Excel, LibreOffice and Google Sheets hide), unless it is a plain number such as ``-3.5``,
    ``+1e3`` or ``-1.234,5``, which no spreadsheet runs.

    Parameters
    ----------
    cell : str

    Returns
    -------
    str

    Examples
    --------
    >>> [formula_safe(c) for c in ["=1+2", "@x", "-y", "-3.5", "x=1"]]
    ["'=1+2", "'@x", "'-y", '-3.5', 'x=1']
    """
    text = str(cell)
    if re.match(FORMULA_START, text) and not _HARMLESS_NUMBER.fullmatch(text):
        return "'" + text
    return text
