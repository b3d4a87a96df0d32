"""The Bluesky login session, kept between runs so each run does not log in again.

Bluesky allows few ``createSession`` calls (30 per 5 minutes, 300 a day per account), and
every run logging in afresh is how feed bots get locked out. The session's tokens are
bearer credentials, so the file is never stored in the clear: it is encrypted (Fernet)
with a key derived from the app password, readable only by its owner (mode 0600), and
git-ignored. Without the app password the file is useless; revoking the app password
revokes the session. See docs/publishing.md for how CI should (not) keep it.
"""

from __future__ import annotations

import base64
import logging
from pathlib import Path

from cryptography.fernet import Fernet, InvalidToken
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from .files import write_atomic

logger = logging.getLogger(__name__)

_INFO = b"noticeboard publish: bluesky session"


class SessionStore:
    """An encrypted session string in one file."""

    def __init__(self, path: Path, app_password: str, account: str) -> None:
        self.path = path
        key = HKDF(hashes.SHA256(), 32, salt=account.encode(), info=_INFO).derive(
            app_password.encode()
        )
        self._fernet = Fernet(base64.urlsafe_b64encode(key))

    def load(self) -> str | None:
        """The stored session string, or None if there is none or it cannot be read."""
        try:
            token = self.path.read_bytes()
        except FileNotFoundError:
            return None
        try:
            return self._fernet.decrypt(token).decode()
        except InvalidToken:
            logger.info("stored session was saved for other credentials: logging in afresh")
            return None

    def save(self, session: str) -> None:
        """Store ``session`` encrypted, atomically, readable only by this user."""
        write_atomic(self.path, self._fernet.encrypt(session.encode()), mode=0o600)

    def clear(self) -> None:
        self.path.unlink(missing_ok=True)
