"""
Everything the fake remembers: the clock, id minting, teams with their keys and resources, and
the knobs that shape lifecycles. Records are plain mutable dataclasses, so a test may read them
for assertions or change them to set up a case (e.g. mark a character ``failed``).
"""

from __future__ import annotations

import datetime
import itertools
import json
import secrets
import time
from collections import deque
from dataclasses import dataclass, field
from typing import Any

from .._generated import API_VERSION
from ._http import Response

_CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
TERMINAL = frozenset({"succeeded", "failed", "cancelled", "expired", "moderation_rejected"})


class Clock:
    """
    The fake's time in epoch seconds: frozen (moves only by `advance`) or real time plus the
    advanced offset (``realtime=True``, for the loopback server).
    """

    def __init__(self, *, realtime: bool = False, start: float | None = None) -> None:
        self.realtime = realtime
        self._start = time.time() if start is None else start
        self._wall_start = time.time()
        self._offset = 0.0

    def now(self) -> float:
        """The current fake time."""
        elapsed = time.time() - self._wall_start if self.realtime else 0.0
        return self._start + elapsed + self._offset

    def advance(self, seconds: float) -> None:
        """Move time forward by *seconds*."""
        if seconds < 0:
            raise ValueError("the clock only moves forward")
        self._offset += seconds


def iso(ts: float | None) -> str | None:
    """RFC 3339 UTC with milliseconds, as the API writes date-times."""
    if ts is None:
        return None
    moment = datetime.datetime.fromtimestamp(ts, datetime.UTC)
    return moment.isoformat(timespec="milliseconds").replace("+00:00", "Z")


def parse_time(value: str) -> float | None:
    """Epoch seconds of an RFC 3339 string, or ``None`` when it is not one."""
    try:
        moment = datetime.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=datetime.UTC)
    return moment.timestamp()


class Ids:
    """
    Mints ``<prefix>_<26 Crockford chars>`` ids: 48 bits of fake-clock milliseconds and an
    80-bit counter, so ids sort in creation order across prefixes (cursors rely on it).
    """

    def __init__(self, clock: Clock) -> None:
        self._clock = clock
        self._counter = itertools.count(secrets.randbelow(1 << 40))

    def new(self, prefix: str) -> str:
        value = (int(self._clock.now() * 1000) << 80) | (next(self._counter) & ((1 << 80) - 1))
        chars = []
        for _ in range(26):
            chars.append(_CROCKFORD[value & 31])
            value >>= 5
        return f"{prefix}_{''.join(reversed(chars))}"


def sort_key(resource_id: str) -> str:
    """The part of an id after its prefix: ids minted later sort higher."""
    return resource_id.partition("_")[2]


@dataclass
class ApiKey:
    key: str
    team_id: str
    id: str
    scope: str = "full"  # read | write | full
    revoked: bool = False


@dataclass
class Character:
    id: str
    team_id: str
    name: str
    status: str
    attributes: dict[str, Any]
    aurous_version: str
    created_at: float
    updated_at: float
    #: ``{"pose": ..., "blob": ...}``; the URL is built per request from the blob id.
    refs: list[dict[str, str]] = field(default_factory=list)
    error_message: str | None = None
    client_reference_id: str | None = None
    deleted_at: float | None = None
    # Synthesis in progress: when it ends, how, and which pose (None: all four).
    synth_due: float | None = None
    synth_outcome: str | None = None
    synth_pose: str | None = None
    synth_error: str | None = None


@dataclass
class Upload:
    id: str
    team_id: str
    filename: str
    content_type: str
    created_at: float
    url_expires_at: float
    expires_at: float
    signature: str
    data: bytes | None = None
    pose: str | None = None
    consumed: bool = False


@dataclass
class Generation:
    """An image (``img_``) or video (``vid_``) generation."""

    id: str
    team_id: str
    media_type: str
    status: str
    fields: dict[str, Any]
    cost: float
    breakdown: dict[str, float]
    created_at: float
    processing_at: float
    done_at: float
    outcome: str
    aurous_version: str
    api_key_id: str
    request_id: str
    error_message: str | None = None
    completed_at: float | None = None
    held: bool = False
    charged: float = 0.0
    webhook_url: str | None = None
    #: A scripted failure message, shown once the generation ends.
    outcome_error: str | None = None


@dataclass
class File:
    id: str
    team_id: str
    purpose: str
    mime_type: str
    data: bytes
    width_px: int | None
    height_px: int | None
    metadata: dict[str, Any]
    created_at: float
    expires_at: float
    deleted: bool = False


@dataclass
class WebhookEndpoint:
    id: str
    team_id: str
    url: str
    events: list[str]
    description: str
    metadata: dict[str, str]
    secret: str
    created_at: float
    updated_at: float
    is_active: bool = True
    consecutive_failures: int = 0
    last_success_at: float | None = None
    last_failure_at: float | None = None


@dataclass
class Delivery:
    """
    A webhook the fake would have sent; recorded instead of posted. It is signed at the
    fake time ``created_at``: after `advance`, verify with ``now=delivery.created_at``.
    """

    endpoint_id: str | None
    url: str
    event_type: str
    body: bytes
    headers: dict[str, str]
    synthetic: bool
    created_at: float

    def json(self) -> Any:
        """The delivered payload."""
        return json.loads(self.body)


@dataclass
class IdempotencyRecord:
    key: str
    operation: str
    fingerprint: str
    created_at: float
    response: Response | None = None  # None while the first request is in flight


@dataclass
class Team:
    """A team, its balance and everything it owns."""

    id: str
    name: str
    credits: float
    created_at: float
    billing_mode: str = "metered"
    billing_email: str | None = None
    default_api_version: str = API_VERSION
    held_credits: float = 0.0
    characters: dict[str, Character] = field(default_factory=dict)
    hard_deleted: list[str] = field(default_factory=list)
    uploads: dict[str, Upload] = field(default_factory=dict)
    generations: dict[str, Generation] = field(default_factory=dict)
    files: dict[str, File] = field(default_factory=dict)
    webhook_endpoints: dict[str, WebhookEndpoint] = field(default_factory=dict)
    deliveries: list[Delivery] = field(default_factory=list)
    idempotency: dict[str, IdempotencyRecord] = field(default_factory=dict)

    @property
    def available_credits(self) -> float:
        """``credits - held_credits``, what new generations are checked against."""
        return round(self.credits - self.held_credits, 6)

    @property
    def images(self) -> list[Generation]:
        """Image generations, oldest first."""
        return [g for g in self.generations.values() if g.media_type == "image"]

    @property
    def videos(self) -> list[Generation]:
        """Video generations, oldest first."""
        return [g for g in self.generations.values() if g.media_type == "video"]

    def live_characters(self) -> list[Character]:
        """Characters a GET can see (not soft-deleted), oldest first."""
        return [c for c in self.characters.values() if c.status != "deleted"]


@dataclass
class Lora:
    """A catalogue entry; ``teams`` None means public."""

    id: str
    name: str
    slug: str | None
    legacy_uuid: str
    video: bool = False
    teams: frozenset[str] | None = None
    created_at: float = 0.0
    fields: dict[str, Any] = field(default_factory=dict)


@dataclass
class Outcome:
    status: str
    error_message: str | None


@dataclass
class Settings:
    """Lifecycle timing and outcomes; change them at any time."""

    synthesis_seconds: float = 0.0
    #: What a synthesis ends in: "reviewing" (the endpoint pages) or "ready" (changelog).
    character_outcome: str = "reviewing"
    queue_seconds: float = 0.0
    image_seconds: float = 0.0
    video_seconds: float = 0.0
    output_ttl_seconds: float = 24 * 3600.0
    latest_version: str = API_VERSION
    #: "bytes" answers image output with the PNG; "redirect" with a 302 to another origin.
    image_output: str = "bytes"
    outcomes: dict[str, deque[Outcome]] = field(default_factory=dict)

    def next_outcome(self, kind: str, default: str) -> Outcome:
        """Pop the scripted outcome for *kind*, or the default one."""
        queue = self.outcomes.get(kind)
        if queue:
            return queue.popleft()
        return Outcome(default, None)


class State:
    """All teams, keys and the catalogue; `team` finds a team by id or name."""

    def __init__(self, clock: Clock, settings: Settings) -> None:
        self.clock = clock
        self.settings = settings
        self.ids = Ids(clock)
        self.teams: dict[str, Team] = {}
        self.keys: dict[str, ApiKey] = {}
        self.loras: list[Lora] = []
        self.blobs: dict[str, tuple[str, bytes]] = {}
        #: The origin of the latest request: URLs in webhook payloads point there.
        self.base_url = "https://fake.aurous.test"
        self.secret = secrets.token_bytes(32)

    def team(self, ref: str) -> Team:
        """The team whose id or name is *ref*."""
        team = self.teams.get(ref)
        if team is None:
            matches = [t for t in self.teams.values() if t.name == ref]
            if not matches:
                raise KeyError(f"no team {ref!r}; teams: {sorted(self.teams)}")
            team = matches[0]
        return team

    def add_team(
        self,
        team_id: str | None = None,
        *,
        name: str | None = None,
        credits: float = 1000.0,
        billing_mode: str = "metered",
        api_key: str | None = None,
    ) -> Team:
        """Create a team with one full-scope key (random unless *api_key* is given)."""
        team_id = team_id or self.ids.new("team")
        if team_id in self.teams:
            raise ValueError(f"team {team_id!r} exists")
        team = Team(
            id=team_id,
            name=name or team_id,
            credits=credits,
            created_at=self.clock.now(),
            billing_mode=billing_mode,
            billing_email=f"billing@{team_id.replace('_', '-')}.example",
        )
        self.teams[team_id] = team
        self.add_key(team_id, api_key)
        return team

    def add_key(self, team: str, key: str | None = None, *, scope: str = "full") -> ApiKey:
        """Give *team* another API key (``scope``: read, write or full)."""
        team_id = self.team(team).id
        key = key or "al_live_" + secrets.token_hex(32)
        if key in self.keys:
            raise ValueError("that key already exists")
        record = ApiKey(key, team_id, self.ids.new("apikey"), scope)
        self.keys[key] = record
        return record

    def keys_of(self, team: str) -> list[ApiKey]:
        """The keys of *team*, oldest first."""
        team_id = self.team(team).id
        return [k for k in self.keys.values() if k.team_id == team_id]

    def find_lora(self, ref: str, team_id: str, *, video: bool) -> Lora | None:
        """A LoRA visible to *team_id* by id, slug or legacy UUID."""
        for lora in self.loras:
            if lora.video != video or (lora.teams is not None and team_id not in lora.teams):
                continue
            if ref in (lora.id, lora.slug, lora.legacy_uuid):
                return lora
        return None

    def put_blob(self, content_type: str, data: bytes) -> str:
        """Store bytes served at ``/_fake/blobs/<id>`` and return the id."""
        blob_id = self.ids.new("blob")
        self.blobs[blob_id] = (content_type, data)
        return blob_id
