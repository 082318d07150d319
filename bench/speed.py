"""Speed and memory benchmark (not a test): every stage of the pipeline on film-shaped data at
several sizes, side by side in the same run with the baseline a user would otherwise have.

    python bench/speed.py                         # 10k and 100k triples, 3 runs each
    python bench/speed.py --sizes 10000 100000 1000000 --repeat 3

The data is the shipped data replicated with renamed IRIs (`film:first-steps` becomes
`film:first-steps-r7` in replica 7): films with titles in Hangul, romanizations and English,
people, studios, records with discs, tracks and songs, photos and their regions, every fact a
claim with its source. It is deterministic, conforms to the shapes, and is written as N-Triples
lines in `.ttl` files, which the loader reads as Turtle.

For each size and operation: the median of `--repeat` runs and their spread (min-max), ours
and the baseline, and the ratio baseline/ours. Baselines: rdflib's Turtle parser, rdflib's SPARQL
engine on an rdflib graph, pySHACL with its defaults (advanced, no inference, as
`dprkfilm validate --engine pyshacl`), rdflib's serializers, and for `build` a bare pyoxigraph
parse-and-dump of the same files (the floor no pipeline can beat). A baseline whose first run
exceeds `--budget` seconds is run once; one estimated (by scaling its time at the smaller size)
to exceed five times the budget is skipped and reported as such, never guessed.

`validate` is `dprkfilm validate`: on two cores its two halves of the shapes run side by side.
`validate, one thread` is how `build` runs it, while it makes the dumps on the other core.

Peak memory: each size's end-to-end run (load, derive, validate, every dump) in a child process,
its peak resident set read from the operating system.

Results: bench/results/speed.json and bench/results/speed.md.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
KINDS = (
    "film",
    "person",
    "org",
    "release",
    "disc",
    "track",
    "song",
    "recording",
    "image",
    "source",
    "claim",
)
BASE = "https://w3id.org/dprkfilm/"


# --- synthetic data --------------------------------------------------------------------------


def replicate(out_dir: Path, triples: int) -> list[Path]:
    """Write replicas of the shipped data until about `triples` curated triples; the files."""
    import pyoxigraph as ox

    from dprkfilm_graph import paths
    from dprkfilm_graph.load import tag_cases_in

    quads: list[Any] = []
    cases: dict[str, str] = {}
    for path in paths.data_files():
        text = path.read_text(encoding="utf-8")
        quads.extend(ox.parse(text, format=ox.RdfFormat.TURTLE))
        cases.update(tag_cases_in(text))
    prefixes = tuple(BASE + kind + "/" for kind in KINDS)

    def term(t: Any, suffix: str) -> str:
        if isinstance(t, ox.NamedNode):
            return f"<{t.value}{suffix}>" if t.value.startswith(prefixes) else str(t)
        if isinstance(t, ox.Literal) and t.language:
            return str(t).rsplit("@", 1)[0] + "@" + cases.get(t.language, t.language)
        return str(t)

    out_dir.mkdir(parents=True, exist_ok=True)
    files: list[Path] = []
    copies = max(1, round(triples / len(quads)))
    for r in range(copies):
        suffix = "" if r == 0 else f"-r{r}"
        lines = [
            f"{term(q.subject, suffix)} {term(q.predicate, suffix)} {term(q.object, suffix)} .\n"
            for q in quads
        ]
        path = out_dir / f"replica-{r:05d}.ttl"
        path.write_text("".join(lines), encoding="utf-8")
        files.append(path)
    return files


# --- timing ----------------------------------------------------------------------------------


def timed(fn: Callable[[], Any], repeat: int, budget: float) -> dict[str, Any]:
    """Median and spread of `repeat` runs (one run if the first exceeds the budget)."""
    samples: list[float] = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - start)
        if samples[0] > budget:
            break
    return {
        "median_s": statistics.median(samples),
        "min_s": min(samples),
        "max_s": max(samples),
        "runs": len(samples),
    }


class Runner:
    def __init__(self, repeat: int, budget: float) -> None:
        self.repeat = repeat
        self.budget = budget
        self.rows: list[dict[str, Any]] = []
        self.previous: dict[tuple[str, str], tuple[int, float]] = {}
        # A baseline timed once per size serves every row comparing with it.
        self.baselines: dict[tuple[int, Callable[[], Any]], dict[str, Any]] = {}

    def compare(
        self,
        size: int,
        op: str,
        ours: Callable[[], Any],
        baseline: Callable[[], Any] | None,
        baseline_name: str,
        *,
        reference: bool = False,
    ) -> None:
        """One row. A `reference` row (ours, but the slow reference engine) is skipped like a
        baseline when its time scaled from the smaller size exceeds five times the budget."""
        row: dict[str, Any] = {"size": size, "op": op, "baseline": baseline_name}
        estimate = self._estimate(size, op, "ours") if reference else None
        if estimate is not None and estimate > 5 * self.budget:
            row["skipped"] = f"estimated {estimate:.0f} s from the smaller size"
            self.rows.append(row)
            print(f"{size:>9,} {op:<34} skipped ({row['skipped']})", flush=True)
            return
        row["ours"] = timed(ours, self.repeat, self.budget)
        self.previous[(op, "ours")] = (size, row["ours"]["median_s"])
        if baseline is not None:
            estimate = self._estimate(size, op, "theirs")
            if estimate is not None and estimate > 5 * self.budget:
                row["baseline_skipped"] = f"estimated {estimate:.0f} s from the smaller size"
            else:
                key = (size, baseline)
                if key not in self.baselines:
                    self.baselines[key] = timed(baseline, self.repeat, self.budget)
                row["theirs"] = self.baselines[key]
                self.previous[(op, "theirs")] = (size, row["theirs"]["median_s"])
                row["ratio"] = row["theirs"]["median_s"] / max(row["ours"]["median_s"], 1e-9)
        self.rows.append(row)
        print(_line(row), flush=True)

    def _estimate(self, size: int, op: str, side: str) -> float | None:
        found = self.previous.get((op, side))
        if found is None:
            return None
        smaller, seconds = found
        return seconds * size / smaller


def _line(row: dict[str, Any]) -> str:
    ours = row["ours"]
    text = f"{row['size']:>9,} {row['op']:<34} ours {_fmt(ours)}"
    if "theirs" in row:
        text += f"  {row['baseline']} {_fmt(row['theirs'])}  x{row['ratio']:.3g}"
    elif "baseline_skipped" in row:
        text += f"  {row['baseline']}: skipped ({row['baseline_skipped']})"
    return text


def _fmt(t: dict[str, Any]) -> str:
    return f"{t['median_s'] * 1000:.1f} ms [{t['min_s'] * 1000:.1f}-{t['max_s'] * 1000:.1f}]"


# --- the operations --------------------------------------------------------------------------


def bench_size(runner: Runner, size: int, work: Path) -> dict[str, Any]:
    import pyoxigraph as ox
    from rdflib import Graph

    from dprkfilm_graph.dump import named_graphs
    from dprkfilm_graph.graph import build_graph, build_triples, ontology_triples, query_graph
    from dprkfilm_graph.load import load_data, load_ontology, load_shapes, merge
    from dprkfilm_graph.oxstore import query_store, store_of, tag_cases
    from dprkfilm_graph.query import list_queries
    from dprkfilm_graph.search import search
    from dprkfilm_graph.serialize import to_jsonld, to_ntriples, to_trig, to_turtle
    from dprkfilm_graph.validate import Engine, validate_graph

    files = replicate(work / f"data-{size}", size)
    data = load_data(files)
    # Ours runs on the plain triples the build carries; the baselines on an rdflib graph.
    triples = build_triples(data)
    graph = build_graph(data)
    info: dict[str, Any] = {"curated_triples": len(data.triples), "built_triples": len(triples)}
    print(f"-- {size:,}: {len(data.triples):,} curated, {len(triples):,} built", flush=True)

    def raw_parse() -> None:
        for path in files:
            ox.Store().bulk_load(path=str(path), format=ox.RdfFormat.TURTLE)

    def rdflib_parse() -> None:
        g = Graph()
        for path in files:
            g.parse(path, format="turtle")

    runner.compare(size, "load", lambda: load_data(files), rdflib_parse, "rdflib parse")
    runner.compare(size, "load (raw pyoxigraph parse)", raw_parse, None, "")
    runner.compare(size, "derive", lambda: build_triples(data), None, "")

    load_shapes()

    def pyshacl_defaults() -> None:
        """pySHACL as a user runs it: its own validate, every query text parsed per focus node
        (the project's `--engine pyshacl` parses each text once, so it is not the baseline)."""
        from pyshacl import validate as shacl_validate

        shacl_validate(
            merge([graph, load_ontology()]),
            shacl_graph=load_shapes(),
            inference="none",
            advanced=True,
            allow_warnings=True,
            allow_infos=True,
        )

    runner.compare(
        size,
        "validate",
        lambda: validate_graph(triples, data, engine=Engine.TURBO),
        pyshacl_defaults,
        "pySHACL defaults",
    )
    runner.compare(
        size,
        "validate, one thread (as in build)",
        lambda: validate_graph(triples, data, engine=Engine.TURBO, split=False),
        pyshacl_defaults,
        "pySHACL defaults",
    )
    runner.compare(
        size,
        "validate --engine pyshacl",
        lambda: validate_graph(graph, data, engine=Engine.PYSHACL),
        pyshacl_defaults,
        "pySHACL defaults",
        reference=True,
    )

    qgraph = query_graph(graph)
    ontology = ontology_triples()
    store = store_of(triples, ontology)
    cases = tag_cases(triples, ontology)
    runner.compare(size, "query store preparation", lambda: store_of(triples, ontology), None, "")
    for q in list_queries():

        def ours(q: Any = q) -> None:
            result = query_store(store, q.text, {}, cases)
            list(result)

        def theirs(q: Any = q) -> None:
            list(qgraph.query(q.text))

        runner.compare(size, f"query {q.name}", ours, theirs, "rdflib SPARQL")

    def rdflib_search() -> None:
        list(
            qgraph.query(
                "SELECT ?s ?l WHERE { ?s <http://schema.org/name> ?l "
                'FILTER(CONTAINS(LCASE(STR(?l)), "thaebaek")) }'
            )
        )

    runner.compare(
        size, "search Thaebaek", lambda: search(graph, "Thaebaek"), rdflib_search, "SPARQL CONTAINS"
    )

    for name, ours_fn, fmt in (
        ("dump turtle", lambda: to_turtle(triples), "turtle"),
        ("dump n-triples", lambda: to_ntriples(triples), "nt"),
        ("dump json-ld", lambda: to_jsonld(triples), "json-ld"),
    ):
        runner.compare(size, name, ours_fn, partial(graph.serialize, format=fmt), f"rdflib {fmt}")
    runner.compare(
        size,
        "dump trig (with the split by source)",
        lambda: to_trig(named_graphs(triples)),
        None,
        "",
    )

    out = work / f"build-{size}"

    def bare() -> None:
        st = ox.Store()
        for path in files:
            st.bulk_load(path=str(path), format=ox.RdfFormat.TURTLE)
        for fmt, name in ((ox.RdfFormat.TURTLE, "x.ttl"), (ox.RdfFormat.N_TRIPLES, "x.nt")):
            st.dump(output=str(work / name), format=fmt, from_graph=ox.DefaultGraph())

    runner.compare(
        size,
        "build (load, derive, validate, dumps)",
        lambda: built(out, files),
        bare,
        "bare pyoxigraph parse+dump",
    )
    load_ontology()
    info["peak_rss_mb"] = peak_memory(files)
    print(f"   peak memory, end to end: {info['peak_rss_mb']:.0f} MB", flush=True)
    return info


def built(out: Path, files: list[Path]) -> None:
    """`dprkfilm build --data …` as the command runs it: load and build, without cycle
    collection."""
    from dprkfilm_graph.build import build
    from dprkfilm_graph.bulk import without_cycle_collection
    from dprkfilm_graph.load import load_data

    with without_cycle_collection():
        build(out, load_data(files))


def peak_memory(files: list[Path]) -> float:
    """Peak resident memory (MB) of a child process running the whole build on `files`, as the
    child reads it from /proc/self/status (VmHWM) when done. The rusage of children is not used:
    a child is forked from this process, whose heap at 1M triples is gigabytes, and its maximum
    resident set counts those pages from before it started the build."""
    code = (
        "import sys, tempfile\n"
        "from pathlib import Path\n"
        f"sys.path.insert(0, {str(Path(__file__).parent)!r})\n"
        "from speed import built\n"
        "built(Path(tempfile.mkdtemp()), [Path(p) for p in sys.argv[1:]])\n"
        "status = Path('/proc/self/status')\n"
        "if status.exists():\n"
        "    rows = status.read_text().splitlines()\n"
        "    kb = [r.split()[1] for r in rows if r.startswith('VmHWM')]\n"
        "    print(kb[0])\n"
        "else:\n"
        "    import resource\n"
        "    print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, *map(str, files)], check=True, capture_output=True, text=True
    )
    return int(done.stdout.split()[-1]) / 1024


def startup(repeat: int) -> dict[str, Any]:
    """`dprkfilm --help` against a bare interpreter."""

    def run(args: list[str]) -> None:
        subprocess.run(args, check=True, capture_output=True)

    ours = timed(lambda: run([sys.executable, "-m", "dprkfilm_graph.cli", "--help"]), repeat, 60)
    bare = timed(lambda: run([sys.executable, "-c", "pass"]), repeat, 60)
    row = {"op": "dprkfilm --help", "ours": ours, "python -c pass": bare}
    print(f"startup: --help {_fmt(ours)}, python -c pass {_fmt(bare)}", flush=True)
    return row


# --- report ----------------------------------------------------------------------------------


def markdown(report: dict[str, Any]) -> str:
    lines = [
        "# Speed benchmark",
        "",
        f"{report['machine']}; {report['when']}; median of up to {report['repeat']} runs "
        "[min-max]; ratio = baseline / ours.",
        "",
        "| triples | operation | ours | baseline | baseline time | ratio |",
        "|---:|---|---:|---|---:|---:|",
    ]
    for row in report["rows"]:
        theirs = row.get("theirs")
        if "ours" not in row:
            lines.append(f"| {row['size']:,} | {row['op']} | skipped: {row['skipped']} | | | |")
            continue
        lines.append(
            f"| {row['size']:,} | {row['op']} | {_fmt(row['ours'])} | {row['baseline']} | "
            + (
                f"{_fmt(theirs)} | {row['ratio']:.3g}x |"
                if theirs
                else f"{row.get('baseline_skipped', '')} | |"
            )
        )
    lines += ["", "| size | curated | built | peak memory, end to end |", "|---:|---:|---:|---:|"]
    for size, info in report["sizes"].items():
        lines.append(
            f"| {int(size):,} | {info['curated_triples']:,} | {info['built_triples']:,} | "
            f"{info['peak_rss_mb']:.0f} MB |"
        )
    s = report["startup"]
    lines += [
        "",
        f"Start-up: `dprkfilm --help` {_fmt(s['ours'])}, `python -c pass` "
        f"{_fmt(s['python -c pass'])}.",
    ]
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--budget", type=float, default=60.0, help="seconds; see the docstring")
    parser.add_argument("--out", type=Path, default=RESULTS)
    args = parser.parse_args()
    runner = Runner(args.repeat, args.budget)
    sizes: dict[str, Any] = {}
    report = {
        "machine": f"{platform.python_implementation()} {platform.python_version()}, "
        f"{os.cpu_count()} cores, {platform.machine()}",
        "when": time.strftime("%Y-%m-%d"),
        "repeat": args.repeat,
        "rows": runner.rows,
        "sizes": sizes,
        "startup": startup(max(5, args.repeat)),
    }
    with tempfile.TemporaryDirectory() as tmp:
        for size in sorted(args.sizes):
            sizes[str(size)] = bench_size(runner, size, Path(tmp))
            # Written after every size, so a long run stopped at a larger size keeps the rest.
            args.out.mkdir(parents=True, exist_ok=True)
            (args.out / "speed.json").write_text(
                json.dumps(report, indent=1) + "\n", encoding="utf-8"
            )
            (args.out / "speed.md").write_text(markdown(report), encoding="utf-8")
            print(f"wrote {args.out / 'speed.json'} and {args.out / 'speed.md'}", flush=True)


if __name__ == "__main__":
    main()
