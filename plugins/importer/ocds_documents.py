"""What a release's document is called: its title, else what the release says of it."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import unquote, urlsplit

# The format's shortest document title: Public Contracts Scotland numbers documents "1", "2".
TITLE_AT_LEAST = 2
# A file's name at the end of its address, not a script's that serves it (DownloadDocument.aspx).
_FILE_NAME = re.compile(r"^[^/]+\.(?!(?:aspx?|php|jsp|cgi|do|html?)$)[A-Za-z0-9]{2,5}$")


def document_title(document: dict[str, Any], url: str) -> str | None:
    """The document's title, else its description, else its file's name in ``url``; None
    when the release says nothing that names it."""
    for said in (document.get("title"), document.get("description")):
        if isinstance(said, str) and len(said.strip()) >= TITLE_AT_LEAST:
            return said
    name = unquote(urlsplit(url).path.rstrip("/").rsplit("/", 1)[-1]).strip()
    return name if _FILE_NAME.match(name) else None
