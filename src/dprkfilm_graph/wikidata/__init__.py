"""Links to Wikidata (or any Wikibase): find candidates, score them, keep reviewed links, pull
the linked items' statements in as sourced claims, and write QuickStatements for what Wikidata
lacks (creating only what a person marked as missing).

Data flows one way: `client` (the only module that touches the network) -> `candidates` ->
`features` -> `score` -> `decide` -> `review` / `apply`. Everything after `candidates` is pure.
`pull` reads the links, asks the client for the items and writes their claims.
"""
