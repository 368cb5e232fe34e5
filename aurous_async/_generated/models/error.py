from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="Error")


@_attrs_define
class Error:
    """Every field but `message` may be missing."""

    message: str
    """ Human-readable explanation. """
    type_: str | Unset = UNSET
    """ Coarse class (open set): invalid_request, authentication, not_found, rate_limit,
    server_error.
     """
    code: str | Unset = UNSET
    """ Fine-grained, stable code such as resource_not_found (open set). """
    param: None | str | Unset = UNSET
    """ The offending request field, when there is one. """
    doc_url: str | Unset = UNSET
    """ Link to the documentation of this code; treat as opaque. """
    request_id: str | Unset = UNSET
    """ Equals the Aurous-Request-Id response header. """
    status: int | Unset = UNSET
    """ Upstream provider HTTP status, on provider errors. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        message = self.message

        type_ = self.type_

        code = self.code

        param: None | str | Unset
        if isinstance(self.param, Unset):
            param = UNSET
        else:
            param = self.param

        doc_url = self.doc_url

        request_id = self.request_id

        status = self.status

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "message": message,
            }
        )
        if type_ is not UNSET:
            field_dict["type"] = type_
        if code is not UNSET:
            field_dict["code"] = code
        if param is not UNSET:
            field_dict["param"] = param
        if doc_url is not UNSET:
            field_dict["doc_url"] = doc_url
        if request_id is not UNSET:
            field_dict["request_id"] = request_id
        if status is not UNSET:
            field_dict["status"] = status

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        message = d.pop("message")

        type_ = d.pop("type", UNSET)

        code = d.pop("code", UNSET)

        def _parse_param(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        param = _parse_param(d.pop("param", UNSET))

        doc_url = d.pop("doc_url", UNSET)

        request_id = d.pop("request_id", UNSET)

        status = d.pop("status", UNSET)

        error = cls(
            message=message,
            type_=type_,
            code=code,
            param=param,
            doc_url=doc_url,
            request_id=request_id,
            status=status,
        )

        error.additional_properties = d
        return error

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
