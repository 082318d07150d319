"""`dprkfilm search`: find an entity from any spelling of its title or name."""

from __future__ import annotations

import argparse
import csv
import json
import sys

from dprkfilm_graph.cli._common import data_option, load_selected
from dprkfilm_graph.errors import InputError
from dprkfilm_graph.graph import build_graph
from dprkfilm_graph.namespaces import PREFIXES, TAG_DPRK, TAG_MR, TAG_RR
from dprkfilm_graph.search import EntityType, search
from dprkfilm_graph.terms import Curies, plain_value

# How a person names the language tags the data writes.
_LANGUAGES = {
    "ko": "Korean",
    "en": "English",
    TAG_MR: "McCune-Reischauer",
    TAG_RR: "Revised Romanization",
    TAG_DPRK: "the DPRK's romanization",
}
_COLUMNS = ("iri", "label", "type", "matched", "language", "property", "how", "score")


def _curie(iri: str) -> str:
    return plain_value(("u", iri, ""), Curies(PREFIXES))


def cmd_search(args: argparse.Namespace) -> int:
    """Print the ranked hits; exit 1 when nothing matches (so scripts can tell)."""
    if not args.text.strip():
        raise InputError("give some text to search for, e.g. dprkfilm search Thaebaek")
    if args.limit < 1:
        raise InputError("--limit must be at least 1")
    kind = EntityType(args.type) if args.type else None
    hits = search(build_graph(load_selected(args)), args.text, kind=kind, limit=args.limit)
    if args.format == "json":
        print(json.dumps([h.to_dict() for h in hits], ensure_ascii=False, indent=2))
    elif args.format in ("csv", "tsv"):
        writer = csv.writer(sys.stdout, delimiter="," if args.format == "csv" else "\t")
        writer.writerow(_COLUMNS)
        for h in hits:
            row = h.to_dict()
            writer.writerow([row[c] for c in _COLUMNS])
    else:
        for h in hits:
            print(f"{h.score:.2f}  {h.label}  {_curie(h.iri)}")
            language = _LANGUAGES.get(h.language, h.language)
            written = f" in {language}" if language else ""
            print(f"      matched {h.property}{written}: {h.matched} ({h.how})")
        if not hits:
            print("no match")
    return 0 if hits else 1


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = subparsers.add_parser(
        "search",
        help="find films, people, songs or records from any spelling of a title or name",
    )
    p.add_argument("text", help="what to look for, e.g. 태백산, T'aebaek, Thaebaek, 'First Steps'")
    p.add_argument(
        "--type", choices=[t.value for t in EntityType], help="only entities of this kind"
    )
    p.add_argument("--limit", type=int, default=10, help="at most this many hits (default: 10)")
    p.add_argument(
        "--format",
        choices=["text", "json", "csv", "tsv"],
        default="text",
        help="text for reading (default); json, csv or tsv keep each field, language tag apart",
    )
    data_option(p)
    p.set_defaults(handler=cmd_search)
