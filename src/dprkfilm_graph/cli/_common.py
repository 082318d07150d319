"""What every command shares: turning library errors into one clear line and an exit code."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable

from dprkfilm_graph.errors import DprkfilmError

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
