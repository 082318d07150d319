"""`python -m dprkfilm_graph.cli` runs the `dprkfilm` command."""

import sys

from dprkfilm_graph.cli import main

sys.exit(main())
