"""shopbot: a self-hosted customer-service assistant for online shops."""

__version__ = "0.1.0"
