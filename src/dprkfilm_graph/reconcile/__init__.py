"""Links from the graph's films and people to Wikidata items (or any Wikibase's).

Data flows one way: `client` (the only module that touches the network) -> `candidates` (items
worth comparing, as plain values) -> `features` -> `score` -> `decide` (pure) -> `review` (the
SSSOM file a person edits) -> `apply` (accepted links as claims in data/). `quickstatements`
writes back what Wikidata lacks. Scoring and decisions are documented in `decide`.
"""
