"""The import layers of the library: data flows one way, so each part imports only the parts
below it (or beside it, in its own layer). Read from the source with `ast`, lazy imports inside
functions included. The same list is in CONTRIBUTING.md; a new module goes into both."""

from __future__ import annotations

import ast
from collections.abc import Mapping, Set
from pathlib import Path

import dprkfilm_graph

PACKAGE = "dprkfilm_graph"
SRC = Path(dprkfilm_graph.__file__).parent

# Bottom to top. A part is a top-level module or subpackage of dprkfilm_graph ("" is the package
# itself, for __version__).
LAYERS: tuple[tuple[str, frozenset[str]], ...] = (
    (
        "base",
        frozenset(
            {
                "",
                "errors",
                "atomic",
                "bulk",
                "paths",
                "namespaces",
                "terms",
                "rdfxml",
                "progress",
                "net",
            }
        ),
    ),
    ("korean text", frozenset({"korean"})),
    ("load", frozenset({"load", "checks", "plain", "serialize", "oxstore"})),
    ("derive", frozenset({"derive", "evidence", "labels", "graph"})),
    (
        "validate and out",
        frozenset(
            {
                "validate",
                "turbo",
                "datafiles",
                "dump",
                "query",
                "search",
                "stats",
                "fmt",
                "matching",
            }
        ),
    ),
    ("build", frozenset({"build"})),
    ("sources", frozenset({"ingest", "tabular", "wikidata"})),
    ("front ends", frozenset({"serving", "cli"})),
)
# Parts that must stay leaves: they import these parts of the project and nothing else.
ONLY: Mapping[str, frozenset[str]] = {
    "korean": frozenset({"errors", "namespaces"}),
    "terms": frozenset({"namespaces"}),
    "namespaces": frozenset(),
    "errors": frozenset(),
}
# The network package, imported only where a request is the job.
NET_USERS = ("wikidata", "query", "serving.publish", "cli.wikidata")
# Inside korean/, each module imports only the ones before it.
KOREAN_ORDER = (
    "hangul",
    "pronunciation",
    "romanize",
    "matchkey",
    "surnames",
    "hangulnames",
    "forms",
)


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(SRC).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join([PACKAGE, *parts])


def _imports(path: Path) -> set[str]:
    """Every project module `path` imports, at the top or inside a function."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
            found |= {f"{node.module}.{alias.name}" for alias in node.names}
    return {name for name in found if name == PACKAGE or name.startswith(f"{PACKAGE}.")}


def project_imports() -> dict[str, set[str]]:
    return {_module_name(p): _imports(p) for p in sorted(SRC.rglob("*.py"))}


def _relative(module: str) -> str:
    """dprkfilm_graph.korean.hangul -> korean.hangul; the package itself -> ''."""
    return module[len(PACKAGE) + 1 :] if module != PACKAGE else ""


def _part(module: str) -> str:
    return _relative(module).split(".")[0]


def _layer(part: str) -> int | None:
    return next((i for i, (_, parts) in enumerate(LAYERS) if part in parts), None)


def violations(graph: Mapping[str, Set[str]]) -> list[str]:
    """What breaks the layers in an import graph (module -> project modules it imports)."""
    out: list[str] = []
    for module, imported in sorted(graph.items()):
        part = _part(module)
        here = _layer(part)
        if here is None:
            out.append(
                f"{module}: part {part!r} is in no layer (add it to LAYERS and CONTRIBUTING)"
            )
            continue
        for target in sorted(imported):
            other = _part(target)
            if other == part:
                continue
            there = _layer(other)
            if there is not None and there > here:
                out.append(
                    f"{module} imports {target}: {LAYERS[there][0]!r} is above {LAYERS[here][0]!r}"
                )
            if part in ONLY and other not in ONLY[part]:
                out.append(
                    f"{module} imports {target}: {part} may import only {sorted(ONLY[part])}"
                )
            if other == "net" and not any(
                _relative(module) == user or _relative(module).startswith(f"{user}.")
                for user in NET_USERS
            ):
                out.append(f"{module} imports {target}: only {NET_USERS} talk to the network")
    return out


def korean_order_violations(graph: Mapping[str, Set[str]]) -> list[str]:
    out: list[str] = []
    for module, imported in sorted(graph.items()):
        rel = _relative(module).split(".")
        if rel[0] != "korean" or len(rel) < 2:
            continue
        if rel[1] not in KOREAN_ORDER:
            out.append(f"{module}: not in KOREAN_ORDER")
            continue
        position = KOREAN_ORDER.index(rel[1])
        for target in imported:
            other = _relative(target).split(".")
            earlier = KOREAN_ORDER[:position]
            if other[0] == "korean" and len(other) > 1 and other[1] not in (rel[1], *earlier):
                out.append(f"{module} imports {target}: korean.{other[1]} comes after it")
    return out


def test_every_import_goes_down_the_layers() -> None:
    graph = project_imports()
    assert len(graph) > 50
    assert violations(graph) == []


def test_korean_modules_import_only_the_ones_before_them() -> None:
    assert korean_order_violations(project_imports()) == []


def test_a_wrong_way_import_is_reported() -> None:
    """The check itself: an import up the layers, out of a leaf, or of the network is caught."""
    graph = {
        f"{PACKAGE}.korean.hangul": {f"{PACKAGE}.graph"},
        f"{PACKAGE}.load": {f"{PACKAGE}.query", f"{PACKAGE}.net.sparql"},
        f"{PACKAGE}.newpart": set(),
        f"{PACKAGE}.korean.matchkey": {f"{PACKAGE}.korean.surnames"},
    }
    found = violations(graph)
    assert any("korean.hangul imports dprkfilm_graph.graph" in v for v in found)
    assert any("load imports dprkfilm_graph.query" in v for v in found)
    assert any("net.sparql: only" in v for v in found)
    assert any("'newpart' is in no layer" in v for v in found)
    assert korean_order_violations(graph) == [
        f"{PACKAGE}.korean.matchkey imports {PACKAGE}.korean.surnames:"
        " korean.surnames comes after it"
    ]


def test_every_part_on_disk_has_a_layer() -> None:
    on_disk = {p.stem for p in SRC.glob("*.py") if p.stem != "__init__"}
    on_disk |= {p.parent.name for p in SRC.glob("*/__init__.py")}
    listed = set().union(*(parts for _, parts in LAYERS)) - {""}
    assert on_disk - listed == set()
