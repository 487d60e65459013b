"""The form renderer: Django's TemplatesSetting, with labels ending in the language's own colon
("Name:", full-width in Chinese, "Nom :") and no colon after a label that already ends in "?", "؟" or a full stop."""

from django.forms.boundfield import BoundField
from django.forms.renderers import TemplatesSetting
from django.utils.html import format_html

from portal.l10n import FINAL_PUNCTUATION, label_suffix


class LocalizedBoundField(BoundField):
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
