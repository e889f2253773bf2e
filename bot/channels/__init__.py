"""Channels: adapters that turn channel input into IncomingMessage and render Reply."""
