"""`shopbot recommend train|for|tags` and `shopbot eval recommend`: thin shells over bot.recommend."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, TypeVar

import click

from bot.cli._groups import eval_group, friendly_errors, main

if TYPE_CHECKING:
    from bot.config import Settings
    from bot.tombstones import Tombstones


F = TypeVar("F", bound=Callable[..., Any])


def _path_option(flag: str, dest: str, help_text: str) -> Callable[[F], F]:
    """An optional file or folder path option (None when not given)."""
    return click.option(flag, dest, type=click.Path(path_type=Path), default=None, help=help_text)


@main.group("recommend")
def recommend_group() -> None:
    """Train the recommender and ask it for a customer's recommendations."""


def _settings() -> Settings:
    """The process settings (imported late so `--help` stays fast)."""
    from bot.config import get_settings

    return get_settings()


@eval_group.command("recommend")
@click.option(
    "--interactions",
    "interactions_path",
    required=True,
    type=click.Path(path_type=Path),
    help="CSV user,item[,rating][,time] (aliases: customer_id, product_id, sku, timestamp, date ...; time as epoch seconds or ISO 8601), or a JSONL event log.",
)
@click.option("--ratings", is_flag=True, help="Explicit ratings: report RMSE/MAE instead of HR@10/NDCG@10.")
@click.option(
    "--split",
    type=click.Choice(["kfold", "leave-last-out"]),
    default="kfold",
    show_default=True,
    help="k random folds, or each user's latest interaction held out.",
)
@_path_option("--items", "items_path", "CSV item,name[,category][,description]: text features for the item vectors.")
@click.option("--folds", type=int, default=5, show_default=True, help="Number of folds for --split kfold.")
@click.option(
    "--embedder",
    type=click.Choice(["minilm", "hashing"]),
    default="minilm",
    show_default=True,
    help="Sentence embedder for item texts.",
)
@friendly_errors
def eval_recommend(
    interactions_path: Path,
    ratings: bool,
    split: Literal["kfold", "leave-last-out"],
    items_path: Path | None,
    folds: int,
    embedder: str,
) -> None:
    """Evaluate the recommender (and, for implicit data, popularity and item-item baselines) and print JSON."""
    from bot.recommend.catalog import read_any_interactions
    from bot.recommend.evaluate import evaluate_recommend
    from bot.recommend.interactions import read_items_csv

    inter = read_any_interactions(interactions_path, ratings=ratings)
    items = read_items_csv(items_path) if items_path else None
    result = evaluate_recommend(
        inter,
        ratings=ratings,
        split=split,
        items=items,
        folds=folds,
        embedder=embedder,
        cache_dir=_settings().home / "cache" / "embeddings",
    )
    click.echo(json.dumps(result, indent=2))


@recommend_group.command("train")
@_path_option(
    "--interactions", "interactions_path", "CSV or JSONL interactions (default: <seed_dir>/interactions.jsonl)."
)
@_path_option("--products", "products_path", "Catalogue JSONL (default: <knowledge_dir>/catalog/products.jsonl).")
@_path_option("--items", "items_path", "Or a CSV item,name[,category][,description] for item texts.")
@click.option("--ratings", is_flag=True, help="Train on explicit ratings (squared error) instead of implicit feedback.")
@_path_option(
    "--out", "out_dir", "Artifact root (default: <models_dir>/recommend); a new version plus a `current` link."
)
@click.option(
    "--embedder",
    type=click.Choice(["minilm", "hashing"]),
    default=None,
    help="Sentence embedder for item texts (default: the `embedder` setting).",
)
@friendly_errors
def train(
    interactions_path: Path | None,
    products_path: Path | None,
    items_path: Path | None,
    ratings: bool,
    out_dir: Path | None,
    embedder: str | None,
) -> None:
    """Train the recommender on interactions plus product texts and publish it.

    Implicit data: popularity, the text-informed MF, item-item with shrinkage, EASE^R and blends compete on a
    validation split cut from these interactions (each customer's latest new item); the winner is published.
    """
    from bot.recommend.artifact import publish
    from bot.recommend.catalog import product_texts, read_any_interactions, read_products
    from bot.recommend.interactions import read_items_csv
    from bot.recommend.mf import MFConfig
    from bot.recommend.selection import summary, train_recommender
    from bot.recommend.text_embeddings import embed_items, item_vectors_dir

    s = _settings()
    embedder = embedder or s.embedder
    interactions_path = interactions_path or s.seed_dir / "interactions.jsonl"
    inter = read_any_interactions(interactions_path, ratings=ratings)
    if items_path:
        texts = read_items_csv(items_path)
    else:
        products_path = products_path or s.knowledge_dir / "catalog" / "products.jsonl"
        texts = product_texts(read_products(products_path)) if products_path.exists() else []
    emb = embed_items(texts, embedder=embedder, cache_dir=item_vectors_dir(s.models_dir)) if texts else None
    config = MFConfig(mode="explicit" if ratings else "implicit", embedder=embedder)
    if ratings:
        config.iterations = 5
    model = train_recommender(inter, item_embeddings=emb, config=config)
    path = publish(model, out_dir or s.models_dir / "recommend", erased=_erased(s))
    click.echo(
        f"trained on {len(inter)} interactions ({len(model.user_ids)} customers, {len(model.item_ids)} items) -> {path}"
    )
    click.echo(summary(model))


def _erased(s: Settings) -> Tombstones | None:
    """Erasure tombstones from the shop's database: an erased customer never returns in a published model."""
    from bot.store import Store

    if not s.database_url.get_secret_value().strip() and not s.db_path.exists():
        return None
    store = Store(s.database, home=s.home)
    try:
        return store.erased_keys()
    finally:
        store.close()


@recommend_group.command("for")
@click.argument("customer")
@click.option("--context", "context_text", default=None, help="What the customer is talking about right now.")
@click.option("--about", "about", multiple=True, help="A product id being discussed (repeatable).")
@click.option("-k", "k", type=int, default=5, show_default=True, help="How many recommendations.")
@click.option(
    "--filters",
    "filters_json",
    default=None,
    help='Stated preferences as JSON, e.g. \'{"sizes": ["M"], "colors": ["black"], "budget": 120}\'.',
)
@_path_option("--model", "model_root", "Artifact root (default: <models_dir>/recommend).")
@_path_option("--products", "products_path", "Catalogue JSONL (default: <knowledge_dir>/catalog/products.jsonl).")
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of lines.")
@friendly_errors
def recommend_for(
    customer: str,
    context_text: str | None,
    about: tuple[str, ...],
    k: int,
    filters_json: str | None,
    model_root: Path | None,
    products_path: Path | None,
    as_json: bool,
) -> None:
    """Print CUSTOMER's top recommendations with the reason for each."""
    from bot.embed.embedder import get_embedder
    from bot.errors import ConfigError
    from bot.recommend.artifact import load_current
    from bot.recommend.catalog import purchases_by_customer, read_products
    from bot.recommend.recommender import Recommender

    s = _settings()
    try:
        filters = json.loads(filters_json) if filters_json else None
    except json.JSONDecodeError as exc:
        raise ConfigError(f"--filters is not valid JSON: {exc.msg}") from None
    if filters is not None and not isinstance(filters, dict):
        raise ConfigError("--filters must be a JSON object")
    model = load_current(model_root or s.models_dir / "recommend")
    products_path = products_path or s.knowledge_dir / "catalog" / "products.jsonl"
    products = read_products(products_path) if products_path.exists() else []
    seed_events = s.seed_dir / "interactions.jsonl"
    bought = purchases_by_customer(seed_events).get(customer, set()) if seed_events.exists() else None
    embedder = get_embedder(model.config.embedder)
    rec = Recommender(model, products, embed=embedder.embed)
    if customer not in model.user_index and not context_text and not about:
        click.echo(f"note: {customer} has no history in the model; showing popular items", err=True)
    picks = rec.recommend(customer, k=k, context_text=context_text, context_items=about, bought=bought, filters=filters)
    if as_json:
        click.echo(
            json.dumps(
                [
                    {"item": r.item, "name": rec.name(r.item), "score": round(r.score, 4), "reason": r.reason}
                    for r in picks
                ],
                indent=2,
            )
        )
        return
    if not picks:
        click.echo("no recommendation passes the filters")
    for n, r in enumerate(picks, start=1):
        click.echo(f"{n}. {rec.name(r.item)} [{r.item}]  score {r.score:.3f}  - {r.reason}")


@recommend_group.command("tags")
@click.argument("customer")
@_path_option("--orders", "orders_path", "Orders JSONL (default: <seed_dir>/orders.jsonl).")
@click.option(
    "--today", default=None, help="Reference date YYYY-MM-DD (default: the day after the latest order in the file)."
)
@click.option(
    "--message",
    "messages",
    multiple=True,
    help="A message the customer wrote (repeatable); compared with bargain and gift phrasing.",
)
@friendly_errors
def tags(customer: str, orders_path: Path | None, today: str | None, messages: tuple[str, ...]) -> None:
    """Print CUSTOMER's segment tags with their probabilities and explanations."""
    from datetime import date, timedelta

    from bot.embed.embedder import get_embedder
    from bot.recommend.catalog import purchases_from_orders, read_jsonl, read_products
    from bot.recommend.segments import SegmentModel

    s = _settings()
    orders = read_jsonl(orders_path or s.seed_dir / "orders.jsonl")
    products_path = s.knowledge_dir / "catalog" / "products.jsonl"
    by_customer = purchases_from_orders(orders, products=read_products(products_path) if products_path.exists() else [])
    every = [p for ps in by_customer.values() for p in ps]
    day = date.fromisoformat(today) if today else max(p.day for p in every) + timedelta(days=1)
    embed = get_embedder(s.embedder).embed if messages else None
    seg = SegmentModel.load(embed=embed).with_population(
        {"monetary": [sum(p.amount for p in ps) for ps in by_customer.values()]}
    )
    found = seg.tags(by_customer.get(customer, []), today=day, messages=messages)
    if not found:
        click.echo(f"{customer}: no tags (as of {day})")
    for t in found:
        click.echo(f"{t.name} ({t.probability:.2f}): {t.explanation}")
