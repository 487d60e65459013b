# "1 марта 2027", "1 марта 2027 14:00": the month by name (genitive) rather than d.m.Y.
SHORT_DATE_FORMAT = "j E Y"
SHORT_DATETIME_FORMAT = "j E Y H:i"
