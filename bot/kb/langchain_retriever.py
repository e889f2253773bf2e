"""The hybrid retriever as a LangChain `BaseRetriever`."""

from __future__ import annotations

from typing import Any

from langchain_core.callbacks import CallbackManagerForRetrieverRun
from langchain_core.documents import Document
from langchain_core.retrievers import BaseRetriever
from pydantic import ConfigDict


class ShopbotRetriever(BaseRetriever):
    """LangChain view of `KnowledgeBase.search`; scores travel in the metadata."""

    model_config = ConfigDict(arbitrary_types_allowed=True)

    kb: Any
    k: int = 5
    filters: dict[str, Any] | None = None

    def _get_relevant_documents(self, query: str, *, run_manager: CallbackManagerForRetrieverRun) -> list[Document]:
        hits = self.kb.search(query, k=self.k, filters=self.filters)
        return [
            Document(
                page_content=h.passage.text,
                id=h.passage.chunk_id,
                metadata={
                    "doc_id": h.passage.doc_id,
                    "title": h.passage.title,
                    "source": h.passage.source,
                    "score": h.score,
                    "dense_score": h.dense_score,
                    "lexical_score": h.lexical_score,
                    **{k: v for k, v in h.passage.metadata.items() if isinstance(v, (str, int, float, bool))},
                },
            )
            for h in hits
        ]
