"""Every Wikidata item and property id the project uses, named, in one place.

Why: matching, pulling and QuickStatements must agree on what "film" or "director" is on
Wikidata; one table keeps them from drifting, and the SPARQL in `queries/*.rq` uses the same ids.
"""

from __future__ import annotations

# -- items ---------------------------------------------------------------------------------
FILM = "Q11424"
HUMAN = "Q5"
NORTH_KOREA = "Q423"
# Film classes recognised on items found by search (the pool query follows P279* itself).
FILM_CLASSES = frozenset(
    {FILM, "Q24869", "Q202866", "Q506240", "Q24862", "Q93204", "Q17517379", "Q226730"}
)
# Occupations that make a namesake plausible as a film person.
FILM_OCCUPATIONS = frozenset(
    {"Q2526255", "Q33999", "Q28389", "Q36834", "Q3282637", "Q222344", "Q1323191", "Q10800557"}
)
# ... and as a person a song or record credits: singer, composer, lyricist, musician, songwriter.
MUSIC_OCCUPATIONS = frozenset({"Q177220", "Q36834", "Q822146", "Q639669", "Q753110", "Q488205"})
# Units of a duration (P2047) in seconds: minute, second, hour.
UNITS = {"Q7727": 60, "Q11574": 1, "Q25235": 3600}

# -- properties ----------------------------------------------------------------------------
INSTANCE_OF = "P31"
COUNTRY = "P495"
CITIZENSHIP = "P27"
OCCUPATION = "P106"
PUBLICATION_DATE = "P577"
BIRTH_DATE = "P569"
DEATH_DATE = "P570"
DIRECTOR = "P57"
SCREENWRITER = "P58"
COMPOSER = "P86"
CAST_MEMBER = "P161"
PRODUCTION_COMPANY = "P272"
TITLE = "P1476"
MR = "P1942"
RR = "P2001"
DURATION = "P2047"
PARTS = "P2635"
# Title properties whose values count as names of an item (title, native label, romanizations).
TITLE_PROPERTIES = (TITLE, "P1705", MR, RR, "P8991")

# -- QuickStatements reference properties ---------------------------------------------------
S_URL = "S854"
S_RETRIEVED = "S813"
