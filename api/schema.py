"""The OpenAPI document (drf-spectacular): every operation also says how it fails, so that a client
(and schemathesis) knows every status it may get."""

from drf_spectacular.openapi import AutoSchema
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse
from rest_framework import serializers

from api.languages import LANGUAGE_CODES


class Error(serializers.Serializer):
    detail = serializers.CharField()


ERRORS = {
    "400": OpenApiResponse(OpenApiTypes.OBJECT, description="A parameter is not valid: each says why."),
    "404": OpenApiResponse(Error, description="Not found, or not public (or no such page of a list)."),
    "429": OpenApiResponse(Error, description="Too many requests: Retry-After says in how many seconds to ask again."),
}


class ApiSchema(AutoSchema):
    def get_override_parameters(self):
        return [
            *super().get_override_parameters(),
            OpenApiParameter(
                "lang",
                str,
                enum=LANGUAGE_CODES,
                description="The language to read the texts in; without it, the Accept-Language header's.",
            ),
        ]

    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        for code, response in ERRORS.items():
            responses.setdefault(code, self._get_response_for_code(response, code, direction=direction))
        return responses
