"""Django's Redis cache, keeping one Redis client per connection pool.

Django's backend builds a new ``redis.Redis`` object for every cache call, and building one
costs more than the round trip to Redis (it fills a table of ~170 response callbacks). Every
API request touches the cache (its throttle counter, the response cache), so the client is made once and reused;
redis-py clients are safe to share (connections come from the pool, which is fork-aware).
"""

from __future__ import annotations

from typing import Any

from django.core.cache.backends.redis import RedisCache as DjangoRedisCache
from django.core.cache.backends.redis import RedisCacheClient as DjangoRedisCacheClient


class RedisCacheClient(DjangoRedisCacheClient):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._clients: dict[int, Any] = {}

    def get_client(self, key: Any = None, *, write: bool = False) -> Any:
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


# INCR, and on the window's first request EXPIRE: atomic, one round trip (Django's incr()
# asks EXISTS first, then INCR, and has no expiry).
_INCR_WITH_EXPIRY = """
local n = redis.call('INCR', KEYS[1])
if n == 1 then redis.call('EXPIRE', KEYS[1], ARGV[1]) end
return n
"""


class RedisCache(DjangoRedisCache):
    def __init__(self, server: Any, params: dict[str, Any]) -> None:
        super().__init__(server, params)
        self._class = RedisCacheClient
        self._incr_script: Any = None

    def incr_with_expiry(self, key: str, timeout: int) -> int:
        """Add 1 to the counter ``key`` (made 1 if missing, then expiring after ``timeout``
        seconds) and return it."""
        client = self._cache.get_client(key, write=True)
        if self._incr_script is None:
            self._incr_script = client.register_script(_INCR_WITH_EXPIRY)
        redis_key = self.make_and_validate_key(key)
        return int(self._incr_script(keys=[redis_key], args=[int(timeout)], client=client))
