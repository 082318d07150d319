"""Pages for people: home, query editor, and entity pages."""

from __future__ import annotations

from flask import Blueprint

bp = Blueprint("pages", __name__)


@bp.route("/query")
def query_page() -> str:
    return "query"
