"""Selects for long lists (countries, languages) rendered in Python.

Django renders each <option> through the template engine; with some 250 countries that is
milliseconds per list, most of a filter page's time. The markup is Django's own, with the
same attributes, so labels, errors and aria-describedby work as for any select.

A select whose choices are fixed when the code loads (enum labels, country names, the interface
languages) says so with static_choices=True: its options are then escaped once per language and
reused by every form, which saves most of what is left (2 ms of the directory's country list)."""

from django import forms
from django.forms.utils import flatatt
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import get_language


def option_groups(choices) -> list[tuple[str | None, list[tuple[str, str, str]]]]:
    """Choices grouped as Django's ChoiceWidget.optgroups() does: the escaped group label (None
    outside a group) and each option as its value, its value escaped and its label escaped."""
    groups = []
    for value, label in choices:
        if isinstance(label, (list, tuple)):
            group, options = (escape(str(value)) if value else None), label
        else:
            group, options = None, [("" if value is None else value, label)]
        # str() first: escape() of a lazy label would stay lazy and be translated again at each render.
        groups.append((group, [(str(option), escape(str(option)), escape(str(text))) for option, text in options]))
    return groups


class FastSelectMixin:
    def __init__(self, attrs=None, choices=(), *, static_choices=False):
        super().__init__(attrs, choices)
        # {language: option groups}: only for choices that never change while the process runs.
        self.rendered_choices = {} if static_choices else None

    def __deepcopy__(self, memo):
        copy = super().__deepcopy__(memo)
        # Each form works on its own copy of a declared widget; the copies share the rendered options.
        copy.rendered_choices = self.rendered_choices
        return copy

    def option_groups(self):
        if self.rendered_choices is None:
            return option_groups(self.choices)
        language = get_language()
        if language not in self.rendered_choices:
            self.rendered_choices[language] = option_groups(self.choices)
        return self.rendered_choices[language]

    def render(self, name, value, attrs=None, renderer=None):
        attrs = self.build_attrs(self.attrs, attrs)
        if self.allow_multiple_selected:
            attrs["multiple"] = True
        values = self.format_value(value)
        html, has_selected = [], False
        for group, options in self.option_groups():
            rendered = []
            for option, escaped_option, escaped_label in options:
                # As in Django, a single select marks only the first option holding the value.
                selected = (self.allow_multiple_selected or not has_selected) and option in values
                has_selected |= selected
                rendered.append(
                    f'<option value="{escaped_option}"{" selected" if selected else ""}>{escaped_label}</option>'
                )
            html.append(f'<optgroup label="{group}">{"".join(rendered)}</optgroup>' if group else "".join(rendered))
        # Every value and label went through escape(); the attributes through flatatt().
        return mark_safe(f'<select name="{escape(name)}"{flatatt(attrs)}>{"".join(html)}</select>')  # noqa: S308


class FastSelect(FastSelectMixin, forms.Select):
    pass


class FastSelectMultiple(FastSelectMixin, forms.SelectMultiple):
    pass
