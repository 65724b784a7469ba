"""``bench/ingest.py --hostile``: peak memory of ``manage.py ingest`` on each hostile input.

Each case runs in a process of its own (eager mode, the bench PostgreSQL database); its
peak resident memory comes from ``os.wait4``'s rusage for that very process. A small page
from the same local server is the baseline. Memory is measured here, never asserted in a
test.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
import zlib
from collections.abc import Iterable
from pathlib import Path

MB = 1024 * 1024


def _compress(chunks: Iterable[bytes], wbits: int) -> bytes:
    compressor = zlib.compressobj(9, zlib.DEFLATED, wbits)
    return b"".join([*(compressor.compress(c) for c in chunks), compressor.flush()])


def _zeros(megabytes: int) -> Iterable[bytes]:
    return (b"\0" * MB for _ in range(megabytes))


def _ingest(root: Path, arg: str, env: dict[str, str]) -> tuple[int, float, str]:
    """(peak RSS in KB, seconds, last output line) of one ``manage.py ingest`` process."""
    started = time.monotonic()
    process = subprocess.Popen(
        [sys.executable, "manage.py", "ingest", arg],
        cwd=root,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    assert process.stdout is not None
    output = process.stdout.read().decode(errors="replace")
    _, _, usage = os.wait4(process.pid, 0)
    process.returncode = 0  # reaped by wait4
    lines = [line for line in output.splitlines() if line.strip()]
    outcome = next((line for line in lines if line.startswith("[1/1]")), lines[-1] if lines else "")
    return usage.ru_maxrss, time.monotonic() - started, outcome.split(": ", 1)[-1][:150]


def run_hostile(root: Path) -> None:
    from tests.webserver import FixtureServer, Reply

    html = "text/html; charset=utf-8"
    page = b"<html><head><title>Small page</title></head><body><p>The minister said the plan would work.</p></body></html>"
    double = _compress([_compress(_zeros(1024), 31)], 31)  # 1 GB of zeros, gzip inside gzip
    deflate = _compress(_zeros(512), 15)  # 512 MB of zeros, deflate
    folder = Path(tempfile.mkdtemp(prefix="claimtrack-hostile-"))
    (folder / "zero.txt").symlink_to("/dev/zero")
    (folder / "late_nul.txt").write_bytes(
        b"Title\n\n" + b"The minister said the plan would work. " * 300 + b"\x00 tail"
    )
    (folder / "utf16.txt").write_bytes(
        "Title\n\nThe minister said \u201cwe will leave\u201d.".encode("utf-16")
    )
    run_on = ("the minister said that " + "\u201cthe plan, which " * 4 + "will work\u201d and ") * 15_000
    (folder / "run_on.txt").write_text(run_on, encoding="utf-8")

    with FixtureServer() as web:
        web.route("/page", Reply(body=page, content_type=html))
        web.route(
            "/double", Reply(body=double, content_type=html, headers={"Content-Encoding": "gzip, gzip"})
        )
        web.route("/deflate", Reply(body=deflate, content_type=html, headers={"Content-Encoding": "deflate"}))
        env = {**os.environ, "CELERY_BROKER_URL": "", "CELERY_TASK_ALWAYS_EAGER": "true"}
        env["SOURCES_FETCH_ALLOWED_HOSTS"] = web.netloc
        env.setdefault("ARTICLE_EXTRACT_BUDGET_SECONDS", "10")
        cases = [
            ("small page (baseline)", web.url(f"/page?{time.time_ns()}")),
            (f"gzip, gzip bomb ({len(double)} B -> 1 GB)", web.url(f"/double?{time.time_ns()}")),
            (f"deflate bomb ({len(deflate) // 1024} KB -> 512 MB)", web.url(f"/deflate?{time.time_ns()}")),
            ("symlink to /dev/zero", str(folder / "zero.txt")),
            ("NUL byte after 8 KB", str(folder / "late_nul.txt")),
            ("UTF-16 file with a BOM", str(folder / "utf16.txt")),
            ("file:///etc/passwd", "file:///etc/passwd"),
            ("gopher://", f"gopher://{web.netloc}/"),
            (
                f"{len(run_on) / 1e6:.1f} MB run-on article (budget {env['ARTICLE_EXTRACT_BUDGET_SECONDS']} s)",
                str(folder / "run_on.txt"),
            ),
        ]
        from django.conf import settings

        cap = settings.SOURCES_FETCH_MAX_BYTES // MB
        print(f"hostile inputs through manage.py ingest (eager, PostgreSQL); fetch cap {cap} MB")
        baseline = 0
        for name, arg in cases:
            peak, seconds, outcome = _ingest(root, arg, env)
            baseline = baseline or peak
            print(
                f"{name:<44} peak {peak / 1024:6.0f} MB ({(peak - baseline) / 1024:+5.0f} MB) "
                f"{seconds:5.1f} s  {outcome}"
            )
    for child in folder.iterdir():
        child.unlink()
    folder.rmdir()
