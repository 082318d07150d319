"""Spreadsheets in and out: rows -> entities and sourced claims, and back, by a mapping file.

mapping (TOML, what each column means) -> rows (CSV/TSV with row numbers) -> convert (entities
and claims, each derived from the row's source) -> merge (into one data file, validated before
anything is written) ; export (the graph -> the mapping's columns).
"""
