"""Intent understanding: a log-linear classifier over sentence embeddings and n-grams, with out-of-scope detection."""
