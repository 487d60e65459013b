"""Selects for long lists (countries, languages) rendered in Python.

Django renders each <option> through the template engine; with some 250 countries that is
milliseconds per list, most of a filter page's time. The markup is Django's own, with the
same attributes, so labels, errors and aria-describedby work as for any select."""

from django import forms
from django.forms.utils import flatatt
from django.utils.html import escape
from django.utils.safestring import mark_safe


def render_options(options) -> str:
    return "".join(
        f'<option value="{escape(option["value"])}"{" selected" if option["selected"] else ""}>'
        f"{escape(option['label'])}</option>"
        for option in options
    )


class FastSelectMixin:
    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        groups = [
            f'<optgroup label="{escape(group)}">{render_options(options)}</optgroup>'
            if group
            else render_options(options)
            for group, options, _index in widget["optgroups"]
        ]
        # Every value and label above went through escape(); the attributes through flatatt().
        html = f'<select name="{escape(widget["name"])}"{flatatt(widget["attrs"])}>{"".join(groups)}</select>'
        return mark_safe(html)  # noqa: S308


class FastSelect(FastSelectMixin, forms.Select):
    pass


class FastSelectMultiple(FastSelectMixin, forms.SelectMultiple):
    pass
