"""The folder of photo files the server may show (`dprkfilm serve --images DIR`).

A photo's file is found by what the data says (its dfo:imageFile caption, "Vinyl 1", or its
IRI's last segment, "vinyl-1") plus an image suffix, matched against the folder's listing taken
once at start. A request names a photo entity, never a path: only files found in that listing,
regular files inside the folder after resolving links, can ever be sent.
"""

from __future__ import annotations

from pathlib import Path

from rdflib import Graph, URIRef

from dprkfilm_graph.errors import InputError
from dprkfilm_graph.namespaces import BASE, DFO, FOAF, RDF, SCHEMA

SUFFIXES = {
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".png": "image/png",
    ".gif": "image/gif",
    ".webp": "image/webp",
}


def _listing(folder: Path) -> dict[str, Path]:
    """Stem (case-folded) -> file, for the image files directly inside `folder`."""
    root = folder.resolve()
    found: dict[str, Path] = {}
    for entry in sorted(root.iterdir()):
        if entry.suffix.lower() not in SUFFIXES:
            continue
        real = entry.resolve()
        if real.is_file() and real.is_relative_to(root):
            found.setdefault(entry.stem.casefold(), real)
    return found


def photo_files(graph: Graph, folder: Path | None) -> dict[str, Path]:
    """Entity path of each photo ("image/vinyl-1") -> its file in `folder`, for the photos that
    have one. An unreadable folder is an input error that says which."""
    if folder is None:
        return {}
    if not folder.is_dir():
        raise InputError(f"--images {folder}: not a folder; give the folder of photo files")
    try:
        files = _listing(folder)
    except OSError as exc:
        raise InputError(f"--images {folder}: cannot read it ({exc.strerror})") from None
    out: dict[str, Path] = {}
    photos = {*graph.subjects(RDF.type, SCHEMA.ImageObject), *graph.subjects(RDF.type, FOAF.Image)}
    for photo in photos:
        if not isinstance(photo, URIRef) or not str(photo).startswith(BASE):
            continue
        path = str(photo)[len(BASE) :]
        names = [str(o) for o in graph.objects(photo, DFO.imageFile)]
        names.append(path.rsplit("/", 1)[-1])
        for name in names:
            found = files.get(name.casefold())
            if found is not None:
                out[path] = found
                break
    return out


def media_type(path: Path) -> str:
    return SUFFIXES[path.suffix.lower()]
