"""Speaker and funding selection: the best total review score under diversity rules, as a
mixed-integer program (HiGHS), over plain data so that it can be tested and benchmarked without
Django. Callers turn expressions of interest into `Applicant`s and a session's criteria into
`Rules`; nothing here reads or writes the database.
"""

from .model import (
    EACH,
    Applicant,
    BalanceRow,
    Bound,
    Coverage,
    Proposal,
    Replacement,
    Rule,
    RuleKey,
    Rules,
    TimeLimitReached,
    Violation,
)
from .propose import best_replacement, check_selection, explain_selection, propose_selection

__all__ = [
    "EACH",
    "Applicant",
    "BalanceRow",
    "Bound",
    "Coverage",
    "Proposal",
    "Replacement",
    "Rule",
    "RuleKey",
    "Rules",
    "TimeLimitReached",
    "Violation",
    "best_replacement",
    "check_selection",
    "explain_selection",
    "propose_selection",
]
