"""Staff users, dashboard sessions and login attempts, kept in the shopbot SQLite database."""

from __future__ import annotations

import hashlib
import logging
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from bot.errors import ShopbotError
from bot.store import Store

log = logging.getLogger(__name__)

ROLES = ("agent", "admin")
SESSION_TTL = timedelta(hours=12)
_hasher = PasswordHasher()
# Verifying an unknown name still costs one hash, so timing does not reveal which names exist.
_DUMMY_HASH = _hasher.hash("not-a-real-password")


@dataclass(frozen=True, slots=True)
class StaffUser:
    """A signed-in member of staff."""

    name: str
    role: str
    session: str = ""

    @property
    def is_admin(self) -> bool:
        """Admins reload the KB, manage staff and erase customers."""
        return self.role == "admin"


def _now() -> datetime:
    return datetime.now(UTC)


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class StaffStore:
    """Data access for staff accounts on top of the shared Store (its migrations create the tables)."""

    def __init__(self, store: Store) -> None:
        self.store = store

    # ------------------------------------------------------------------ users
    def add(self, name: str, password: str, *, role: str = "agent") -> None:
        """Create a member of staff, or reset the password and role of an existing one."""
        name = name.strip()
        if not name or len(name) > 64:
            raise ShopbotError("staff name must be 1-64 characters")
        if role not in ROLES:
            raise ShopbotError(f"role must be one of {', '.join(ROLES)}")
        if len(password) < 8:
            raise ShopbotError("password must be at least 8 characters")
        row = {"name": name, "password_hash": _hasher.hash(password), "role": role, "created_at": _now().isoformat(timespec="seconds"), "disabled": 0}
        with self.store.tx() as db:
            db.table("staff_users").upsert(row, pk="name")
            db.execute("DELETE FROM staff_sessions WHERE name = ?", [name])
        log.info("staff user %s saved with role %s", name, role)

    def remove(self, name: str) -> bool:
        """Delete a member of staff and their sessions; False if there was none."""
        with self.store.tx() as db:
            db.execute("DELETE FROM staff_sessions WHERE name = ?", [name])
            return db.execute("DELETE FROM staff_users WHERE name = ?", [name]).rowcount > 0

    def users(self) -> list[dict[str, Any]]:
        """Every member of staff (without password hashes)."""
        with self.store.tx() as db:
            return [dict(r) for r in db.query("SELECT name, role, created_at, disabled FROM staff_users ORDER BY name")]

    def get(self, name: str) -> dict[str, Any] | None:
        """One staff row (with its hash) or None."""
        with self.store.tx() as db:
            rows = list(db.query("SELECT * FROM staff_users WHERE name = ?", [name]))
        return dict(rows[0]) if rows else None

    def verify(self, name: str, password: str) -> StaffUser | None:
        """The user if the password matches, else None."""
        row = self.get(name)
        stored = row["password_hash"] if row and not row["disabled"] else _DUMMY_HASH
        try:
            _hasher.verify(stored, password)
        except (VerificationError, InvalidHashError):
            return None
        if row is None or row["disabled"]:
            return None
        return StaffUser(row["name"], row["role"])

    # ------------------------------------------------------------------ sessions
    def create_session(self, name: str) -> str:
        """A new random session token (only its SHA-256 is stored)."""
        token = secrets.token_urlsafe(32)
        now = _now()
        with self.store.tx() as db:
            db.table("staff_sessions").insert(
                {"id": _digest(token), "name": name, "created_at": now.isoformat(), "expires_at": (now + SESSION_TTL).isoformat()}
            )
        return token

    def session_user(self, token: str) -> StaffUser | None:
        """The user behind a live session token, or None."""
        with self.store.tx() as db:
            rows = list(
                db.query(
                    "SELECT u.name, u.role, s.expires_at FROM staff_sessions s JOIN staff_users u ON u.name = s.name "
                    "WHERE s.id = ? AND u.disabled = 0",
                    [_digest(token)],
                )
            )
        if not rows or rows[0]["expires_at"] < _now().isoformat():
            return None
        return StaffUser(rows[0]["name"], rows[0]["role"], token)

    def end_session(self, token: str) -> None:
        """Log a session out."""
        with self.store.tx() as db:
            db.execute("DELETE FROM staff_sessions WHERE id = ?", [_digest(token)])

    # ------------------------------------------------------------------ login attempts
    def record_attempt(self, name: str, ip: str, *, ok: bool) -> None:
        """Remember one login attempt."""
        with self.store.tx() as db:
            db.table("login_attempts").insert({"name": name[:64], "ip": ip, "ts": _now().isoformat(), "ok": int(ok)})

    def recent_failures(self, name: str, ip: str, *, window: timedelta) -> int:
        """Failed attempts for this name or from this address within the window."""
        since = (_now() - window).isoformat()
        with self.store.tx() as db:
            row = next(
                db.query(
                    "SELECT count(*) AS n FROM login_attempts WHERE ok = 0 AND ts >= ? AND (name = ? OR ip = ?)", [since, name[:64], ip]
                )
            )
        return int(row["n"])
