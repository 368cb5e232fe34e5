"""
Time-driven state changes and their side effects: synthesis finishing, generations moving
``pending`` → ``processing`` → terminal, credits held, charged and released, and webhook
deliveries (recorded, never sent).

Transitions are applied lazily: `tick` runs before every request and on ``fake.advance``, and
stamps each change with the moment it was due, not the moment it was noticed.
"""

from __future__ import annotations

import json
from typing import Any

from ..webhooks import SIGNATURE_HEADER, sign
from ._media import colour_for, png
from ._state import Character, Delivery, Generation, State, Team
from ._views import character_json, generation_json

POSES = ("portrait", "front", "side", "back")
#: One synthesized or regenerated ref costs one image generation at the base rate.
CREDITS_PER_REF = 1.0


def gated(team: Team) -> bool:
    """Whether credits are held, charged and checked: only ``metered`` teams (BAL)."""
    return team.billing_mode == "metered"


def tick(state: State) -> None:
    """Apply every transition that is due by now."""
    now = state.clock.now()
    for team in state.teams.values():
        for character in team.characters.values():
            if character.synth_due is not None and character.synth_due <= now:
                _finish_synthesis(state, team, character)
        for generation in team.generations.values():
            if generation.status == "pending" and generation.processing_at <= now:
                generation.status = "processing"
            if generation.status == "processing" and generation.done_at <= now:
                finish_generation(
                    state,
                    team,
                    generation,
                    generation.outcome,
                    generation.done_at,
                    generation.outcome_error,
                )


def start_synthesis(state: State, character: Character, pose: str | None, was_ready: bool) -> None:
    """Move *character* to ``synthesizing``; the outcome is decided now, applied when due."""
    settings = state.settings
    default = "ready" if was_ready else settings.character_outcome
    outcome = settings.next_outcome("character", default)
    character.status = "synthesizing"
    character.error_message = None
    character.synth_due = state.clock.now() + settings.synthesis_seconds
    character.synth_outcome = outcome.status
    character.synth_pose = pose
    character.synth_error = outcome.error_message
    character.updated_at = state.clock.now()


def _finish_synthesis(state: State, team: Team, character: Character) -> None:
    due = character.synth_due
    assert due is not None
    outcome = character.synth_outcome or "reviewing"
    character.synth_due = None
    character.updated_at = due
    error, character.synth_error = character.synth_error, None
    if outcome == "failed":
        character.status = "failed"
        character.error_message = error or "synthesis_failed"
        emit(state, team, "character.failed", character_json(character, state.base_url), due)
        return
    poses = [character.synth_pose] if character.synth_pose else list(POSES)
    refs = {ref["pose"]: ref for ref in character.refs}
    for pose in poses:
        blob = state.put_blob("image/png", png(32, 32, colour_for(f"{character.id}:{pose}:{due}")))
        refs[pose] = {"pose": pose, "blob": blob}
    ordered = [refs[p] for p in POSES if p in refs]
    character.refs = ordered + [r for p, r in refs.items() if p not in POSES]
    character.status = outcome
    emit(state, team, "character.completed", character_json(character, state.base_url), due)


def finish_generation(
    state: State,
    team: Team,
    generation: Generation,
    status: str,
    at: float,
    error_message: str | None = None,
) -> None:
    """End *generation* in *status*: charge the hold on success, release it otherwise."""
    generation.status = status
    generation.completed_at = at
    if generation.held:
        team.held_credits = round(team.held_credits - generation.cost, 6)
        generation.held = False
        if status == "succeeded":
            team.credits = round(team.credits - generation.cost, 6)
            generation.charged = generation.cost
    if status != "succeeded":
        generation.error_message = (
            error_message or generation.error_message or _default_error(status)
        )
    kind = generation.media_type
    event = {"succeeded": "completed", "cancelled": "cancelled"}.get(status, "failed")
    data = generation_json(state, generation, state.base_url)
    emit(state, team, f"{kind}.{event}", data, at, webhook_url=generation.webhook_url)


def _default_error(status: str) -> str | None:
    return {
        "failed": "provider_error",
        "moderation_rejected": "Content policy violation",
        "expired": "polling_timeout",
    }.get(status)


def emit(
    state: State,
    team: Team,
    event_type: str,
    data: dict[str, Any],
    at: float,
    *,
    webhook_url: str | None = None,
    only_endpoint: str | None = None,
    synthetic: bool = False,
) -> None:
    """Record a signed delivery to each subscribed endpoint, and to a per-request URL."""
    for endpoint in team.webhook_endpoints.values():
        if only_endpoint is not None and endpoint.id != only_endpoint:
            continue
        if not endpoint.is_active or event_type not in endpoint.events:
            continue
        envelope = {
            "id": state.ids.new("evt"),
            "object": "event",
            "type": event_type,
            "created": int(at),
            "api_version": team.default_api_version,
            "synthetic": synthetic,
            "data": data,
        }
        body = json.dumps(envelope, separators=(",", ":")).encode()
        headers = {
            "Content-Type": "application/json",
            SIGNATURE_HEADER: sign(body, endpoint.secret, int(at)),
        }
        team.deliveries.append(
            Delivery(endpoint.id, endpoint.url, event_type, body, headers, synthetic, at)
        )
    if webhook_url and only_endpoint is None:
        # Per-request callbacks carry {event, data}; their signing is undocumented, so none.
        body = json.dumps({"event": event_type, "data": data}, separators=(",", ":")).encode()
        team.deliveries.append(
            Delivery(
                None,
                webhook_url,
                event_type,
                body,
                {"Content-Type": "application/json"},
                False,
                at,
            )
        )
