"""The command that copies the built site to its server: rsync, or the AWS CLI for S3."""

from __future__ import annotations


def sync_command(source: str, destination: str, live: bool) -> list[str]:
    """``aws s3 sync`` for an ``s3://`` destination, else rsync; a dry run unless ``live``."""
    if destination.startswith("s3://"):
        dry_run = [] if live else ["--dryrun"]
        return ["aws", "s3", "sync", source, destination, "--delete", *dry_run]
    # Pelican's own publish task: checksums decide, deleted pages go, permissions kept.
    args = ["rsync", "--delete", "--exclude", ".DS_Store", "-pthrvz", "-c", source, destination]
    return [*args, *([] if live else ["--dry-run"])]
