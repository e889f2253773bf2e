"""The Telegram channel (python-telegram-bot 22): handlers, rendering, rate limits and the runner."""
