"""`shopbot kb ...`: build, reload, roll back and inspect the knowledge base."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from bot.cli._groups import eval_group, friendly_errors, main
from bot.jsonl import read_jsonl

if TYPE_CHECKING:
    from bot.kb.evaluate import Searcher


def _services(knowledge_dir: Path | None = None):
    from bot.app import build_services
    from bot.config import get_settings

    settings = get_settings()
    if knowledge_dir is not None:
        settings = settings.model_copy(update={"knowledge_dir": knowledge_dir})
    return build_services(settings)


@main.group("kb")
def kb_group() -> None:
    """Build, reload, roll back and inspect the knowledge base."""


_dir_option = click.option(
    "--dir",
    "knowledge_dir",
    type=click.Path(path_type=Path, file_okay=False),
    default=None,
    help="Knowledge folder (default: SHOPBOT_KNOWLEDGE_DIR or ./knowledge).",
)


@kb_group.command("build")
@_dir_option
@click.option("--force", is_flag=True, help="Build a new version even if no file changed.")
@friendly_errors
def kb_build(knowledge_dir: Path | None, force: bool) -> None:
    """Build a new knowledge-base version from the knowledge folder and make it current."""
    services = _services(knowledge_dir)
    result = services.kb.reload(force=force, progress=sys.stderr.isatty())
    click.echo(json.dumps(result.as_dict(), indent=2))


@kb_group.command("reload")
@_dir_option
@friendly_errors
def kb_reload(knowledge_dir: Path | None) -> None:
    """Rebuild only what changed and switch to it; a running `shopbot serve` picks it up within seconds."""
    services = _services(knowledge_dir)
    result = services.kb.reload(progress=sys.stderr.isatty())
    msg = "unchanged, still serving" if result.unchanged else "now current:"
    click.echo(
        f"{msg} {result.version} ({result.documents} documents, {result.chunks} chunks, {result.embedded} embedded, {result.seconds:.2f}s)"
    )


@kb_group.command("rollback")
@friendly_errors
def kb_rollback() -> None:
    """Switch back to the previous knowledge-base version."""
    version = _services().kb.rollback()
    click.echo(f"rolled back; now current: {version}")


@kb_group.command("corrections")
@click.argument("out", type=click.Path(path_type=Path, dir_okay=False))
@friendly_errors
def kb_corrections(out: Path) -> None:
    """Write staff corrections of bot replies as golden cases, for `shopbot eval replies --cases OUT`."""
    from bot.corrections import write_golden

    n = write_golden(_services().knowledge_store.corrections(limit=100_000), out)
    click.echo(f"wrote {n} correction case{'s' if n != 1 else ''} to {out}; run: shopbot eval replies --cases {out}")


@kb_group.command("status")
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")
@friendly_errors
def kb_status(as_json: bool) -> None:
    """Show the versions, their document and chunk counts, and build times."""
    status = _services().kb.status()
    if as_json:
        click.echo(json.dumps(status, indent=2))
        return
    click.echo(f"knowledge folder: {status['knowledge_dir']}")
    if not status["versions"]:
        click.echo("no versions yet: run `shopbot kb build`")
        return
    click.echo(f"{'':2}{'version':26}{'created':22}{'docs':>6}{'chunks':>8}{'embedded':>10}{'build s':>9}")
    for v in status["versions"]:
        mark = "* " if v["current"] else "  "
        click.echo(
            f"{mark}{v['version']:26}{v['created_at'] or '':22}{v['documents']:>6}{v['chunks']:>8}{v['embedded']:>10}{v['build_seconds']:>9}"
        )


@kb_group.command("search")
@click.argument("query")
@click.option("-k", default=5, show_default=True, help="How many hits.")
@friendly_errors
def kb_search(query: str, k: int) -> None:
    """Search the current knowledge base (hybrid dense + BM25) and print the hits as JSON."""
    kb = _services().kb
    kb.open(build_if_missing=False)
    hits = kb.search(query, k=k)
    out = {
        "confidence": round(kb.confidence(query, hits), 4),
        "hits": [
            {
                "rank": h.rank,
                "doc_id": h.doc_id,
                "title": h.passage.title,
                "source": h.passage.source,
                "score": round(h.score, 5),
                "dense": h.dense_score,
                "lexical": h.lexical_score,
                "text": h.passage.text,
            }
            for h in hits
        ],
    }
    click.echo(json.dumps(out, indent=2, ensure_ascii=False))


@eval_group.command("retrieval")
@click.option(
    "--docs",
    "docs_path",
    type=click.Path(path_type=Path, dir_okay=False, exists=True),
    help='JSONL: {"id", "title"?, "text"} per line.',
)
@click.option(
    "--kb",
    "knowledge_dir",
    type=click.Path(path_type=Path, file_okay=False, exists=True),
    help="A knowledge folder (as `kb build` reads it) instead of --docs; labels may name sections: 'doc_id#Heading'.",
)
@click.option(
    "--queries",
    "queries_path",
    required=True,
    type=click.Path(path_type=Path, dir_okay=False, exists=True),
    help='JSONL: {"id", "text", "relevant": [doc or section ids], "subject"?} per line.',
)
@click.option("--k", default=10, show_default=True, help="Cut-off for R@k, MRR@k and nDCG@k.")
@click.option(
    "--subject",
    "subject_source",
    type=click.Choice(["none", "intent", "field", "assistant"]),
    default="none",
    show_default=True,
    help="Subject hint per question: none; intent (the intent classifier's, gated as the assistant passes it: a policy intent at confidence >= 0.8); field (the line's 'subject'); assistant (the assistant's whole retrieval: the intent hint, the rule query for a policy question and the merged hits of both).",
)
@friendly_errors
def eval_retrieval(
    docs_path: Path | None, knowledge_dir: Path | None, queries_path: Path, k: int, subject_source: str
) -> None:
    """Index DOCS or a knowledge folder with the production pipeline, run QUERIES, print R@1/5/k, MRR, nDCG and
    latency as JSON, with BM25-only and dense-only baselines over the same index."""
    from bot.config import get_settings
    from bot.kb.evaluate import evaluate_retrieval

    if (docs_path is None) == (knowledge_dir is None):
        raise click.UsageError("give either --docs FILE or --kb DIR")
    settings = get_settings()
    subject_fn = None
    searcher = None
    if subject_source == "assistant":
        searcher = _assistant_searcher(_services().intents)
    elif subject_source == "intent":
        from bot.core.questions import subject_hint

        classifier = _services().intents
        subject_fn = lambda text: subject_hint(classifier.predict(text))  # noqa: E731
    elif subject_source == "field":
        subjects = {
            str(q.get("text")): q.get("subject") for q in read_jsonl(queries_path, required=("id", "text", "relevant"))
        }
        subject_fn = subjects.get
    result = evaluate_retrieval(
        docs_path,
        queries_path,
        knowledge_dir=knowledge_dir,
        k=k,
        embedder=settings.embedder,
        progress=sys.stderr.isatty(),
        cache_dir=settings.home / "cache" / "eval",
        subject_fn=subject_fn,
        searcher=searcher,
    )
    result["embedder_precision"] = settings.embedder_precision if settings.embedder == "minilm" else None
    click.echo(json.dumps(result, indent=2))


def _assistant_searcher(classifier: Any) -> Searcher:
    """How the assistant searches a first message (bot.core.router `_retrieve`): the classifier's subject hint, the
    request read from the text, and the rule query ("return a pair of jeans" -> "return an item") merged before the
    question's own hits. A conversation's earlier turns and the foreign-place rule row are not part of it."""
    import functools

    from bot.core.policy_answers import merged_hits
    from bot.core.questions import policy_query, subject_hint
    from bot.core.request import understand
    from bot.domain import ConversationState, Hit, Intent
    from bot.kb.knowledge_base import KnowledgeBase

    def search(kb: KnowledgeBase, text: str, depth: int) -> list[Hit]:
        pred = classifier.predict(text)
        req = understand(text, pred, ConversationState(), kb.products(), known_customer=False)
        kb_search = functools.partial(
            kb.search, k=depth, prefer_products=pred.intent == Intent.PRODUCT_SEARCH, subject=subject_hint(pred)
        )
        return merged_hits(kb_search, text, policy_query(text, req))

    return search
