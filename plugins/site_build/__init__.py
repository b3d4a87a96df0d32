"""Steps around the Pelican build that ``tasks.py`` runs (not a Pelican plugin).

``steps.py`` runs Pelican and Pagefind through invoke; ``staging.py`` builds into a fresh
folder and swaps it in whole; ``search_index.py`` runs Pagefind so that the same site gives
the same index bytes; ``deploy.py`` copies the site to its server; ``devserver.py`` serves
it and rebuilds on every change.
"""
