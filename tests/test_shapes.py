"""Every shape has an example that must conform and one that must fail, and each fails for the
reason its shape exists (Brick's practice: examples are picked up from tests/shapes/<Shape>/)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import BNode, Graph, URIRef
from rdflib.collection import Collection
from rdflib.term import Node

from dprkfilm_graph.graph import build_graph
from dprkfilm_graph.load import Data, load_ontology, load_shapes, merge, parse_turtle
from dprkfilm_graph.namespaces import DFS, RDF, RDFS, SH
from dprkfilm_graph.validate import Engine, Report, Severity, validate_graph

HERE = Path(__file__).parent / "shapes"
SUPPORT = HERE / "_support.ttl"


@cache
def shapes() -> Graph:
    return load_shapes()


def node_shapes() -> list[str]:
    g = shapes()
    return sorted(
        str(s)[len(str(DFS)) :]
        for s in g.subjects(RDF.type, SH.NodeShape)
        if isinstance(s, URIRef) and str(s).startswith(str(DFS))
    )


def _owners(shape: Node) -> set[Node]:
    """The node shapes a result's source shape belongs to (property shapes are shared)."""
    g = shapes()
    if isinstance(shape, URIRef) and (shape, RDF.type, SH.NodeShape) in g:
        return {shape}
    return set(g.subjects(SH.property, shape))


def _validate(example: Path) -> Report:
    graph = merge([parse_turtle(SUPPORT), parse_turtle(example)])
    return validate_graph(build_graph(Data(graph=graph, files=[example])), shapes=shapes())


def _from_shape(report: Report, shape: str) -> list[tuple[Severity, str]]:
    target = DFS[shape]
    found = []
    for node in report.graph.subjects(RDF.type, SH.ValidationResult):
        source = report.graph.value(node, SH.sourceShape)
        if source is not None and target in _owners(source):
            found.append(
                (
                    str(report.graph.value(node, SH.resultSeverity)),
                    str(report.graph.value(node, SH.resultMessage)),
                )
            )
    return found  # type: ignore[return-value]


def test_every_shape_has_examples() -> None:
    missing = [
        s
        for s in node_shapes()
        if not (HERE / s / "conforms.ttl").is_file() or not (HERE / s / "fails.ttl").is_file()
    ]
    assert not missing, f"add tests/shapes/<Shape>/conforms.ttl and fails.ttl for: {missing}"


def test_every_example_folder_names_a_shape() -> None:
    folders = {p.name for p in HERE.iterdir() if p.is_dir()}
    assert folders <= set(node_shapes()), (
        f"examples for unknown shapes: {folders - set(node_shapes())}"
    )


def _holders(g: Graph) -> dict[Node, Node]:
    """Shape -> the shape holding it in sh:or, sh:and, sh:xone, sh:not, sh:node or
    sh:qualifiedValueShape: a shape held so reports through its holder, with the holder's
    message."""
    held: dict[Node, Node] = {}
    for holder, p, o in g:
        if p in (SH["or"], SH["and"], SH.xone):
            held.update((member, holder) for member in Collection(g, o))
        elif p in (SH["not"], SH.node, SH.qualifiedValueShape):
            held[o] = holder
    return held


def test_every_constraint_has_a_message() -> None:
    g = shapes()
    held = _holders(g)

    def has_message(shape: Node, seen: frozenset[Node] = frozenset()) -> bool:
        if (shape, SH.message, None) in g:
            return True
        if any((o, SH.message, None) in g for o in g.subjects(SH.property, shape)):
            return True
        holder = held.get(shape)
        return holder is not None and holder not in seen and has_message(holder, seen | {shape})

    silent = [
        str(shape)
        for shape in set(g.subjects(SH.path, None)) | set(g.subjects(RDF.type, SH.SPARQLConstraint))
        if not has_message(shape)
    ]
    assert not silent, f"constraints without sh:message: {silent}"


@pytest.mark.parametrize("shape", node_shapes())
def test_conforming_example(shape: str) -> None:
    report = _validate(HERE / shape / "conforms.ttl")
    violations = [r for r in report.results if r.severity is Severity.VIOLATION]
    assert not violations, [f"{r.focus}: {r.message}" for r in violations]
    assert _from_shape(report, shape) == []


@pytest.mark.parametrize("shape", node_shapes())
def test_failing_example(shape: str) -> None:
    report = _validate(HERE / shape / "fails.ttl")
    found = _from_shape(report, shape)
    assert found, f"tests/shapes/{shape}/fails.ttl raised nothing from dfs:{shape}"
    severity = shapes().value(DFS[shape], SH.severity)
    if severity is not None:
        assert str(severity) in {s for s, _ in found}


def test_a_release_track_must_be_a_recording() -> None:
    """A song listed on a release without disc or side hangs from it by schema:track; anything
    but a recording there is a violation."""
    found = _from_shape(_validate(HERE / "ReleaseShape" / "fails.ttl"), "ReleaseShape")
    messages = [m for s, m in found if s == str(SH.Violation)]
    assert any("schema:track" in m and "recording" in m for m in messages), found


# --- Every constraint fails somewhere -------------------------------------------------------------
# A constraint is a property shape under a node shape's sh:property, a SPARQL constraint under its
# sh:sparql, or a constraint parameter on the node shape itself (sh:class, sh:or, sh:nodeKind ...).
# A shared one (dfs:NameIsText, dfs:LanguageTagConstraint) is a constraint of each node shape that
# uses it, and counts as met there only for a focus node that node shape targets. The failing
# examples of a node shape are tests/shapes/<Shape>/fails*.ttl (fails-<what>.ttl for more).

# Constraint parameters a node shape may carry directly, with the component that reports them.
_NODE_PARAMETERS = {
    SH["class"]: SH.ClassConstraintComponent,
    SH.nodeKind: SH.NodeKindConstraintComponent,
    SH["or"]: SH.OrConstraintComponent,
    SH["and"]: SH.AndConstraintComponent,
    SH["not"]: SH.NotConstraintComponent,
    SH.xone: SH.XoneConstraintComponent,
    SH.node: SH.NodeConstraintComponent,
    SH["in"]: SH.InConstraintComponent,
    SH.hasValue: SH.HasValueConstraintComponent,
    SH.datatype: SH.DatatypeConstraintComponent,
    SH.pattern: SH.PatternConstraintComponent,
    SH.closed: SH.ClosedConstraintComponent,
}
# Predicates of a node shape that are not constraints of their own.
_NODE_OTHER = {
    SH.targetClass,
    SH.targetNode,
    SH.targetSubjectsOf,
    SH.targetObjectsOf,
    SH.target,
    SH.property,
    SH.sparql,
    SH.severity,
    SH.message,
    SH.ignoredProperties,
    SH.flags,
    SH.deactivated,
    SH.name,
    SH.description,
}
_TARGETS = (SH.targetClass, SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf)


class Kind(StrEnum):
    PROPERTY = "property"
    SPARQL = "sparql"
    NODE = "node"


@dataclass(frozen=True)
class Constraint:
    """One constraint of one node shape, with the severity and message it must report."""

    owner: URIRef
    kind: Kind
    node: Node  # the property shape, the SPARQL constraint, or the parameter (sh:class ...)
    severity: Node
    messages: frozenset[str]

    def __str__(self) -> str:
        if self.kind is Kind.PROPERTY:
            what = f"sh:property [sh:path {_path_name(shapes().value(self.node, SH.path))}]"
        elif self.kind is Kind.SPARQL:
            what = "sh:sparql" + (f" {_name(self.node)}" if isinstance(self.node, URIRef) else "")
        else:
            what = _name(self.node)
        message = min(self.messages, default="")
        short = message if len(message) <= 60 else message[:57] + "..."
        return f'{_name(self.owner)} {what} ({_name(self.severity)}: "{short}")'

    def reported_by(self, report: Graph, result: Node, targets: set[Node]) -> bool:
        """Whether `result` came from this constraint (whatever its severity and message)."""
        source = report.value(result, SH.sourceShape)
        if self.kind is Kind.PROPERTY:
            return source == self.node and report.value(result, SH.focusNode) in targets
        if self.kind is Kind.SPARQL:
            return source == self.owner and report.value(result, SH.sourceConstraint) == self.node
        component = report.value(result, SH.sourceConstraintComponent)
        return source == self.owner and component == _NODE_PARAMETERS[self.node]  # type: ignore[index]

    def says(self, report: Graph, result: Node) -> bool:
        """Whether `result` carries this constraint's own severity and one of its messages."""
        message = str(report.value(result, SH.resultMessage))
        return report.value(result, SH.resultSeverity) == self.severity and any(
            _template(m).fullmatch(message) for m in self.messages
        )


def _name(node: Node | None) -> str:
    """An IRI as prefix:name (blank nodes and literals as they are)."""
    if isinstance(node, URIRef):
        return shapes().namespace_manager.normalizeUri(str(node))
    return str(node)


def _path_name(path: Node | None) -> str:
    alternatives = shapes().value(path, SH.alternativePath)
    if alternatives is not None:
        return " | ".join(_path_name(p) for p in Collection(shapes(), alternatives))
    return _name(path)


def _template(message: str) -> re.Pattern[str]:
    """A message with its {?var} / {$this} placeholders standing for any text."""
    return re.compile(".*".join(re.escape(p) for p in re.split(r"\{[?$]\w+\}", message)), re.S)


def _messages(node: Node) -> frozenset[str]:
    return frozenset(str(m) for m in shapes().objects(node, SH.message))


def _class_targets_only(owner: URIRef) -> bool:
    g = shapes()
    return all(g.value(owner, t) is None for t in _TARGETS if t != SH.targetClass)


@cache
def constraints() -> tuple[Constraint, ...]:
    g = shapes()
    found: list[Constraint] = []
    for name in node_shapes():
        owner = DFS[name]
        level = g.value(owner, SH.severity) or SH.Violation
        for prop in g.objects(owner, SH.property):
            severity = g.value(prop, SH.severity) or SH.Violation
            found.append(Constraint(owner, Kind.PROPERTY, prop, severity, _messages(prop)))
        for sparql in g.objects(owner, SH.sparql):
            severity = g.value(sparql, SH.severity) or level
            found.append(Constraint(owner, Kind.SPARQL, sparql, severity, _messages(sparql)))
        for parameter in set(g.predicates(owner, None)):
            if parameter in _NODE_PARAMETERS:
                found.append(Constraint(owner, Kind.NODE, parameter, level, _messages(owner)))
    return tuple(found)


def unreachable(constraint: Constraint) -> bool:
    """sh:nodeKind sh:IRI on a shape that targets only instances of classes fails only for a
    blank node, and data files refuse blank nodes before validation ever sees them."""
    return (
        constraint.kind is Kind.NODE
        and constraint.node == SH.nodeKind
        and shapes().value(constraint.owner, SH.nodeKind) == SH.IRI
        and _class_targets_only(constraint.owner)
    )


def _targets(owner: URIRef, graph: Graph) -> set[Node]:
    """The focus nodes `owner` selects in `graph` (data with the ontology mixed in)."""
    g = shapes()
    found: set[Node] = set(g.objects(owner, SH.targetNode))
    for cls in g.objects(owner, SH.targetClass):
        for sub in graph.transitive_subjects(RDFS.subClassOf, cls):
            found.update(graph.subjects(RDF.type, sub))
    for p in g.objects(owner, SH.targetSubjectsOf):
        found.update(graph.subjects(p, None))
    for p in g.objects(owner, SH.targetObjectsOf):
        found.update(graph.objects(None, p))
    return found


def failing_examples(shape: str) -> list[Path]:
    return sorted((HERE / shape).glob("fails*.ttl"))


def _engine_report(example: Path, engine: Engine) -> tuple[Graph, Graph]:
    """The report graph of one example on one engine, and the graph it validated."""
    graph = merge([parse_turtle(SUPPORT), parse_turtle(example)])
    built = build_graph(Data(graph=graph, files=[example]))
    report = validate_graph(built, shapes=shapes(), engine=engine)
    return report.graph, merge([built, load_ontology()])


def test_the_constraints_are_all_found() -> None:
    """The enumeration misses nothing: every property shape, SPARQL constraint and constraint
    parameter that a node shape of shapes.ttl carries is listed, each with a message."""
    g = shapes()
    listed = {(c.owner, c.node) for c in constraints()}
    for name in node_shapes():
        owner = DFS[name]
        for p, o in g.predicate_objects(owner):
            if p in (SH.property, SH.sparql):
                assert (owner, o) in listed, (name, o)
            elif str(p).startswith(str(SH)):
                assert p in _NODE_PARAMETERS or p in _NODE_OTHER, (
                    f"dfs:{name} uses {p}: teach the coverage test its constraint component"
                )
                if p in _NODE_PARAMETERS:
                    assert (owner, p) in listed, (name, p)
    silent = [str(c) for c in constraints() if not c.messages and not unreachable(c)]
    assert not silent, f"constraints without sh:message: {silent}"


@pytest.mark.parametrize("name", node_shapes())
def test_every_constraint_has_a_failing_example(name: str) -> None:
    """Each constraint of a node shape reports at least one result, with its own severity and
    message, from that node shape's failing examples. On the default engine: the reference
    engine reports the same rows (focus, severity, path, message, value, shape) on every
    example (tests/test_shacl_engines.py), so it meets the same coverage."""
    engine = Engine.TURBO
    triggered: set[Constraint] = set()
    well_said: set[Constraint] = set()
    mine = [c for c in constraints() if c.owner == DFS[name]]
    for example in failing_examples(name):
        report, graph = _engine_report(example, engine)
        targets = _targets(DFS[name], graph)
        for result in report.subjects(RDF.type, SH.ValidationResult):
            for c in mine:
                if c.reported_by(report, result, targets):
                    triggered.add(c)
                    if c.says(report, result):
                        well_said.add(c)
    wanted = [c for c in mine if not unreachable(c)]
    untriggered = [str(c) for c in wanted if c not in triggered]
    misreported = [str(c) for c in wanted if c in triggered and c not in well_said]
    done = len(wanted) - len(untriggered)
    problems = [f"{done} of {len(wanted)} constraints of dfs:{name} triggered on {engine}"]
    if untriggered:
        problems.append(f"not triggered by any tests/shapes/{name}/fails*.ttl:")
        problems.extend(f"  {c}" for c in untriggered)
    if misreported:
        problems.append("triggered, but never with the constraint's own severity and message:")
        problems.extend(f"  {c}" for c in misreported)
    assert not untriggered and not misreported, "\n".join(problems)


def test_every_constraint_belongs_to_a_node_shape_with_examples() -> None:
    """The per-shape test above sees every constraint: each has an owner among the node shapes
    and that owner has failing examples (unless nothing can reach the constraint)."""
    owners = {DFS[n] for n in node_shapes()}
    orphans = [str(c) for c in constraints() if c.owner not in owners]
    bare = [
        str(c)
        for c in constraints()
        if not unreachable(c) and not failing_examples(str(c.owner)[len(str(DFS)) :])
    ]
    assert not orphans and not bare, (orphans, bare)


@pytest.mark.parametrize("engine", list(Engine))
def test_a_blank_node_fails_the_iri_only_shapes(engine: Engine) -> None:
    """The constraints no data file can reach (sh:nodeKind sh:IRI on shapes that target the
    instances of a class) still hold for a graph handed to validate_graph directly: a blank node
    of each such class is reported by its node shape."""
    wanted = [c for c in constraints() if unreachable(c)]
    graph = merge([parse_turtle(SUPPORT)])
    for c in wanted:
        for cls in shapes().objects(c.owner, SH.targetClass):
            graph.add((BNode(), RDF.type, cls))
    built = build_graph(Data(graph=graph, files=[]))
    report = validate_graph(built, shapes=shapes(), engine=engine)
    found = {
        c
        for c in wanted
        for r in report.graph.subjects(RDF.type, SH.ValidationResult)
        if c.reported_by(report.graph, r, set())
        and isinstance(report.graph.value(r, SH.focusNode), BNode)
        and report.graph.value(r, SH.resultSeverity) == c.severity
    }
    assert wanted and found == set(wanted), [str(c) for c in wanted if c not in found]


# --- SPARQL targets select what their constraints report ------------------------------------------
# A SPARQL-based check runs as a whole-graph query (the shape's sh:SPARQLTarget) that selects the
# nodes breaking it, and the constraint then reports those. On every example, the target must
# select exactly the instances of its classes for which the constraint, evaluated the standard way
# (once per focus node, $this bound), returns a row.


def _sparql_targets() -> list[tuple[URIRef, str, list[str], Node]]:
    """(shape, target query, target classes as IRIs, constraint) for each SPARQL-target shape."""
    g = shapes()
    found = []
    for name in node_shapes():
        owner = DFS[name]
        for target in g.objects(owner, SH.target):
            assert g.value(target, RDF.type) == SH.SPARQLTarget, name
            text = str(g.value(target, SH.select))
            values = re.search(r"VALUES \?class \{([^}]*)\}", text)
            single = re.search(r"\?this a (\S+) [.;]", text)
            names = values.group(1).split() if values else [single.group(1)] if single else []
            classes = [str(g.namespace_manager.expand_curie(n)) for n in names]
            assert classes, f"dfs:{name}: the target names no class (?this a <class>)"
            (constraint,) = list(g.objects(owner, SH.sparql))
            found.append((owner, text, classes, constraint))
    return found


def _prefixes() -> str:
    g = shapes()
    return "".join(
        f"PREFIX {g.value(d, SH.prefix)}: <{g.value(d, SH.namespace)}>\n"
        for d in g.objects(DFS[""], SH.declare)
    )


def test_sparql_target_shapes_are_found() -> None:
    names = {str(owner)[len(str(DFS)) :] for owner, *_ in _sparql_targets()}
    assert {"ClaimAgentShape", "LanguageTagShape", "HangulTagShape"} <= names, names


def test_no_target_class_has_subclasses() -> None:
    """`?this a <class>` in a target equals sh:targetClass only while no class of the ontology is
    a subclass of a target class."""
    ontology = load_ontology()
    for owner, _, classes, _ in _sparql_targets():
        for cls in classes:
            subs = set(ontology.subjects(RDFS.subClassOf, URIRef(cls)))
            assert not subs, f"{_name(owner)}: {cls} has subclasses {subs}: select them too"


@cache
def _example_stores() -> dict[Path, ox.Store]:
    from dprkfilm_graph.graph import ontology_triples
    from dprkfilm_graph.oxstore import store_of
    from dprkfilm_graph.plain import plain

    stores: dict[Path, ox.Store] = {}
    for example in sorted(HERE.glob("*/*.ttl")):
        if example.name == "_support.ttl":
            continue
        graph = merge([parse_turtle(SUPPORT), parse_turtle(example)])
        built = build_graph(Data(graph=graph, files=[example]))
        stores[example] = store_of(plain(built), ontology_triples())
    return stores


def _values(store: ox.Store, query: str, var: str, this: str | None = None) -> set[str]:
    """The values of `var` in the answers (with $this bound to `this`, as a SHACL engine binds
    it for a focus node)."""
    bound: dict[ox.Variable, ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple] | None = (
        {ox.Variable("this"): ox.NamedNode(this)} if this else None
    )
    answers = store.query(query, substitutions=bound)
    assert isinstance(answers, ox.QuerySolutions)
    return {str(row[var].value) for row in answers}


def test_each_sparql_target_selects_what_its_constraint_reports() -> None:
    prefixes = _prefixes()
    selected_somewhere: set[URIRef] = set()
    for owner, target_text, classes, constraint in _sparql_targets():
        check = prefixes + str(shapes().value(constraint, SH.select))
        for example, store in _example_stores().items():
            selected = _values(store, prefixes + target_text, "this")
            members = {
                m for cls in classes for m in _values(store, f"SELECT ?x {{ ?x a <{cls}> }}", "x")
            }
            reported = {m for m in members if _values(store, check, "this", this=m)}
            assert selected == reported, f"{_name(owner)} on {example.relative_to(HERE)}"
            if selected:
                selected_somewhere.add(owner)
    unselected = {_name(o) for o, *_ in _sparql_targets()} - {_name(o) for o in selected_somewhere}
    assert not unselected, f"no example has a node these targets select: {unselected}"
