"""Korean text: Hangul, romanization, pronunciation, matching keys and names.

Titles and names reach the graph in Hangul and in several romanizations; everything that reads or
writes Korean text lives here, below the graph stages, and imports nothing of the project but
`errors` and `namespaces`. The modules depend one way: `hangul` → `pronunciation` → `romanize`
→ `matchkey` → `surnames` → `hangulnames`, `forms`.
"""
