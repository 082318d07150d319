"""`dprkfilm reconcile`: propose Wikidata links for review; `dprkfilm reconcile apply FILE`;
`dprkfilm pull`: the linked items' statements into data/ as claims derived from each item."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from rdflib import URIRef

from dprkfilm_graph import paths
from dprkfilm_graph.atomic import write_text
from dprkfilm_graph.cli._common import data_option, load_selected
from dprkfilm_graph.errors import InputError
from dprkfilm_graph.graph import build_graph
from dprkfilm_graph.net.policy import USER_AGENT
from dprkfilm_graph.wikidata.apply import DEFAULT_AGENT, apply
from dprkfilm_graph.wikidata.client import (
    WIKIDATA_API,
    WIKIDATA_SPARQL,
    ClientConfig,
    WikibaseClient,
)
from dprkfilm_graph.wikidata.pull import pull
from dprkfilm_graph.wikidata.reconcile import reconcile
from dprkfilm_graph.wikidata.review import to_tsv


def _data_dir(args: argparse.Namespace) -> Path:
    """Where links-wikidata.ttl lives: the first --data folder, else the shipped data/."""
    for item in args.data or []:
        if item.is_dir():
            return Path(item)
    return paths.data_dir()


def cmd_reconcile(args: argparse.Namespace) -> int:
    if args.action == "apply":
        return cmd_apply(args)
    client = client_from(args)
    decisions = reconcile(client, build_graph(load_selected(args)), args.type, _data_dir(args))
    if args.format == "json":
        print(json.dumps([d.to_dict() for d in decisions], ensure_ascii=False, indent=2))
    else:
        for d in decisions:
            best = f"{d.best.qid} {d.best.label} ({d.best.score:.2f})" if d.best else "-"
            print(f"{d.outcome:8}  {d.entry.label}  -> {best}")
        stats = client.stats
        print(
            f"{len(decisions)} entries; {stats.network} requests ({stats.cached} from cache)",
            file=sys.stderr,
        )
    if not args.dry_run:
        if args.review is None:
            raise InputError("give --review FILE to write the review file, or use --dry-run")
        write_text(args.review, to_tsv(decisions))
        print(f"review file: {args.review}", file=sys.stderr)
    return 0


def cmd_apply(args: argparse.Namespace) -> int:
    agent = URIRef(args.by) if args.by else DEFAULT_AGENT
    result = apply(args.file, _data_dir(args), agent=agent)
    print(
        f"{result.written} link(s) written, {result.rejected} rejection(s) kept,"
        f" {result.missing} marked as missing from Wikidata, {result.unchanged} already there:"
        f" {result.path}"
    )
    return 0


def client_options(
    parser: argparse.ArgumentParser,
    *,
    sparql: bool = True,
    no_cache_help: str = "fetch everything anew",
) -> None:
    """The options of every command that talks to a Wikibase (see `client_from`)."""
    parser.add_argument(
        "--api-url",
        default=WIKIDATA_API,
        help=f"the Wikibase's action API (default: {WIKIDATA_API})",
    )
    if sparql:
        parser.add_argument(
            "--sparql-url",
            default=WIKIDATA_SPARQL,
            help=f"the Wikibase's SPARQL endpoint (default: {WIKIDATA_SPARQL})",
        )
    parser.add_argument(
        "--cache",
        type=Path,
        default=Path(".cache/wikidata"),
        metavar="DIR",
        help="keep answers here and reuse them (default: .cache/wikidata)",
    )
    parser.add_argument("--no-cache", action="store_true", help=no_cache_help)
    parser.add_argument("--user-agent", default=USER_AGENT, help="with a contact, please")


def client_from(args: argparse.Namespace) -> WikibaseClient:
    """The client `client_options` describe (a command without --sparql-url gets the default)."""
    return WikibaseClient(
        ClientConfig(
            api_url=args.api_url,
            sparql_url=getattr(args, "sparql_url", WIKIDATA_SPARQL),
            user_agent=args.user_agent,
            cache_dir=None if args.no_cache else args.cache,
        )
    )


def cmd_pull(args: argparse.Namespace) -> int:
    """Pull, then say what changed, what was added and what was left out (stderr: the costs)."""
    if args.data and not any(Path(item).is_dir() for item in args.data):
        raise InputError(
            "pull writes wikidata-pull.ttl into a data folder: give --data a folder, not files"
        )
    client = client_from(args)
    data_dir = _data_dir(args)
    result = pull(
        client, build_graph(load_selected(args)), data_dir, new=args.new, dry_run=args.dry_run
    )
    if args.format == "json":
        report = {
            "path": str(result.path),
            "changed": result.changed,
            "written": result.changed and not args.dry_run,
            "items": result.items,
            "at_previous_revision": result.kept,
            "claims": result.claims,
            "added": [{"entity": i, "qid": q, "label": lb} for i, q, lb in result.added],
            "left_out": result.skipped,
            "requests": client.stats.network,
        }
        print(json.dumps(report, ensure_ascii=False, indent=2))
    else:
        for iri, qid, label in result.added:
            print(f"added     {iri}  {qid}  {label}")
        for reason in result.skipped:
            print(f"left out  {reason}")
    verb = "would change" if args.dry_run else "changed"
    state = f"{verb} {result.path}" if result.changed else f"{result.path} unchanged"
    print(
        f"{result.claims} claim(s) from {result.items} item(s) ({result.kept} at the revision"
        f" pulled before), {len(result.added)} entit(y/ies) added; {state};"
        f" {client.stats.network} request(s) ({client.stats.cached} from cache)",
        file=sys.stderr,
    )
    return 0


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = subparsers.add_parser(
        "reconcile", help="propose Wikidata (or any Wikibase) links for films or people"
    )
    p.add_argument(
        "--type", choices=["film", "person"], default="film", help="what to link (default: film)"
    )
    p.add_argument("--review", type=Path, metavar="FILE", help="write proposals here (SSSOM TSV)")
    p.add_argument("--dry-run", action="store_true", help="print decisions, write nothing")
    p.add_argument(
        "--format", choices=["text", "json"], default="text", help="text (default) or json"
    )
    client_options(p)
    data_option(p)
    actions = p.add_subparsers(dest="action", metavar="ACTION")
    a = actions.add_parser("apply", help="write the accepted links of an edited review file")
    a.add_argument("file", type=Path, help="the review file (SSSOM TSV) with accepted rows")
    a.add_argument("--by", metavar="IRI", help="who accepted (an IRI); default the reconciler")
    data_option(a)
    p.set_defaults(handler=cmd_reconcile, action=None)

    q = subparsers.add_parser(
        "pull", help="linked Wikidata items' statements into data/ as sourced claims"
    )
    q.add_argument(
        "--new",
        action="store_true",
        help="also add the North Korean films of the reconciler's pool that the graph lacks",
    )
    q.add_argument("--dry-run", action="store_true", help="say what would change, write nothing")
    q.add_argument(
        "--format", choices=["text", "json"], default="text", help="text (default) or json"
    )
    client_options(q)
    data_option(q)
    q.set_defaults(handler=cmd_pull)
