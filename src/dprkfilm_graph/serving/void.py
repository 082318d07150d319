"""The dataset description at /.well-known/void and the dumps under /dumps/."""

from __future__ import annotations

from flask import Blueprint

bp = Blueprint("void", __name__)
