# "1 Mar 2027", "1 Mar 2027, 14:00": the month by name, never m/d/Y.
SHORT_DATE_FORMAT = "j M Y"
SHORT_DATETIME_FORMAT = "j M Y, H:i"
