from django import template

register = template.Library()


@register.simple_tag
def report_reasons():
    """(value, label) pairs for the reader's report form: the posted rules, spam, and "something else"."""
    from moderation.reports import report_reason_choices

    return report_reason_choices()
