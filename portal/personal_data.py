"""What each app holds about a person. Apps register, in their AppConfig.ready(), how to export it
(for the person's own data page and download) and how to erase it (when the account is deleted), so
the registry, which comes first in the import order, needs to know nothing of the apps built on it.

Every model that holds personal data is declared here, by its label ("app_label.ModelName"): by an
app's entry (`register(..., models=...)`), or as erased by the account deletion itself
(`erased_with_the_account`). A pointer to a person that is no personal data (who decided, who
created) is declared as such with its reason (`not_personal_data`). tests/test_forgetting.py walks
every installed model and fails on one that holds personal data and is declared nowhere."""

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.db.models import Q


@dataclass(frozen=True)
class PersonalData:
    section: str
    export: Callable  # person -> JSON-able list or dict
    erase: Callable  # (person, *, addresses) -> None, inside the deleting transaction
    ends: Callable | None = None  # person -> sentences: what erasing would end, said before it is confirmed
    models: tuple[str, ...] = ()  # labels of the models whose rows about the person it exports and erases


_registry: dict[str, PersonalData] = {}
# label -> how the account deletion (stakeholders.services.delete_account) handles its rows
_erased_with_the_account: dict[str, str] = {}
# "app_label.ModelName.field" -> why this pointer to a person is not personal data
_not_personal_data: dict[str, str] = {}


def register(
    section: str, *, export: Callable, erase: Callable, ends: Callable | None = None, models: Iterable[str] = ()
) -> None:
    _registry[section] = PersonalData(section, export, erase, ends, tuple(models))


def erased_with_the_account(*labels: str, how: str) -> None:
    """Models whose rows about a person the account deletion handles itself, and how."""
    for label in labels:
        _erased_with_the_account[label] = how


def not_personal_data(*fields: str, reason: str) -> None:
    """Pointers to a person ("app_label.ModelName.field") that record who acted in a staff role:
    once the account is deleted they point to an anonymous row that names nobody."""
    for field in fields:
        _not_personal_data[field] = reason


def declared_models() -> dict[str, str]:
    """Every model declared as holding personal data, with who erases it."""
    declared = dict(_erased_with_the_account)
    for entry in _registry.values():
        declared.update(dict.fromkeys(entry.models, f"the {entry.section} entry of the registry"))
    return declared


def declared_pointers() -> dict[str, str]:
    return dict(_not_personal_data)


def addresses_of(person) -> list[str]:
    """Every address the person had, lowercased: the account's and each of allauth's rows. Taken
    before the deletion replaces them, so that what was sent or promised to any of them is found."""
    from allauth.account.models import EmailAddress

    addresses = {person.email, *EmailAddress.objects.filter(user=person).values_list("email", flat=True)}
    return sorted({address.lower() for address in addresses if address})


def address_in(field: str, addresses: Iterable[str]) -> Q:
    """Q: the field holds one of the addresses, whatever its case."""
    condition = Q(pk__in=[])
    for address in addresses:
        condition |= Q(**{f"{field}__iexact": address})
    return condition


def export_all(person) -> dict:
    return {entry.section: entry.export(person) for entry in _registry.values()}


def ended_by_erasing(person) -> list[str]:
    """What deleting the account would end in every app (a registration cancelled, an answer
    withdrawn...), one sentence each, for the page that asks the person to confirm."""
    return [sentence for entry in _registry.values() if entry.ends for sentence in entry.ends(person)]


def erase_all(person, *, addresses: Iterable[str]) -> None:
    addresses = list(addresses)
    for entry in _registry.values():
        entry.erase(person, addresses=addresses)


# Words that name a person, taken out of texts that others wrote (a log's note, an admin's record).

REDACTED = "[…]"


def naming_terms(person, addresses: Iterable[str]) -> list[str]:
    """What names the person in a text: their display name and every address they had."""
    return [term for term in (person.display_name.strip(), *addresses) if term]


def redact(text: str, terms: Iterable[str]) -> str:
    """The text with every whole-word occurrence of a term, in any case, replaced by "[…]"."""
    for term in terms:
        text = re.sub(rf"(?<!\w){re.escape(term)}(?!\w)", REDACTED, text, flags=re.IGNORECASE)
    return text


def _as_word(term: str) -> str:
    """A regular expression both PostgreSQL and Python read: the term as a whole word."""
    return rf"(^|\W){re.escape(term)}(\W|$)"


def redact_rows(queryset, fields: Iterable[str], terms: Iterable[str]) -> int:
    """Take the terms out of those text fields of the rows that hold one; returns the rows changed."""
    fields, terms = list(fields), list(terms)
    if not terms:
        return 0
    holding = Q(pk__in=[])
    for field in fields:
        for term in terms:
            holding |= Q(**{f"{field}__iregex": _as_word(term)})
    changed = 0
    for row in queryset.filter(holding).only("pk", *fields):
        values = {field: redact(getattr(row, field) or "", terms) for field in fields}
        if any(values[field] != (getattr(row, field) or "") for field in fields):
            changed += type(row).objects.filter(pk=row.pk).update(**values)
    return changed
