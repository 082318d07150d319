"""Links to Wikidata (or any Wikibase): find candidates, score them, keep reviewed links, and
write QuickStatements for what Wikidata lacks.

Data flows one way: `client` (the only module that touches the network) -> `candidates` ->
`features` -> `score` -> `decide` -> `review` / `apply`. Everything after `candidates` is pure.
"""
