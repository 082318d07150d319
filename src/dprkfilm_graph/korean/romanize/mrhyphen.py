"""MR across a hyphen: the sound change written on either side of it, as McCune and Reischauer
write given names and gazetteers write place names (Sŏng-min, Tŏkhŭng-ni, Amnok-kang)."""

from __future__ import annotations

from dprkfilm_graph.korean.hangul import decompose
from dprkfilm_graph.korean.romanize.soundrules import pronounced
from dprkfilm_graph.korean.romanize.systems import System
from dprkfilm_graph.korean.romanize.words import syllable_word

_MR_ONSETS = ("ch'", "k'", "t'", "p'", "ch")


def mr_hyphenated(specific: str, generic: str, *, liaison: bool = False) -> str:
    """MR keeps the sound changes across the hyphen (Tŏkhŭng-ni, Yŏngjil-li, Amnok-kang);
    before a vowel-initial unit the final carries over only with `liaison` (P'yŏngt'aeg-ŭp)."""
    pron = pronounced(specific, System.MR)
    whole = syllable_word(specific + generic, System.MR, pron + generic if pron else None)
    alone = syllable_word(generic, System.MR)
    initial = decompose(generic[0])[0]
    if initial == 11 and not liaison:  # no liaison (Saebyŏl-ŭp)
        return f"{syllable_word(specific, System.MR)}-{alone}"
    tail = alone[len(_mr_onset_of(alone)) :]
    if not whole.endswith(tail) or len(whole) == len(tail):
        return whole
    head = whole[: len(whole) - len(tail)]
    onset = next((o for o in _MR_ONSETS if head.endswith(o)), head[-1:])
    # The hyphen itself keeps n and g apart: MR's apostrophe (Tuman'gang) is not needed there.
    return f"{head[: len(head) - len(onset)].removesuffix(chr(39))}-{onset}{tail}"


def _mr_onset_of(form: str) -> str:
    """The onset letters MR writes for one consonant at the start of `form` (ch', k', ch, k)."""
    return next((o for o in _MR_ONSETS if form.startswith(o)), form[:1])
