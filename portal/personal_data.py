"""What each app holds about a person. Apps register, in their AppConfig.ready(), how to export it
(for the person's own data page and download) and how to erase it (when the account is deleted), so
the registry, which comes first in the import order, needs to know nothing of the apps built on it."""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class PersonalData:
    section: str
    export: Callable  # person -> JSON-able list or dict
    erase: Callable  # person -> None, inside the deleting transaction
    ends: Callable | None = None  # person -> sentences: what erasing would end, said before it is confirmed


_registry: dict[str, PersonalData] = {}


def register(section: str, *, export: Callable, erase: Callable, ends: Callable | None = None) -> None:
    _registry[section] = PersonalData(section, export, erase, ends)


def export_all(person) -> dict:
    return {entry.section: entry.export(person) for entry in _registry.values()}


def ended_by_erasing(person) -> list[str]:
    """What deleting the account would end in every app (a registration cancelled, an answer
    withdrawn...), one sentence each, for the page that asks the person to confirm."""
    return [sentence for entry in _registry.values() if entry.ends for sentence in entry.ends(person)]


def erase_all(person) -> None:
    for entry in _registry.values():
        entry.erase(person)
