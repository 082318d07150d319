"""Hangul title or name -> the form(s) a system writes of it for display, capitalised.

What `labels` adds to the graph as generated labels: a person's name (one word of two to five
syllables) in the usual name order, anything else as running text.
"""

from __future__ import annotations

from dprkfilm_graph.korean.romanize import System, romanize, romanize_name


def forms(text: str, system: System, *, person: bool) -> list[str]:
    """The generated form(s) of one Hangul string in one system (names: the usual name order).

    >>> forms("김정일", System.DPRK, person=True), forms("첫걸음", System.RR, person=False)
    (['Kim Jong Il'], ['Cheotgeoreum'])
    """
    if person and " " not in text.strip() and 2 <= len(text.strip()) <= 5:
        names = romanize_name(text.strip(), system)
        return names[:1] if names else [_capitalised(romanize(text, system))]
    return [_capitalised(romanize(text, system))]


def _capitalised(form: str) -> str:
    """Titles are written with a capital, as every system's publications write them."""
    return form[:1].upper() + form[1:]
