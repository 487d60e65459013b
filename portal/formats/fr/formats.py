# "1 mars 2027", "1 juil. 2027 14:00": the month by name rather than d/m/Y.
SHORT_DATE_FORMAT = "j N Y"
SHORT_DATETIME_FORMAT = "j N Y H:i"
# The colon after a form label (read by portal.l10n.label_suffix): set apart by a no-break space.
LABEL_SUFFIX = "\u00a0:"
