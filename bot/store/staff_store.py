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
from bot.store.store import Store

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
        row = {
            "name": name,
            "password_hash": _hasher.hash(password),
            "role": role,
            "created_at": _now().isoformat(timespec="seconds"),
            "disabled": 0,
        }
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
                {
                    "id": _digest(token),
                    "name": name,
                    "created_at": now.isoformat(),
                    "expires_at": (now + SESSION_TTL).isoformat(),
                }
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
    def begin_attempt(self, name: str, ip: str, *, trusted: bool, policy: LoginPolicy) -> tuple[int | None, float]:
        """Record an attempt and decide, in one write transaction: (attempt id, 0.0) to go ahead, or (None, seconds to wait).

        Recording first and counting in the same IMMEDIATE transaction means a burst of parallel attempts is
        serialised and each one sees the others, so no more passwords are checked than the policy allows.
        Pending attempts count as failures until they finish.
        """
        now = _now()
        since = (now - policy.window).isoformat()
        name = name[:64]
        with self.store.tx() as db:
            last_ok = (
                next(db.query("SELECT max(ts) AS ts FROM login_attempts WHERE name = ? AND state = 'ok'", [name]))["ts"]
                or ""
            )
            bad = "state IN ('failed', 'pending') AND ts >= ?"
            if trusted:
                # a browser this account signed in from before: only its own failures count, nobody else's
                account = db.query(
                    f"SELECT count(*) AS n, max(ts) AS last FROM login_attempts WHERE name = ? AND trusted = 1 AND {bad} AND ts > ?",
                    [name, since, last_ok],
                )
                buckets = [(next(account), policy.account_free, policy.account_cap_s)]
            else:
                account = db.query(
                    f"SELECT count(*) AS n, max(ts) AS last FROM login_attempts WHERE name = ? AND coalesce(trusted, 0) = 0 "
                    f"AND {bad} AND ts > ?",
                    [name, since, last_ok],
                )
                address = db.query(
                    f"SELECT count(*) AS n, max(ts) AS last FROM login_attempts WHERE ip = ? AND coalesce(trusted, 0) = 0 AND {bad}",
                    [ip, since],
                )
                buckets = [
                    (next(account), policy.account_free, policy.account_cap_s),
                    (next(address), policy.address_free, policy.address_cap_s),
                ]
            wait = max(policy.wait_s(int(row["n"]), row["last"], free, cap, now) for row, free, cap in buckets)
            row = {
                "name": name,
                "ip": ip,
                "ts": now.isoformat(),
                "ok": 0,
                "state": "refused" if wait > 0 else "pending",
                "trusted": int(trusted),
            }
            table = db.table("login_attempts")
            table.insert(row)
            attempt_id = table.last_pk
        return (None, wait) if wait > 0 or attempt_id is None else (int(attempt_id), 0.0)

    def finish_attempt(self, attempt_id: int, *, ok: bool) -> None:
        """The password check's outcome for a pending attempt."""
        with self.store.tx() as db:
            db.table("login_attempts").update(attempt_id, {"state": "ok" if ok else "failed", "ok": int(ok)})

    def record_attempt(self, name: str, ip: str, *, ok: bool) -> None:
        """Remember one finished login attempt (tests and tools; the login form uses begin_attempt/finish_attempt)."""
        with self.store.tx() as db:
            db.table("login_attempts").insert(
                {
                    "name": name[:64],
                    "ip": ip,
                    "ts": _now().isoformat(),
                    "ok": int(ok),
                    "state": "ok" if ok else "failed",
                    "trusted": 0,
                }
            )

    def password_checks(self, name: str | None = None) -> int:
        """How many attempts went on to a password check (ok or failed), for one name or all."""
        with self.store.tx() as db:
            where, args = ("AND name = ?", [name]) if name else ("", [])
            return int(
                next(
                    db.query(
                        f"SELECT count(*) AS n FROM login_attempts WHERE state IN ('ok', 'failed', 'pending') {where}",
                        args,
                    )
                )["n"]
            )


@dataclass(frozen=True, slots=True)
class LoginPolicy:
    """Exponential backoff per account and per address: `free` failures, then waits of base·2^k seconds, capped."""

    window: timedelta = timedelta(minutes=15)
    account_free: int = 5
    address_free: int = 20
    base_s: float = 2.0
    account_cap_s: float = 900.0
    address_cap_s: float = 300.0

    def wait_s(self, failures: int, last: str | None, free: int, cap: float, now: datetime) -> float:
        """Seconds until the next attempt in a bucket with `failures` recent failures, the last at `last`."""
        if failures < free or not last:
            return 0.0
        delay = min(cap, self.base_s * 2 ** (failures - free))
        elapsed = (now - datetime.fromisoformat(last)).total_seconds()
        return max(0.0, delay - elapsed)
