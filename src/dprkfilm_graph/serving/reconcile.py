"""W3C Reconciliation Service API (0.2 and the 1.0 draft) over the graph."""

from __future__ import annotations

from flask import Blueprint

bp = Blueprint("reconcile", __name__)
