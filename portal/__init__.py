# Load the Celery app with Django so that @shared_task binds to it.
from portal.celery import app as celery_app
from portal.lean import load_openpyxl_without_numpy

load_openpyxl_without_numpy()

__all__ = ["celery_app"]
