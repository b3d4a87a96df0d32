"""The notice core: model, reading, validation, the site as data. No Pelican import here.

``plugins/pelican_adapter`` builds the site with Pelican from these parts.
"""
