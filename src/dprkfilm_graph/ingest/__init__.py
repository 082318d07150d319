"""Bringing public film lists into the graph through the spreadsheet importer (`tabular`).

`filmlist` turns a compiled film list (free-text cells: markers, glosses, remarks) into the plain
columns a mapping describes; `years` adds the per-source years where the sources disagree.
"""
