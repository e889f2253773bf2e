"""Opening a home's erasure key (bot.tombstones) and re-keying the tombstones an older version left unkeyed."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from bot.tombstones import KEY_FILE, PREFIX, ErasureKey, use_for_logs

log = logging.getLogger(__name__)

if TYPE_CHECKING:
    from bot.store.store import Store


def open_erasure_key(store: Store) -> ErasureKey:
    """The key next to the database (created at first start, 0600), also used for log pseudonyms from now on.

    Tombstones without the keyed prefix (a bare SHA-256 of the id, guessable for short ids) are replaced by
    their keyed form; the ids are never needed for that. An in-memory database gets a key for this process.
    """
    home = Path(store.path).parent if store.dialect == "sqlite" else store.home  # PostgreSQL: the home folder
    if store.path == ":memory:" or home is None:
        return ErasureKey.ephemeral()
    new = not (home / KEY_FILE).exists()
    key = ErasureKey.for_home(home)
    use_for_logs(key)
    with store.tx() as db:
        keyed = db.execute("SELECT count(*) FROM erasures WHERE key LIKE ?", [PREFIX + "%"]).fetchone()[0]
        if new and keyed:
            log.error(
                "%s was missing and a new one was made, but the database holds %d tombstones made with the old one: "
                "erased customers can no longer be recognised. Restore the old %s from the backup of this home.",
                home / KEY_FILE,
                keyed,
                KEY_FILE,
            )
        legacy = [r[0] for r in db.execute("SELECT key FROM erasures WHERE key NOT LIKE ?", [PREFIX + "%"])]
        db.conn.executemany("UPDATE OR REPLACE erasures SET key = ? WHERE key = ?", [(key.rekey(k), k) for k in legacy])
    return key
