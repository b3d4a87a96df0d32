"""The publisher: announce the build's ``announcements.json`` on Bluesky and Mastodon, once
each, and in e-mail digests to mailing lists, at most once each.

It reads nothing but ``output/announcements.json`` (and the card images it names) and the
mailing lists' ``email-lists.toml``, and keeps what it has sent in a ledger; see
docs/publishing.md.
"""
