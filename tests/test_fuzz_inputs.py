"""Hypothesis against every place hostile or careless input enters: the SPARQL check (with the
real engine behind it and a canary listening), the query-parameter parser, the Turtle and sheet
readers, the reconciliation request parser, the romanizer and the matching key. Each either
answers or refuses with the project's own error; nothing else escapes, nothing is fetched."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from flask.testing import FlaskClient
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from pyoxigraph import QueryBoolean, Store
from rdflib import Graph
from serving.canary import *  # noqa: F403  (the module_canary fixture)
from serving.canary import Canary
from serving.fixtures import *  # noqa: F403  (client, seed_app)

from dprkfilm_graph import checks
from dprkfilm_graph.errors import InputError
from dprkfilm_graph.korean.matchkey import english_key, korean_key, match_keys, similarity
from dprkfilm_graph.korean.romanize import System, romanize, romanize_name, romanize_place
from dprkfilm_graph.load import parse_turtle
from dprkfilm_graph.namespaces import PREFIXES
from dprkfilm_graph.serving.limits import json_depth
from dprkfilm_graph.serving.querytext import Refused, check
from dprkfilm_graph.tabular.rows import read_rows

# Any code point, lone surrogates, controls and direction marks included.
ANY_TEXT = st.text(st.characters(codec=None, categories=None), max_size=60)
FUZZ = settings(
    max_examples=300,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)


# --- SPARQL: what the check lets through, the engine runs without fetching -----------------

_PIECES = [
    "SELECT", "ASK", "*", "?s", "?p", "?o", "{", "}", "(", ")", ".", ";", "#", "\r", "\n", " ",
    "\t", "SERVICE", "service", "SeRvIcE", "SILENT", "LOAD", "<CANARY>", "'", '"', "'''", '"""',
    "\\", "\\'", '\\"', "\\u0022", "\\u0027", "\\u000A", "<", ">", "<http://a/x>", "FILTER",
    "OPTIONAL", "VALUES", "?e", "BIND", "AS", "PREFIX", "c:", "c:x", "GRAPH", "FROM",
    "FROM NAMED", "WHERE", "1", "x", "a",
]  # fmt: skip


_SKELETON = ["SELECT", "*", "{", "SERVICE", "<CANARY>", "{", "?s", "?p", "?o", "}", "}"]
# Whitespace and comments the way a reader may misjudge them (a CR ends a comment; a quote in a
# comment opens no string); one slot also gets a quote or an escape that could end a string.
_NOISE = [
    " ", "\n", "\r", "\t", "#", "# x\r", "# x\n", "#\r\n", "#'", '#"', "#\\", "#<", "SILENT",
]  # fmt: skip
_RARE = ["'", '"', "\\", "'''", '"""', "<", ">", "\\u0022", "'x\\''", '"\\u0022"']


@st.composite
def _service_queries(draw: st.DrawFn) -> list[str]:
    """The skeleton of a federated query with noise between its tokens: a check that misreads
    a comment, a string or an escape lets one of these through."""
    out: list[str] = []
    rare = draw(st.integers(0, 2 * len(_SKELETON)))  # past the end: none
    for at, token in enumerate(_SKELETON):
        out.extend(draw(st.lists(st.sampled_from(_NOISE), max_size=2)))
        if at == rare:
            out.append(draw(st.sampled_from(_RARE)))
        out.append(token)
    return out


@settings(max_examples=1000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(_PIECES), max_size=30) | _service_queries())
@example(["SELECT", "*", "{", "# x\r", "SERVICE", "<CANARY>", "{", "?s", "?p", "?o", "}", "}"])
def test_no_query_the_check_accepts_makes_the_engine_fetch(
    module_canary: Canary, pieces: list[str]
) -> None:
    hits, url = module_canary.hits, module_canary.url
    text = "PREFIX c: <" + url + "#> " + "".join(pieces).replace("CANARY", url)
    try:
        checked = check(text)
    except Refused:
        return
    before = len(hits)
    store = Store()  # in this process, not the isolated worker: only the check stands guard
    try:
        result = store.query(checked.text)
        if not isinstance(result, QueryBoolean):
            list(result)
    except (SyntaxError, OSError, RuntimeError, ValueError):
        pass
    assert len(hits) == before, f"the engine fetched the canary for {checked.text!r}"


@FUZZ
@given(ANY_TEXT)
def test_the_check_only_refuses_or_accepts(text: str) -> None:
    try:
        checked = check(text)
    except Refused as exc:
        assert 400 <= exc.status < 500
        return
    assert "\x00" not in checked.text


# --- query parameters ------------------------------------------------------------------------


@FUZZ
@given(ANY_TEXT)
def test_a_param_is_a_clean_term_or_an_input_error(text: str) -> None:
    try:
        term = checks.parse_param(text, PREFIXES)
    except InputError:
        return
    assert checks.problem_of_term(term) is None


@FUZZ
@given(st.text(st.characters(codec="utf-8", exclude_categories=["Cc", "Cf", "Cs"]), max_size=40))
def test_a_literal_param_round_trips(text: str) -> None:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    term = checks.parse_param(f'"{escaped}"@ko', PREFIXES)
    assert str(term) == text


# --- files -----------------------------------------------------------------------------------

_TURTLE_PIECES = [
    "@prefix s: <http://schema.org/> .\n", "<https://w3id.org/dprkfilm/film/a>", "s:name", " ",
    '"x"', "'y'", '"""z"""', "@ko", "^^<http://www.w3.org/2001/XMLSchema#gYear>", '"19x9"', ".",
    ";", ",", "[", "]", "(", ")", "_:b", "<rel>", "<javascript:x>", "\\u0000", "\\uD800", "#",
    "\n", "\r", "\u202e", "a", "<http://schema.org/Movie>", "\x00",
]  # fmt: skip


@FUZZ
@given(st.lists(st.sampled_from(_TURTLE_PIECES), max_size=25))
def test_a_turtle_file_parses_or_is_an_input_error(tmp_path: Path, pieces: list[str]) -> None:
    path = tmp_path / "fuzz.ttl"
    path.write_bytes("".join(pieces).encode("utf-8", "surrogatepass"))
    try:
        graph = parse_turtle(path, allow_bnodes=False)
    except InputError as exc:
        assert str(path) in str(exc)
        return
    assert isinstance(graph, Graph)


@FUZZ
@given(st.lists(st.lists(ANY_TEXT, max_size=4), max_size=5), st.sampled_from([",", "\t"]))
def test_a_sheet_reads_or_is_an_input_error(
    tmp_path: Path, table: list[list[str]], delimiter: str
) -> None:
    path = tmp_path / ("fuzz.tsv" if delimiter == "\t" else "fuzz.csv")
    text = "a" + delimiter + "b\n" + "\n".join(delimiter.join(row) for row in table)
    path.write_bytes(text.encode("utf-8", "surrogatepass"))
    try:
        rows = read_rows(path, ["a"])
    except InputError as exc:
        assert str(path) in str(exc)
        return
    assert all(set(r.cells) <= {"a", "b"} for r in rows)


# --- reconciliation requests -----------------------------------------------------------------

JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | ANY_TEXT,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(ANY_TEXT, inner, max_size=4),
    max_leaves=20,
)
QUERY_LIKE = st.dictionaries(
    st.sampled_from(["query", "type", "limit", "properties", "conditions", "x"]),
    JSON_VALUES,
    max_size=4,
)


@settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.dictionaries(st.sampled_from(["q0", "q1", "q2"]), QUERY_LIKE | JSON_VALUES, max_size=3))
def test_a_reconciliation_batch_is_answered_or_a_400(
    client: FlaskClient, batch: dict[str, Any]
) -> None:
    text = json.dumps(batch, ensure_ascii=False).encode("utf-8", "surrogatepass")
    got = client.post("/reconcile", data={"queries": text})
    assert got.status_code in (200, 400), got.text
    v1 = client.post(
        "/reconcile/v1/match",
        data=json.dumps({"queries": list(batch.values())}).encode(),
        content_type="application/json",
    )
    assert v1.status_code in (200, 400), v1.text


@settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.binary(max_size=200))
def test_any_bytes_to_the_endpoints_are_never_a_500(client: FlaskClient, body: bytes) -> None:
    for path, kind in (
        ("/reconcile/v1/match", "application/json"),
        ("/reconcile/v1/extend", "application/json"),
        ("/sparql", "application/sparql-query"),
    ):
        got = client.post(path, data=body, content_type=kind)
        assert got.status_code < 500, (path, got.text)


@settings(max_examples=300, deadline=None)
@given(JSON_VALUES)
def test_json_depth_matches_the_nesting(value: Any) -> None:
    def depth(v: Any) -> int:
        if isinstance(v, list):
            return 1 + max((depth(x) for x in v), default=0)
        if isinstance(v, dict):
            return 1 + max((depth(x) for x in v.values()), default=0)
        return 0

    assert json_depth(json.dumps(value)) == depth(value)


# --- Korean ----------------------------------------------------------------------------------


@FUZZ
@given(ANY_TEXT, st.sampled_from(list(System)))
@example("\u11c3", System.MR)  # an archaic final jamo alone: romanizes to nothing
def test_romanizer_and_matching_key_take_any_text(text: str, system: System) -> None:
    for out in (romanize(text, system), romanize_place(text, system), *romanize_name(text, system)):
        assert isinstance(out, str)
    assert korean_key(text) == korean_key(text)
    assert isinstance(english_key(text), str)
    assert isinstance(match_keys(text), frozenset)
    assert 0.0 <= similarity(text, text[::-1]) <= 1.0
