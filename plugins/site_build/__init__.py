"""Steps around the Pelican build that ``tasks.py`` runs (not a Pelican plugin).

``steps.py`` runs Pelican and Pagefind through invoke; ``staging.py`` builds into a fresh
folder and swaps it in whole; ``search_index.py`` runs Pagefind on bundles of notice pages
(``search_bundles.py``), keeping unchanged bundles between builds (``kept_bundles.py``);
``deploy.py`` copies the site to its server; ``devserver.py`` serves it and rebuilds on
every change.
"""
