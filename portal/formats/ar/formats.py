# "19 ديسمبر 2026", "19 ديسمبر 2026، 12:00 م": day, month, year as Arabic writes them (CLDR's
# "d MMMM y"), with the Arabic comma before the time. Django's own DATE_FORMAT ("j F، Y") puts a
# comma between month and year, and it has no Arabic DATETIME_FORMAT nor SHORT_DATETIME_FORMAT:
# without these the English defaults ("N j, Y, P", "m/d/Y P") would show.
DATE_FORMAT = "j F Y"
TIME_FORMAT = "g:i A"
DATETIME_FORMAT = "j F Y، g:i A"
MONTH_DAY_FORMAT = "j F"
YEAR_MONTH_FORMAT = "F Y"
SHORT_DATE_FORMAT = "j F Y"
SHORT_DATETIME_FORMAT = "j F Y، H:i"
