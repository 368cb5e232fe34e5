"""
Defaults and names shared by the whole package.
"""

from __future__ import annotations

import httpx

# The one version pin: generated from openapi.yaml ``info.version`` by `make generate`. The
# generated package's __init__ imports nothing heavy, so this stays cheap.
from ._generated import API_VERSION as API_VERSION

DEFAULT_BASE_URL = "https://api.aurous-labs.com"
#: Finite by default: connect fails fast, a slow answer gets a minute.
DEFAULT_TIMEOUT = httpx.Timeout(60.0, connect=5.0)
DEFAULT_MAX_RETRIES = 2
DEFAULT_CONNECTION_LIMITS = httpx.Limits(max_connections=1000, max_keepalive_connections=100)
#: Requests in flight per client when the pool sets no keep-alive count.
DEFAULT_MAX_CONCURRENCY = 100

#: Exponential backoff: INITIAL_RETRY_DELAY * 2**n, capped, with jitter.
INITIAL_RETRY_DELAY = 0.5
MAX_RETRY_DELAY = 8.0
#: A server-directed wait longer than this is not slept: the call raises instead.
DEFAULT_MAX_RETRY_WAIT = 60.0

ENV_API_KEY = "AUROUS_API_KEY"
ENV_BASE_URL = "AUROUS_BASE_URL"
ENV_VERSION = "AUROUS_VERSION"
ENV_LOG = "AUROUS_LOG"
ENV_HTTP_BACKEND = "AUROUS_HTTP_BACKEND"

HEADER_API_KEY = "X-Api-Key"
HEADER_VERSION = "Aurous-Version"
HEADER_IDEMPOTENCY_KEY = "Idempotency-Key"
HEADER_REQUEST_ID = "Aurous-Request-Id"
HEADER_REPLAYED = "Aurous-Idempotent-Replayed"
