from django import template

from portal.markdown import render_markdown

register = template.Library()


@register.filter
def markdown(text):
    """{{ summary.body|markdown }}: people's Markdown as sanitized HTML."""
    return render_markdown(text)
