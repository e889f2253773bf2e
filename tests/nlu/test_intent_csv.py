"""read_intent_csv: good files parse; bad files fail with the file, the line and what is wrong."""

from __future__ import annotations

import pytest

from bot.nlu.intent_csv import IntentDataError, read_intent_csv, write_intent_csv


def test_reads_rows_with_a_bom_and_extra_columns(tmp_path) -> None:
    path = tmp_path / "t.csv"
    path.write_bytes('\ufeffid,Sentence,label\n1,where is my order,track\n2,"cancel it, please",cancel\n\n'.encode())
    rows = read_intent_csv(path)
    assert rows.sentences == ["where is my order", "cancel it, please"]
    assert rows.labels == ["track", "cancel"]
    assert len(rows) == 2


def test_write_then_read_round_trips(tmp_path) -> None:
    sentences, labels = ["a, with comma", 'quote " inside', "ünïcode"], ["x", "y", "z"]
    rows = read_intent_csv(write_intent_csv(tmp_path / "r.csv", sentences, labels))
    assert (rows.sentences, rows.labels) == (sentences, labels)


def test_missing_file(tmp_path) -> None:
    with pytest.raises(IntentDataError, match="no such file"):
        read_intent_csv(tmp_path / "nope.csv")


def test_empty_file(tmp_path) -> None:
    path = tmp_path / "empty.csv"
    path.write_text("")
    with pytest.raises(IntentDataError, match=r"empty\.csv: the file is empty"):
        read_intent_csv(path)


def test_header_only(tmp_path) -> None:
    path = tmp_path / "h.csv"
    path.write_text("sentence,label\n")
    with pytest.raises(IntentDataError, match="has a header but no rows"):
        read_intent_csv(path)


def test_missing_columns_are_named(tmp_path) -> None:
    path = tmp_path / "cols.csv"
    path.write_text("text,category\nhello,greet\n")
    with pytest.raises(IntentDataError, match=r"cols\.csv:1: missing column\(s\) sentence, label"):
        read_intent_csv(path)


def test_binary_file(tmp_path) -> None:
    path = tmp_path / "blob.csv"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    with pytest.raises(IntentDataError, match="binary file"):
        read_intent_csv(path)


def test_undecodable_bytes_name_the_line(tmp_path) -> None:
    path = tmp_path / "latin1.csv"
    path.write_bytes("sentence,label\nhello,greet\ncaf\xe9 please,order\n".encode("latin-1"))
    with pytest.raises(IntentDataError, match=r"latin1\.csv:3: not valid UTF-8 \(byte 0xe9\)"):
        read_intent_csv(path)


def test_short_row_and_empty_label_name_the_line(tmp_path) -> None:
    short = tmp_path / "short.csv"
    short.write_text("sentence,label\nhello,greet\nlonely\n")
    with pytest.raises(IntentDataError, match=r"short\.csv:3: expected at least 2 fields, found 1"):
        read_intent_csv(short)
    blank = tmp_path / "blank.csv"
    blank.write_text("sentence,label\nhello,\n")
    with pytest.raises(IntentDataError, match=r"blank\.csv:2: empty label"):
        read_intent_csv(blank)
