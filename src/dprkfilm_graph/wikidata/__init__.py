"""Everything Wikidata (or any Wikibase): find candidates, score them, keep reviewed links, pull
the linked items' statements in as sourced claims, and write QuickStatements for what Wikidata
lacks (creating only what a person marked as missing).

Data flows one way: `client` (asks through `dprkfilm_graph.net`, the only network code) ->
`candidates` (the pool queries are `queries/*.rq`, read by `wdqs`) -> `features` -> `score` ->
`decide` -> `review` / `apply`. Everything after `candidates` is pure. `pull` reads the links,
asks the client for the items and writes their claims; `quickstatements` builds the batch from
the graph and the fetched items. Every Q- and P-id is named once, in `ids`.
"""
