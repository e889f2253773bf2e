"""Knowledge base: source loading, chunking, embedding, versioned FAISS+BM25 indexes, retrieval."""
