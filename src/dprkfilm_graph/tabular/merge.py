"""Converted rows -> one data file, merged with what is there, validated before it is written.

Re-importing the same sheet writes nothing (claims have stable IRIs and the file is canonical);
a changed row replaces the claims its source gave before; an entity already in the graph under
another IRI (same Hangul title, or the same Korean matching key and year) is merged into it, and
a near match is reported for a person to decide, never merged.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Graph, Literal, URIRef

from dprkfilm_graph import paths, progress
from dprkfilm_graph.datafiles import DataFiles
from dprkfilm_graph.errors import InputError
from dprkfilm_graph.korean.matchkey import similarity
from dprkfilm_graph.load import new_graph
from dprkfilm_graph.namespaces import DCTERMS, DFO, ORG, PROV, RDF, RDFS, SCHEMA, SOURCE
from dprkfilm_graph.serialize import to_turtle
from dprkfilm_graph.tabular.convert import (
    Converted,
    FilmLink,
    convert,
    dataset_iri,
    source_agents,
)
from dprkfilm_graph.tabular.mapping import Mapping
from dprkfilm_graph.tabular.rows import read_rows

DOUBTFUL = 0.9


@dataclass
class Imported:
    """What an import did (or would do, on a dry run)."""

    path: Path
    rows: int
    entities: int
    claims_before: int
    claims_after: int
    written: bool
    merged: dict[str, str] = field(default_factory=dict)
    doubtful: list[str] = field(default_factory=list)

    def lines(self, dry_run: bool = False) -> list[str]:
        """What to tell the person importing: merges, near matches, then what changed."""
        out = [f"merged {old} into existing {new}" for old, new in sorted(self.merged.items())]
        out += [f"check: {note}" for note in self.doubtful]
        if dry_run and self.claims_after != self.claims_before:
            verb = "would write"
        else:
            verb = "wrote" if self.written else "no change to"
        out.append(
            f"{self.rows} row(s), {self.entities} entit(ies): {verb} {self.path} "
            f"({self.claims_before} -> {self.claims_after} claims)"
        )
        return out


def _titles(graph: Graph, entity: URIRef) -> list[Literal]:
    found = [o for o in graph.objects(entity, SCHEMA.name) if isinstance(o, Literal)]
    for claim in graph.subjects(RDF.subject, entity):
        obj = graph.value(claim, RDF.object)
        if graph.value(claim, RDF.predicate) == SCHEMA.name and isinstance(obj, Literal):
            found.append(obj)
    return found


def _year(graph: Graph, entity: URIRef) -> str | None:
    for claim in graph.subjects(RDF.subject, entity):
        if graph.value(claim, RDF.predicate) == SCHEMA.datePublished:
            value = graph.value(claim, RDF.object)
            if value is not None:
                return str(value)
    return None


class Known:
    """The entities of one class in a graph, each with its titles and year, read once: an
    import matches every row against all of them."""

    def __init__(self, graph: Graph, type_class: URIRef) -> None:
        self.graph, self.type_class = graph, type_class
        self.entities = [
            (other, _titles(graph, other), _year(graph, other))
            for other in sorted(graph.subjects(RDF.type, type_class), key=str)
            if isinstance(other, URIRef)
        ]


def match_existing(
    new: Graph, entity: URIRef, existing: Graph | Known, type_class: URIRef
) -> tuple[URIRef | None, list[str]]:
    """The existing entity `entity` is, if any, and near matches a person should look at."""
    known = existing if isinstance(existing, Known) else Known(existing, type_class)
    if (entity, RDF.type, type_class) in known.graph:
        return entity, []
    titles = _titles(new, entity)
    year = _year(new, entity)
    doubtful = []
    for other, theirs, their_year in known.entities:
        same_hangul = any(t.language == "ko" and t in theirs for t in titles)
        years_agree = year is None or their_year is None or year == their_year
        if same_hangul and years_agree:
            return other, []
        best = max((similarity(str(a), str(b)) for a in titles for b in theirs), default=0.0)
        if best >= 1.0 and years_agree and year is not None and their_year is not None:
            return other, []
        if best >= DOUBTFUL:
            doubtful.append(f"{entity} may be {other} (titles agree {best:.2f}): not merged")
    return None, doubtful


def _names(graph: Graph, entity: URIRef) -> set[str]:
    """Every title of an entity, asserted or claimed, and its display label."""
    names = {str(o) for o in graph.objects(entity, RDFS.label)}
    for prop in (SCHEMA.name, SCHEMA.alternateName):
        names |= {str(o) for o in graph.objects(entity, prop) if isinstance(o, Literal)}
    for claim in graph.subjects(RDF.subject, entity):
        if graph.value(claim, RDF.predicate) in (SCHEMA.name, SCHEMA.alternateName):
            obj = graph.value(claim, RDF.object)
            if isinstance(obj, Literal):
                names.add(str(obj))
    return names


def resolve_films(links: list[FilmLink], existing: Graph) -> tuple[dict[URIRef, URIRef], list[str]]:
    """The film each cell names (one film with exactly that title), or why none can be taken."""
    films = [f for f in existing.subjects(RDF.type, SCHEMA.Movie) if isinstance(f, URIRef)]
    titles = {film: _names(existing, film) for film in films}
    found: dict[URIRef, URIRef] = {}
    problems: list[str] = []
    for link in links:
        if link.placeholder in titles:
            found[link.placeholder] = link.placeholder
            continue
        same = sorted((f for f, names in titles.items() if link.title in names), key=str)
        if len(same) == 1:
            found[link.placeholder] = same[0]
        elif same:
            problems.append(
                f"{link.line}: column {link.column}: {link.title!r} is the title of "
                f"{len(same)} films ({', '.join(same)}): give the film's IRI instead"
            )
        else:
            problems.append(
                f"{link.line}: column {link.column}: no film titled {link.title!r} in the graph: "
                "import the film first or correct the title"
            )
    return found, problems


def _rename(graph: Graph, old: URIRef, new: URIRef) -> None:
    for s, p, o in list(graph.triples((old, None, None))):
        graph.remove((s, p, o))
        graph.add((new, p, o))
    for s, p, o in list(graph.triples((None, None, old))):
        graph.remove((s, p, o))
        graph.add((s, p, new))


IMPORTED = (DFO.SpreadsheetImport, DFO.StatedInSource, DFO.CompiledFrom)


def _drop_row_claims(target: Graph, entity: URIRef, sources: list[URIRef]) -> None:
    """A re-imported row's old claims from its source(s) go: the row now says what it says."""
    for claim in list(target.subjects(RDF.subject, entity)):
        if target.value(claim, DFO.method) not in IMPORTED:
            continue
        if any((claim, PROV.wasDerivedFrom, s) in target for s in sources):
            target.remove((claim, None, None))


def described_sources(graph: Graph) -> dict[str, URIRef]:
    """URL -> the source describing that page, a curated source before a minted web page."""
    found: dict[str, URIRef] = {}
    for source, url in sorted(graph.subject_objects(SCHEMA.url), key=lambda so: str(so[0])):
        if not isinstance(source, URIRef) or (source, RDF.type, PROV.Entity) not in graph:
            continue
        current = found.get(str(url))
        if current is None or (_minted(current) and not _minted(source)):
            found[str(url)] = source
    return found


def _minted(source: URIRef) -> bool:
    return str(source).startswith(f"{SOURCE}web-")


def _forget_replaced_sources(target: Graph, converted: Converted) -> None:
    """A web page source of this file that another source now stands for, and is cited by no
    claim left, is no longer described here (its IRI is kept as replaced, see sources.ttl)."""
    incoming = converted.graph
    cited = {
        s
        for c, s in incoming.subject_objects(PROV.wasDerivedFrom)
        if (c, RDF.type, DFO.Claim) in incoming
    }
    for line, sources in converted.row_sources.items():
        for source in set(sources) - cited:
            named = converted.row_entities.get(line, []) + converted.row_linked.get(line, [])
            for entity in named:
                target.remove((entity, DCTERMS.source, source))
    replaced = {s for line in converted.row_sources.values() for s in line} - cited
    for source in sorted(replaced):
        for site in list(target.subjects(DCTERMS.source, source)):
            if isinstance(site, URIRef) and site.startswith(f"{ORG}site-"):
                target.remove((site, DCTERMS.source, source))
                _drop_row_claims(target, site, [source])
                if (site, DCTERMS.source, None) not in target:  # it publishes nothing cited
                    target.remove((site, None, None))
        if (source, RDF.type, PROV.Entity) not in target:
            continue
        if any(target.subjects(PROV.wasDerivedFrom, source)) or any(
            target.subjects(DCTERMS.source, source)
        ):
            continue
        target.remove((source, None, None))


def _claims(graph: Graph) -> int:
    return len(set(graph.subjects(RDF.type, DFO.Claim)))


def import_sheet(
    mapping: Mapping,
    sheet: Path,
    *,
    data_dir: Path | None = None,
    source: str | None = None,
    dry_run: bool = False,
    files: DataFiles | None = None,
    sheet_text: str | None = None,
) -> Imported:
    """Import `sheet` by `mapping` into `data_dir`; nothing is written unless all of it is good.

    Given `files` (a change of several steps), the new text joins it and the caller validates
    and writes the change once at the end; `sheet_text` is the sheet's content when it was made
    in memory (`sheet` then only names it in messages)."""
    change = files if files is not None else DataFiles(data_dir or paths.data_dir())
    needed = [c.name for c in mapping.columns if c.required] + list(mapping.key)
    if mapping.source_column and not source:
        needed.append(mapping.source_column)
    progress.step(f"importing {sheet.name}")
    rows = read_rows(sheet, needed, text=sheet_text)
    try:
        target_path = paths.inside_data_dir(change.folder, mapping.file)
    except InputError as exc:
        raise InputError(str(exc), path=str(mapping.path)) from None
    others = [p for p in change.files() if p.resolve() != target_path.resolve()]
    existing = change.data(others).graph if others else new_graph()
    target_text = change.text(target_path)
    target = change.data([target_path]).graph if target_text is not None else new_graph()
    everything = existing + target
    converted: Converted = convert(
        mapping, rows, source, described_sources(existing), source_agents(existing)
    )
    if mapping.dataset is not None:
        # A compiled table is one source for all its rows (and for the steps importing its
        # kinds of row into one file): a row's claims from it are not told apart by row.
        table = dataset_iri(mapping.dataset)
        for line, cited in converted.row_sources.items():
            converted.row_sources[line] = [s for s in cited if s != table]
    films, film_problems = resolve_films(converted.film_links, everything)
    lines = [f"{sheet}:{p.line}: column {p.column}: {p.message}" for p in converted.problems]
    lines += [f"{sheet}:{p}" for p in film_problems]
    if lines:
        raise InputError(f"{len(lines)} row problem(s), nothing imported:\n" + "\n".join(lines))
    claims_before = _claims(target)
    incoming = converted.graph
    for placeholder, film in films.items():
        if placeholder != film:
            _rename(incoming, placeholder, film)
    merged: dict[str, str] = {}
    doubtful: list[str] = []
    known = Known(everything, mapping.type_class)  # `everything` is not changed below
    for line, entity in sorted(converted.row_entity.items()):
        found, near = match_existing(incoming, entity, known, mapping.type_class)
        doubtful += near
        if found is not None and found != entity:
            _rename(incoming, entity, found)
            merged[str(entity)] = str(found)
            incoming.remove((found, RDFS.label, None))
            converted.row_entity[line] = found
            converted.row_entities[line] = [
                found if e == entity else e for e in converted.row_entities[line]
            ]
        # The people and organisations a row names are named by it again, as it now says.
        for each in converted.row_entities[line] + converted.row_linked.get(line, []):
            _drop_row_claims(target, each, converted.row_sources[line])
    for line_entities in converted.row_entities.values():
        for entity in line_entities:
            target.remove((entity, RDFS.label, None))  # the row's label replaces an earlier one
    merged_into = {URIRef(v) for v in merged.values()}
    _forget_replaced_sources(target, converted)
    for s, p, o in incoming:
        if s in merged_into and (s, RDF.type, None) in existing and p in (RDF.type, DCTERMS.source):
            continue  # described in its own file already
        if p == RDFS.label and (s, RDFS.label, None) in existing:
            continue  # one display label: the one its own file gives
        target.add((s, p, o))
    text = to_turtle(target)
    changed = text != target_text
    change.put(target_path, text)
    if files is None:
        change.commit(dry_run=dry_run, places=_places(converted, sheet))
    return Imported(
        path=target_path,
        rows=len(rows),
        entities=len(set(converted.row_entity.values())),
        claims_before=claims_before,
        claims_after=_claims(target),
        written=changed and not dry_run,
        merged=merged,
        doubtful=doubtful,
    )


def _places(converted: Converted, sheet: Path) -> dict[str, str]:
    """Each entity and claim the rows minted -> "sheet:line" of the row, for error messages."""
    places = {
        str(entity): f"{sheet}:{line}"
        for line, entities in sorted(converted.row_entities.items(), reverse=True)
        for entity in entities
    }
    for claim in converted.graph.subjects(RDF.type, DFO.Claim):
        subject = str(converted.graph.value(claim, RDF.subject))
        if subject in places:
            places[str(claim)] = places[subject]
    return places
