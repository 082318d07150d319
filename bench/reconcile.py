"""Reconciliation benchmark: this reconciler vs the common baseline (unidecode +
token_sort_ratio, match at score >= 95 leading by >= 10) on the Wikidata-shaped fixture, for
films and for people (names in other romanizations, people only a source names, namesakes,
items of the wrong kind).

Both score the same candidates (the fixture's items); the baseline compares the entry's titles
with each item's labels and aliases as OpenRefine's Wikidata service does. Runs offline: the fake
API and a real oxigraph server on 127.0.0.1. Writes bench/results/reconcile.json.

    python bench/reconcile.py
"""

from __future__ import annotations

import json
import math
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from rapidfuzz import fuzz
from unidecode import unidecode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from wikidata import items  # noqa: E402
from wikidata.fake_wikibase import serve  # noqa: E402

from dprkfilm_graph.wikidata.candidates import Candidate, candidate_from_entity, gather  # noqa: E402
from dprkfilm_graph.wikidata.client import ClientConfig, WikibaseClient  # noqa: E402
from dprkfilm_graph.wikidata.decide import decide  # noqa: E402
from dprkfilm_graph.wikidata.entries import Entry  # noqa: E402


def baseline(entry: Entry, cands: list[Candidate]) -> str | None:
    scores = sorted(
        (
            max(
                (
                    fuzz.token_sort_ratio(unidecode(a), unidecode(b))
                    for a, _ in entry.titles
                    for b, _ in c.names
                ),
                default=0.0,
            ),
            c.qid,
        )
        for c in cands
    )[::-1]
    if not scores:
        return None
    runner = scores[1][0] if len(scores) > 1 else 0.0
    return scores[0][1] if scores[0][0] >= 95 and scores[0][0] - runner >= 10 else None


def measure(got: list[str | None], gold: list[str | None]) -> dict[str, float]:
    made = [(g, t) for g, t in zip(got, gold, strict=True) if g is not None]
    right = sum(1 for g, t in made if g == t)
    wanted = sum(1 for t in gold if t is not None)
    return {
        "precision": round(right / len(made), 4) if made else 1.0,
        "recall": round(right / wanted, 4) if wanted else 1.0,
        "accepted": len(made),
        "correct": right,
    }


def _oxigraph(folder: Path) -> tuple[subprocess.Popen[bytes], str]:
    binary = str(Path(sys.executable).parent / "oxigraph")
    (folder / "items.nt").write_text(items.ntriples(), encoding="utf-8")
    subprocess.run(
        [binary, "load", "--location", str(folder / "store"), "--file", str(folder / "items.nt")],
        check=True,
        capture_output=True,
    )
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen(
        [
            binary,
            "serve-read-only",
            "--location",
            str(folder / "store"),
            "--bind",
            f"127.0.0.1:{port}",
        ],
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}/query"
    import requests

    for _ in range(200):
        try:
            requests.get(url + "?query=ASK%7B%7D", timeout=2)
            break
        except requests.ConnectionError:
            time.sleep(0.05)
    return proc, url


def main() -> int:
    results: dict[str, object] = {"entries": len(items.ENTRIES), "runs": {}}
    all_ours: list[str | None] = []
    all_base: list[str | None] = []
    all_gold: list[str | None] = []
    every = [candidate_from_entity(e, "fixture") for e in items.entities().values()]
    with tempfile.TemporaryDirectory() as tmp, serve(items.entities()) as fake:
        proc, sparql = _oxigraph(Path(tmp))
        try:
            for kind in ("film", "person"):
                pairs = items.entries(kind)
                entries = [entry for entry, _ in pairs]
                client = WikibaseClient(ClientConfig(api_url=fake.url, sparql_url=sparql))
                start = time.perf_counter()
                cands = gather(client, entries, kind)
                ours = []
                for entry in entries:
                    d = decide(entry, cands[entry.iri])
                    ours.append(d.best.qid if d.best and d.outcome == "accepted" else None)
                elapsed = time.perf_counter() - start
                base = [baseline(e, every) for e in entries]
                gold = [answer for _, answer in pairs]
                all_ours += ours
                all_base += base
                all_gold += gold
                results["runs"][kind] = {  # type: ignore[index]
                    "entries": len(entries),
                    "requests": client.stats.network,
                    "request_budget": math.ceil(len(entries) / 50) + 6,
                    "requests_per_entry": round(client.stats.network / len(entries), 3),
                    "entries_per_second": round(len(entries) / elapsed, 1),
                    "ours": measure(ours, gold),
                    "baseline": measure(base, gold),
                }
        finally:
            proc.terminate()
            proc.wait()
    results["ours"] = measure(all_ours, all_gold)
    results["baseline"] = measure(all_base, all_gold)
    out = ROOT / "bench" / "results" / "reconcile.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(f"{'':10} {'precision':>9} {'recall':>7} {'accepted':>8}")
    for name in ("ours", "baseline"):
        m = results[name]
        print(f"{name:10} {m['precision']:9.3f} {m['recall']:7.3f} {m['accepted']:8d}")  # type: ignore[index]
    for kind, run in results["runs"].items():  # type: ignore[attr-defined]
        ours, base = run["ours"], run["baseline"]
        print(
            f"{kind}: {run['entries']} entries, {run['requests']} requests"
            f" (budget {run['request_budget']}), {run['entries_per_second']} entries/s;"
            f" precision {ours['precision']:.3f} recall {ours['recall']:.3f}"
            f" (baseline {base['precision']:.3f} / {base['recall']:.3f})"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
