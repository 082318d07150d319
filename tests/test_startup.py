"""`dprkfilm --help` starts in a blink: heavy libraries are imported only by the commands that
need them, and the table of commands it prints stays equal to what the command modules register."""

from __future__ import annotations

import argparse
import importlib
import subprocess
import sys

from dprkfilm_graph.cli import COMMAND_MODULES, COMMANDS, main

HEAVY = ("rdflib", "pyshacl", "pyshacl_turbo", "pyoxigraph", "flask", "requests", "ko_pron")


def _registered() -> dict[str, tuple[str, str]]:
    found: dict[str, tuple[str, str]] = {}
    for name in COMMAND_MODULES:
        parser = argparse.ArgumentParser()
        subparsers = parser.add_subparsers()
        importlib.import_module(f"dprkfilm_graph.cli.{name}").register(subparsers)
        for action in subparsers._choices_actions:
            found[action.dest] = (name, str(action.help))
    return found


def test_the_command_table_matches_the_modules() -> None:
    assert _registered() == COMMANDS


def _modules_after(args: list[str]) -> set[str]:
    probe = (
        "import sys\n"
        "from dprkfilm_graph.cli import main\n"
        "try:\n"
        f"    main({args!r})\n"
        "except SystemExit:\n"
        "    pass\n"
        "print(' '.join(sorted(m.split('.')[0] for m in sys.modules)), file=sys.stderr)\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    return set(done.stderr.split("\n")[-2].split())


def test_help_imports_no_heavy_library() -> None:
    loaded = _modules_after(["--help"])
    assert not loaded & set(HEAVY), sorted(loaded & set(HEAVY))


def test_romanize_loads_no_engine() -> None:
    loaded = _modules_after(["romanize", "첫걸음"])
    assert "ko_pron" in loaded
    assert not loaded & {"pyshacl", "pyshacl_turbo", "pyoxigraph", "flask", "requests"}


def test_every_command_has_help_and_parses(capsys: object) -> None:
    for command in COMMANDS:
        try:
            main([command, "--help"])
        except SystemExit as exc:
            assert exc.code == 0, command
