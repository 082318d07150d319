"""Every request leaves through dprkfilm_graph.net: no other module imports an HTTP client, and
the project names itself to servers with one User-Agent."""

from __future__ import annotations

import ast
from pathlib import Path

from dprkfilm_graph import __version__
from dprkfilm_graph.net.policy import CONTACT, USER_AGENT

SRC = Path(__file__).resolve().parents[1] / "src" / "dprkfilm_graph"
NET = SRC / "net"
# Libraries that send requests (urllib.parse only parses text and is allowed everywhere).
HTTP_MODULES = (
    "requests",
    "requests_cache",
    "SPARQLWrapper",
    "urllib.request",
    "urllib.error",
    "urllib3",
    "http.client",
    "httpx",
    "aiohttp",
)


def _imported(tree: ast.AST) -> list[tuple[int, str]]:
    out: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            out.append((node.lineno, node.module))
            # `from urllib import request` imports urllib.request
            out += [(node.lineno, f"{node.module}.{alias.name}") for alias in node.names]
    return out


def _is_http(module: str) -> bool:
    return any(module == m or module.startswith(m + ".") for m in HTTP_MODULES)


def test_only_the_net_package_imports_an_http_client() -> None:
    offenders = []
    for path in sorted(SRC.rglob("*.py")):
        if NET in path.parents:
            continue
        tree = ast.parse(path.read_text("utf-8"), filename=str(path))
        offenders += [
            f"{path.relative_to(SRC)}:{line}: {module}"
            for line, module in _imported(tree)
            if _is_http(module)
        ]
    assert offenders == []


def test_the_walk_sees_what_the_net_package_imports() -> None:
    """The check above would pass vacuously if it could not see imports."""
    seen = {
        module
        for path in NET.rglob("*.py")
        for _, module in _imported(ast.parse(path.read_text("utf-8")))
        if _is_http(module)
    }
    assert {"requests", "SPARQLWrapper"} <= seen


def test_one_user_agent_with_version_and_contact() -> None:
    assert USER_AGENT.startswith(f"dprkfilm-graph/{__version__} ({CONTACT})")
    assert CONTACT.startswith("https://")
    written = [
        path.relative_to(SRC)
        for path in SRC.rglob("*.py")
        if path.parent != NET and "dprkfilm-graph/" in path.read_text("utf-8")
    ]
    assert written == []
