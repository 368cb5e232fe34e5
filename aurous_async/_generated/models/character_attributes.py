from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="CharacterAttributes")


@_attrs_define
class CharacterAttributes:
    """Typed descriptive fields plus a free-text catch-all. On update the object replaces the
    stored one as a whole.

    """

    gender: str | Unset = UNSET
    """ e.g. female """
    age: int | Unset = UNSET
    """ Age in years, 1 to 120, e.g. 28. """
    ethnicity: str | Unset = UNSET
    """ e.g. east-asian """
    hair_color: str | Unset = UNSET
    """ e.g. black """
    hair_style: str | Unset = UNSET
    """ e.g. shoulder-length straight """
    eye_color: str | Unset = UNSET
    """ e.g. brown """
    body_type: str | Unset = UNSET
    """ e.g. athletic """
    additional_details: str | Unset = UNSET
    """ Free text, e.g. small scar above right eyebrow; warm smile. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        gender = self.gender

        age = self.age

        ethnicity = self.ethnicity

        hair_color = self.hair_color

        hair_style = self.hair_style

        eye_color = self.eye_color

        body_type = self.body_type

        additional_details = self.additional_details

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if gender is not UNSET:
            field_dict["gender"] = gender
        if age is not UNSET:
            field_dict["age"] = age
        if ethnicity is not UNSET:
            field_dict["ethnicity"] = ethnicity
        if hair_color is not UNSET:
            field_dict["hair_color"] = hair_color
        if hair_style is not UNSET:
            field_dict["hair_style"] = hair_style
        if eye_color is not UNSET:
            field_dict["eye_color"] = eye_color
        if body_type is not UNSET:
            field_dict["body_type"] = body_type
        if additional_details is not UNSET:
            field_dict["additional_details"] = additional_details

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        gender = d.pop("gender", UNSET)

        age = d.pop("age", UNSET)

        ethnicity = d.pop("ethnicity", UNSET)

        hair_color = d.pop("hair_color", UNSET)

        hair_style = d.pop("hair_style", UNSET)

        eye_color = d.pop("eye_color", UNSET)

        body_type = d.pop("body_type", UNSET)

        additional_details = d.pop("additional_details", UNSET)

        character_attributes = cls(
            gender=gender,
            age=age,
            ethnicity=ethnicity,
            hair_color=hair_color,
            hair_style=hair_style,
            eye_color=eye_color,
            body_type=body_type,
            additional_details=additional_details,
        )

        character_attributes.additional_properties = d
        return character_attributes

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
