"""QuickStatements v1, line by line, with either separator the tool accepts (TAB or `|`).

The grammar itself (commands, properties, value forms, qualifier/reference pairs, LAST only after
CREATE) is `reconcile.qs_grammar`; this adds the `|` form (one separator a line: a TAB line is
split on TABs only) and refuses empty values (`""`, `ko:""`, an empty field), which the tool
would send as a blank edit.
"""

from __future__ import annotations

import re

from reconcile.qs_grammar import GrammarError, check_line

__all__ = ["GrammarError", "check", "check_pipe_or_tab_line"]

_EMPTY = re.compile(r'^(?:[a-z]{2,3}(?:-[a-z0-9]+)*:)?""$')


def check_pipe_or_tab_line(line: str, *, after_create: bool) -> None:
    """Raise GrammarError when `line` is not one v1 command."""
    if line == "CREATE":
        return
    fields = line.split("\t") if "\t" in line else line.split("|")
    for field in fields:
        if not field or _EMPTY.match(field):
            raise GrammarError(f"empty value: {line!r}")
    check_line("\t".join(fields), after_create=after_create)


def check(text: str) -> int:
    """Check every line of a batch; the number of commands. Blank lines are not allowed."""
    created = False
    for number, line in enumerate(text.splitlines(), 1):
        try:
            check_pipe_or_tab_line(line, after_create=created)
        except GrammarError as exc:
            raise GrammarError(f"line {number}: {exc}") from None
        created = created or line == "CREATE"
    return len(text.splitlines())
