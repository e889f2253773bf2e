"""Text embedders shared by the knowledge base, the intent classifier and the recommender."""

from bot.embed.embedder import Embedder, HashingEmbedder, configure, embedder_key, get_embedder

__all__ = ["Embedder", "HashingEmbedder", "configure", "embedder_key", "get_embedder"]
