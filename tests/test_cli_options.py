"""One set of options across commands: every option has help, every command that reads or
writes the curated data takes --data (serve and publish too, building the graph as the others
do), --data-dir still works but is hidden, and the README's example commands are real."""

from __future__ import annotations

import argparse
import re
import shlex
from collections.abc import Iterator
from pathlib import Path

import pytest
from rdflib import Graph

from dprkfilm_graph.cli import build_parser, main

ROOT = Path(__file__).parent.parent
SEED = Path(__file__).parent / "fixtures" / "seed"
# Commands that read or write no curated data.
NO_DATA = {"romanize", "fmt"}


def _parsers(
    parser: argparse.ArgumentParser, path: tuple[str, ...] = ()
) -> Iterator[tuple[tuple[str, ...], argparse.ArgumentParser]]:
    yield path, parser
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            seen: set[int] = set()
            for name, sub in action.choices.items():
                if id(sub) not in seen:  # an alias shares its command's parser
                    seen.add(id(sub))
                    yield from _parsers(sub, (*path, name))


def _options(parser: argparse.ArgumentParser) -> set[str]:
    return {o for a in parser._actions for o in a.option_strings if a.help != argparse.SUPPRESS}


def test_every_option_and_argument_has_help() -> None:
    missing = [
        f"dprkfilm {' '.join(path)} {'/'.join(action.option_strings) or action.dest}"
        for path, parser in _parsers(build_parser())
        for action in parser._actions
        if not isinstance(
            action, argparse._HelpAction | argparse._VersionAction | argparse._SubParsersAction
        )
        and not action.help
    ]
    assert not missing, missing


def test_every_command_on_the_data_takes_data() -> None:
    without = []
    for path, parser in _parsers(build_parser()):
        # A command that is only a choice of sub-commands (ingest films|records) takes none.
        chooser = any(
            isinstance(a, argparse._SubParsersAction) and a.required for a in parser._actions
        )
        if not path or path[0] in NO_DATA or chooser:
            continue
        if "--data" not in _options(parser):
            without.append(" ".join(path))
    assert not without, without
    for path, parser in _parsers(build_parser()):
        assert "--data-dir" not in _options(parser), path  # the old spelling is not advertised


def test_data_dir_is_a_deprecated_spelling_of_data(capsys: pytest.CaptureFixture[str]) -> None:
    parser = build_parser()
    old = parser.parse_args(["import", "x.csv", "--mapping", "m.toml", "--data-dir", "d"])
    new = parser.parse_args(["import", "x.csv", "--mapping", "m.toml", "--data", "d"])
    assert old.data_dir == new.data_dir == Path("d")
    assert "--data-dir is deprecated" in capsys.readouterr().err


@pytest.mark.parametrize("command", ["serve", "publish"])
def test_serve_and_publish_build_the_graph_from_data(
    command: str, monkeypatch: pytest.MonkeyPatch, seed_graph: Graph
) -> None:
    from dprkfilm_graph.serving import publish, server

    got: list[Graph] = []

    class Report:
        def lines(self) -> list[str]:
            return []

    def fake_serve(graph: Graph, **_: object) -> None:
        got.append(graph)

    def fake_publish(store: str, graph: Graph, **_: object) -> Report:
        got.append(graph)
        return Report()

    monkeypatch.setattr(server, "serve", fake_serve)
    monkeypatch.setattr(publish, "publish", fake_publish)
    extra = ["--to", "http://127.0.0.1:9/store"] if command == "publish" else []
    assert main([command, "--data", str(SEED), *extra]) == 0
    assert len(got) == 1 and len(got[0]) == len(seed_graph)


def _readme_commands() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    lines = []
    for block in re.findall(r"```sh\n(.*?)```", text, flags=re.S):
        lines += [ln for ln in block.splitlines() if ln.startswith("dprkfilm ")]
    return lines


def test_the_readme_shows_commands() -> None:
    assert len(_readme_commands()) > 20


@pytest.mark.parametrize("line", _readme_commands())
def test_every_readme_command_parses(line: str) -> None:
    command = re.split(r"\s+#\s", line)[0].strip()
    argv = shlex.split(command)[1:]
    try:
        build_parser().parse_args(argv)
    except SystemExit as exc:
        pytest.fail(f"{command!r} does not parse (exit {exc.code})")


@pytest.mark.parametrize(
    "line", [ln for ln in _readme_commands() if ln.startswith("dprkfilm romanize")]
)
def test_readme_romanize_examples_print_what_they_say(
    line: str, capsys: pytest.CaptureFixture[str]
) -> None:
    command, _, comment = line.partition(" #")
    assert main(shlex.split(command)[1:]) == 0
    out = capsys.readouterr().out
    listed = re.search(r"\(([^)]*)\)", comment)
    if listed:
        expected = [form.strip() for form in listed.group(1).split(",")]
    elif all(word[:1].isupper() for word in comment.split()):
        expected = [comment.strip()]
    else:
        expected = []
    for form in expected:
        assert form in out.split("\t") or f"\t{form}\n" in out or out.strip() == form, (form, out)
