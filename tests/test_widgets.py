import copy
from html.parser import HTMLParser

import pytest
from django import forms
from django.utils import translation
from django.utils.translation import gettext_lazy

from portal.widgets import FastSelect, FastSelectMultiple

CHOICES = [
    ("", "All"),
    ("Africa", [("014", "Eastern Africa"), ("017", "Middle Africa")]),
    ("x", "<script>alert(1)</script> & co"),
]


class Structure(HTMLParser):
    """Tags with their attributes (in any order) and text, without layout whitespace."""

    def __init__(self):
        super().__init__()
        self.parts = []

    def handle_starttag(self, tag, attrs):
        self.parts.append((tag, sorted(attrs, key=lambda pair: pair[0])))

    def handle_endtag(self, tag):
        self.parts.append(f"/{tag}")

    def handle_data(self, data):
        if data.strip():
            self.parts.append(data.strip())


def normalised(html):
    parser = Structure()
    parser.feed(html)
    return parser.parts


@pytest.mark.parametrize(("fast", "django"), [(FastSelect, forms.Select), (FastSelectMultiple, forms.SelectMultiple)])
@pytest.mark.parametrize("value", ["017", "x", ""])
def test_fast_select_renders_what_django_renders(fast, django, value):
    attrs = {"id": "id_region", "aria-describedby": "id_region_error", "required": True}

    ours = fast(choices=CHOICES).render("region", value, attrs)
    theirs = django(choices=CHOICES).render("region", value, attrs)

    assert normalised(ours) == normalised(theirs)
    assert "<script>" not in ours


def test_static_choices_render_in_each_language_with_each_selection():
    choices = [("", gettext_lazy("All")), ("fr", gettext_lazy("French")), ("ar", gettext_lazy("Arabic"))]
    declared = FastSelect(choices=choices, static_choices=True)
    form_copy = copy.deepcopy(declared)  # what each form gets; it reuses the options rendered for the other

    with translation.override("fr"):
        french = form_copy.render("language", "fr")
        django_french = forms.Select(choices=choices).render("language", "fr")
    with translation.override("en"):
        english = declared.render("language", "ar")
        django_english = forms.Select(choices=choices).render("language", "ar")

    assert normalised(french) == normalised(django_french)
    assert normalised(english) == normalised(django_english)
    assert french != english
