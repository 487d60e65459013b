# "2027年3月1日", "2027年3月1日 14:00": Django's own, already unambiguous; stated so that each of
# the six languages says what its staff pages show.
SHORT_DATE_FORMAT = "Y年n月j日"
SHORT_DATETIME_FORMAT = "Y年n月j日 H:i"
# The colon after a form label (read by portal.l10n.label_suffix): full-width in Chinese.
LABEL_SUFFIX = "\uff1a"  # full-width colon
