"""
Characters: create (upload or synthesize), read, update, delete, review and uploads.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any, Unpack

from .._arguments import body
from .._base import ClientBase
from .._delete import DeleteResult
from .._exceptions import NotFoundError
from .._pagination import AsyncPaginator, cursor_if_more
from .._types import RequestOptions
from .._validation import check_id, checks_keywords
from .._waiters import Settled

#: Where a character stops changing on its own (both documented lifecycles).
#: Where a default wait stops: every status but synthesizing (an open set; see Settled).
CHARACTER_SETTLED = Settled(
    ("reviewing", "ready", "failed", "cancelled", "deleted"), in_progress=("synthesizing",)
)

if TYPE_CHECKING:
    from collections.abc import Collection

    from .._generated.models import (
        Character,
        CharacterAttributes,
        CharacterList,
        CharacterStatusFilter,
        CharacterUploadClassification,
        CharacterUploadTicket,
        InitCharacterUploadRequestContentType,
        InitCharacterUploadRequestExtension,
        RegenerateCharacterRefRequestPose,
    )


@checks_keywords
class CharactersMixin(ClientBase):
    def list_characters(
        self,
        *,
        limit: int | None = None,
        starting_after: str | None = None,
        status: CharacterStatusFilter | None = None,
        **options: Unpack[RequestOptions],
    ) -> AsyncPaginator[CharacterList, Character]:
        """
        List characters, newest first; ``await`` it for one page, ``async for`` for all.
        """
        from .._generated.api.characters import list_characters as op
        from .._generated.models.character_list import CharacterList

        async def fetch(cursor: str | None) -> CharacterList:
            return await self._call(
                op,
                CharacterList,
                options=options,
                limit=limit,
                starting_after=cursor,
                status=status,
            )

        return AsyncPaginator(
            fetch,
            items=lambda page: page.data,
            next_cursor=lambda page: cursor_if_more(page.has_more, page.next_cursor),
            start=starting_after,
        )

    async def create_character(
        self,
        *,
        name: str,
        generate: bool | None = None,
        upload_ids: Sequence[str] | None = None,
        attributes: CharacterAttributes | Mapping[str, Any] | None = None,
        client_reference_id: str | None = None,
        **options: Unpack[RequestOptions],
    ) -> Character:
        """
        Create a character from ``upload_ids`` (ready at once) or with ``generate=True``
        (synthesized from ``attributes``; 4 generations are charged now).
        """
        from .._generated.api.characters import create_character as op
        from .._generated.models import Character, CreateCharacterRequest

        request = body(
            CreateCharacterRequest,
            name=name,
            generate=generate,
            upload_ids=upload_ids,
            attributes=attributes,
            client_reference_id=client_reference_id,
        )
        return await self._call(op, Character, options=options, body=request)

    async def get_character(self, id: str, **options: Unpack[RequestOptions]) -> Character:
        """
        Retrieve a character; a deleted or unknown one raises `NotFoundError`.
        """
        from .._generated.api.characters import get_character as op
        from .._generated.models import Character

        return await self._call(op, Character, check_id(id), options=options)

    async def update_character(
        self,
        id: str,
        *,
        name: str | None = None,
        attributes: CharacterAttributes | Mapping[str, Any] | None = None,
        **options: Unpack[RequestOptions],
    ) -> Character:
        """
        Rename a character and/or replace its ``attributes`` as a whole (no merge).
        """
        from .._generated.api.characters import update_character as op
        from .._generated.models import Character, UpdateCharacterRequest

        request = body(UpdateCharacterRequest, name=name, attributes=attributes)
        return await self._call(op, Character, check_id(id), options=options, body=request)

    async def delete_character(
        self, id: str, *, missing_ok: bool = False, **options: Unpack[RequestOptions]
    ) -> DeleteResult:
        """
        Delete a character: hard if it is ``reviewing``, soft otherwise. Safe to call again.

        Returns ``already_gone=False`` when this call deleted it, ``True`` when it was
        already gone: this client (or one sharing its ``delete_memory``) deleted it before,
        an earlier DELETE of it may have taken effect unseen (answer lost, a 5xx, cancelled
        after it was sent), or a concurrent call did.

        Args:
            missing_ok: Treat a 404 without such evidence (an unknown id, another team's
                character) as already gone instead of raising `NotFoundError`.
        """
        from .._generated.api.characters import delete_character as op
        from .._generated.models import DeletedCharacter

        key = check_id(id)
        # Every check that can fail runs before the id is claimed: a claimed id that is
        # never released would make every later delete of it wait forever.
        self._check_usable()
        self._version(options)
        state = self._call_state(options)
        deletes = self._shared.deletes
        while not deletes.claim(key):
            shared = await deletes.follow(key, kind="character", missing_ok=missing_ok)
            if shared is not None:
                return shared
        outcome: DeleteResult | BaseException | None = None
        mark: object | None = None
        try:
            mark = await deletes.begin(key)
            try:
                deleted = await self._call(op, DeletedCharacter, key, options=options, state=state)
            except NotFoundError as exc:
                await deletes.end(key, mark)
                mark = None
                # Rules 2-4: deleted (seen or possibly) by this client (or a client sharing
                # its delete memory), an ambiguous earlier attempt of this call, or the
                # caller said a missing character is fine.
                if not (state.ambiguous or missing_ok or await deletes.gone(key)):
                    raise
                outcome = DeleteResult(key, "character", True, exc.request_id)
            else:
                await deletes.confirm(key, mark)
                outcome = DeleteResult(deleted.id, deleted.object_, False, state.request_id)
            return outcome
        except BaseException as exc:
            if state.ambiguous:
                # Answer lost, 5xx, or cancelled after the DELETE was written (rule 3): the
                # next delete of this id (ours or a follower's) treats a 404 as gone.
                await deletes.unsure(key, mark)
            elif outcome is None:
                await deletes.end(key, mark)
            outcome = exc
            raise
        finally:
            deletes.release(key, outcome)

    async def save_character(self, id: str, **options: Unpack[RequestOptions]) -> Character:
        """
        Publish a ``reviewing`` character (it becomes ``ready``); idempotent on ``ready``.
        """
        from .._generated.api.characters import save_character as op
        from .._generated.models import Character

        return await self._call(op, Character, check_id(id), options=options)

    async def resynthesize_character(
        self, id: str, *, force_all: bool | None = None, **options: Unpack[RequestOptions]
    ) -> Character:
        """
        Re-run every pose (4 generations); an ``Idempotency-Key`` is sent automatically.
        """
        from .._generated.api.characters import resynthesize_character as op
        from .._generated.models import Character, ResynthesizeCharacterRequest

        request = body(ResynthesizeCharacterRequest, force_all=force_all)
        return await self._call(op, Character, check_id(id), options=options, body=request)

    async def regenerate_character_ref(
        self,
        id: str,
        *,
        pose: RegenerateCharacterRefRequestPose,
        prompt_override: str | None = None,
        **options: Unpack[RequestOptions],
    ) -> Character:
        """
        Re-run one pose (1 generation); an ``Idempotency-Key`` is sent automatically.
        """
        from .._generated.api.characters import regenerate_character_ref as op
        from .._generated.models import Character, RegenerateCharacterRefRequest

        request = body(RegenerateCharacterRefRequest, pose=pose, prompt_override=prompt_override)
        return await self._call(op, Character, check_id(id), options=options, body=request)

    async def init_character_upload(
        self,
        *,
        filename: str,
        extension: InitCharacterUploadRequestExtension,
        content_type: InitCharacterUploadRequestContentType,
        **options: Unpack[RequestOptions],
    ) -> CharacterUploadTicket:
        """
        Mint an upload ticket; PUT the image to ``upload_url`` (never with the API key).
        """
        from .._generated.api.characters import init_character_upload as op
        from .._generated.models import CharacterUploadTicket, InitCharacterUploadRequest

        request = body(
            InitCharacterUploadRequest,
            filename=filename,
            extension=extension,
            content_type=content_type,
        )
        return await self._call(op, CharacterUploadTicket, options=options, body=request)

    async def classify_character_upload(
        self, *, upload_id: str, **options: Unpack[RequestOptions]
    ) -> CharacterUploadClassification:
        """
        Detect the pose of an uploaded image (optional, free, repeatable until consumed).
        """
        from .._generated.api.characters import classify_character_upload as op
        from .._generated.models import (
            CharacterUploadClassification,
            ClassifyCharacterUploadRequest,
        )

        request = body(ClassifyCharacterUploadRequest, upload_id=upload_id)
        return await self._call(op, CharacterUploadClassification, options=options, body=request)

    async def wait_for_character(
        self,
        id: str,
        *,
        status: str | Collection[str] | None = None,
        poll_interval: float = 2.0,
        max_wait: float = 300.0,
        **options: Unpack[RequestOptions],
    ) -> Character:
        """
        Poll a character until it reaches *status* (default: any settled state, i.e.
        ``reviewing``, ``ready``, ``failed``, ``cancelled``, ``deleted`` or a status added to
        the API later: only ``synthesizing`` keeps polling).

        Raises `WaitTimeoutError` after *max_wait* seconds, `NotFoundError` if it vanishes.
        """
        key = check_id(id)
        return await self._wait_until(
            lambda: self.get_character(key, **options),
            status=status,
            settled=CHARACTER_SETTLED,
            poll_interval=poll_interval,
            max_wait=max_wait,
            what=f"character {key}",
        )

    async def create_character_and_wait(
        self,
        *,
        name: str,
        attributes: CharacterAttributes | Mapping[str, Any] | None = None,
        client_reference_id: str | None = None,
        poll_interval: float = 2.0,
        max_wait: float = 300.0,
        **options: Unpack[RequestOptions],
    ) -> Character:
        """
        Synthesize a character from *attributes* (``generate=True``) and poll it until the
        synthesis ends: ``reviewing`` (then `save_character`), or ``ready``/``failed``.

        *max_wait* bounds the wait after the create. Raises `WaitTimeoutError` with the last
        character seen.
        """
        created = await self.create_character(
            name=name,
            generate=True,
            attributes=attributes,
            client_reference_id=client_reference_id,
            **options,
        )
        if str(created.status) in CHARACTER_SETTLED:
            return created
        return await self.wait_for_character(
            created.id, poll_interval=poll_interval, max_wait=max_wait, **options
        )
