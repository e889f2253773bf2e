"""Strict readers for interaction and item CSVs and JSONL event logs."""

from __future__ import annotations

import numpy as np
import pytest

from bot.recommend.catalog import read_any_interactions, read_event_log, read_products
from bot.recommend.interactions import DataFileError, read_interactions_csv, read_items_csv


def write(tmp_path, name: str, content: str | bytes):
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def test_reads_ratings_and_times(tmp_path):
    path = write(tmp_path, "i.csv", "\ufeffuser,item,rating,time\nu1,a,4,100\nu1,b,2.5,200\n\nu2,a,5,50\n")
    inter = read_interactions_csv(path, ratings=True)
    assert list(inter.users) == ["u1", "u1", "u2"]
    assert np.allclose(inter.ratings, [4, 2.5, 5]) and np.allclose(inter.times, [100, 200, 50])


def test_implicit_file_needs_only_user_and_item(tmp_path):
    inter = read_interactions_csv(write(tmp_path, "i.csv", "item,user\na,u1\n"))
    assert inter.ratings is None and inter.times is None and list(inter.items) == ["a"]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("", "file is empty"),
        ("user,item,rating\n", "no data rows"),
        ("user,thing\nu1,a\n", "lacks column(s) item, rating: found columns 'user', 'thing'"),
        ("user,item,rating\nu1,a,good\n", "i.csv:2: column 'rating' is not a number"),
        ("user,item,rating\nu1,a,3\nu2\n", "i.csv:3: expected 3 fields, found 1"),
        ("user,item,rating\nu1,a,nan\n", "not finite"),
        (",\nu1,a\n", "lacks column"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00", "binary"),
        (b"user,item\nu1,caf\xe9\n", "i.csv:2: not UTF-8"),
    ],
)
def test_bad_files_name_the_file_and_line(tmp_path, content, message):
    with pytest.raises(DataFileError, match=message.replace("(", r"\(").replace(")", r"\)")):
        read_interactions_csv(write(tmp_path, "i.csv", content), ratings=True)


def test_aliased_column_names_in_any_case(tmp_path):
    path = write(
        tmp_path,
        "log.csv",
        "Order Id,Customer_ID,SKU,Quantity,Timestamp\n1,c1,A-1,2,1433878777\n2,C1,b-2,1,1433878778\n",
    )
    inter = read_interactions_csv(path)
    assert list(inter.users) == ["c1", "C1"] and list(inter.items) == ["A-1", "b-2"]  # ids keep their case
    assert list(inter.times) == [1433878777.0, 1433878778.0]
    for header in ("user_id,product_id,date", "customer_id,item_id,time", "USER,Sku,DATE"):
        inter = read_interactions_csv(write(tmp_path, "log.csv", f"{header}\nu1,a,2015-06-09\n"))
        assert list(inter.users) == ["u1"] and list(inter.items) == ["a"] and inter.times is not None


def test_missing_columns_error_is_one_line_naming_what_was_found(tmp_path):
    with pytest.raises(DataFileError) as err:
        read_interactions_csv(write(tmp_path, "log.csv", "client,thing,when\nu1,a,1\n"))
    message = str(err.value)
    assert "\n" not in message and "log.csv:1" in message
    assert "found columns 'client', 'thing', 'when'" in message and "item_id" in message


@pytest.mark.parametrize(
    ("stamp", "epoch"),
    [
        ("1433878777", 1433878777.0),
        ("1433878777.5", 1433878777.5),
        ("2015-06-09 19:39:37", 1433878777.0),  # naive means UTC
        ("2015-06-09T19:39:37", 1433878777.0),
        ("2015-06-09T19:39:37Z", 1433878777.0),
        ("2015-06-09T21:39:37+02:00", 1433878777.0),
        ("2015-06-09 19:39:37.250-00:00", 1433878777.25),
        ("2015-06-09", 1433808000.0),
        ("20150609", 1433808000.0),
    ],
)
def test_time_as_epoch_seconds_or_iso_8601(tmp_path, stamp, epoch):
    inter = read_interactions_csv(write(tmp_path, "log.csv", f"customer_id,product_id,timestamp\nc1,a,{stamp}\n"))
    assert inter.times[0] == pytest.approx(epoch)


def test_iso_times_order_the_leave_last_out_split(tmp_path):
    from bot.recommend.evaluate import leave_last_out_rows

    path = write(
        tmp_path,
        "log.csv",
        "customer_id,sku,date\nc1,a,2015-06-10T08:00:00+00:00\nc1,b,2015-06-09 19:39:37\nc1,c,2015-06-10T09:30:00+02:00\n",
    )
    assert list(leave_last_out_rows(read_interactions_csv(path))) == [0]  # 08:00Z is later than 07:30Z


def test_bad_time_is_one_clear_line(tmp_path):
    with pytest.raises(
        DataFileError,
        match="log.csv:3: column 'time' is neither epoch seconds nor an ISO 8601 date/datetime: 'yesterday'",
    ):
        read_interactions_csv(write(tmp_path, "log.csv", "user,item,date\nu1,a,2015-06-09\nu1,b,yesterday\n"))


def test_ratings_flag_requires_a_rating_column(tmp_path):
    with pytest.raises(DataFileError, match="lacks column\\(s\\) rating"):
        read_interactions_csv(write(tmp_path, "i.csv", "user,item\nu,a\n"), ratings=True)


def test_missing_file(tmp_path):
    with pytest.raises(DataFileError, match="file not found"):
        read_interactions_csv(tmp_path / "nope.csv")


def test_items_csv(tmp_path):
    items = read_items_csv(
        write(tmp_path, "items.csv", "item,name,category,description\na,Rain jacket,jacket,Waterproof\nb,Belt,,\n")
    )
    assert items[0].text == "Rain jacket. jacket. Waterproof" and items[1].text == "Belt"
    with pytest.raises(DataFileError, match="items.csv:3: duplicate item id 'a'"):
        read_items_csv(write(tmp_path, "items.csv", "item,name\na,X\na,Y\n"))
    with pytest.raises(DataFileError, match="lacks column\\(s\\) name"):
        read_items_csv(write(tmp_path, "items.csv", "item,label\na,X\n"))


def test_event_log_weights_and_errors(tmp_path):
    log = write(
        tmp_path,
        "e.jsonl",
        '{"customer_id": "c1", "sku": "A", "type": "view", "timestamp": "2026-01-01T10:00:00Z"}\n'
        '{"customer_id": "c1", "sku": "A", "type": "purchase", "timestamp": "2026-01-02T10:00:00Z"}\n',
    )
    inter = read_event_log(log)
    assert list(inter.weights) == [1.0, 5.0] and inter.times[1] > inter.times[0]
    assert len(read_any_interactions(log)) == 2
    with pytest.raises(DataFileError, match="e.jsonl:2: unknown event type 'stare'"):
        read_event_log(
            write(
                tmp_path,
                "e.jsonl",
                '{"customer_id": "c", "sku": "A"}\n{"customer_id": "c", "sku": "A", "type": "stare"}\n',
            )
        )
    with pytest.raises(DataFileError, match="e.jsonl:1: invalid JSON"):
        read_event_log(write(tmp_path, "e.jsonl", "{nope\n"))
    with pytest.raises(DataFileError, match="p.jsonl:1: product without sku or name"):
        read_products(write(tmp_path, "p.jsonl", '{"name": "X"}\n'))
