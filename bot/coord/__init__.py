"""Coordination between workers: live-feed pub/sub, named locks, shared rate-limit buckets, de-duplication.

In-process by default (`LocalCoordinator`); Redis when `SHOPBOT_REDIS_URL` is set (`RedisCoordinator`).
"""

from bot.coord.local import LocalCoordinator

__all__ = ["LocalCoordinator", "open_coordinator"]


def open_coordinator(redis_url: str = "") -> LocalCoordinator:
    """Redis when a URL is given (redis-py is imported only then), else in-process."""
    if redis_url:
        from bot.coord.redis import RedisCoordinator

        return RedisCoordinator(redis_url)
    return LocalCoordinator()
