# "1 mars 2027", "1 juil. 2027 14:00": the month by name rather than d/m/Y.
SHORT_DATE_FORMAT = "j N Y"
SHORT_DATETIME_FORMAT = "j N Y H:i"
