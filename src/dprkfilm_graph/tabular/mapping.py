"""A mapping file: which columns hold which properties, in which language, of what kind of entity.

Declarative, so a collector describes a spreadsheet once and re-imports it at will. A mapping is
TOML:

    name = "films"
    type = "film"                  # film | person | org
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
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

from rdflib import URIRef

from dprkfilm_graph.errors import InputError
from dprkfilm_graph.namespaces import PREFIXES, SCHEMA

# Entity types a mapping can mint: class and IRI path segment.
TYPES: dict[str, tuple[URIRef, str]] = {
    "film": (SCHEMA.Movie, "film"),
    "person": (SCHEMA.Person, "person"),
    "org": (SCHEMA.Organization, "org"),
}
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


@dataclass(frozen=True)
class Mapping:
    """A whole mapping file, checked."""

    name: str
    type: str
    file: str
    key: tuple[str, ...]
    label: str
    columns: tuple[Column, ...]
    source_column: str | None
    source_separator: str
    path: Path

    @property
    def type_class(self) -> URIRef:
        return TYPES[self.type][0]

    @property
    def segment(self) -> str:
        return TYPES[self.type][1]

    def header(self) -> list[str]:
        """The columns a spreadsheet for this mapping has, in the mapping's order."""
        names = [c.name for c in self.columns]
        if self.source_column and self.source_column not in names:
            names.append(self.source_column)
        return names


def expand(curie: str, *, where: str, path: Path) -> URIRef:
    """A CURIE with one of the project's prefixes (schema:name) as an IRI."""
    prefix, sep, local = curie.partition(":")
    if not sep or prefix not in PREFIXES or not local:
        known = ", ".join(sorted(PREFIXES))
        raise InputError(
            f"{where}: {curie!r} is not a CURIE with a known prefix ({known})", path=str(path)
        )
    return URIRef(PREFIXES[prefix] + local)


def _column(raw: object, n: int, path: Path) -> Column:
    where = f"column #{n}"
    if not isinstance(raw, dict) or not isinstance(raw.get("name"), str):
        raise InputError(f'{where}: give it a name = "…"', path=str(path))
    where = f"column {raw['name']!r}"
    if not isinstance(raw.get("property"), str):
        raise InputError(
            f'{where}: give its property, e.g. property = "schema:name"', path=str(path)
        )
    kinds = [k for k in ("language", "datatype", "entity") if k in raw]
    if len(kinds) > 1:
        raise InputError(f"{where}: give only one of language, datatype, entity", path=str(path))
    language = raw.get("language")
    if language is not None and not (isinstance(language, str) and _LANGUAGE.match(language)):
        raise InputError(f"{where}: language {language!r} is not a BCP 47 tag", path=str(path))
    entity = raw.get("entity")
    if entity is not None and entity not in TYPES:
        raise InputError(f"{where}: entity must be one of {', '.join(TYPES)}", path=str(path))
    datatype = raw.get("datatype")
    return Column(
        name=raw["name"],
        property=expand(raw["property"], where=where, path=path),
        language=language,
        datatype=expand(datatype, where=where, path=path) if isinstance(datatype, str) else None,
        entity=entity,
        entity_language=raw.get("entity_language"),
        separator=raw.get("separator"),
        required=bool(raw.get("required", False)),
    )


def load_mapping(path: Path) -> Mapping:
    """Read and check a mapping file; every mistake is an error naming the file and the fix."""
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise InputError(f"cannot read the mapping: {exc.strerror}", path=str(path)) from exc
    except tomllib.TOMLDecodeError as exc:
        raise InputError(f"not valid TOML: {exc}", path=str(path)) from exc
    kind = raw.get("type")
    if kind not in TYPES:
        raise InputError(f"type must be one of {', '.join(TYPES)}", path=str(path))
    columns = tuple(_column(c, n, path) for n, c in enumerate(raw.get("column", []), 1))
    names = [c.name for c in columns]
    if len(set(names)) != len(names):
        raise InputError("a column is described twice", path=str(path))
    key = tuple(raw.get("key", []))
    if not key or any(k not in names for k in key):
        raise InputError("key must list one or more of the mapping's columns", path=str(path))
    source = raw.get("source", {})
    return Mapping(
        name=str(raw.get("name", path.stem)),
        type=kind,
        file=str(raw.get("file", f"{path.stem}.ttl")),
        key=key,
        label=str(raw.get("label", key[0])),
        columns=columns,
        source_column=source.get("column"),
        source_separator=source.get("separator", " | "),
        path=path,
    )
