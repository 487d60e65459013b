"""The form renderer: Django's TemplatesSetting, with labels ending in the language's own colon
("Name:", full-width in Chinese, "Nom :") and no colon after a label that already ends in "?", "؟" or a full stop."""

from django import forms
from django.forms.boundfield import BoundField
from django.forms.renderers import TemplatesSetting
from django.utils.formats import number_format
from django.utils.html import format_html
from django.utils.translation import ngettext

from portal.l10n import FINAL_PUNCTUATION, label_suffix


class LocalizedBoundField(BoundField):
    def __init__(self, form, field, name):
        super().__init__(form, field, name)
        self.help_text = self.with_limit(self.help_text)

    def with_limit(self, help_text) -> str:
        """A text area says how much it takes ("At most 2,000 characters."), after its help text, so
        that a person writing at length knows before the limit refuses their text; the browser stops
        at the limit too (maxlength), which nobody sees coming otherwise."""
        limit = getattr(self.field, "max_length", None)
        if not limit or not isinstance(self.field.widget, forms.Textarea):
            return help_text
        said = ngettext("At most %(count)s character.", "At most %(count)s characters.", limit) % {
            "count": number_format(limit, force_grouping=True)
        }
        return f"{help_text} {said}" if help_text else said

    def label_tag(self, contents=None, attrs=None, label_suffix=None, tag=None):
        return super().label_tag(contents, attrs, label_suffix=self.localized_suffix(contents, label_suffix), tag=tag)

    def legend_tag(self, contents=None, attrs=None, label_suffix=None):
        return super().legend_tag(contents, attrs, label_suffix=self.localized_suffix(contents, label_suffix))

    def localized_suffix(self, contents, asked) -> str:
        """ "" when the label ends in punctuation or the form or field asks for no suffix; else the
        language's colon (Django's own ":" stands for it)."""
        if asked is None:
            asked = self.field.label_suffix if self.field.label_suffix is not None else self.form.label_suffix
        text = str(contents or self.label or "").rstrip()
        if not asked or not text or text[-1] in FINAL_PUNCTUATION:
            return ""
        return format_html("{}", label_suffix()) if asked.strip() == ":" else asked


class PortalRenderer(TemplatesSetting):
    bound_field_class = LocalizedBoundField
