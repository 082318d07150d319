"""W3C Reconciliation Service API over the graph, for OpenRefine and other clients.

Two versions side by side, sharing one matcher:
- 0.2 (Community Group Final Report) at /reconcile: manifest, `queries=` batches keyed q0…,
  `extend=`, /reconcile/suggest/{entity,type,property}, /reconcile/preview,
  /reconcile/propose_properties;
- 1.0 draft at /reconcile/v1: manifest, POST /match, /suggest/…, /preview, POST /extend,
  /extend/propose.

The matcher, its scores and its properties are `dprkfilm_graph.matching`'s; this module reads
the requests of each version and writes its answers.
Entity ids are paths under the base IRI (`film/first-steps`), so view and preview URLs resolve
on whichever server answers.
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Response, current_app, jsonify, render_template_string, request
from rdflib import Graph, Literal, URIRef
from rdflib.term import Node

from dprkfilm_graph import __version__
from dprkfilm_graph.matching import (
    PROPERTIES,
    TYPES,
    Candidate,
    Matcher,
    Query,
    UnknownProperty,
    entity_type,
    local_id,
    suggest_properties,
    suggest_types,
    to_iri,
)
from dprkfilm_graph.namespaces import BASE, DFO, RDFS, SCHEMA
from dprkfilm_graph.search import SearchIndex
from dprkfilm_graph.serving import limits

bp = Blueprint("reconcile", __name__)

SERVICE_NAME = "dprkfilm-graph: North Korean films, film songs, records and people"


class BadRequest(Exception):
    """A request the API cannot read; answered with 400 and this message."""


# --- the matcher, on the site's graphs -----------------------------------------------------


def _site_graph() -> Graph:
    graph: Graph = current_app.extensions["dprkfilm"].full
    return graph


def _index() -> SearchIndex:
    site = current_app.extensions["dprkfilm"]
    found = site.cache.get("search-index")
    if found is None:
        found = SearchIndex(site.graph)
        site.cache["search-index"] = found
    assert isinstance(found, SearchIndex)
    return found


def _matcher() -> Matcher:
    return Matcher(_index(), _site_graph())


def _name_of(graph: Graph, node: Node) -> str:
    label = graph.value(node, RDFS.label)
    return str(label) if label is not None else local_id(node)


def _cell(graph: Graph, value: Node, version: str) -> dict[str, Any]:
    if isinstance(value, URIRef):
        if str(value).startswith(BASE):
            return {"id": local_id(value), "name": _name_of(graph, value)}
        return {"str": str(value)}
    if isinstance(value, Literal):
        if value.datatype is not None and str(value.datatype).endswith("#gYear"):
            try:
                return {"int": int(str(value)[:4])}
            except ValueError:
                return {"str": str(value)}
        if value.language and version != "0.2":
            return {"str": str(value), "lang": value.language}
        return {"str": str(value)}
    return {"str": str(value)}


# --- request parsing ---------------------------------------------------------------------


def _limit(value: Any, default: int = 5) -> int:
    try:
        return max(1, min(100, int(value)))
    except (TypeError, ValueError, OverflowError):
        return default


def _as_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [value]


def _given(value: Any) -> list[str]:
    return [
        str(v.get("id") or v.get("name") or "") if isinstance(v, dict) else str(v)
        for v in _as_list(value)
    ]


def _query_v02(raw: Any) -> Query:
    if isinstance(raw, str):
        return Query(raw)
    if not isinstance(raw, dict) or not isinstance(raw.get("query"), str):
        raise BadRequest('each query needs a "query" string')
    kind = raw.get("type")
    props = [
        (str(p.get("pid") or p.get("p") or ""), _given(p.get("v")))
        for p in raw.get("properties") or []
        if isinstance(p, dict)
    ]
    return Query(
        raw["query"], kind if isinstance(kind, str) else None, _limit(raw.get("limit")), props
    )


def _query_v1(raw: Any) -> Query:
    if not isinstance(raw, dict) or not isinstance(raw.get("conditions"), list):
        raise BadRequest('each query needs "conditions" (a list)')
    names, props = [], []
    for cond in raw["conditions"]:
        if not isinstance(cond, dict):
            raise BadRequest("a condition must be an object")
        if cond.get("matchType") == "name":
            names += _given(cond.get("propertyValue"))
        elif cond.get("matchType") == "property":
            props.append((str(cond.get("propertyId") or ""), _given(cond.get("propertyValue"))))
        elif cond.get("matchType") == "id":
            names += _given(cond.get("propertyValue"))
    if not names:
        raise BadRequest('a query needs a condition with "matchType": "name"')
    kind = raw.get("type")
    return Query(
        " ".join(names), kind if isinstance(kind, str) else None, _limit(raw.get("limit")), props
    )


def _json_body() -> Any:
    """The JSON body of a request sent as application/json, or None; BadRequest when it is not
    JSON or nests too deeply."""
    if not request.is_json:
        return None
    try:
        return limits.loads(request.get_data(as_text=True), "the request body")
    except ValueError as exc:
        raise BadRequest(str(exc)) from None


def _json_param(name: str) -> Any:
    text = request.values.get(name)
    if text is None and request.is_json:
        body = _json_body()
        return body.get(name) if isinstance(body, dict) else None
    if text is None:
        return None
    try:
        return limits.loads(text, f"{name}=")
    except ValueError as exc:
        raise BadRequest(str(exc)) from None


def _batch(queries: dict[str, Any] | list[Any]) -> None:
    try:
        limits.batch(queries)
    except limits.TooMuch as exc:
        raise BadRequest(str(exc)) from None


def _error(message: str) -> Response:
    response = jsonify({"status": "error", "message": message})
    response.status_code = 400
    return response


# --- 0.2 -----------------------------------------------------------------------------------


def _root() -> str:
    return request.url_root


def _about(root: str) -> dict[str, str]:
    """What both versions' manifests say of the service."""
    return {
        "identifierSpace": BASE,
        "schemaSpace": BASE + "ontology#",
        "documentation": root,
        "serviceVersion": __version__,
    }


def manifest_v02() -> dict[str, Any]:
    root = _root()
    return {
        "versions": ["0.2"],
        "name": SERVICE_NAME,
        **_about(root),
        "view": {"url": root + "{{id}}"},
        "defaultTypes": [{"id": t, "name": n} for t, n in TYPES.items()],
        "preview": {"url": root + "reconcile/preview?id={{id}}", "width": 400, "height": 300},
        "suggest": {
            kind: {"service_url": root.rstrip("/"), "service_path": f"/reconcile/suggest/{kind}"}
            for kind in ("entity", "type", "property")
        },
        "extend": {
            "propose_properties": {
                "service_url": root.rstrip("/"),
                "service_path": "/reconcile/propose_properties",
            },
            "property_settings": [],
        },
    }


def _feature(pid: str, name: str, value: float | bool, version: str) -> dict[str, Any]:
    """A feature of a candidate; 1.0 names it, 0.2 has no name field."""
    if version == "0.2":
        return {"id": pid, "value": value}
    return {"id": pid, "name": name, "value": value}


def _candidate(c: Candidate, version: str) -> dict[str, Any]:
    """A candidate as both versions write it (they differ only in naming its features)."""
    name = _feature("name", "name similarity", round(c.name_score * 100, 1), version)
    return {
        "id": c.id,
        "name": c.name,
        "type": [{"id": c.type, "name": TYPES[c.type]}],
        "score": c.score,
        "match": c.match,
        "features": [name]
        + [
            _feature(pid, PROPERTIES[pid].name, agrees, version)
            for pid, agrees in c.features.items()
        ],
    }


def _extend_response(raw: Any, version: str) -> dict[str, Any]:
    if not isinstance(raw, dict) or not isinstance(raw.get("ids"), list):
        raise BadRequest('an extension query needs "ids" (a list) and "properties"')
    pids = [str(p.get("id")) for p in raw.get("properties") or [] if isinstance(p, dict)]
    graph = _site_graph()
    try:
        found = _matcher().extend([str(i) for i in raw["ids"]], pids)
    except UnknownProperty as exc:
        raise BadRequest(str(exc)) from None
    meta = [{"id": pid, "name": PROPERTIES[pid].name} for pid in pids]
    if version == "0.2":
        rows02 = {
            entity: {pid: [_cell(graph, v, version) for v in vals] for pid, vals in props.items()}
            for entity, props in found.items()
        }
        return {"meta": meta, "rows": rows02}
    rows = [
        {
            "id": entity,
            "properties": [
                {"id": pid, "values": [_cell(graph, v, version) for v in vals]}
                for pid, vals in props.items()
            ],
        }
        for entity, props in found.items()
    ]
    return {"meta": meta, "rows": rows}


@bp.route("/reconcile", methods=["GET", "POST"])
def service_v02() -> Response:
    try:
        queries = _json_param("queries")
        if queries is not None:
            if not isinstance(queries, dict):
                raise BadRequest("queries= must be a JSON object keyed q0, q1, …")
            _batch(queries)
            return jsonify(
                {
                    key: {
                        "result": [_candidate(c, "0.2") for c in _matcher().match(_query_v02(raw))]
                    }
                    for key, raw in queries.items()
                }
            )
        extend = _json_param("extend")
        if extend is not None:
            return jsonify(_extend_response(extend, "0.2"))
    except BadRequest as exc:
        return _error(str(exc))
    return jsonify(manifest_v02())


def _suggest_entities_json(version: str) -> dict[str, Any]:
    prefix = request.args.get("prefix", "")
    hits = _matcher().suggest_entities(
        prefix, request.args.get("type"), _limit(request.args.get("limit"), 10)
    )
    result = []
    for c in hits:
        item: dict[str, Any] = {
            "id": c.id,
            "name": c.name,
            "notable": [{"id": c.type, "name": TYPES[c.type]}],
        }
        result.append(item)
    return {"result": result}


@bp.before_request
def _bounded_prefix() -> Response | None:
    """A suggest prefix is what a person types: one longer than a query text is refused before
    it is matched (a 100,000-character prefix would hold a thread for seconds)."""
    prefix = request.args.get("prefix", "")
    if len(prefix) > limits.MAX_QUERY_CHARS:
        return _error(
            f"prefix= is {len(prefix)} characters long; at most {limits.MAX_QUERY_CHARS} "
            "are matched"
        )
    return None


@bp.route("/reconcile/suggest/entity")
@bp.route("/reconcile/v1/suggest/entity")
def suggest_entity() -> Response:
    return jsonify(_suggest_entities_json("any"))


@bp.route("/reconcile/suggest/type")
@bp.route("/reconcile/v1/suggest/type")
def suggest_type() -> Response:
    return jsonify({"result": suggest_types(request.args.get("prefix", ""))})


@bp.route("/reconcile/suggest/property")
@bp.route("/reconcile/v1/suggest/property")
def suggest_property() -> Response:
    kind = request.args.get("type")
    props = suggest_properties(request.args.get("prefix", ""), kind if kind in TYPES else None)
    return jsonify(
        {"result": [{"id": p.id, "name": p.name, "description": p.description} for p in props]}
    )


def _proposal(version: str) -> Response:
    kind = request.args.get("type", "film")
    limit = _limit(request.args.get("limit"), 20)
    props = suggest_properties("", kind if kind in TYPES else None)[:limit]
    return jsonify(
        {
            "type": kind,
            "limit": limit,
            "properties": [
                {"id": p.id, "name": p.name, "description": p.description} for p in props
            ],
        }
    )


@bp.route("/reconcile/propose_properties")
def propose_v02() -> Response:
    return _proposal("0.2")


_PREVIEW = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{{ name }}</title>
<style>body{font:14px system-ui,sans-serif;margin:.5rem}
.tag{font-family:monospace;color:#555}</style>
</head><body><strong><a href="{{ href }}" target="_blank">{{ name }}</a></strong>
<span class="tag">{{ kind }}</span><ul>
{% for text, lang in titles %}<li lang="{{ lang }}">{{ text }}
<span class="tag">{{ lang }}</span></li>{% endfor %}
</ul></body></html>"""


_NOT_FOUND = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Not found</title>
</head><body><p>No entity <code>{{ entity }}</code> in the graph.</p></body></html>"""


@bp.route("/reconcile/preview")
@bp.route("/reconcile/v1/preview")
def preview() -> Response:
    entity = request.args.get("id", "")
    graph = _site_graph()
    iri = to_iri(entity)
    if not entity or (iri, None, None) not in graph:
        page = render_template_string(_NOT_FOUND, entity=entity)
        return Response(page, 404, mimetype="text/html")
    titles = sorted(
        {
            (str(o), o.language or "")
            for p in (SCHEMA.name, SCHEMA.alternateName, DFO.generatedLabel)
            for o in graph.objects(iri, p)
            if isinstance(o, Literal)
        },
        key=lambda t: (t[1], t[0]),
    )
    return Response(
        render_template_string(
            _PREVIEW,
            name=_name_of(graph, iri),
            href=_root() + local_id(iri),
            kind=entity_type(graph, iri),
            titles=titles,
        ),
        mimetype="text/html",
    )


# --- 1.0 draft -----------------------------------------------------------------------------


def manifest_v1() -> dict[str, Any]:
    root = _root()
    return {
        "versions": ["1.0-draft"],
        "name": SERVICE_NAME,
        "lang": "en",
        **_about(root),
        "view": {"url": root + "{id}"},
        "defaultTypes": [{"id": t, "name": n} for t, n in TYPES.items()],
        "preview": {"width": 400, "height": 300},
        "suggest": {"entity": True, "property": True, "type": True},
        "extend": {"proposeProperties": True, "propertySettings": []},
        "standardizedScore": True,
    }


@bp.route("/reconcile/v1", methods=["GET"])
@bp.route("/reconcile/v1/", methods=["GET"])
def manifest_v1_route() -> Response:
    return jsonify(manifest_v1())


@bp.route("/reconcile/v1/match", methods=["POST"])
def match_v1() -> Response:
    try:
        body = _json_body() if request.is_json else _json_param("queries")
        if isinstance(body, dict):
            body = body.get("queries")
        if not isinstance(body, list):
            raise BadRequest(
                'POST a JSON object {"queries": [...]} (Content-Type: application/json)'
            )
        _batch(body)
        results = [
            {"candidates": [_candidate(c, "1.0") for c in _matcher().match(_query_v1(q))]}
            for q in body
        ]
    except BadRequest as exc:
        return _error(str(exc))
    return jsonify({"results": results})


@bp.route("/reconcile/v1/extend", methods=["POST"])
def extend_v1() -> Response:
    try:
        raw = _json_body() if request.is_json else _json_param("extend")
        return jsonify(_extend_response(raw, "1.0"))
    except BadRequest as exc:
        return _error(str(exc))


@bp.route("/reconcile/v1/extend/propose")
def propose_v1() -> Response:
    return _proposal("1.0")
