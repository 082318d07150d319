"""Contributing back to Wikidata: QuickStatements for the films and people it lacks, and for the
statements its linked items lack (`quickstatements`).

Finding and keeping the links is `dprkfilm_graph.wikidata` (client, candidates, scoring, review,
apply); this package only reads the built graph and, for linked items, their entities as that
package's client fetched them. Nothing here touches the network.
"""
