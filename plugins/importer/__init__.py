"""Bring real notices in from OCDS: releases (files or portal APIs) become notice files.

Pelican-free, like the core: ``sources`` reads releases, ``ocds_release`` maps one to front
matter and a description, ``write`` writes or amends the notice file, ``command`` is
``invoke import``.
"""
