"""Fake servers that stand in for external services at the process boundary (real HTTP on 127.0.0.1)."""
