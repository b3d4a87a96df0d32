"""Steps around the Pelican build that ``tasks.py`` runs (not a Pelican plugin).

``staging.py`` builds into a fresh folder and swaps it in whole; ``search_index.py`` runs
Pagefind so that the same site gives the same index bytes.
"""
