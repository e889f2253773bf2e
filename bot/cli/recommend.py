"""CLI commands for recommend (filled in by its area)."""
