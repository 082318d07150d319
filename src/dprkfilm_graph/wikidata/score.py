"""One number from the features (pure): a weighted mean over the features both sides state.

Why a mean over known features: a feature one side does not state neither helps nor hurts, so an
entry with only a title is judged on its title, while each stated fact that agrees raises the
score and each that contradicts it (another year, another country, a footballer) lowers it.
The title weighs most because everything else is often missing.
"""

from __future__ import annotations

from dprkfilm_graph.wikidata.features import Features

WEIGHTS: dict[str, float] = {
    "title": 3.0,
    "year": 1.0,
    "people": 1.0,
    "parts": 1.0,
    "type": 0.5,
    "country": 0.5,
    "occupation": 0.5,
}


def score(f: Features) -> float:
    """0..1, rounded to 4 places so files and reports are stable."""
    total = WEIGHTS["title"] * f.title
    weight = WEIGHTS["title"]
    for name in ("year", "people", "parts", "type", "country", "occupation"):
        value: float | None = getattr(f, name)
        if value is not None:
            total += WEIGHTS[name] * value
            weight += WEIGHTS[name]
    return round(total / weight, 4)
