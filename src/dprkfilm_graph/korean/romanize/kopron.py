"""MR and RR through ko-pron (a port of Wiktionary's module), which applies their sound changes;
here only what it is told of a pronunciation (compound tension) and a fallback when it fails."""

from __future__ import annotations

from ko_pron import romanise as _ko_pron

from dprkfilm_graph.korean.hangul import LAX_INITIALS, compose, decompose


def _ko_pron_word(word: str, code: str, com: tuple[int, ...] = ()) -> str | None:
    """ko-pron on one word of syllables; None when it fails so a fallback can take over.

    `com`: syllables after which a compound tenses the next consonant (ko-pron's own hint; MR
    writes that tension as a voiceless letter, munpŏp)."""
    try:
        out = _ko_pron(word, code, com=list(com)) if com else _ko_pron(word, code)
    except Exception:  # a gap in a third-party table must not reach the caller
        return None
    return out if isinstance(out, str) else None


def _compound_tension(spelling: str, pron: str) -> tuple[int, ...]:
    """Syllables whose consonant the pronunciation tenses where the spelling writes it lax."""
    return tuple(
        i
        for i, (written, said) in enumerate(zip(spelling, pron, strict=True))
        if LAX_INITIALS.get(decompose(written)[0]) == decompose(said)[0]
    )


def _untensed(spelling: str, pron: str, tensed: tuple[int, ...]) -> str:
    """The pronunciation with compound tension (at `tensed`) taken out again, for ko-pron."""
    out = []
    for i, (written, said) in enumerate(zip(spelling, pron, strict=True)):
        if i in tensed:
            _, vowel, final = decompose(said)
            said = compose(decompose(written)[0], vowel, final)
        out.append(said)
    return "".join(out)


def ko_pron_said(word: str, code: str, pron: str | None) -> str:
    """ko-pron (MR or RR) on `word` as it is said: RR does not write compound tension, MR writes
    it through ko-pron's own hint (a voiceless letter); syllable by syllable if ko-pron fails."""
    text = word
    com: tuple[int, ...] = ()
    if pron is not None:
        tensed = _compound_tension(word, pron)
        text = _untensed(word, pron, tensed)
        if code == "mr":  # ko-pron's hint names the syllable before the tensed one
            com = tuple(i - 1 for i in tensed if i > 0)
    out = _ko_pron_word(text, code, com)
    if out is None:
        out = "".join(_ko_pron_word(s, code) or "" for s in text)
    return out
