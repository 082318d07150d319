"""A mapping file: which columns hold which properties, in which language, of which entities.

Declarative, so a collector describes a spreadsheet once and re-imports it at will. A mapping is
TOML. One entity per row:

    name = "films"
    type = "film"                  # film | person | org | release | disc | track | recording | song
    file = "films-imported.ttl"    # the data file the rows go into
    key = ["english_title"]        # columns whose slug mints the entity's IRI (never changes)
    label = "english_title"        # column giving the display label (default: the first key)

    [source]
    column = "source"              # where each row's source URL(s) are; or give --source
    separator = " | "

    [[column]]
    name = "hangul_title"
    property = "schema:name"
    language = "ko"                # or datatype = "xsd:gYear", or entity = "person"
    separator = "; "               # a multi-valued cell
    required = false
    unknown_if_empty = false       # an empty cell is a claim that the value is unknown
    source = "hangul_title_source" # the page that states this cell's value (optional)
    quote = "hangul_title_quote"   # the page's own words stating it

A row's `[source]` column names the page its values come from. Several pages for one row do not
say which page states which value, so the importer credits none of them with a value: a column
may name the `source` column giving the page that states its value and the `quote` column giving
that page's words (one per value of a multi-valued cell, split by the same separator; several
pages for one value split by " || "); a quote must show the value. A sheet compiled from the pages
its rows list is declared a dataset, and every value no page is named for is a claim of the
dataset, "compiled from" it, attributed to its compiler, the pages kept as its references:

    [dataset]
    id = "dprk-films-table"        # source/<id>
    title = "DPRK films, a list compiled from public pages"
    sheet = "mappings/sheets/dprk-films.tsv"   # where the table is kept
    compiler = "dprkfilm-graph maintainers"    # who compiled it
    compiler_id = "dprkfilm-maintainers"       # org/<compiler_id>
    date = "2026-11-25"                        # when (xsd:date)
    note = "…"                                 # where compiler and date are recorded

Without a dataset, a row naming several pages is refused unless each value names its page.

A column naming people or organisations (`entity = "person"`) may also say
`bracketed_language = "ko"` (a name's form in brackets after it is a name in that language:
"Jo Kyong-sun (조경순)", alternatives split by "/") and `plain_if_not_korean = true` (a Latin name
whose first word is no Korean surname, "Nicholas Bonner", is not tagged `entity_language`).
A column with `unknown_stated_as = true` holds a source's inexact wording of a value ("1980s",
"1978-1981"): each cell becomes a claim that the value is unknown, keeping the words as
`dfo:statedAs`, so that nothing the source says is lost and nothing is made more precise.
A column with `datatype = "xsd:duration"` and `unit = "minutes"` holds a number of minutes as a
page prints it ("108" for "Running time 108 minutes"): the value is the duration ("PT108M"^^
xsd:duration, as schema:duration and Wikidata P2047 take it) and a quote shows the number.
`key_only = ["film_key"]` names sheet columns that only mint the row's IRI and are never imported
as values: a row about a film the graph already has gives that film's key there (its English
title as the film list keys it), so the film keeps its IRI whatever title the row's page uses.
A column with `terms = { LP = "schema:VinylFormat", CD = "schema:CDFormat" }` names a term of a
vocabulary in the sheet's own words: the first word found in the cell ("LP (red vinyl)") gives
the term, the whole cell is kept on the claim as `dfo:statedAs` and written back on export.

Several entities per row (a record, its disc, the track, its recording and song) are declared
with `[[entity]]` tables instead of `type`/`key`/`label`; each names its `parent` and the `link`
property from parent to child, `when` (the columns whose cells make it present, default: its own
key columns) and each column says which entity it describes with `of`. `rows` names the entity
that has one row per instance when exporting. A column with `entity = "film"` names a film that
must already be in the graph (by any of its titles); people and organisations are minted.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rdflib import URIRef
from rdflib.term import XSDToPython

from dprkfilm_graph.errors import InputError
from dprkfilm_graph.namespaces import MO, PREFIXES, SCHEMA

# Entity types a mapping can mint: classes (the first is the main one) and IRI path segment.
TYPES: dict[str, tuple[tuple[URIRef, ...], str]] = {
    "film": ((SCHEMA.Movie,), "film"),
    "person": ((SCHEMA.Person,), "person"),
    "org": ((SCHEMA.Organization,), "org"),
    "label": ((SCHEMA.Organization, MO.Label), "org"),
    "release": ((SCHEMA.MusicRelease, MO.Release), "release"),
    "disc": ((MO.Record,), "disc"),
    "track": ((MO.Track,), "track"),
    "recording": ((SCHEMA.MusicRecording,), "recording"),
    "song": ((SCHEMA.MusicComposition,), "song"),
}
# What a cell may name: people and organisations are minted from the name, films looked up.
LINKABLE = ("person", "org", "label", "film")
XSD_DURATION = "http://www.w3.org/2001/XMLSchema#duration"
_LANGUAGE = re.compile(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$")


@dataclass(frozen=True)
class Column:
    """One column: its property and how a cell becomes values."""

    name: str
    property: URIRef
    language: str | None = None
    datatype: URIRef | None = None
    entity: str | None = None
    entity_language: str | None = None
    separator: str | None = None
    required: bool = False
    unknown_if_empty: bool = False
    of: str = ""
    bracketed_language: str | None = None
    plain_if_not_korean: bool = False
    unknown_stated_as: bool = False
    terms: tuple[tuple[str, URIRef], ...] = ()
    source: str | None = None
    quote: str | None = None
    unit: str | None = None


# Units a duration column may count in, and the ISO 8601 designator each writes.
UNITS = {"minutes": "M"}


@dataclass(frozen=True)
class Dataset:
    """A table compiled from the pages its rows list: a source of its own, with its compiler."""

    id: str
    title: str
    sheet: str
    compiler: str
    compiler_id: str
    date: str
    note: str = ""


@dataclass(frozen=True)
class Entity:
    """One kind of entity a row describes, and how it hangs from its parent."""

    id: str
    type: str
    key: tuple[str, ...]
    label: tuple[str, ...]
    parent: str | None = None
    link: URIRef | None = None
    when: tuple[str, ...] = ()

    @property
    def classes(self) -> tuple[URIRef, ...]:
        return TYPES[self.type][0]

    @property
    def segment(self) -> str:
        return TYPES[self.type][1]


@dataclass(frozen=True)
class Mapping:
    """A whole mapping file, checked."""

    name: str
    file: str
    entities: tuple[Entity, ...]
    rows: str
    columns: tuple[Column, ...]
    source_column: str | None
    source_separator: str
    path: Path
    dataset: Dataset | None = None
    key_only: tuple[str, ...] = ()

    @property
    def root(self) -> Entity:
        return self.entities[0]

    @property
    def type(self) -> str:
        return self.root.type

    @property
    def key(self) -> tuple[str, ...]:
        return self.root.key

    @property
    def type_class(self) -> URIRef:
        return self.root.classes[0]

    @property
    def segment(self) -> str:
        return self.root.segment

    def entity(self, ident: str) -> Entity:
        return next(e for e in self.entities if e.id == ident)

    def columns_of(self, ident: str) -> list[Column]:
        return [c for c in self.columns if c.of == ident]

    def header(self) -> list[str]:
        """The columns a spreadsheet for this mapping has, in the mapping's order."""
        names = list(self.key_only)
        for column in self.columns:
            names += [n for n in (column.name, column.source, column.quote) if n]
        if self.source_column and self.source_column not in names:
            names.append(self.source_column)
        return names


# XML Schema datatypes a column may give: rdflib's, and the Gregorian ones it leaves out.
_DATATYPES = frozenset(str(k) for k in XSDToPython if k is not None) | frozenset(
    f"http://www.w3.org/2001/XMLSchema#{g}"
    for g in ("gYear", "gYearMonth", "gMonthDay", "gMonth", "gDay")
)


def expand(curie: str, *, where: str, path: Path) -> URIRef:
    """A CURIE with one of the project's prefixes (schema:name) as an IRI."""
    prefix, sep, local = curie.partition(":")
    if not sep or prefix not in PREFIXES or not local:
        known = ", ".join(sorted(PREFIXES))
        raise InputError(
            f"{where}: {curie!r} is not a CURIE with a known prefix ({known})", path=str(path)
        )
    return URIRef(PREFIXES[prefix] + local)


def _column(raw: object, n: int, path: Path, default_of: str) -> Column:
    where = f"column #{n}"
    if not isinstance(raw, dict) or not isinstance(raw.get("name"), str):
        raise InputError(f'{where}: give it a name = "…"', path=str(path))
    where = f"column {raw['name']!r}"
    if not isinstance(raw.get("property"), str):
        raise InputError(
            f'{where}: give its property, e.g. property = "schema:name"', path=str(path)
        )
    kinds = [k for k in ("language", "datatype", "entity", "terms") if raw.get(k)]
    if len(kinds) > 1:
        raise InputError(
            f"{where}: give only one of language, datatype, entity, terms", path=str(path)
        )
    language = raw.get("language")
    if language is not None and not (isinstance(language, str) and _LANGUAGE.match(language)):
        raise InputError(f"{where}: language {language!r} is not a BCP 47 tag", path=str(path))
    entity = raw.get("entity")
    if entity is not None and entity not in LINKABLE:
        raise InputError(f"{where}: entity must be one of {', '.join(LINKABLE)}", path=str(path))
    datatype = raw.get("datatype")
    if datatype is not None and (
        not isinstance(datatype, str)
        or str(expand(datatype, where=where, path=path)) not in _DATATYPES
    ):
        raise InputError(
            f"{where}: datatype {datatype!r} is not an XML Schema datatype "
            "(xsd:gYear, xsd:date, xsd:integer, …)",
            path=str(path),
        )
    bracketed = raw.get("bracketed_language")
    if bracketed is not None and not (
        entity and isinstance(bracketed, str) and _LANGUAGE.match(bracketed)
    ):
        raise InputError(
            f"{where}: bracketed_language needs entity = … and a BCP 47 tag", path=str(path)
        )
    stated_as = bool(raw.get("unknown_stated_as", False))
    if stated_as and kinds:
        raise InputError(
            f"{where}: unknown_stated_as keeps the cell's words: give no {kinds[0]}",
            path=str(path),
        )
    cited = raw.get("source")
    quote = raw.get("quote")
    for what, value in (("source", cited), ("quote", quote)):
        if value is not None and (not isinstance(value, str) or value == raw["name"]):
            held = "address" if what == "source" else "words"
            raise InputError(
                f"{where}: {what} names the column holding its page's {held}, "
                f'e.g. {what} = "{raw["name"]}_{what}"',
                path=str(path),
            )
    if (cited is None) != (quote is None):
        raise InputError(
            f"{where}: give both source and quote: a page is credited only with its own words",
            path=str(path),
        )
    unit = raw.get("unit")
    if unit is not None and (
        unit not in UNITS
        or datatype is None
        or expand(str(datatype), where=where, path=path) != URIRef(XSD_DURATION)
    ):
        raise InputError(
            f'{where}: unit must be one of {", ".join(UNITS)}, with datatype = "xsd:duration"',
            path=str(path),
        )
    return Column(
        name=raw["name"],
        property=expand(raw["property"], where=where, path=path),
        language=language,
        datatype=expand(datatype, where=where, path=path) if isinstance(datatype, str) else None,
        entity=entity,
        entity_language=raw.get("entity_language"),
        separator=raw.get("separator"),
        required=bool(raw.get("required", False)),
        unknown_if_empty=bool(raw.get("unknown_if_empty", False)),
        of=str(raw.get("of", default_of)),
        bracketed_language=bracketed,
        plain_if_not_korean=bool(raw.get("plain_if_not_korean", False)),
        unknown_stated_as=stated_as,
        terms=_terms(raw.get("terms"), where, path),
        source=cited,
        quote=quote,
        unit=unit,
    )


_DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")


def _dataset(raw: Any, path: Path) -> Dataset | None:
    if raw is None:
        return None
    keys = ("id", "title", "sheet", "compiler", "compiler_id", "date")
    if not isinstance(raw, dict) or not all(isinstance(raw.get(k), str) and raw[k] for k in keys):
        raise InputError(
            f"[dataset]: give {', '.join(keys)} (who compiled the table and when)", path=str(path)
        )
    if not _DATE.match(raw["date"]):
        raise InputError(f"[dataset]: date {raw['date']!r} is not YYYY-MM-DD", path=str(path))
    return Dataset(
        id=raw["id"],
        title=raw["title"],
        sheet=raw["sheet"],
        compiler=raw["compiler"],
        compiler_id=raw["compiler_id"],
        date=raw["date"],
        note=str(raw.get("note", "")),
    )


def _terms(raw: Any, where: str, path: Path) -> tuple[tuple[str, URIRef], ...]:
    if raw is None:
        return ()
    if (
        not isinstance(raw, dict)
        or not raw
        or not all(isinstance(k, str) and k.strip() and isinstance(v, str) for k, v in raw.items())
    ):
        raise InputError(
            f'{where}: terms must map words to CURIEs, e.g. {{ LP = "schema:VinylFormat" }}',
            path=str(path),
        )
    return tuple((word, expand(term, where=where, path=path)) for word, term in raw.items())


def _strings(raw: Any, where: str, path: Path) -> tuple[str, ...]:
    if isinstance(raw, str):
        return (raw,)
    if not isinstance(raw, list) or not all(isinstance(x, str) for x in raw):
        raise InputError(f"{where}: give a list of column names", path=str(path))
    return tuple(raw)


def _entities(raw: dict[str, Any], path: Path) -> tuple[Entity, ...]:
    """The `[[entity]]` tables, or the one entity of a mapping's top-level type/key/label."""
    tables = raw.get("entity")
    if tables is None:
        kind = raw.get("type")
        if kind not in TYPES:
            raise InputError(f"type must be one of {', '.join(TYPES)}", path=str(path))
        key = _strings(raw.get("key", []), "key", path)
        label = _strings(raw.get("label", list(key[:1])), "label", path)
        return (Entity(id=str(kind), type=str(kind), key=key, label=label, when=key),)
    entities: list[Entity] = []
    for n, table in enumerate(tables, 1):
        ident = table.get("id") if isinstance(table, dict) else None
        if not isinstance(ident, str):
            raise InputError(f'entity #{n}: give it an id = "…"', path=str(path))
        where = f"entity {ident!r}"
        if table.get("type") not in TYPES:
            raise InputError(f"{where}: type must be one of {', '.join(TYPES)}", path=str(path))
        parent = table.get("parent")
        if parent is not None and parent not in {e.id for e in entities}:
            raise InputError(
                f"{where}: parent {parent!r} must be an entity declared above it", path=str(path)
            )
        if (parent is None) != (table.get("link") is None) or (n == 1) != (parent is None):
            raise InputError(
                f"{where}: the first entity has no parent; every other names its parent "
                'and the link from it, e.g. link = "mo:track"',
                path=str(path),
            )
        key = _strings(table.get("key", []), f"{where}: key", path)
        parent_key = entities[[e.id for e in entities].index(parent)].key if parent else ()
        own = tuple(k for k in key if k not in parent_key)
        link = table.get("link")
        entities.append(
            Entity(
                id=ident,
                type=table["type"],
                key=key,
                label=_strings(table.get("label", list(own[:1])), f"{where}: label", path),
                parent=parent,
                link=expand(link, where=where, path=path) if isinstance(link, str) else None,
                when=_strings(table.get("when", list(own)), f"{where}: when", path),
            )
        )
    return tuple(entities)


def load_mapping(path: Path) -> Mapping:
    """Read and check a mapping file; every mistake is an error naming the file and the fix."""
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise InputError(f"cannot read the mapping: {exc.strerror}", path=str(path)) from exc
    except UnicodeDecodeError:
        raise InputError("not UTF-8 text: save the mapping as UTF-8", path=str(path)) from None
    except tomllib.TOMLDecodeError as exc:
        raise InputError(f"not valid TOML: {exc}", path=str(path)) from exc
    entities = _entities(raw, path)
    ids = [e.id for e in entities]
    if len(set(ids)) != len(ids):
        raise InputError("an entity id is used twice", path=str(path))
    columns = tuple(
        _column(c, n, path, entities[0].id) for n, c in enumerate(raw.get("column", []), 1)
    )
    key_only = _strings(raw.get("key_only", []), "key_only", path)
    names = [c.name for c in columns]
    if len(set(names)) != len(names) or set(names) & set(key_only):
        raise InputError("a column is described twice", path=str(path))
    for column in columns:
        if column.of not in ids:
            raise InputError(
                f"column {column.name!r}: of must be one of {', '.join(ids)}", path=str(path)
            )
    for entity in entities:
        keys = [*names, *key_only]
        if not entity.key or any(k not in keys for k in (*entity.key, *entity.when)):
            raise InputError(
                f"entity {entity.id!r}: key must list one or more of the mapping's columns",
                path=str(path),
            )
    rows = str(raw.get("rows", entities[-1].id if len(entities) > 1 else ids[0]))
    if rows not in ids:
        raise InputError(f"rows must be one of {', '.join(ids)}", path=str(path))
    source = raw.get("source", {})
    return Mapping(
        name=str(raw.get("name", path.stem)),
        file=str(raw.get("file", f"{path.stem}.ttl")),
        entities=entities,
        rows=rows,
        columns=columns,
        source_column=source.get("column"),
        source_separator=source.get("separator", " | "),
        path=path,
        dataset=_dataset(raw.get("dataset"), path),
        key_only=key_only,
    )
