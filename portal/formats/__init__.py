"""Date formats of the interface languages, where Django's own would leave a reader guessing.

Django's English SHORT_DATE_FORMAT is "m/d/Y": 03/01/2027 is the first of March to an American
and the third of January to most of the world. Staff pages (queues, the activity log, the staff
home) use the short formats, so each language gets a short form that names the month: "1 Mar 2027,
14:00". Only what differs from Django is set here (settings.FORMAT_MODULE_PATH); every other
format, and how dates typed in forms are read, stays Django's."""
