"""The delivery journal behind the Telegram outbox: confirmed sends are folded in, sends in flight survive a fold."""

from __future__ import annotations

from pathlib import Path

from bot.store import Store


def _reply(store: Store, n: int) -> int:
    store.ensure_customer("c-j")
    conv = store.open_conversation("c-j", "telegram", chat_id="1")
    inbound = store.add_message(conv["id"], "in", "hello", external_id=f"telegram:{n}")
    rid = store.add_reply(conv["id"], inbound, "hi")
    assert rid is not None
    return rid


def test_a_running_fold_keeps_sends_in_flight_and_a_start_up_fold_marks_them_interrupted(tmp_path: Path) -> None:
    store = Store(tmp_path / "shop.db")
    done, in_flight = _reply(store, 1), _reply(store, 2)
    store.journal.note_sending(done)
    store.journal.note_part_sent(done, 0)
    store.journal.note_delivered(done)
    store.journal.note_sending(in_flight)
    store.journal.note_part_sent(in_flight, 0)
    store.journal.note_part_sent(in_flight, 1)
    assert store.apply_delivery_journal() == {"delivered": 1, "interrupted": 0}  # as when the journal grows mid-run
    assert store.get_message(done)["delivered_at"] and not store.get_message(in_flight)["send_interrupted_at"]
    store.close()
    with open(tmp_path / "shop.db-delivered", "a") as fh:  # a crash mid-write leaves a torn line: skipped
        fh.write("\np 9")
    store = Store(tmp_path / "shop.db")  # the process died with `in_flight` unconfirmed
    assert store.apply_delivery_journal(crashed=True) == {"delivered": 0, "interrupted": 1}
    row = store.get_message(in_flight)
    assert row["send_interrupted_at"] and row["sent_parts"] == 2 and not row["delivered_at"]
    assert [r["id"] for r in store.undelivered("telegram")] == [in_flight]
    assert (tmp_path / "shop.db-delivered").read_text() == ""
    store.close()
