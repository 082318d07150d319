"""Hangul → McCune-Reischauer, Revised Romanization and the DPRK's own system.

Titles and names reach users in any of these spellings, so the graph carries each one (as generated
labels) and matching compares them. ko-pron (a port of Wiktionary's module) already applies the
sound changes for MR and RR (`kopron`); the DPRK system (1992, revised 2002 and 2012) has no
library, so it is written here from the system's own table of junctions (`dprk`).

Words whose pronunciation the spelling does not show (compounds, the examples the systems' own
texts give) are romanized from their pronunciation (`soundrules`: the sourced lexicon of
`dprkfilm_graph.korean.pronunciation`, and two rules of the Standard Pronunciation); each system
writes what it writes of it (RR no tension, MR tension as a voiceless letter, the DPRK system
tension doubled after a vowel).

The modules depend one way: `dprkfilm_graph.korean.hangul` and `systems` → `soundrules`,
`kopron`, `dprk`, `alalc` → `words` (text) → `mrhyphen` → `names`, `places`. This package exports
the public API only.

Every function is total: non-Hangul characters pass through unchanged, output holds no Hangul, and
nothing raises on any `str`.
"""

from __future__ import annotations

from dprkfilm_graph.korean.romanize.names import romanize_name
from dprkfilm_graph.korean.romanize.places import romanize_place
from dprkfilm_graph.korean.romanize.systems import TAGS, Convention, System
from dprkfilm_graph.korean.romanize.words import romanize, romanize_all

__all__ = [
    "TAGS",
    "Convention",
    "System",
    "romanize",
    "romanize_all",
    "romanize_name",
    "romanize_place",
]
