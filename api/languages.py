"""The language of an answer of the API, and of each object in it.

`?lang=` or else the Accept-Language header (read by Django's LocaleMiddleware) picks the language
asked for. A call, a consultation (with its sessions) and a summary are each shown wholly in one
language, the one the pages would show (consultations.queries.in_one_language): the one asked for
when the object is complete in it, else its original. Each says which in its `language`, with the
provenance of that version (original, machine-translated, checked by a person...)."""

from django.conf import settings
from django.utils import translation
from rest_framework import serializers

from consultations.enums import Provenance
from consultations.queries import in_one_language
from portal.languages import direction

LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]


class LanguageQuery(serializers.Serializer):
    lang = serializers.ChoiceField(
        choices=LANGUAGE_CODES,
        required=False,
        help_text="The language to read the texts in; without it, the Accept-Language header's.",
    )


def requested_language(request) -> str:
    """The language asked for, from ?lang= (a 400 answer when it is not one of the portal's), else
    the one LocaleMiddleware took from Accept-Language."""
    query = LanguageQuery(data=request.query_params)
    query.is_valid(raise_exception=True)
    return query.validated_data.get("lang") or translation.get_language() or settings.LANGUAGE_CODE


class LanguageSerializer(serializers.Serializer):
    """What one object's texts are in."""

    code = serializers.ChoiceField(choices=LANGUAGE_CODES, help_text="The language all its texts are in.")
    direction = serializers.ChoiceField(choices=["ltr", "rtl"])
    provenance = serializers.ChoiceField(
        choices=Provenance.values,
        allow_null=True,
        help_text="Whether this version is the original or a translation; null when not recorded.",
    )
    is_fallback = serializers.BooleanField(help_text="True when the texts are not in the language asked for.")


def shown(item, language: str):
    """The object with every text in its one display language (a copy, never saved)."""
    return in_one_language(item, language)


def language_of(item) -> dict:
    """The `language` of an object given by shown()."""
    code = item.shown_language
    provenance = (getattr(item, "provenance", None) or {}).get(code)
    return {
        "code": code,
        "direction": direction(code),
        "provenance": provenance if provenance in Provenance.values else None,
        "is_fallback": item.shown_in_fallback,
    }
