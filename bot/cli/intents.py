"""CLI commands for intents (filled in by its area)."""
