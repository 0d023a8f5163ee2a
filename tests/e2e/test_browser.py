"""End to end: the generated report opens in headless Chromium with its figures and no errors.

`make e2e` builds `reports/` and `reports-zh/` (`make report`, `make report EDITION=zh`), installs
Playwright (Python) and Debian's Chromium, and runs this file with CRMLAB_REPORT_DIR=reports and
CRMLAB_REPORT_DIR_ZH=reports-zh. Without those variables small reports are built here.
Playwright drives the system Chromium (`executable_path`), so no browser is downloaded.
"""

from __future__ import annotations

import functools
import http.server
import json
import os
import re
import shutil
import threading
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "tests" / "_artifacts"
CHROMIUM = os.environ.get("CRMLAB_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")

try:
    from playwright.sync_api import sync_playwright
except ImportError:  # pragma: no cover - depends on the machine
    sync_playwright = None

pytestmark = [
    pytest.mark.skipif(sync_playwright is None, reason="playwright is not installed: run `make e2e`"),
    pytest.mark.skipif(CHROMIUM is None, reason="no Chromium binary: `make e2e` installs Debian's chromium"),
]

# Offline by design: Chromium must not try Google's services (they are unreachable here).
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def _report(tmp_path_factory, variable: str, make: str, **options) -> Path:
    """The report folder named by ``variable`` (``make e2e``), else a small one built here."""
    given = os.environ.get(variable)
    if given:
        path = Path(given)
        assert (path / "index.html").exists(), f"{path}/index.html missing: run `{make}` first"
        return path
    from crmlab.report import run_report

    out = tmp_path_factory.mktemp("e2e") / "reports"
    run_report(out, **options)
    return out


def _serve(folder: Path):
    """Serve ``folder`` on 127.0.0.1 (a free port) while the tests use it."""
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(folder))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


@pytest.fixture(scope="module")
def report_dir(tmp_path_factory) -> Path:
    return _report(tmp_path_factory, "CRMLAB_REPORT_DIR", "make report", chapters=["00"])


@pytest.fixture(scope="module")
def server(report_dir):
    yield from _serve(report_dir)


@pytest.fixture(scope="module")
def browser():
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


def _open(browser, url):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    problems: list[str] = []
    blank: list[str] = []

    def on_console(message):
        if message.type == "error":
            (blank if "about:blank" in message.text else problems).append(f"console error: {message.text}")

    def on_failed(request):
        (blank if request.url == "about:blank" else problems).append(f"request failed: {request.url} {request.failure}")

    page.on("console", on_console)
    page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
    page.on("requestfailed", on_failed)
    response = page.goto(url, wait_until="networkidle")
    assert response is not None and response.ok, f"{url}: HTTP {response.status if response else '—'}"
    # MathJax 2's HTML-CSS output detects web fonts with an @font-face whose src is about:blank
    # (its "MathJax_Blank" probe); Chromium reports that probe, and the generic "Failed to load
    # resource" line it causes, as errors. They are MathJax's own mechanism, not a broken page:
    # drop exactly one generic line per probe, keep every other error.
    for _ in range(sum(b.startswith("request failed") for b in blank)):
        generic = "console error: Failed to load resource: net::ERR_FAILED"
        if generic in problems:
            problems.remove(generic)
    return page, problems


def test_index_lists_every_chapter_without_errors(browser, server, report_dir):
    manifest = json.loads((report_dir / "manifest.json").read_text(encoding="utf-8"))
    page, problems = _open(browser, f"{server}/index.html")
    rows = page.locator("tbody tr")
    assert rows.count() == len(manifest["chapters"])
    for i, chapter in enumerate(manifest["chapters"]):
        text = rows.nth(i).inner_text()
        assert chapter["name"] in text
        assert ("✓ ran" in text) == chapter["ok"]
        if chapter["ok"]:
            assert chapter["headline"], f"{chapter['name']} gave the index no headline figures"
            assert next(iter(chapter["headline"])).replace("_", " ") in text
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "report_index.png"), full_page=True)
    assert problems == []


def test_chapter_page_renders_figures_and_formulas(browser, server, report_dir):
    page, problems = _open(browser, f"{server}/index.html")
    page.locator("tbody tr").first.locator("a").first.click()
    page.wait_for_load_state("networkidle")
    assert page.url.endswith(".html") and "index.html" not in page.url
    images = page.locator(".jp-OutputArea-output img")
    assert images.count() >= 1, "the chapter shows at least one figure"
    loaded = page.evaluate("Array.from(document.images).every(i => i.complete && i.naturalWidth > 0)")
    assert loaded, "every figure decoded"
    assert page.evaluate("typeof window.MathJax") == "object", "MathJax loaded from _static, not a CDN"
    assert page.locator("h1").first.inner_text().strip()
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "report_chapter.png"))
    assert problems == []


@pytest.fixture(scope="module")
def report_dir_zh(tmp_path_factory) -> Path:
    return _report(tmp_path_factory, "CRMLAB_REPORT_DIR_ZH", "make report EDITION=zh", chapters=["00", "02"],
                   lang="zh")


@pytest.fixture(scope="module")
def server_zh(report_dir_zh):
    yield from _serve(report_dir_zh)


_CJK = re.compile(r"[\u4e00-\u9fff]")


def test_zh_index_is_in_chinese(browser, server_zh, report_dir_zh):
    manifest = json.loads((report_dir_zh / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["edition"] == "zh"
    page, problems = _open(browser, f"{server_zh}/index.html")
    assert page.evaluate("document.documentElement.lang") == "zh-CN"
    assert _CJK.search(page.locator("h1").first.inner_text())
    assert [h.strip() for h in page.locator("thead th").all_inner_texts()] == ["章节", "运行状态", "本章要点"]
    rows = page.locator("tbody tr")
    assert rows.count() == len(manifest["chapters"])
    for i, chapter in enumerate(manifest["chapters"]):
        text = rows.nth(i).inner_text()
        assert _CJK.search(chapter["title"]) and chapter["title"] in text
        assert ("✓ 已运行" in text) == chapter["ok"]
        if chapter["ok"]:
            first = next(iter(chapter["headline"]))
            assert _CJK.search(first) and first in text, "headline figures named in 中文"
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "report_index_zh.png"), full_page=True)
    assert problems == []


def test_zh_chapter_page_has_chinese_headings_and_figures(browser, server_zh, report_dir_zh):
    manifest = json.loads((report_dir_zh / "manifest.json").read_text(encoding="utf-8"))
    chapter = next(c for c in manifest["chapters"] if c["name"].startswith("02") and c["ok"])
    page, problems = _open(browser, f"{server_zh}/{chapter['html']}")
    headings = [h.strip() for h in page.locator("h1, h2").all_inner_texts() if h.strip()]
    assert len(headings) >= 4 and all(_CJK.search(h) for h in headings), headings
    assert page.locator(".jp-OutputArea-output img").count() >= 3, "the chapter's figures are there"
    loaded = page.evaluate("Array.from(document.images).every(i => i.complete && i.naturalWidth > 0)")
    assert loaded, "every figure decoded"
    body = page.locator("body").inner_text()
    assert "Glyph" not in body and "/tmp/" not in body and "ipykernel" not in body
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "report_chapter_zh.png"))
    assert problems == []
