"""Subscribing to calls and stopping the e-mails, in Chromium, English and Arabic, without an account."""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from consultations.models import CallSubscription
from portal.models import Notice
from portal.notices import unsubscribe_url
from tests.e2e.browser import assert_accessible

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_a_visitor_subscribes_confirms_and_stops(page, live_server, screenshots, lang):
    page.goto(f"{live_server.url}/{lang}/calls/subscribe/")
    assert_accessible(page)
    page.screenshot(path=screenshots / f"subscribe-{lang}.png", full_page=True)

    page.fill("#id_email", "not-an-address")
    page.check("input[name=commissions][value=ESCWA]")
    page.locator("main button[type=submit]").click()
    expect(page.locator(".error-summary")).to_be_visible()
    assert page.is_checked("input[name=commissions][value=ESCWA]")
    assert_accessible(page)

    page.fill("#id_email", f"amina-{lang}@example.org")
    page.locator("main button[type=submit]").click()
    page.wait_for_url(f"**/{lang}/calls/")
    confirm = re.search(r"/[a-z-]+/calls/subscribe/[0-9a-f-]+/", mail.outbox[-1].body).group(0)
    page.goto(live_server.url + confirm)
    assert CallSubscription.objects.get().confirmed_at is not None
    assert_accessible(page)

    notice = Notice(email=f"amina-{lang}@example.org")
    link = unsubscribe_url(notice, "calls")
    page.goto(live_server.url + link[link.index(f"/{lang}/") if f"/{lang}/" in link else link.index("/en/") :])
    assert_accessible(page)
    page.locator("main button[type=submit]").click()
    assert CallSubscription.objects.get().ended_at is not None
    assert_accessible(page)
    page.screenshot(path=screenshots / f"unsubscribed-{lang}.png", full_page=True)
