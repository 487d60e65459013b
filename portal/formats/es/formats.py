# "1 mar 2027", "1 mar 2027 14:00": the month by name rather than d/m/Y.
SHORT_DATE_FORMAT = "j b Y"
SHORT_DATETIME_FORMAT = "j b Y H:i"
