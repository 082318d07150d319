"""Every request the project sends to another server, in one package.

Why one package: Wikimedia blocks clients that ignore its etiquette, and a store or a SPARQL
endpoint deserves the same manners, so the User-Agent, the timeouts, the retries and the maxlag
handling are written once (`policy`) and used by the three kinds of traffic there are: a
Wikibase's action API (`wikibase`), remote SPARQL queries (`sparql`) and the SPARQL 1.1 Graph
Store Protocol (`graphstore`). No other module of the project imports an HTTP library.
"""
