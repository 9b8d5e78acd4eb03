"""Real JupyterLab, driven by headless Chromium: every notebook runs and every explorer responds.

One `jupyter lab` server on 127.0.0.1 (with a token) serves a temporary copy of the
notebooks, so nothing here can save over the committed files; one browser page opens
every notebook, runs all their cells at once, and then checks each in turn:

* no cell raised an error and no "Loading widget" text is left;
* each explorer (a widget holding an Output) answers a change of its first control
  by changing its OWN output - not a figure shown somewhere else in the cell;
* in 02 the map inside the neighbour explorer names the neighbour just chosen;
* the data download links (../data/*.csv) answer, as they do under `make lab`;
* JupyterLab's File > Save and Export Notebook As > HTML (the server's /nbconvert/html)
  gives a page that draws its charts from file:// (tests/offline_browser.check_export).

Every request the browser makes is routed: only 127.0.0.1, file: and data: may answer.
Screenshots of each notebook go to tests/screenshots/lab-*.png for a human to look at.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import ROOT, RUNNABLE_NOTEBOOKS
from tests.offline_browser import check_export, guarded_context, launch

pytestmark = pytest.mark.browser

NOTEBOOKS = RUNNABLE_NOTEBOOKS
SCREENSHOTS = ROOT / "tests" / "screenshots"
JUPYTER = Path(sys.executable).parent / "jupyter"
# Every explorer in the set: the notebooks that build one, by the call in their code.
EXPLORER_CALL = re.compile(r"\w*explor\w*\(")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


@pytest.fixture(scope="module")
def lab(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    """A JupyterLab server over a copy of notebooks/ and data/, laid out as in the repo."""
    root = tmp_path_factory.mktemp("lab")
    shutil.copytree(ROOT / "notebooks", root / "notebooks",
                    ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
    shutil.copytree(ROOT / "data", root / "data")  # a symlink out of the root would answer 403
    port, token = free_port(), secrets.token_hex(16)
    log = (root / "lab.log").open("w")
    command = [str(JUPYTER), "lab", "--no-browser", "--ServerApp.ip=127.0.0.1", f"--ServerApp.port={port}",
               f"--IdentityProvider.token={token}", f"--ServerApp.root_dir={root}",
               "--LabApp.expose_app_in_browser=True", "--ServerApp.port_retries=0"]
    if os.getuid() == 0:
        command.append("--allow-root")
    server = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, cwd=root)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(f"{base}/api/status?token={token}", timeout=2)
                break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    pytest.fail("JupyterLab did not start:\n" + (root / "lab.log").read_text()[-3000:])
                time.sleep(0.3)
        yield {"base": base, "token": token, "root": root}
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
        log.close()


@pytest.fixture(scope="module")
def lab_page(lab: dict[str, Any]) -> Iterator[tuple[Any, Any, Any]]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = launch(p)
        context, guard = guarded_context(browser, viewport={"width": 1400, "height": 1000})
        page = context.new_page()
        page.goto(f"{lab['base']}/lab?reset&token={lab['token']}")
        page.wait_for_function("() => window.jupyterapp && window.jupyterapp.started", timeout=60_000)
        page.evaluate("() => window.jupyterapp.started")
        page.evaluate(START_ALL, [f"notebooks/{p.name}" for p in NOTEBOOKS])
        yield browser, page, guard
        context.close()
        browser.close()


# Open every notebook and start "Run All" in each, all at once: the kernels then share both
# cores while the browser renders, instead of one notebook after another. Each run is
# started with its own panel current (the command acts on the current notebook).
START_ALL = """async paths => {
    const app = window.jupyterapp;
    window.labRuns = {};
    for (const path of paths) {
        const panel = await app.commands.execute('docmanager:open', {path, factory: 'Notebook'});
        await panel.context.ready;
        await panel.sessionContext.ready;
        app.shell.activateById(panel.id);
        while (app.shell.currentWidget !== panel) await new Promise(r => setTimeout(r, 20));
        const done = app.commands.execute('notebook:run-all-cells').then(() => '', e => String(e));
        window.labRuns[path] = {panel, done};
    }
}"""

# Wait for one notebook's run, bring it to the front, and report errors and cells left unrun.
FINISH = """async path => {
    const app = window.jupyterapp;
    const {panel, done} = window.labRuns[path];
    const failure = await done;
    app.shell.activateById(panel.id);
    while (app.shell.currentWidget !== panel) await new Promise(r => setTimeout(r, 20));
    const errors = failure ? [failure] : [];
    let unrun = 0;
    for (const cell of panel.content.model.cells) {
        if (cell.type !== 'code') continue;
        if (cell.sharedModel.source.trim() && cell.executionCount == null) unrun += 1;
        for (const out of cell.outputs.toJSON()) {
            if (out.output_type === 'error') errors.push(`${out.ename}: ${out.evalue}`);
        }
    }
    window.testedPanel = panel;
    return {errors, unrun, id: panel.id};
}"""

# For each Output widget in the notebook: the id of its explorer (the cell output holding it)
# and what kind of control comes first in that explorer.
MARK_EXPLORERS = """([id, tag]) => {
    const panel = document.getElementById(id);
    const found = [];
    panel.querySelectorAll('.jp-OutputArea-output').forEach(area => {
        const out = area.querySelector('.widget-output');
        if (!out || area.parentElement.closest('.widget-output')) return;
        const control = area.querySelector('select, input, textarea');
        const n = `${tag}-${found.length}`;
        area.setAttribute('data-explorer', n);
        out.setAttribute('data-explorer-output', n);
        if (control) control.setAttribute('data-explorer-control', n);
        found.push(control ? `${control.tagName.toLowerCase()}${control.multiple ? '-multiple' : ''}` +
                             `${control.type ? ':' + control.type : ''}` : 'none');
    });
    return found;
}"""


def change_first_control(page: Any, n: str, kind: str, notebook: str) -> str:
    """Change explorer n's first control the way a user would; return what was chosen."""
    control = page.locator(f"[data-explorer-control='{n}']")
    if kind.startswith("select-multiple"):
        first = control.locator("option").first.get_attribute("value")
        control.select_option(first)  # only the first option, where all (or others) were chosen
        return "first option only"
    if kind.startswith("select"):
        labels = control.locator("option").all_inner_texts()
        current = control.evaluate("s => s.options[s.selectedIndex] && s.options[s.selectedIndex].text")
        wanted = "Latvia" if notebook.startswith("02_") else next(x for x in labels if x != current)
        control.select_option(label=wanted)
        return wanted
    if kind in ("input:text", "textarea", "input:search"):
        control.fill("Minsk")
        control.press("Enter")
        return "Minsk"
    if kind == "input:checkbox":
        control.click()
        return "toggled"
    pytest.fail(f"{notebook}: explorer {n} starts with a control the test cannot change: {kind}")


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_notebook_runs_and_explorers_respond(lab_page, lab, path: Path) -> None:  # type: ignore[no-untyped-def]
    browser, page, guard = lab_page
    name = path.name
    result = page.evaluate(FINISH, f"notebooks/{name}")
    assert result["errors"] == [], f"{name}: cells raised errors in JupyterLab: {result['errors']}"
    assert result["unrun"] == 0, f"{name}: {result['unrun']} code cells did not run"
    code = "\n".join("".join(c["source"]) for c in json.loads(path.read_text(encoding="utf-8"))["cells"]
                     if c["cell_type"] == "code")
    has_explorer = bool(EXPLORER_CALL.search(code))
    panel = page.locator(f"[id='{result['id']}']")
    if has_explorer:
        panel.locator(".widget-output").first.wait_for(state="attached", timeout=30_000)
    page.wait_for_timeout(500)  # widget views finish rendering
    kinds = page.evaluate(MARK_EXPLORERS, [result["id"], path.stem])
    changed = {}
    for i, kind in enumerate(kinds):
        n = f"{path.stem}-{i}"
        output = page.locator(f"[data-explorer-output='{n}']")
        output.scroll_into_view_if_needed()
        before = output.inner_html()
        chosen = change_first_control(page, n, kind, name)
        try:
            page.wait_for_function(
                "([n, before]) => document.querySelector(`[data-explorer-output='${n}']`).innerHTML !== before",
                arg=[n, before], timeout=15_000)
            page.wait_for_timeout(300)
            changed[n] = True
        except Exception:  # noqa: BLE001 (a timeout is the finding)
            changed[n] = False
        if name.startswith("02_") and i == 0:
            output.locator(".main-svg").first.wait_for(timeout=15_000)
            map_text = output.locator(".main-svg").first.text_content() or ""
            assert chosen in map_text, f"02: the explorer's map does not name {chosen}: {map_text[:200]!r}"
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    if kinds:  # show the first explorer after its change
        page.locator(f"[data-explorer='{path.stem}-0']").evaluate("e => e.scrollIntoView({block: 'start'})")
        page.wait_for_timeout(300)
    page.screenshot(path=str(SCREENSHOTS / f"lab-{path.stem}.png"))
    loading = panel.locator("text=Loading widget").count()
    dead_links = []  # the notebooks' ../data/*.csv download links, as JupyterLab resolved them
    local_files = f"{lab['base']}/files/"  # only the server's own files: never send the token elsewhere
    for href in panel.locator(".jp-RenderedMarkdown a[href]").evaluate_all(
            "(links, prefix) => links.map(a => a.href).filter(h => h.startsWith(prefix))", local_files):
        response = page.request.get(href, headers={"Authorization": f"token {lab['token']}"})
        if not response.ok:
            dead_links.append(f"{href} ({response.status})")
    if name.startswith("02_"):
        export_from_lab(page, lab, browser, name)

    assert guard.outside == [], f"{name}: JupyterLab tried to reach the network: {guard.outside}"
    assert loading == 0, f"{name}: a widget shows 'Loading widget'"
    assert dead_links == [], f"{name}: download links that JupyterLab cannot serve: {dead_links}"
    assert not has_explorer or kinds, f"{name} builds an explorer but JupyterLab shows no Output widget"
    assert all(changed.values()), f"{name}: explorers whose output did not change: {changed} ({kinds})"


def export_from_lab(page: Any, lab: dict[str, Any], browser: Any, name: str) -> None:
    """Save, then File > Save and Export Notebook As > HTML, which GETs the server's /nbconvert/html."""
    page.evaluate("() => window.testedPanel.context.save()")
    response = page.request.get(f"{lab['base']}/nbconvert/html/notebooks/{name}?download=true",
                                headers={"Authorization": f"token {lab['token']}"})
    assert response.ok, f"export failed: {response.status}"
    target = Path(lab["root"]) / f"lab-export-{Path(name).stem}.html"
    target.write_bytes(response.body())
    check_export(browser, target, SCREENSHOTS / f"lab-export-{Path(name).stem}.png")
