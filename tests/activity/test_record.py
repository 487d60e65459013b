"""The one writer of the log: inside the transaction of the change, and what it stores fits."""

import pytest
from django.db import transaction

from activity.models import Activity
from activity.services import BRIEF, record
from tests.factories import consultation

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_a_record_outside_the_transaction_of_its_change_is_refused():
    with pytest.raises(RuntimeError):
        record(consultation(), by=None, field="status", after="draft")

    assert Activity.objects.count() == 0


def test_a_long_description_is_cut_to_fit_the_log_and_says_so():
    long = "Speakers: " + ", ".join(f"#{number}" for number in range(1, 40))

    with transaction.atomic():
        row = record(consultation(), by=None, field="selected", before="", after=long)

    row.refresh_from_db()
    assert len(row.after) == BRIEF
    assert row.after == long[: BRIEF - 1] + "…"
