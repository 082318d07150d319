"""Rank the candidates of each entry and decide: accept automatically, or ask a person.

The rule: accept the best candidate when its score is at least ACCEPT_SCORE and it leads the
runner-up by at least ACCEPT_MARGIN (a lone candidate leads by its whole score). A remake with
the same title and no year to tell them apart therefore goes to review, as it should.

One more for people: a Korean name is short and shared by many (there are few surnames), so a
person found outside the domain pool (by name lookup or search) on the name alone, with no
birth year, occupation or kind to agree, goes to review however unique the match looks.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from dprkfilm_graph.korean.surnames import is_korean_name
from dprkfilm_graph.wikidata.candidates import Candidate
from dprkfilm_graph.wikidata.entries import Entry
from dprkfilm_graph.wikidata.features import Features, features
from dprkfilm_graph.wikidata.score import score

ACCEPT_SCORE = 0.9
ACCEPT_MARGIN = 0.1
# Candidates below this are not worth a reviewer's time.
SHOW_ABOVE = 0.5
# How many candidates a decision keeps.
KEEP = 5

Outcome = Literal["accepted", "review", "none"]


@dataclass(frozen=True)
class Scored:
    qid: str
    label: str
    score: float
    features: Features
    found_by: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "qid": self.qid,
            "label": self.label,
            "score": self.score,
            "found_by": self.found_by,
            "features": self.features.to_dict(),
        }


@dataclass(frozen=True)
class Decision:
    entry: Entry
    outcome: Outcome
    candidates: tuple[Scored, ...] = field(default=())

    @property
    def best(self) -> Scored | None:
        return self.candidates[0] if self.candidates else None

    @property
    def margin(self) -> float:
        if not self.candidates:
            return 0.0
        runner = self.candidates[1].score if len(self.candidates) > 1 else 0.0
        return round(self.candidates[0].score - runner, 4)

    def to_dict(self) -> dict[str, Any]:
        return {
            "entity": self.entry.iri,
            "label": self.entry.label,
            "outcome": self.outcome,
            "qid": self.best.qid if self.best and self.outcome == "accepted" else None,
            "margin": self.margin,
            "candidates": [c.to_dict() for c in self.candidates],
        }


def rank(
    entry: Entry, candidates: list[Candidate], skip: frozenset[str] = frozenset()
) -> list[Scored]:
    """Every candidate worth showing, best first (ties by Q-id, so runs agree); an item of
    another kind (a film for a person, a person for a film) is never one."""
    scored = []
    for cand in candidates:
        if cand.qid in skip:
            continue
        f = features(entry, cand)
        if f.type == 0.0:
            continue
        s = score(f)
        if s >= SHOW_ABOVE and f.title > 0:
            scored.append(Scored(cand.qid, cand.label, s, f, cand.found_by))
    scored.sort(key=lambda c: (-c.score, c.qid))
    return scored[:KEEP]


def decide(
    entry: Entry, candidates: list[Candidate], skip: frozenset[str] = frozenset()
) -> Decision:
    """Accept, send to review, or say there is no candidate; `skip` holds rejected Q-ids."""
    ranked = tuple(rank(entry, candidates, skip))
    if not ranked:
        return Decision(entry, "none")
    runner = ranked[1].score if len(ranked) > 1 else 0.0
    accepted = ranked[0].score >= ACCEPT_SCORE and ranked[0].score - runner >= ACCEPT_MARGIN - 1e-9
    if accepted and _name_alone(entry, ranked[0]):
        accepted = False
    return Decision(entry, "accepted" if accepted else "review", ranked)


def _name_alone(entry: Entry, best: Scored) -> bool:
    """A Korean person from outside the pool whom nothing but the name ties to the entry."""
    f = best.features
    return (
        entry.kind == "person"
        and best.found_by != "pool"
        and is_korean_name(entry.label)
        and f.year is None
        and not f.occupation
        and f.people is None
    )
