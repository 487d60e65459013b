"""How much a person may write in each kind of free text, one number per kind. The model fields and
forms take their max_length from here, and every text area says its limit under its label
(portal.renderers), so that nobody loses a long text to a refusal they could not see coming."""

NOTE = 2_000  # a reason, a comment, a note to someone: kept on record beside a decision
DESCRIPTION = 4_000  # what an organization, a session or a side event is about; practical information
LONG_TEXT = 10_000  # the text of a call or of a consultation, a written submission typed in the form
SUMMARY = 40_000  # what was said at a consultation (Markdown), published after it ends
