"""Commands on the graph itself: validate, build, query, fmt, stats."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from rdflib.term import Node

from dprkfilm_graph.build import BuildRefused, build
from dprkfilm_graph.bulk import without_cycle_collection
from dprkfilm_graph.checks import parse_param
from dprkfilm_graph.cli._common import data_option, load_selected
from dprkfilm_graph.errors import InputError
from dprkfilm_graph.fmt import fmt
from dprkfilm_graph.graph import build_graph, query_graph
from dprkfilm_graph.namespaces import PREFIXES
from dprkfilm_graph.progress import shown
from dprkfilm_graph.query import OutputFormat, format_result, list_queries, load_query, run_query
from dprkfilm_graph.stats import stats
from dprkfilm_graph.validate import Severity, validate


def cmd_validate(args: argparse.Namespace) -> int:
    with shown("validate"), without_cycle_collection():
        report = validate(load_selected(args), engine=args.engine)
    if args.format == "json":
        sys.stdout.write(report.to_json())
    elif args.format == "turtle":
        sys.stdout.write(report.to_turtle())
    else:
        sys.stdout.write(report.to_text())
    return 0 if report.conforms else 1


def cmd_build(args: argparse.Namespace) -> int:
    try:
        with shown("build"), without_cycle_collection():
            result, report = build(args.out, load_selected(args))
    except BuildRefused as exc:
        violations = [r for r in exc.report.results if r.severity is Severity.VIOLATION]
        for r in violations:
            where = f" ({r.file})" if r.file else ""
            print(f"{r.focus}{where}: {r.message}", file=sys.stderr)
        raise
    for name, digest in sorted(result.files.items()):
        print(f"{digest}  {result.out_dir / name}")
    print(
        f"built {result.triples} triples into {result.out_dir} "
        f"({report.count(Severity.WARNING)} warning(s), {report.count(Severity.INFO)} info)"
    )
    return 0


def cmd_query(args: argparse.Namespace) -> int:
    if args.list:
        for q in list_queries():
            listed = " ".join(f"[{p.name}=…]" for p in q.params)
            print(f"{q.name:<32} {q.title}" + (f"  {listed}" if listed else ""))
        return 0
    if not args.query:
        raise InputError("name a query (see `dprkfilm query --list`) or give a .rq file")
    query = load_query(args.query)
    params: dict[str, str | Node] = {}
    for item in args.param or []:
        name, sep, value = item.partition("=")
        if not sep:
            raise InputError(f"--param {item!r}: write name=value, e.g. film=film:first-steps")
        try:
            params[name] = parse_param(value, PREFIXES)
        except InputError as exc:
            raise InputError(f"--param {name}: {exc}") from None
    graph = (
        query_graph(build_graph(load_selected(args))) if args.data and not args.endpoint else None
    )
    result = run_query(query, graph=graph, endpoint=args.endpoint, params=params)
    sys.stdout.write(format_result(result, args.format))
    return 0


def cmd_fmt(args: argparse.Namespace) -> int:
    files = list(args.files) if args.files else None
    result = fmt(files, check=args.check)
    if args.check:
        for path in result.changed:
            print(f"not canonical: {path}")
        if result.changed:
            print(f"{len(result.changed)} file(s) would be rewritten: run `dprkfilm fmt`")
            return 1
        print(f"{len(result.checked)} file(s) in canonical form")
        return 0
    for path in result.changed:
        print(f"rewrote {path}")
    print(f"{len(result.checked)} file(s) checked, {len(result.changed)} rewritten")
    return 0


def cmd_stats(args: argparse.Namespace) -> int:
    result = stats(query_graph(build_graph(load_selected(args))))
    if args.format == "json":
        print(json.dumps(result.to_dict(), ensure_ascii=False, indent=2))
    else:
        sys.stdout.write(result.to_text())
    return 0


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = subparsers.add_parser(
        "validate", help="run the SHACL shapes over the data; exit 1 on violations"
    )
    data_option(p)
    p.add_argument(
        "--format", choices=["text", "json", "turtle"], default="text", help="report format"
    )
    p.add_argument(
        "--engine",
        choices=["turbo", "pyshacl"],
        default="turbo",
        help="SHACL engine: turbo (pyshacl-turbo on Oxigraph, the default) or pyshacl, the "
        "reference (same report, about 40x slower)",
    )
    p.set_defaults(handler=cmd_validate)

    p = subparsers.add_parser(
        "build", help="validate, then write Turtle, N-Triples, JSON-LD, TriG and VoID/DCAT"
    )
    data_option(p)
    p.add_argument("--out", type=Path, default=Path("build"), help="output folder (default: build)")
    p.set_defaults(handler=cmd_build)

    p = subparsers.add_parser("query", help="run a named query (or a .rq file)")
    p.add_argument("query", nargs="?", help="query name (see --list) or path to a .rq file")
    p.add_argument(
        "--list", action="store_true", help="list the named queries and their parameters"
    )
    p.add_argument(
        "--param",
        action="append",
        metavar="NAME=VALUE",
        help="bind a parameter to an RDF term: an IRI, a CURIE (film:first-steps) or a literal",
    )
    p.add_argument(
        "--format",
        choices=[f.value for f in OutputFormat],
        default=OutputFormat.TABLE.value,
        help="table (default): values a person reads; csv, tsv, json, xml: SPARQL 1.1 results "
        "with exact terms; turtle (or json) for CONSTRUCT and DESCRIBE",
    )
    p.add_argument("--endpoint", metavar="URL", help="run on this SPARQL 1.1 endpoint instead")
    data_option(p)
    p.set_defaults(handler=cmd_query)

    p = subparsers.add_parser("fmt", help="rewrite data files in canonical Turtle")
    p.add_argument("files", nargs="*", type=Path, help="files (default: every data/*.ttl)")
    p.add_argument("--check", action="store_true", help="only report files not in canonical form")
    p.set_defaults(handler=cmd_fmt)

    p = subparsers.add_parser("stats", help="counts per class, claims per status, sources")
    data_option(p)
    p.add_argument(
        "--format", choices=["text", "json"], default="text", help="text (default) or json"
    )
    p.set_defaults(handler=cmd_stats)
