"""The delivery journal behind the Telegram outbox: confirmed sends are folded in, sends in flight survive a fold."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from bot.store import Store
from bot.store.journal import DeliveryJournal

REPO = Path(__file__).resolve().parents[2]


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


def test_workers_sharing_a_home_fold_only_the_journals_of_dead_workers(tmp_path: Path) -> None:
    # PostgreSQL: every worker journals into `<home>/postgresql-delivered.<pid>`. A restarting worker folds the
    # files of workers that are gone; a live worker's file (its sends in flight) is neither read nor emptied.
    base = str(tmp_path / "postgresql")
    write = (
        "import sys; from bot.store.journal import DeliveryJournal as J; j = J(sys.argv[1], per_process=True); "
        "j.note_sending(7); j.note_delivered(7); j.note_sending(8); j.note_part_sent(8, 0); print('ok', flush=True); "
        "sys.stdin.readline()"
    )
    dead = subprocess.run([sys.executable, "-c", write, base], input="\n", capture_output=True, text=True, cwd=REPO)
    assert dead.returncode == 0 and dead.stdout.strip() == "ok"
    live = subprocess.Popen(
        [sys.executable, "-c", write.replace("(7)", "(17)").replace("(8", "(18"), base],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        cwd=REPO,
    )
    try:
        assert live.stdout is not None and live.stdout.readline().strip() == "ok"
        live_file = Path(f"{base}-delivered.{live.pid}")
        before = live_file.read_text()
        restarted = DeliveryJournal(base, per_process=True)
        notes = restarted.take(keep_in_flight=False)
        assert notes.delivered == {7} and notes.in_flight == {8} and notes.parts == {8: 1}
        assert live_file.read_text() == before  # the live worker's notes are untouched
        assert DeliveryJournal(base, per_process=True).take(keep_in_flight=False).folded == []  # claimed once
        restarted.remove_folded(notes.folded)
        assert sorted(p.name for p in tmp_path.iterdir()) == [live_file.name]
    finally:
        live.communicate("\n", timeout=30)
    again = DeliveryJournal(base, per_process=True).take(keep_in_flight=False)  # now that one is gone too
    assert again.delivered == {17} and again.in_flight == {18}
