"""Lighthouse on every page of the built site: performance and accessibility (`make lighthouse`).

Runs Google's Lighthouse (npm, pinned below, installed into build/lighthouse/ on first use) with
its default mobile profile (simulated slow 4G, 4x CPU slowdown, 412 px screen) against Debian's
Chromium, over a `python -m http.server` bound to 127.0.0.1 that serves site/. Prints a table per
page: the two category scores, first and largest contentful paint, total blocking time, total
bytes, and the ids of the accessibility audits that fail (also those Lighthouse gives no weight
in the score, such as label-content-name-mismatch). The JSON reports stay in
build/lighthouse/reports/ for a closer look.

Without npm it prints one line saying so and exits 0, so `make bench` still works.

    python tools/lighthouse.py                  # every page of site/
    python tools/lighthouse.py teacher-site 01_timeline.html
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
VERSION = "12.8.2"
CACHE = ROOT / "build" / "lighthouse"
CLI = CACHE / "node_modules" / "lighthouse" / "cli" / "index.js"
REPORTS = CACHE / "reports"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROME_FLAGS = "--headless=new --no-sandbox --disable-gpu"
# One run per page by default (about 20 s each). Total blocking time, and through it the score,
# follows the machine's load (CPU time is measured, then slowed 4x), and LCP can jump from the
# text to after plotly.js between runs: LIGHTHOUSE_RUNS=3 reports each page's median run.
RUNS = int(os.environ.get("LIGHTHOUSE_RUNS", "1"))


@dataclass
class Result:
    page: str
    performance: float
    accessibility: float
    fcp_ms: float
    lcp_ms: float
    tbt_ms: float
    bytes: int
    failing: list[str]


def installed_version() -> str | None:
    package = CACHE / "node_modules" / "lighthouse" / "package.json"
    return str(json.loads(package.read_text())["version"]) if package.exists() else None


def ensure_lighthouse() -> str | None:
    """None when Lighthouse is ready; otherwise why it cannot run."""
    if installed_version() == VERSION:
        return None
    if not shutil.which("npm") or not shutil.which("node"):
        return "npm/node not found"
    CACHE.mkdir(parents=True, exist_ok=True)
    print(f"Installing lighthouse@{VERSION} into {CACHE.relative_to(ROOT)}/ (once)", flush=True)
    done = subprocess.run(["npm", "install", "--prefix", str(CACHE), "--no-audit", "--no-fund", "--silent",
                           f"lighthouse@{VERSION}"], capture_output=True, text=True)
    if done.returncode != 0 or installed_version() != VERSION:
        return f"npm install lighthouse@{VERSION} failed: {done.stderr.strip()[-300:]}"
    return None


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def serve(folder: Path) -> Iterator[str]:
    """http://127.0.0.1:PORT/ serving the folder, for as long as the block runs."""
    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1",
                               "--directory", str(folder)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        while True:  # until the server answers (it fails fast if it cannot start)
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.1).close()
                break
            except OSError:
                if server.poll() is not None:
                    raise RuntimeError(f"http.server on port {port} exited with {server.returncode}")
                time.sleep(0.05)
        yield f"http://127.0.0.1:{port}/"
    finally:
        server.terminate()
        server.wait()


def failing_accessibility_audits(report: dict[str, Any]) -> list[str]:
    ids = [ref["id"] for ref in report["categories"]["accessibility"]["auditRefs"]]
    return [i for i in ids if report["audits"][i].get("score") is not None and report["audits"][i]["score"] < 1]


def run_page(url: str, page: str, out: Path) -> Result:
    """The median run (by performance score) of RUNS; its JSON report is kept at ``out``."""
    reports = []
    for _ in range(RUNS):
        subprocess.run(
            ["node", str(CLI), url + page, "--quiet", "--output=json", f"--output-path={out}",
             "--only-categories=performance,accessibility", f"--chrome-flags={CHROME_FLAGS}"],
            check=True, env={**os.environ, "CHROME_PATH": CHROMIUM}, stdout=subprocess.DEVNULL)
        reports.append(json.loads(out.read_text()))
    report = sorted(reports, key=lambda r: r["categories"]["performance"]["score"] or 0.0)[len(reports) // 2]
    out.write_text(json.dumps(report))
    audits = report["audits"]
    return Result(
        page=page,
        performance=report["categories"]["performance"]["score"] or 0.0,
        accessibility=report["categories"]["accessibility"]["score"] or 0.0,
        fcp_ms=audits["first-contentful-paint"]["numericValue"],
        lcp_ms=audits["largest-contentful-paint"]["numericValue"],
        tbt_ms=audits["total-blocking-time"]["numericValue"],
        bytes=int(audits["total-byte-weight"]["numericValue"]),
        failing=failing_accessibility_audits(report),
    )


def main(argv: list[str]) -> int:
    site = ROOT / (argv[0] if argv else "site")
    pages = argv[1:] or sorted(p.name for p in site.glob("*.html"))
    if not pages:
        print(f"lighthouse: no pages in {site} (run `make site`)")
        return 1
    problem = ensure_lighthouse()
    if problem:
        print(f"lighthouse: skipped ({problem}); install Node.js and npm to measure with it")
        return 0
    (REPORTS / site.name).mkdir(parents=True, exist_ok=True)
    print(f"Lighthouse {VERSION}, mobile profile, {site.name}/ over http://127.0.0.1, "
          f"{'median of ' + str(RUNS) + ' runs' if RUNS > 1 else 'one run'} per page")
    print(f"{'page':34} {'perf':>5} {'a11y':>5} {'FCP':>8} {'LCP':>8} {'TBT':>8} {'bytes':>11}  failing a11y audits")
    with serve(site) as url:
        for page in pages:
            r = run_page(url, page, REPORTS / site.name / page.replace(".html", ".json"))
            print(f"{r.page:34} {r.performance:>5.2f} {r.accessibility:>5.2f} {r.fcp_ms / 1e3:>6.1f} s "
                  f"{r.lcp_ms / 1e3:>6.1f} s {r.tbt_ms:>5.0f} ms {r.bytes:>11,}  {' '.join(r.failing) or '-'}",
                  flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
