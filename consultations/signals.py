"""What consultations/ tells the apps built on it (imports flow one way: they listen, it never calls them)."""

from django.dispatch import Signal

# Sent inside the transaction of the change, once a focal point or the secretariat changed a
# consultation's modality or capacities, with `consultation=` (saved) and `by=` (who changed it).
# registrations/ promotes from the waiting list under the consultation's row lock, in the same flow.
seats_changed = Signal()
