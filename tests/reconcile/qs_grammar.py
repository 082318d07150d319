"""A checker for the QuickStatements v1 grammar (tab-separated), strict enough to catch what the
tool would reject or misread: one command a line; `CREATE`; `LAST` only after a CREATE;
labels/aliases/descriptions/sitelinks with a language and a quoted string; statements with a
typed value and pairs of qualifiers (Pnn) and references (Snn, `!Snn` opening a new group).

Value forms: item (Qnn, LAST), string "…", monolingual lang:"…", time +YYYY-MM-DDT00:00:00Z/p,
quantity (±n[.n][Unn]), coordinate @lat/lon, somevalue, novalue.

A batch may also use `|` in place of TAB, as the tool accepts (one separator a line: a TAB line is
split on TABs only); empty values (`""`, `ko:""`, an empty field) are refused, as the tool would
send them as blank edits.
"""

from __future__ import annotations

import re

_LANG = r"[a-z]{2,3}(?:-[a-z0-9]+)*"
_STRING = r'"[^"\t]*"'
_VALUE = re.compile(
    "|".join(
        [
            r"Q\d+",
            r"LAST",
            _STRING,
            _LANG + ":" + _STRING,
            r"[+-]\d{1,16}-(?:0\d|1[0-2])-(?:[0-2]\d|3[01])T00:00:00Z/(?:[0-9]|1[0-4])",
            r"[+-]?\d+(?:\.\d+)?(?:U\d+)?",
            r"@-?\d+(?:\.\d+)?/-?\d+(?:\.\d+)?",
            r"somevalue",
            r"novalue",
        ]
    )
)
_TERM = re.compile(rf"^[LAD]{_LANG}$|^S[a-z_]+wiki[a-z]*$")
_PROPERTY = re.compile(r"^P\d+$")
_PAIR_KEY = re.compile(r"^(?:P\d+|S\d+|!S\d+)$")
_ENTITY = re.compile(r"^(?:Q\d+|LAST)$")


class GrammarError(ValueError):
    """A line that is not QuickStatements v1."""


def check_line(line: str, *, after_create: bool) -> None:
    """Raise GrammarError when `line` is not one v1 command."""
    if line == "CREATE":
        return
    fields = line.split("\t")
    if len(fields) < 3:
        raise GrammarError(f"too few tab-separated fields: {line!r}")
    entity, command, *rest = fields
    if not _ENTITY.match(entity):
        raise GrammarError(f"not an item id or LAST: {entity!r}")
    if entity == "LAST" and not after_create:
        raise GrammarError("LAST before any CREATE")
    if _TERM.match(command):
        if len(rest) != 1 or not re.fullmatch(_STRING, rest[0]) or rest[0] == '""':
            raise GrammarError(f"{command} needs one non-empty quoted string: {line!r}")
        return
    if not _PROPERTY.match(command):
        raise GrammarError(f"not a property, label, alias, description or sitelink: {command!r}")
    value, *pairs = rest
    if not _VALUE.fullmatch(value):
        raise GrammarError(f"not a v1 value: {value!r}")
    if len(pairs) % 2:
        raise GrammarError(f"qualifiers and references come in pairs: {line!r}")
    seen_reference = False
    for key, pair_value in zip(pairs[::2], pairs[1::2], strict=True):
        if not _PAIR_KEY.match(key):
            raise GrammarError(f"not a qualifier or reference property: {key!r}")
        if key.startswith("P") and seen_reference:
            raise GrammarError(f"qualifier after a reference: {line!r}")
        seen_reference = seen_reference or not key.startswith("P")
        if not _VALUE.fullmatch(pair_value):
            raise GrammarError(f"not a v1 value for {key}: {pair_value!r}")


_EMPTY = re.compile(r'^(?:[a-z]{2,3}(?:-[a-z0-9]+)*:)?""$')


def check_pipe_or_tab_line(line: str, *, after_create: bool) -> None:
    """Raise GrammarError when `line` (TAB or | separated) is not one v1 command."""
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
    count = 0
    for number, line in enumerate(text.splitlines(), 1):
        try:
            check_pipe_or_tab_line(line, after_create=created)
        except GrammarError as exc:
            raise GrammarError(f"line {number}: {exc}") from None
        created = created or line == "CREATE"
        count += 1
    return count
