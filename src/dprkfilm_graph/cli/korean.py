"""Commands on Korean text: romanize."""

from __future__ import annotations

import argparse

from dprkfilm_graph.errors import InputError
from dprkfilm_graph.korean.romanize import (
    Convention,
    System,
    romanize,
    romanize_name,
    romanize_place,
)

_ALL = "all"


def cmd_romanize(args: argparse.Namespace) -> int:
    """One line per system ("mr<TAB>form") for `all`, the bare form for one system."""
    text: str = args.text
    if args.name and args.place:
        raise InputError("--name and --place exclude each other: is TEXT a person or a place?")
    convention = Convention(args.convention or Convention.DEFAULT.value)
    if args.convention and args.name:
        raise InputError("--convention applies to place names and text, not to --name")

    def one(system: System) -> str:
        if args.name:
            return romanize_name(text, system)[0]
        if args.place:  # a proper name, capitalized as gazetteers print it (Amnok-kang)
            form = romanize_place(text, system, convention)
            return form[:1].upper() + form[1:]
        return romanize(text, system, convention)

    if args.system == _ALL:
        for system in System:
            print(f"{system.value}\t{one(system)}")
    else:
        print(one(System(args.system)))
    return 0


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = subparsers.add_parser(
        "romanize",
        help="Hangul in McCune-Reischauer, Revised Romanization and the DPRK system",
    )
    p.add_argument("text", metavar="TEXT", help="Korean text; non-Hangul characters pass through")
    p.add_argument(
        "--system",
        choices=[s.value for s in System] + [_ALL],
        default=_ALL,
        help="one system, or all of them one per line (default: all)",
    )
    p.add_argument(
        "--name",
        action="store_true",
        help="treat TEXT as a personal name (surname first) and print its usual form",
    )
    p.add_argument(
        "--place",
        action="store_true",
        help="treat TEXT as a place name: generic part (-do, -ri, river) per gazetteers",
    )
    p.add_argument(
        "--convention",
        choices=[c.value for c in Convention],
        default=None,
        help="whose McCune-Reischauer practice to follow: the generic part of a --place "
        "(bgn-pcgn: Myohyang-san, Kyŏngsang-bukto; ala-lc: Naktonggang, Kyŏngsang-bukto), "
        "and ala-lc writes DPRK spellings as the South spells them (로동 nodong); "
        "RR and the DPRK system keep their national rules",
    )
    p.set_defaults(handler=cmd_romanize)
