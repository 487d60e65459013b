"""Page budgets of design note §8, measured in one run against a bare Django page.

Prints, for each page: median server time in process, its ratio to the bare page, SQL queries,
and the bytes a first visit transfers (HTML and stylesheet, gzip as a server would send them);
then the resident memory of a gunicorn worker that has served them. Figures, not pass/fail:
the machine is shared and noisy, so compare ratios within one run.

Run with `make bench` (a SQLite file under var/ unless DATABASE_URL is set).
"""

import gzip
import os
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
os.environ.setdefault("SECRET_KEY", "bench-only-" + "x" * 50)
os.environ.setdefault("HTTPS", "false")
os.environ.setdefault("ALLOWED_HOSTS", "testserver,127.0.0.1")
os.environ.setdefault("DATABASE_URL", f"sqlite:///{ROOT / 'var' / 'bench.sqlite3'}")
sys.path.insert(0, str(ROOT))

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, override_settings  # noqa: E402

from consultations.demo import seed_demo_consultations  # noqa: E402
from stakeholders.demo import seed_demo_organizations, seed_demo_people  # noqa: E402
from stakeholders.enums import StakeholderCategory, Verification  # noqa: E402
from stakeholders.models import Organization  # noqa: E402

REPEAT = 200
LIST_SIZE = 200
PAGES = {
    "bare Django page (baseline)": ("/bench-baseline/", None),
    "home": ("/en/", 10),
    "calls list (20 open calls)": ("/en/calls/", 30),
    "consultation page": ("/en/consultations/africa-2026/", 10),
    "organization page": ("/en/stakeholders/mwvn/", 10),
    f"directory, {LIST_SIZE} organizations (50 a page)": ("/en/stakeholders/", 30),
    "directory, filtered": ("/en/stakeholders/?region=ECA&led_by=migrant", 30),
}
STYLESHEET = ROOT / "static" / "css" / "portal.css"


def prepare():
    (ROOT / "var").mkdir(exist_ok=True)  # a fresh checkout has none; SQLite will not create the folder
    call_command("migrate", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)  # hashed, compressed: as production
    seed_demo_people()
    seed_demo_organizations()
    seed_demo_consultations()
    missing = LIST_SIZE - Organization.objects.listed().count()
    categories = StakeholderCategory.values
    Organization.objects.bulk_create(
        Organization(
            name_en=f"Bench organization {n:03d}",
            slug=f"bench-{n:03d}",
            category=categories[n % len(categories)],
            country=["KE", "MX", "JO", "TH", "FR"][n % 5],
            verification=Verification.VERIFIED,
            is_listed_publicly=True,
            is_migrant_led=n % 3 == 0,
        )
        for n in range(max(missing, 0))
    )


def measure(client, url):
    client.get(url)  # warm caches and templates
    timings = []
    for _ in range(REPEAT):
        start = time.perf_counter()
        response = client.get(url)
        timings.append(time.perf_counter() - start)
    if response.status_code != 200:
        raise SystemExit(f"{url} answered {response.status_code}")
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    return statistics.median(timings) * 1000, len(queries), response.content


def first_visit_bytes(html):
    return len(gzip.compress(html)) + len(gzip.compress(STYLESHEET.read_bytes()))


def worker_memory():
    """Resident memory of one gunicorn worker after it served every page."""
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "portal.wsgi", "--bind", "127.0.0.1:8765", "--workers", "1"],
        cwd=ROOT,
        env={**os.environ},
        stderr=subprocess.DEVNULL,
    )
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen("http://127.0.0.1:8765/healthz", timeout=1)
                break
            except OSError:
                time.sleep(0.1)
        for url, _budget in PAGES.values():
            if not url.startswith("/bench"):
                for _ in range(20):
                    urllib.request.urlopen(f"http://127.0.0.1:8765{url}", timeout=10).read()
        children = Path(f"/proc/{server.pid}/task/{server.pid}/children").read_text().split()
        status = Path(f"/proc/{children[0]}/status").read_text()
        return int(next(line for line in status.splitlines() if line.startswith("VmRSS")).split()[1]) / 1024
    finally:
        server.terminate()
        server.wait(timeout=10)


def main():
    prepare()
    client = Client()
    print(f"{'page':48} {'median ms':>9} {'vs bare':>7} {'budget':>7} {'queries':>7} {'first visit KB':>14}")
    with override_settings(ROOT_URLCONF="bench.urls"):
        baseline = None
        for name, (url, budget) in PAGES.items():
            milliseconds, queries, html = measure(client, url)
            baseline = baseline or milliseconds
            budget_text = f"{budget} ms" if budget else "—"
            kilobytes = first_visit_bytes(html) / 1024
            print(
                f"{name:48} {milliseconds:9.2f} {milliseconds / baseline:7.1f} {budget_text:>7} {queries:7d} "
                f"{kilobytes:14.1f}"
            )
    print(f"gunicorn worker resident memory: {worker_memory():.0f} MB (budget 100 MB)")


if __name__ == "__main__":
    main()
