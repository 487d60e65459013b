"""What the tests that start a real Celery worker share (not a test module, so any test may import it):
a free port for an SMTP sink, and real `celery worker` processes on a queue of the test's own."""

import asyncio
import contextlib
import email
import email.policy
import os
import signal
import socket
import subprocess
import sys
import threading
import time
import uuid
from pathlib import Path

from aiosmtpd.controller import Controller
from django.conf import settings
from django.db import connection

from portal.celery import app as celery_app

ROOT = Path(__file__).resolve().parents[1]


def worker_database_url():
    """The worker must use the test database the suite created, not the development one."""
    if connection.vendor == "sqlite":
        return "sqlite://:memory:"
    config = connection.settings_dict
    return f"postgres://{config['USER']}@{config['HOST'] or '127.0.0.1'}:{config['PORT'] or 5432}/{config['NAME']}"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class SmtpSink:
    """An aiosmtpd handler on 127.0.0.1 keeping every message it accepts. While `holding` is set it
    holds a sender at RCPT TO, before any of the message is sent: a worker killed while held has sent
    nothing."""

    def __init__(self):
        self.messages: list[email.message.EmailMessage] = []
        self.lock = threading.Lock()
        self.holding = threading.Event()
        self.reached = threading.Event()
        self.port = None

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        self.reached.set()
        while self.holding.is_set():
            await asyncio.sleep(0.05)
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        with self.lock:
            self.messages.append(message)
        return "250 OK"

    def wait_for(self, count, timeout):
        deadline = time.monotonic() + timeout
        while len(self.messages) < count and time.monotonic() < deadline:
            time.sleep(0.2)
        return len(self.messages)


@contextlib.contextmanager
def smtp_sink():
    sink = SmtpSink()
    controller = Controller(sink, hostname="127.0.0.1", port=free_port())
    controller.start()
    sink.port = controller.port
    try:
        yield sink
    finally:
        sink.holding.clear()
        controller.stop()


class Workers:
    """Real `celery worker` processes mailing to the test's SMTP sink, whose default queue is the
    test's own: what the test sends and what they enqueue themselves (the notices a restart finds)
    come back to them, and no other worker takes it."""

    def __init__(self, smtp_port, *, concurrency=2):
        self.queue = f"test-{uuid.uuid4().hex[:8]}"
        self.smtp_port, self.concurrency = smtp_port, concurrency
        self.processes = []

    def start(self):
        environment = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "portal.settings",
            "SECRET_KEY": settings.SECRET_KEY,  # the links it signs are followed in the test's process
            "HTTPS": "false",
            "DATABASE_URL": worker_database_url(),
            "EMAIL_URL": f"smtp://127.0.0.1:{self.smtp_port}",
            "CELERY_TASK_DEFAULT_QUEUE": self.queue,
        }
        command = [
            sys.executable,
            *("-m", "celery", "-A", "portal", "worker", "-Q", self.queue, "-l", "WARNING"),
            *("--pool=prefork", f"--concurrency={self.concurrency}", "--without-gossip", "--without-mingle"),
        ]
        # Its own process group, so that SIGKILL reaches the pool's children as well.
        process = subprocess.Popen(command, cwd=ROOT, env=environment, start_new_session=True)
        self.processes.append(process)
        return process

    def kill(self, process):
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=30)

    def stop(self):
        for process in self.processes:
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
                process.wait(timeout=60)


@contextlib.contextmanager
def real_workers(smtp_port, *, concurrency=2):
    """Workers the test starts itself; meanwhile tasks leave this process for their queue."""
    pool = Workers(smtp_port, concurrency=concurrency)
    celery_app.conf.task_always_eager = False
    celery_app.conf.task_default_queue = pool.queue
    try:
        yield pool
    finally:
        pool.stop()
        celery_app.conf.task_always_eager = settings.CELERY_TASK_ALWAYS_EAGER
        celery_app.conf.task_default_queue = settings.CELERY_TASK_DEFAULT_QUEUE
