"""Limits that keep the public forms from being turned against people, counted per real client
behind the trusted proxy: the form to hear of calls cannot flood a mailbox, and failed sign-ins slow
an attacker down without locking the owner out."""

import re
from datetime import timedelta

import pytest
from django.contrib import auth
from django.core import mail
from django.test import override_settings
from django.test.client import RequestFactory
from django.utils import timezone, translation
from django.utils.translation import gettext, ngettext

from consultations.models import CallSubscription
from portal.clients import client_address
from portal.models import Notice
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

PROXY = "10.0.0.2"  # the TLS proxy: every request reaches the portal from it
BEHIND_ONE_PROXY = override_settings(ALLAUTH_TRUSTED_PROXY_COUNT=1)
TOO_OFTEN_FOR_THE_ADDRESS = (
    "This address was given too many times in the last hour. Look in its inbox and spam folder for the "
    "e-mail we sent, or try again in an hour."
)
TOO_OFTEN_FROM_THE_CLIENT = (
    "Too many requests to hear of calls came from your connection in the last hour (it may be shared with "
    "other people). Please try again in an hour."
)
TOO_MANY_SIGN_INS = (
    "Too many failed attempts to sign in. Wait 5 minutes and try again. If it still does not work, choose "
    "“Forgot your password?”: we will e-mail you a link to set a new password, and you can sign in with it "
    "at once."
)


def from_client(address):
    """What the proxy passes on for a visitor at this address."""
    return {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": address}


def subscribe(client, capture, email, *, lang="en", client_at="203.0.113.1", follow=False, **choices):
    with capture(execute=True):
        return client.post(
            f"/{lang}/calls/subscribe/",
            {"email": email, "language": lang, "frequency": "immediate", **choices},
            follow=follow,
            **from_client(client_at),
        )


def confirmation_mails(address):
    return [message for message in mail.outbox if message.to == [address]]


def link_in(message):
    return re.search(r"https?://[^/]+(/\S+/calls/subscribe/[0-9a-f-]+/)", message.body).group(1)


def sign_in(client, email, password, *, client_at):
    return client.post("/en/accounts/login/", {"login": email, "password": password}, **from_client(client_at))


# Which client: the proxy's word only when it is trusted


def test_without_a_trusted_proxy_the_client_is_the_connection_and_a_forwarded_header_is_ignored():
    request = RequestFactory().get("/", **from_client("203.0.113.1"))

    assert client_address(request) == PROXY


@BEHIND_ONE_PROXY
def test_behind_one_trusted_proxy_the_client_is_the_address_the_proxy_appended():
    # A visitor may write anything at the left; the proxy appends what it saw on the right.
    request = RequestFactory().get("/", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="198.51.100.9, 203.0.113.1")

    assert client_address(request) == "203.0.113.1"


@override_settings(ALLAUTH_TRUSTED_CLIENT_IP_HEADER="X-Real-IP")
def test_a_trusted_client_header_names_the_client():
    request = RequestFactory().get("/", REMOTE_ADDR=PROXY, HTTP_X_REAL_IP="203.0.113.1")

    assert client_address(request) == "203.0.113.1"


@override_settings(ALLAUTH_TRUSTED_PROXY_COUNT=2)
def test_a_request_that_skipped_a_trusted_proxy_is_refused_not_a_server_error(client):
    response = client.post(
        "/en/accounts/login/", {"login": "a@example.org", "password": "x"}, **from_client("203.0.113.1")
    )

    assert response.status_code == 403


# Hearing of calls: one waiting confirmation per address, a few requests per address and per client


@BEHIND_ONE_PROXY
def test_the_sixth_request_for_one_address_within_an_hour_is_refused_and_mails_nothing(
    client, django_capture_on_commit_callbacks
):
    for _request in range(5):
        assert subscribe(client, django_capture_on_commit_callbacks, "amina@example.org").status_code == 302

    response = subscribe(
        client, django_capture_on_commit_callbacks, "Amina@Example.org", commissions=["ECA"], client_at="203.0.113.7"
    )

    assert response.status_code == 429
    assert response.context["form"].errors["email"] == [TOO_OFTEN_FOR_THE_ADDRESS]
    html = response.content.decode()
    assert 'value="Amina@Example.org"' in html  # what was typed stays
    assert re.findall(r'<input type="checkbox" name="commissions" value="(\w+)"[^>]* checked>', html) == ["ECA"]
    assert len(confirmation_mails("amina@example.org")) == 1  # the first request's; the others waited on it
    assert Notice.objects.filter(kind="subscription-confirm").count() == 1


@BEHIND_ONE_PROXY
def test_the_refusal_is_in_the_language_of_the_page(client, django_capture_on_commit_callbacks):
    for _request in range(5):
        subscribe(client, django_capture_on_commit_callbacks, "amina@example.org", lang="fr")

    response = subscribe(client, django_capture_on_commit_callbacks, "amina@example.org", lang="fr")

    assert response.status_code == 429
    with translation.override("fr"):
        in_french = gettext(TOO_OFTEN_FOR_THE_ADDRESS)
    assert in_french != TOO_OFTEN_FOR_THE_ADDRESS, "the French catalogue translates it"
    assert response.context["form"].errors["email"] == [in_french]
    assert in_french in response.content.decode().replace("&#x27;", "'")


@BEHIND_ONE_PROXY
def test_another_address_from_the_same_client_has_its_own_allowance(client, django_capture_on_commit_callbacks):
    for _request in range(6):
        subscribe(client, django_capture_on_commit_callbacks, "amina@example.org")

    response = subscribe(client, django_capture_on_commit_callbacks, "omar@example.org")

    assert response.status_code == 302
    assert len(confirmation_mails("omar@example.org")) == 1


@BEHIND_ONE_PROXY
def test_one_client_asks_for_at_most_twenty_addresses_an_hour_and_others_behind_the_proxy_still_can(
    client, django_capture_on_commit_callbacks
):
    for number in range(20):
        assert subscribe(client, django_capture_on_commit_callbacks, f"person{number}@example.org").status_code == 302

    refused = subscribe(client, django_capture_on_commit_callbacks, "one-more@example.org")
    elsewhere = subscribe(client, django_capture_on_commit_callbacks, "one-more@example.org", client_at="192.0.2.5")

    assert refused.status_code == 429
    assert refused.context["form"].non_field_errors() == [TOO_OFTEN_FROM_THE_CLIENT]
    assert elsewhere.status_code == 302
    assert len(mail.outbox) == 21


def test_without_a_trusted_proxy_a_forged_forwarded_header_does_not_get_round_the_limit(
    client, django_capture_on_commit_callbacks
):
    for number in range(20):
        subscribe(
            client, django_capture_on_commit_callbacks, f"person{number}@example.org", client_at=f"192.0.2.{number}"
        )

    response = subscribe(client, django_capture_on_commit_callbacks, "one-more@example.org", client_at="198.51.100.1")

    assert response.status_code == 429
    assert not confirmation_mails("one-more@example.org")


def test_asking_again_while_the_link_waits_changes_the_choices_and_mails_nothing(
    client, django_capture_on_commit_callbacks
):
    subscribe(client, django_capture_on_commit_callbacks, "amina@example.org", commissions=["ECA"])

    response = subscribe(
        client, django_capture_on_commit_callbacks, "amina@example.org", commissions=["ESCWA"], follow=True
    )

    (waiting,) = CallSubscription.objects.all()
    assert waiting.commissions == ["ESCWA"]
    assert len(mail.outbox) == 1
    *_first, message = response.context["messages"]  # the first request's "Almost done" is shown too
    assert str(message) == (
        "We have already sent a link to amina@example.org: open it to confirm. Your new choices replace the "
        "earlier ones. If the e-mail has not arrived, look in your spam folder, or ask again in 15 minutes."
    )
    client.get(link_in(mail.outbox[0]))
    waiting.refresh_from_db()
    assert waiting.confirmed_at is not None  # the link mailed first confirms the latest choices


def test_asking_again_later_sends_a_new_link_that_replaces_the_first(client, django_capture_on_commit_callbacks):
    subscribe(client, django_capture_on_commit_callbacks, "amina@example.org")
    CallSubscription.objects.update(created_at=timezone.now() - timedelta(minutes=16))

    subscribe(client, django_capture_on_commit_callbacks, "amina@example.org", commissions=["ECLAC"])

    first, second = confirmation_mails("amina@example.org")
    assert "This link is not valid" in client.get(link_in(first)).content.decode()
    client.get(link_in(second))
    (subscribed,) = CallSubscription.objects.filter(confirmed_at__isnull=False)
    assert subscribed.commissions == ["ECLAC"]
    assert CallSubscription.objects.filter(confirmed_at__isnull=True, ended_at__isnull=True).count() == 0


def test_an_address_has_at_most_one_subscription_waiting_for_confirmation():
    from django.db import IntegrityError, transaction

    CallSubscription.objects.create(email="amina@example.org", language="en")
    CallSubscription.objects.create(email="amina@example.org", language="en", confirmed_at=timezone.now())

    with pytest.raises(IntegrityError), transaction.atomic():
        CallSubscription.objects.create(email="Amina@example.org", language="fr")


# Failed sign-ins: slower, per real client and per account, never a locked account


def fail_to_sign_in(client, times, *, client_at, email=None):
    for attempt in range(times):
        response = sign_in(client, email or f"nobody{attempt}@example.org", "wrong-password", client_at=client_at)
        assert response.status_code == 200


@BEHIND_ONE_PROXY
def test_failed_sign_ins_of_one_client_do_not_stop_another_behind_the_same_proxy(client):
    owner = UserFactory()
    fail_to_sign_in(client, 10, client_at="203.0.113.1")

    refused = sign_in(client, owner.email, PASSWORD, client_at="203.0.113.1")
    assert refused.context["form"].non_field_errors() == [TOO_MANY_SIGN_INS]
    assert not auth.get_user(client).is_authenticated

    sign_in(client, owner.email, PASSWORD, client_at="192.0.2.5")
    assert auth.get_user(client) == owner


def test_without_a_trusted_proxy_a_forged_forwarded_header_does_not_get_round_sign_in_limits(client):
    owner = UserFactory()
    for attempt in range(10):
        sign_in(client, f"nobody{attempt}@example.org", "wrong-password", client_at=f"192.0.2.{attempt}")

    refused = sign_in(client, owner.email, PASSWORD, client_at="198.51.100.1")

    assert refused.context["form"].non_field_errors() == [TOO_MANY_SIGN_INS]
    assert not auth.get_user(client).is_authenticated


@BEHIND_ONE_PROXY
def test_the_sign_in_refusal_is_in_the_language_of_the_page(client):
    owner = UserFactory()
    for _attempt in range(5):
        client.post("/ar/accounts/login/", {"login": owner.email, "password": "wrong"}, **from_client("203.0.113.1"))

    refused = client.post(
        "/ar/accounts/login/", {"login": owner.email, "password": PASSWORD}, **from_client("203.0.113.1")
    )

    with translation.override("ar"):
        in_arabic = ngettext(
            "Too many failed attempts to sign in. Wait %(minutes)d minute and try again. If it still does not "
            "work, choose “Forgot your password?”: we will e-mail you a link to set a new password, and you "
            "can sign in with it at once.",
            "Too many failed attempts to sign in. Wait %(minutes)d minutes and try again. If it still does not "
            "work, choose “Forgot your password?”: we will e-mail you a link to set a new password, and you "
            "can sign in with it at once.",
            5,
        ) % {"minutes": 5}
    assert in_arabic != TOO_MANY_SIGN_INS, "the Arabic catalogue translates it"
    assert refused.context["form"].non_field_errors() == [in_arabic]


@BEHIND_ONE_PROXY
def test_an_account_attacked_from_many_clients_is_not_locked_a_password_reset_lets_the_owner_in(client):
    owner = UserFactory()
    for attempt in range(20):
        sign_in(client, owner.email, "wrong-password", client_at=f"198.51.100.{attempt}")
    assert sign_in(client, owner.email, PASSWORD, client_at="203.0.113.1").context["form"].non_field_errors() == [
        TOO_MANY_SIGN_INS
    ]

    client.post("/en/accounts/password/reset/", {"email": owner.email}, **from_client("203.0.113.1"))
    reset_link = re.search(r"http://testserver(/\S+)", mail.outbox[-1].body).group(1)
    form_url = client.get(reset_link, **from_client("203.0.113.1")).url
    client.post(
        form_url,
        {"password1": "a-new-long-passphrase", "password2": "a-new-long-passphrase"},
        **from_client("203.0.113.1"),
    )
    sign_in(client, owner.email, "a-new-long-passphrase", client_at="203.0.113.1")

    assert auth.get_user(client) == owner
    owner.refresh_from_db()
    assert owner.is_active
