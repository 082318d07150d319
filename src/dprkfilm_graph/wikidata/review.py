"""The review file: SSSOM TSV, one row per proposed candidate, with the features that explain it
and a `decision` column (accept / reject / blank) that a person edits.

Why SSSOM: it is the common table format for mappings (subject, predicate, object, justification,
confidence), so the file is readable by other mapping tools as well as by `reconcile apply`.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path

from dprkfilm_graph.errors import InputError
from dprkfilm_graph.namespaces import BASE, PREFIXES
from dprkfilm_graph.wikidata.decide import Decision

FEATURES = ("title", "title_how", "year", "people", "parts", "type", "country", "occupation")
COLUMNS = (
    "subject_id",
    "subject_label",
    "predicate_id",
    "object_id",
    "object_label",
    "mapping_justification",
    "confidence",
    "outcome",
    "margin",
    *FEATURES,
    "found_by",
    "decision",
)
# create: no candidate is the entity and Wikidata has no item for it; the one decision that lets
# `dprkfilm quickstatements` write a CREATE block for the entity.
DECISIONS = ("accept", "reject", "create", "")
# SSSOM's object for "no term found": the row an entry without candidates gets, so a person can
# still decide on it (create).
NO_TERM = "sssom:NoTermFound"
HEADER = (
    "# curie_map:\n"
    "#   wd: http://www.wikidata.org/entity/\n"
    "#   skos: http://www.w3.org/2004/02/skos/core#\n"
    "#   semapv: https://w3id.org/semapv/vocab/\n"
    "#   sssom: https://w3id.org/sssom/\n"
    "# mapping_set_id: https://w3id.org/dprkfilm/dataset/wikidata-review\n"
    "# license: https://creativecommons.org/publicdomain/zero/1.0/\n"
    "# Set `decision` to accept or reject; to create when Wikidata has no item for the entity\n"
    "# (the only way QuickStatements gets a CREATE for it). Then: dprkfilm reconcile apply FILE\n"
)


@dataclass(frozen=True)
class Row:
    subject: str
    qid: str  # "" on a NO_TERM row
    confidence: float
    decision: str
    line: int


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.4f}".rstrip("0").rstrip(".") if value != int(value) else str(int(value))
    return str(value)


def to_tsv(decisions: list[Decision]) -> str:
    """Rows for every candidate of every decision; auto-accepted best candidates come pre-marked."""
    out = io.StringIO()
    out.write(HEADER)
    writer = csv.writer(out, delimiter="\t", lineterminator="\n")
    writer.writerow(COLUMNS)
    for d in decisions:
        if not d.candidates:
            writer.writerow(
                [d.entry.iri, d.entry.label, "skos:exactMatch", NO_TERM, "",
                 "semapv:LexicalMatching", "0", d.outcome, "0", *([""] * len(FEATURES)), "", ""]
            )  # fmt: skip
        for n, cand in enumerate(d.candidates):
            f = cand.features.to_dict()
            marked = "accept" if d.outcome == "accepted" and n == 0 else ""
            writer.writerow(
                [
                    d.entry.iri,
                    d.entry.label,
                    "skos:exactMatch",
                    f"wd:{cand.qid}",
                    cand.label,
                    "semapv:LexicalMatching",
                    _cell(cand.score),
                    d.outcome,
                    _cell(d.margin),
                    *(_cell(f[name]) for name in FEATURES),
                    cand.found_by,
                    marked,
                ]
            )
    return out.getvalue()


def read_tsv(path: Path) -> list[Row]:
    """The rows of an edited review file; bad rows are errors naming the line and the fix."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise InputError(f"cannot read the review file: {exc.strerror}", path=str(path)) from exc
    lines = text.splitlines()
    body = [(n, line) for n, line in enumerate(lines, 1) if not line.startswith("#") and line]
    if not body:
        raise InputError("no header row (subject_id, object_id, …, decision)", path=str(path))
    header_line, header = body[0]
    columns = header.split("\t")
    for needed in ("subject_id", "object_id", "confidence", "decision"):
        if needed not in columns:
            raise InputError(
                f"the header lacks the column {needed}", path=str(path), line=header_line
            )
    rows: list[Row] = []
    for number, line in body[1:]:
        cells = dict(zip(columns, line.split("\t"), strict=False))
        decision = cells.get("decision", "").strip().lower()
        if decision not in DECISIONS:
            raise InputError(
                f"decision {decision!r}: write accept, reject, create or leave it empty",
                path=str(path),
                line=number,
            )
        qid = cells.get("object_id", "").strip().removeprefix("wd:")
        if qid == NO_TERM:
            if decision == "accept":
                raise InputError(
                    f"{NO_TERM} cannot be accepted: write create if Wikidata has no item for it",
                    path=str(path),
                    line=number,
                )
            qid = ""
        elif not (qid.startswith("Q") and qid[1:].isdigit()):
            raise InputError(f"object_id {qid!r} is not wd:Q…", path=str(path), line=number)
        try:
            confidence = float(cells.get("confidence") or 0)
        except ValueError as exc:
            raise InputError("confidence is not a number", path=str(path), line=number) from exc
        rows.append(
            Row(_entity_iri(cells["subject_id"], path, number), qid, confidence, decision, number)
        )
    return rows


def _entity_iri(value: str, path: Path, line: int) -> str:
    """A subject as an IRI of this graph: a full IRI under the base, or a CURIE (film:…)."""
    value = value.strip()
    prefix, sep, local = value.partition(":")
    if sep and prefix in PREFIXES and local and not local.startswith("//"):
        value = PREFIXES[prefix] + local
    if not value.startswith(BASE):
        raise InputError(
            f"subject_id {value!r} is not an entity of this graph: write its IRI or film:…",
            path=str(path),
            line=line,
        )
    return value
