import re

import pytest
from django.contrib import auth
from django.core import mail
from django.utils import translation

from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "a-new-long-passphrase"


def link_in(message):
    return re.search(r"http://testserver(/\S+)", message.body).group(1)


def test_sign_up_verify_sign_in_and_out(client):
    response = client.post(
        "/en/accounts/signup/",
        {"display_name": "Amina", "email": "amina@example.org", "password1": PASSWORD, "password2": PASSWORD},
    )
    assert response.status_code == 302
    assert response.url == "/en/accounts/confirm-email/"
    assert not auth.get_user(client).is_authenticated, "no account is usable before its e-mail is verified"
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["amina@example.org"]

    confirm_url = link_in(mail.outbox[0])
    assert client.get(confirm_url).status_code == 200
    response = client.post(confirm_url)
    assert response.status_code == 302
    assert auth.get_user(client).email == "amina@example.org"

    client.post("/en/accounts/logout/")
    assert not auth.get_user(client).is_authenticated

    response = client.post("/en/accounts/login/", {"login": "amina@example.org", "password": PASSWORD})
    assert response.status_code == 302
    assert response.url == "/en/stakeholders/welcome/", "a newcomer is asked how they take part"
    assert auth.get_user(client).email == "amina@example.org"


def test_verification_email_is_in_the_language_of_the_sign_up_page(client):
    client.post(
        "/fr/accounts/signup/",
        {"display_name": "Léa", "email": "lea@example.org", "password1": PASSWORD, "password2": PASSWORD},
    )

    assert "Confirmez" in mail.outbox[0].subject
    assert "/fr/accounts/confirm-email/" in mail.outbox[0].body


def test_sign_up_with_bad_input_explains_and_keeps_what_was_typed(client):
    response = client.post(
        "/ar/accounts/signup/",
        {"email": "amina@example.org", "password1": PASSWORD, "password2": "something-else"},
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert 'value="amina@example.org"' in html
    assert 'aria-invalid="true"' in html
    assert re.search(r'aria-describedby="[^"]*id_password2_error', html)
    with translation.override("ar"):
        mismatch = translation.gettext("You must type the same password each time.")
    assert response.context["form"].errors["password2"] == [mismatch]
    assert mismatch != "You must type the same password each time."


def test_password_reset_sets_a_new_password(client):
    user = UserFactory()

    client.post("/en/accounts/password/reset/", {"email": user.email})
    assert len(mail.outbox) == 1
    response = client.get(link_in(mail.outbox[0]))
    assert response.status_code == 302  # allauth moves the key out of the URL into the session
    form_url = response.url
    response = client.post(form_url, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
    assert response.status_code == 302

    assert not client.login(email=user.email, password=PASSWORD)
    response = client.post("/en/accounts/login/", {"login": user.email, "password": NEW_PASSWORD})
    assert auth.get_user(client) == user


def test_repeated_failed_sign_ins_are_throttled(client):
    user = UserFactory()
    for _attempt in range(5):
        response = client.post("/en/accounts/login/", {"login": user.email, "password": "wrong-password"})
        assert response.status_code == 200

    response = client.post("/en/accounts/login/", {"login": user.email, "password": PASSWORD})

    assert not auth.get_user(client).is_authenticated
    (error,) = response.context["form"].non_field_errors()
    assert error.startswith("Too many failed attempts to sign in. Wait 5 minutes and try again.")


def test_an_unverified_person_cannot_sign_in(client):
    user = UserFactory(verified_email=False)

    response = client.post("/en/accounts/login/", {"login": user.email, "password": PASSWORD})

    assert not auth.get_user(client).is_authenticated
    assert response.url == "/en/accounts/confirm-email/"


@pytest.mark.parametrize("code", ["en", "fr", "es", "ar", "ru", "zh-hans"])
def test_a_refused_password_is_explained_in_the_page_language(client, code):
    response = client.post(
        f"/{code}/accounts/signup/", {"email": "amina@example.org", "password1": "short", "password2": "short"}
    )

    english = "This password is too short. It must contain at least 10 characters."
    with translation.override(code):
        explanation = translation.ngettext(
            "This password is too short. It must contain at least %(min_length)d character.",
            "This password is too short. It must contain at least %(min_length)d characters.",
            10,
        ) % {"min_length": 10}
    assert response.context["form"].errors["password1"] == [explanation]
    assert (explanation == english) == (code == "en")


def test_changing_the_email_address_takes_effect_once_the_new_one_is_verified(client):
    user = UserFactory()
    client.force_login(user)

    response = client.post("/en/accounts/email/", {"action_add": "", "email": "new.address@example.org"})
    assert response.status_code == 302
    assert mail.outbox[-1].to == ["new.address@example.org"]
    user.refresh_from_db()
    assert user.email != "new.address@example.org", "not before the new address is verified"

    client.post(link_in(mail.outbox[-1]))

    user.refresh_from_db()
    assert user.email == "new.address@example.org"


def test_forms_refuse_a_post_without_a_csrf_token():
    from django.test import Client

    response = Client(enforce_csrf_checks=True).post(
        "/en/accounts/signup/", {"email": "amina@example.org", "password1": PASSWORD, "password2": PASSWORD}
    )

    assert response.status_code == 403
