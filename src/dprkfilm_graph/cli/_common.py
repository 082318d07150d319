"""What every command shares: turning library errors into one clear line and an exit code."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from dprkfilm_graph import paths
from dprkfilm_graph.errors import DprkfilmError, InputError

if TYPE_CHECKING:
    from dprkfilm_graph.load import Data

Handler = Callable[[argparse.Namespace], int]


def run(args: argparse.Namespace) -> int:
    """Call the command's handler; user-facing errors become `error: …` on stderr and exit 2."""
    handler: Handler = args.handler
    try:
        return handler(args)
    except DprkfilmError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


def data_option(parser: argparse.ArgumentParser) -> None:
    """The --data option every command that reads the curated data accepts."""
    parser.add_argument(
        "--data",
        type=Path,
        metavar="DIR_OR_FILE",
        action="append",
        help="data folder or Turtle file(s) to use instead of the shipped data/ (repeatable)",
    )


class _Deprecated(argparse.Action):
    """An old spelling of an option: still read, with a note on stderr naming the new one."""

    def __call__(
        self,
        parser: argparse.ArgumentParser,
        namespace: argparse.Namespace,
        values: object,
        option_string: str | None = None,
    ) -> None:
        print(f"note: {option_string} is deprecated; write --data", file=sys.stderr)
        setattr(namespace, self.dest, values)


def data_dir_option(parser: argparse.ArgumentParser) -> None:
    """--data DIR for commands that write into the curated data (import, ingest), the same name
    the reading commands use; --data-dir is kept, hidden, as a deprecated spelling."""
    parser.add_argument(
        "--data",
        dest="data_dir",
        type=Path,
        metavar="DIR",
        help="data folder to import into (default: the shipped data/)",
    )
    parser.add_argument(
        "--data-dir", dest="data_dir", type=Path, action=_Deprecated, help=argparse.SUPPRESS
    )


def load_selected(args: argparse.Namespace) -> Data:
    """The curated data the --data options name, or the shipped data/ when there are none."""
    chosen: list[Path] | None = None
    if args.data:
        chosen = []
        for item in args.data:
            if item.is_dir():
                chosen.extend(paths.data_files(item))
            elif item.exists():
                chosen.append(item)
            else:
                raise InputError("no such file or folder", path=str(item))
    from dprkfilm_graph.load import load_data

    return load_data(chosen)
