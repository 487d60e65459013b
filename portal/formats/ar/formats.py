# "1 مارس 2027", "1 مارس 2027، 14:00". Django has no Arabic DATETIME_FORMAT nor
# SHORT_DATETIME_FORMAT: without these the English defaults ("N j, Y, P", "m/d/Y P") would show.
DATETIME_FORMAT = "j F، Y، g:i A"
SHORT_DATE_FORMAT = "j F Y"
SHORT_DATETIME_FORMAT = "j F Y، H:i"
