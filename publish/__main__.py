"""``python -m publish``: see ``python -m publish --help``."""

from .cli import main

raise SystemExit(main())
