import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _fresh_cache():
    """allauth counts rate limits in the cache; every test starts with none used."""
    cache.clear()
    yield
    cache.clear()
