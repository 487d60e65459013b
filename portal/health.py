from django.db import connection


def check_database() -> str:
    """Run a trivial query and return the database vendor ('postgresql', 'sqlite')."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return connection.vendor
