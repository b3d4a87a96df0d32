"""The publisher: announce the build's ``announcements.json`` on Bluesky and Mastodon, once each.

It reads nothing but ``output/announcements.json`` (and the card images it names) and
keeps what it has posted in a ledger; see docs/publishing.md.
"""
