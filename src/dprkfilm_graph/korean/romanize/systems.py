"""The romanization systems, the conventions of MR, and their language tags."""

from __future__ import annotations

from enum import Enum

from dprkfilm_graph.namespaces import TAG_DPRK, TAG_MR, TAG_RR


class System(str, Enum):  # noqa: UP042 - the published API is a str Enum
    """A romanization system; the value is the name used on the command line."""

    MR = "mr"
    MR_ASCII = "mr-ascii"
    RR = "rr"
    DPRK = "dprk"
    DPRK_ASCII = "dprk-ascii"


class Convention(str, Enum):  # noqa: UP042 - a str Enum like System
    """A published authority's practice of McCune-Reischauer: where the generic part of a place
    name (-do, -gun, -ri, river, mountain) goes and how a province splits (-bukto or buk-to);
    ALA-LC also romanizes DPRK spellings as the South spells them (로동 nodong), in any text.

    The letters are always the system's. Each convention is that of MR (MR, MR_ASCII);
    RR and the DPRK system follow their own national rules whatever the convention. See
    docs/romanization.md.
    """

    DEFAULT = "default"  # per-system gazetteer practice, see _DEFAULT_LAYOUT
    BGN_PCGN = "bgn-pcgn"  # BGN/PCGN MR for the DPRK: every generic hyphenated, -bukto
    ALA_LC = "ala-lc"  # ALA-LC 2009: jurisdictions hyphenated (-bukto), features joined


# Language tag per system. MR_ASCII and DPRK_ASCII are lossy renderings (breves dropped), not
# systems of their own: no tag, so nothing tags a breve-less form as if it were the system's.
TAGS: dict[System, str] = {System.MR: TAG_MR, System.RR: TAG_RR, System.DPRK: TAG_DPRK}

# The system whose letters an ASCII rendering folds.
ASCII_BASE: dict[System, System] = {System.MR_ASCII: System.MR, System.DPRK_ASCII: System.DPRK}


def base_of(system: System) -> System:
    """The full system behind a rendering (MR for MR_ASCII, DPRK for DPRK_ASCII), else itself."""
    return ASCII_BASE.get(system, system)


ASCII_FOLD = str.maketrans({"ŏ": "o", "Ŏ": "O", "ŭ": "u", "Ŭ": "U", "ë": "e", "Ë": "E", "'": ""})
