"""Page budgets of design note §8, measured in one run against a bare Django page.

Prints, for each page: median server time in process, its ratio to the bare page, SQL queries,
and the bytes a first visit transfers (HTML and stylesheet, gzip as a server would send them);
then, from a gunicorn server like production's, the first visit of the calls list and of the
directory on the wire: each resource fetched (the page, then what it links: stylesheet, icon,
scripts, images), its Content-Encoding and its bytes, against the budget of 15 KB; then the
resident memory of the gunicorn worker that has served them. Figures, not pass/fail: the machine
is shared and noisy, so compare ratios within one run.

Run with `make bench` (a SQLite file under var/ unless DATABASE_URL is set).
"""

import gzip
import http.client
import os
import statistics
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

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
# A first visit on the wire, as a browser makes it: no cookie, and it accepts compressed answers.
FIRST_VISITS = {"calls list": "/en/calls/", "directory": "/en/stakeholders/"}
FIRST_VISIT_BUDGET = 15 * 1024
BROWSER_HEADERS = {"Accept-Encoding": "gzip, deflate, br", "Accept": "text/html,*/*"}
SERVER = "127.0.0.1:8765"


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


@contextmanager
def gunicorn():
    """A gunicorn server with one worker, like production (DEBUG off, WhiteNoise serving static files)."""
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "portal.wsgi", "--bind", SERVER, "--workers", "1"],
        cwd=ROOT,
        env={**os.environ},
        stderr=subprocess.DEVNULL,
    )
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(f"http://{SERVER}/healthz", timeout=1)
                break
            except OSError:
                time.sleep(0.1)
        yield server
    finally:
        server.terminate()
        server.wait(timeout=10)


def worker_memory(server):
    """Resident memory of one gunicorn worker after it served every page."""
    for url, _budget in PAGES.values():
        if not url.startswith("/bench"):
            for _ in range(20):
                urllib.request.urlopen(f"http://{SERVER}{url}", timeout=10).read()
    children = Path(f"/proc/{server.pid}/task/{server.pid}/children").read_text().split()
    status = Path(f"/proc/{children[0]}/status").read_text()
    return int(next(line for line in status.splitlines() if line.startswith("VmRSS")).split()[1]) / 1024


class Linked(HTMLParser):
    """What a browser fetches after the HTML: stylesheets, icons, scripts and images."""

    def __init__(self):
        super().__init__()
        self.urls = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        rel = set((attrs.get("rel") or "").split())
        if tag == "link" and rel & {"stylesheet", "icon", "preload"}:
            self.urls.append(attrs["href"])
        elif tag in ("script", "img") and attrs.get("src"):
            self.urls.append(attrs["src"])


def fetch_raw(path):
    """(status, Content-Encoding, body bytes as they crossed the wire, header bytes, body decoded)."""
    connection = http.client.HTTPConnection(SERVER, timeout=10)
    connection.request("GET", path, headers=BROWSER_HEADERS)
    response = connection.getresponse()
    body = response.read()
    encoding = response.getheader("Content-Encoding", "")
    header_bytes = len(str(response.headers).encode()) + len(f"HTTP/1.1 {response.status} {response.reason}\r\n")
    connection.close()
    decoded = gzip.decompress(body) if encoding == "gzip" else body
    return response.status, encoding or "none", len(body), header_bytes, decoded


def first_visit_on_the_wire(name, path):
    status, encoding, body, headers, html = fetch_raw(path)
    if status != 200:
        raise SystemExit(f"{path} answered {status}")
    rows = [(path, encoding, body, headers)]
    parser = Linked()
    parser.feed(html.decode())
    for url in dict.fromkeys(parser.urls):
        resource = urlsplit(urljoin(path, url)).path
        status, encoding, body, headers, _content = fetch_raw(resource)
        if status != 200:
            raise SystemExit(f"{resource} (linked from {path}) answered {status}")
        rows.append((resource, encoding, body, headers))
    print(f"\nfirst visit of the {name} ({path}) on the wire:")
    print(f"  {'resource':60} {'Content-Encoding':>16} {'body B':>8} {'headers B':>9}")
    for resource, encoding, body, headers in rows:
        print(f"  {resource[:60]:60} {encoding:>16} {body:8d} {headers:9d}")
    bodies = sum(row[2] for row in rows)
    total = bodies + sum(row[3] for row in rows)
    verdict = "within" if total <= FIRST_VISIT_BUDGET else "OVER"
    print(
        f"  total {total / 1024:.1f} KB ({bodies / 1024:.1f} KB of bodies, the rest headers): {verdict} "
        f"the budget of {FIRST_VISIT_BUDGET // 1024} KB"
    )


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
    with gunicorn() as server:
        for name, path in FIRST_VISITS.items():
            first_visit_on_the_wire(name, path)
        print(f"\ngunicorn worker resident memory: {worker_memory(server):.0f} MB (budget 100 MB)")


if __name__ == "__main__":
    main()
