"""The turn pipeline and its policies. Pure Python: no torch, faiss, telegram, fastapi or sqlite_utils here."""
