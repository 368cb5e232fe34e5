from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="CreateImageRequest")


@_attrs_define
class CreateImageRequest:
    """An image generation (also the body of the estimate). `size` and `width`/`height` are
    mutually exclusive (→ 400 `parameter_invalid_combination`), and `width` and `height`
    go together (→ 400 `missing_field`); `character_id` and `reference_image_urls` are
    mutually exclusive (→ 400 `mutually_exclusive_input`). Any other key → 400
    `invalid_request`.

    """

    prompt: str
    """ What to generate; whitespace-only is rejected. """
    negative_prompt: str | Unset = UNSET
    """ What to avoid. """
    lora_id: str | Unset = UNSET
    """ Style: a lora_ id, slug or legacy UUID. Omitted, the platform picks a style from the
    prompt (via a third-party LLM), or none.
     """
    character_id: str | Unset = UNSET
    """ A ready character (char_...); switches to image-to-image. Not with
    reference_image_urls.
     """
    reference_image_urls: list[str] | Unset = UNSET
    """ At most 10 references, each a file_ id from POST /v1/files or an https URL. """
    size: str | Unset = UNSET
    """ Size preset `<tier>_<ratio>`: tier 2k or 4k, ratio 1_1, 3_2, 2_3, 4_3, 3_4, 16_9, 9_16
    or 21_9 (e.g. 2k_16_9, 4k_1_1). Older presets such as hd_square are accepted too.
    Not with width/height.
     """
    width: int | Unset = UNSET
    """ Width in pixels, 1024 to 4096, snapped to a multiple of 32; send with height. """
    height: int | Unset = UNSET
    """ Height in pixels, 1024 to 4096, snapped to a multiple of 32; send with width. """
    steps: int | Unset = UNSET
    """ Inference steps, 1 to 100. Omitted, the style's or platform default applies. """
    guidance_scale: float | Unset = UNSET
    """ Guidance scale, 0.1 to 30. Omitted, the style's or platform default applies. """
    cfg_rescale: float | Unset = UNSET
    """ CFG rescale, 0 to 1. Omitted, the platform default (0) applies. """
    denoise_strength: float | Unset = UNSET
    """ Denoise strength (image-to-image), 0 to 1. Omitted, the style's or platform
    default applies.
     """
    seed: int | Unset = UNSET
    """ Seed; omit for a random one. """
    count: int | Unset = UNSET
    """ Number of images, 1 to 10. """
    enhance_prompt: bool | Unset = UNSET
    """ Rewrite the prompt with an LLM first (doubles the base price). """
    webhook_url: str | Unset = UNSET
    """ An https URL; receives image.completed or image.failed with the generation. """

    def to_dict(self) -> dict[str, Any]:
        prompt = self.prompt

        negative_prompt = self.negative_prompt

        lora_id = self.lora_id

        character_id = self.character_id

        reference_image_urls: list[str] | Unset = UNSET
        if not isinstance(self.reference_image_urls, Unset):
            reference_image_urls = self.reference_image_urls

        size = self.size

        width = self.width

        height = self.height

        steps = self.steps

        guidance_scale = self.guidance_scale

        cfg_rescale = self.cfg_rescale

        denoise_strength = self.denoise_strength

        seed = self.seed

        count = self.count

        enhance_prompt = self.enhance_prompt

        webhook_url = self.webhook_url

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "prompt": prompt,
            }
        )
        if negative_prompt is not UNSET:
            field_dict["negative_prompt"] = negative_prompt
        if lora_id is not UNSET:
            field_dict["lora_id"] = lora_id
        if character_id is not UNSET:
            field_dict["character_id"] = character_id
        if reference_image_urls is not UNSET:
            field_dict["reference_image_urls"] = reference_image_urls
        if size is not UNSET:
            field_dict["size"] = size
        if width is not UNSET:
            field_dict["width"] = width
        if height is not UNSET:
            field_dict["height"] = height
        if steps is not UNSET:
            field_dict["steps"] = steps
        if guidance_scale is not UNSET:
            field_dict["guidance_scale"] = guidance_scale
        if cfg_rescale is not UNSET:
            field_dict["cfg_rescale"] = cfg_rescale
        if denoise_strength is not UNSET:
            field_dict["denoise_strength"] = denoise_strength
        if seed is not UNSET:
            field_dict["seed"] = seed
        if count is not UNSET:
            field_dict["count"] = count
        if enhance_prompt is not UNSET:
            field_dict["enhance_prompt"] = enhance_prompt
        if webhook_url is not UNSET:
            field_dict["webhook_url"] = webhook_url

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        prompt = d.pop("prompt")

        negative_prompt = d.pop("negative_prompt", UNSET)

        lora_id = d.pop("lora_id", UNSET)

        character_id = d.pop("character_id", UNSET)

        reference_image_urls = cast(list[str], d.pop("reference_image_urls", UNSET))

        size = d.pop("size", UNSET)

        width = d.pop("width", UNSET)

        height = d.pop("height", UNSET)

        steps = d.pop("steps", UNSET)

        guidance_scale = d.pop("guidance_scale", UNSET)

        cfg_rescale = d.pop("cfg_rescale", UNSET)

        denoise_strength = d.pop("denoise_strength", UNSET)

        seed = d.pop("seed", UNSET)

        count = d.pop("count", UNSET)

        enhance_prompt = d.pop("enhance_prompt", UNSET)

        webhook_url = d.pop("webhook_url", UNSET)

        create_image_request = cls(
            prompt=prompt,
            negative_prompt=negative_prompt,
            lora_id=lora_id,
            character_id=character_id,
            reference_image_urls=reference_image_urls,
            size=size,
            width=width,
            height=height,
            steps=steps,
            guidance_scale=guidance_scale,
            cfg_rescale=cfg_rescale,
            denoise_strength=denoise_strength,
            seed=seed,
            count=count,
            enhance_prompt=enhance_prompt,
            webhook_url=webhook_url,
        )

        return create_image_request
