"""The page in a real browser: it animates, fits a projector, plays, draws the elbow, reads files.

One ``streamlit run app.py`` serves the whole module and one headless Chromium (Debian's, not
Playwright's download) drives it; every test opens the page in a fresh browser context, i.e. a
new visitor with a new session. How to start the server and read the Plotly chart lives in
``docs/screenshot.py``, which takes the README's pictures the same way.

When a test fails, a screenshot and the page's text go to ``test-artifacts/`` and the page's
text and the end of the server's stderr are printed, so a CI log shows what went wrong.

Without Chromium or the ``playwright`` package these tests are skipped, except in CI (the
``CI`` environment variable is set), where they fail: a CI run must not pass by skipping them.
"""

from __future__ import annotations

import importlib.util
import io
import os
import re
import tempfile
from pathlib import Path

import pandas as pd
import pytest

from kmeans.figures.style import GREY_POINTS, contrast_ratio
from kmeans.markup import for_plotly

try:
    from playwright.sync_api import TimeoutError as PlaywrightTimeoutError
    from playwright.sync_api import sync_playwright
except ImportError:  # reported by the `chromium` fixture: a skip locally, a failure in CI
    sync_playwright = None
    PlaywrightTimeoutError = TimeoutError

ROOT = Path(__file__).resolve().parents[1]
ARTIFACTS = ROOT / "test-artifacts"


def _load_screenshot_module():
    """``docs/screenshot.py`` as a module (``docs`` is not a package)."""
    spec = importlib.util.spec_from_file_location("screenshot", ROOT / "docs" / "screenshot.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


shot = _load_screenshot_module()

pytestmark = pytest.mark.browser

# Three obvious groups of three, and a tenth row with a gap: it is left out of the clustering
# but must come back in the download with an empty cluster cell.
PEOPLE = (
    b"name,height,weight\n"
    b"ann,1.0,1.0\nbob,1.2,0.9\ncid,0.8,1.1\n"
    b"dan,5.0,5.0\neve,5.2,4.9\nfay,4.8,5.1\n"
    b"gus,9.0,1.0\nhal,9.1,1.2\nida,8.9,0.8\n"
    b"jo,5.0,\n"
)

BROKEN = {
    # name on disk, content, what the error sentence must name
    "png": ("chart.png", b"\x89PNG\r\n\x1a\n" + bytes(64), "PNG"),
    "xlsx": ("grades.xlsx", b"PK\x03\x04" + bytes(64), "Excel"),
}


# ---------------------------------------------------------------- fixtures
def _unavailable(reason: str) -> None:
    """Fail in CI (a green run must have run these tests), skip on a workstation."""
    if os.environ.get("CI", "").lower() not in ("", "0", "false", "no"):
        pytest.fail(f"{reason} (the CI environment variable is set, so this is a failure)")
    pytest.skip(reason)


@pytest.fixture(scope="module")
def chromium():
    """One headless Chromium for the module."""
    if sync_playwright is None:
        _unavailable("the playwright package is not installed (pip install playwright)")
    if shot.find_chromium() is None:
        _unavailable("no chromium on the PATH (apt-get install chromium)")
    with sync_playwright() as playwright:
        browser = shot.launch_chromium(playwright)
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture(scope="module")
def app_server():
    """``streamlit run app.py`` on a free port, stopped when the module is done."""
    with shot.serve_app(ROOT, timeout=60) as server:
        yield server


@pytest.fixture
def page(chromium, app_server, request):
    """The page as a new visitor sees it, once the sidebar is drawn.

    On a failure, saves ``test-artifacts/<test>.png`` and ``.txt`` and prints the page's
    text and the server's stderr.
    """
    context = chromium.new_context(viewport=shot.CLASSROOM, accept_downloads=True)
    context.set_default_timeout(30_000)
    page = context.new_page()
    failed_before = request.session.testsfailed
    drawn = False
    try:
        page.goto(app_server.url)
        page.get_by_role("combobox", name="Data set").wait_for(timeout=60_000)
        drawn = True
        yield page
    finally:
        # The call's report is counted before fixtures are torn down, so a new failure
        # here is this test's (a test module cannot hold a pytest_runtest_makereport hook).
        if not drawn or request.session.testsfailed > failed_before:
            _save_artifacts(page, request.node.name, app_server)
        context.close()


def _save_artifacts(page, name: str, server) -> None:
    """Screenshot and text of the page, and the server's stderr, for the CI log."""
    ARTIFACTS.mkdir(exist_ok=True)
    stem = ARTIFACTS / re.sub(r"[^\w.-]+", "_", name)
    try:
        page.screenshot(path=f"{stem}.png", full_page=True)
        text = page.inner_text("body")
    except Exception as error:  # the page may be what broke; still keep the server's story
        text = f"(could not read the page: {error})"
    report = f"URL: {page.url}\n\n{text}\n\n--- server stderr ---\n{server.stderr()}"
    Path(f"{stem}.txt").write_text(report, encoding="utf-8")
    print(f"saved {stem}.png and {stem}.txt\n{report}")


# ---------------------------------------------------------------- helpers
def _upload(page, name: str, content: bytes) -> None:
    """Choose "Upload a CSV…" in the sidebar and give the file uploader ``content``."""
    page.get_by_role("combobox", name="Data set").click()
    page.get_by_role("option", name=re.compile("upload", re.IGNORECASE)).click()
    file_input = page.locator('[data-testid="stFileUploader"] input[type=file]')
    chip = page.locator('[data-testid="stFileUploader"] [data-testid="stFileChipName"]')
    # The uploader can be drawn again by the rerun that switching data sets starts, and a
    # file given to the input it replaced is lost: give it again until its chip is shown.
    for _attempt in range(3):
        file_input.wait_for(state="attached")
        file_input.set_input_files({"name": name, "mimeType": "text/csv", "buffer": content})
        try:
            chip.first.wait_for(timeout=15_000)
            return
        except PlaywrightTimeoutError:
            continue
    raise AssertionError(f"the file uploader never showed {name!r} after three tries")


def _wait_for_axis(page, title: str) -> dict:
    """Wait until the animation's horizontal axis is ``title`` (the uploaded column)."""
    page.wait_for_function(
        """([selector, title]) => {
            const graph = document.querySelector(selector);
            return !!graph && !!graph._fullLayout
                && (graph._fullLayout.xaxis.title || {}).text === title;
        }""",
        arg=[shot.ANIMATION, title],
        timeout=60_000,
    )
    return shot.wait_for_animation(page)


def _points_drawn(page) -> int:
    """How many data points the animation draws (its trace named "points")."""
    return page.evaluate(
        """(selector) => {
            // _fullData: x may arrive base64-packed in data; _length is the decoded count.
            const trace = document.querySelector(selector)._fullData
                .find((t) => t.name === "points");
            return trace ? trace._length : -1;
        }""",
        shot.ANIMATION,
    )


def _hover_first_point(page) -> str:
    """Move the mouse onto the animation's first point; the text of the label it opens."""
    x, y = page.evaluate(
        """(selector) => {
            const graph = document.querySelector(selector);
            const points = graph._fullData.find((t) => t.name === "points");  // decoded x, y
            const box = graph.querySelector(".nsewdrag").getBoundingClientRect();
            const xa = graph._fullLayout.xaxis, ya = graph._fullLayout.yaxis;
            return [box.left + xa.d2p(points.x[0]), box.top + ya.d2p(points.y[0])];
        }""",
        shot.ANIMATION,
    )
    page.mouse.move(x, y)
    label = page.locator(f"{shot.ANIMATION} .hoverlayer .hovertext")
    label.first.wait_for(timeout=10_000)
    return label.first.text_content()


def _controls_layout(page) -> dict:
    """Window height, and the boxes of the chart, its slider and every Play/speed button."""
    return page.evaluate(
        """(selector) => {
            const box = (e) => {
                const r = e.getBoundingClientRect();
                return {text: e.textContent, top: r.top, bottom: r.bottom,
                        left: r.left, right: r.right};
            };
            const graph = document.querySelector(selector);
            return {
                height: window.innerHeight,
                chart: box(graph.querySelector(".main-svg")),
                slider: box(graph.querySelector(".slider-container")),
                buttons: Array.from(graph.querySelectorAll(".updatemenu-button"), box),
            };
        }""",
        shot.ANIMATION,
    )


def _overlap(a: dict, b: dict) -> bool:
    """Whether two boxes share more than a pixel (neighbouring buttons touch)."""
    return (
        min(a["right"], b["right"]) - max(a["left"], b["left"]) > 1
        and min(a["bottom"], b["bottom"]) - max(a["top"], b["top"]) > 1
    )


def _assert_no_traceback(page) -> None:
    assert page.get_by_test_id("stException").count() == 0, "the page shows an exception"


# ---------------------------------------------------------------- the tests
def test_default_page_shows_the_animation_without_a_click(page):
    state = shot.wait_for_animation(page)
    assert state["frames"] > 1
    assert state["hasSlider"]
    assert state["active"] == 0, "the animation must start at its first frame"
    assert any("Play" in text for text in state["buttons"]), state["buttons"]
    assert "Iteration 0" in state["title"]
    assert _points_drawn(page) == 3000, "the blog's 3000 points are drawn"
    _assert_no_traceback(page)


@pytest.mark.parametrize(
    "screen", [(1400, 900), (1280, 720), (1024, 768)], ids=lambda s: f"{s[0]}x{s[1]}"
)
def test_a_classroom_screen_shows_every_control_unhidden(page, screen):
    page.set_viewport_size({"width": screen[0], "height": screen[1]})
    shot.wait_for_animation(page)
    shot.wait_until_idle(page)
    layout = _controls_layout(page)
    assert layout["slider"]["bottom"] <= layout["height"], "the slider is below the fold"
    buttons = layout["buttons"]
    assert all(b["bottom"] <= layout["height"] for b in buttons), "a button is below the fold"
    cut = [b["text"] for b in buttons if b["right"] > layout["chart"]["right"]]
    assert not cut, f"buttons cut off at the chart's right edge: {cut}"
    hidden = [
        (a["text"], b["text"])
        for i, a in enumerate(buttons)
        for b in buttons[i + 1 :]
        if _overlap(a, b)
    ]
    assert not hidden, f"buttons drawn over each other: {hidden}"


def test_play_moves_the_slider_to_the_last_frame(page):
    start = shot.wait_for_animation(page)
    shot.wait_until_idle(page)
    shot.press_play(page)
    page.wait_for_function(
        "(selector) => document.querySelector(selector)._fullLayout.sliders[0].active > 0",
        arg=shot.ANIMATION,
        timeout=10_000,
    )
    moved = shot.animation_state(page)
    assert moved["title"] != start["title"], "the title names the step on screen"
    page.wait_for_function(
        """([selector, last]) =>
            document.querySelector(selector)._fullLayout.sliders[0].active === last""",
        arg=[shot.ANIMATION, start["frames"] - 1],
        timeout=30_000,
    )
    _assert_no_traceback(page)


def test_choose_k_tab_draws_the_elbow(page):
    shot.wait_for_animation(page)
    shot.wait_until_idle(page)
    shot.open_tab(page, "Choose K")  # 3000 rows: computed without a click
    elbow = page.locator(f'[role="tabpanel"]:visible {shot.ANIMATION}')
    elbow.wait_for(timeout=60_000)
    page.wait_for_function("(graph) => !!graph._fullLayout", arg=elbow.element_handle())
    box = elbow.bounding_box()
    assert box["width"] > 300 and box["height"] > 200, box
    inertia = elbow.evaluate("(graph) => ({x: Array.from(graph.data[0].x), n: graph.data.length})")
    assert inertia["x"] == list(range(1, 11)), "the elbow tries K = 1 to 10"
    _assert_no_traceback(page)


def test_an_upload_gets_its_own_animation(page):
    shot.wait_for_animation(page)
    _upload(page, "people.csv", PEOPLE)
    state = _wait_for_axis(page, "height")
    assert state["frames"] > 1
    assert _points_drawn(page) == 9, "nine complete rows; the one with a gap is left out"
    _assert_no_traceback(page)


@pytest.mark.parametrize("kind", sorted(BROKEN))
def test_a_broken_file_gets_a_sentence_not_a_traceback(page, app_server, kind):
    name, content, named = BROKEN[kind]
    log_before = len(app_server.stderr(last=None))
    _upload(page, name, content)
    error = page.get_by_test_id("stAlertContentError")
    error.wait_for(timeout=30_000)
    assert named.lower() in error.inner_text().lower(), error.inner_text()
    shot.wait_until_idle(page)
    _assert_no_traceback(page)
    assert page.locator(shot.ANIMATION).count() == 0, "no chart for a file that was not read"
    assert "Traceback" not in app_server.stderr(last=None)[log_before:]


def test_download_keeps_every_row_and_adds_the_cluster(page):
    shot.wait_for_animation(page)
    _upload(page, "people.csv", PEOPLE)
    _wait_for_axis(page, "height")
    shot.wait_until_idle(page)
    shot.open_tab(page, "Results")
    with page.expect_download() as download:
        page.get_by_role("button", name=re.compile("cluster column")).click()
    assert download.value.suggested_filename.endswith(".csv")
    content = Path(download.value.path()).read_bytes()
    table = pd.read_csv(io.BytesIO(content), encoding="utf-8-sig")
    uploaded = pd.read_csv(io.BytesIO(PEOPLE))
    assert list(table.columns) == [*uploaded.columns, "cluster"]
    pd.testing.assert_frame_equal(table[uploaded.columns], uploaded)
    gap = uploaded["weight"].isna()
    assert table.loc[gap, "cluster"].isna().all(), "the row with a gap has no cluster"
    clusters = table.loc[~gap, "cluster"]
    assert clusters.notna().all(), "every complete row has a cluster"
    assert (clusters == clusters.round()).all() and clusters.nunique() <= 3, "K = 3"


HOSTILE_NAMES = (
    "![](http://127.0.0.1:9/pixel.png)",
    '<a href="http://example.com/">link</a> <span style="font-size:60px;color:red">big</span>',
)


def test_markup_in_a_column_name_is_shown_as_text(page):
    """Markdown, HTML and Plotly markup in names: no image fetched, no link, no styled text."""
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    x, y = HOSTILE_NAMES
    header = (
        f'"{x}","{y.replace(chr(34), chr(34) * 2)}",":red[note] $x^2$ [a](http://example.com)"'
    )
    rows = "".join(f"{i % 5},{i * 7 % 3},word{i % 2}\n" for i in range(12))
    _upload(page, "hostile.csv", (header + "\n" + rows).encode())
    state = _wait_for_axis(page, for_plotly(x))
    shot.wait_until_idle(page)
    assert state["frames"] > 1
    hover = _hover_first_point(page)  # before the checks below, so they cover the label too
    assert hover.startswith("row ") and f"{x}: " in hover and f"{y}: " in hover, hover
    found = page.evaluate(
        """() => ({
            images: Array.from(document.querySelectorAll("img"), (e) => e.src)
                .filter((s) => s.includes("127.0.0.1:9")),
            links: Array.from(document.querySelectorAll("a"),
                              (e) => e.href || e.getAttribute("xlink:href") || "")
                .filter((h) => h.includes("example.com")),
            katex: document.querySelectorAll(".katex").length,
            xTitle: document.querySelector(".xtitle").textContent,
            ytitle: document.querySelector(".ytitle").textContent,
            sidebar: document.querySelector('[data-testid="stSidebar"]').innerText,
        })"""
    )
    assert found["images"] == [] and found["links"] == [] and found["katex"] == 0
    assert found["xTitle"] == x and found["ytitle"] == y
    assert ":red[note] $x^2$ [a](http://example.com)" in found["sidebar"].replace("\u2060", "")
    assert not [url for url in requests if "127.0.0.1:9" in url or "example.com" in url]
    _assert_no_traceback(page)


# Every picture the animation's image trace draws, in order, recorded as the browser draws it
# (Plotly replaces the <image> element's href on each frame).
_RECORD_PICTURES = """(selector) => {
    const graph = document.querySelector(selector);
    const shown = window.shownPictures = [];
    const look = () => {
        const image = graph.querySelector("g.imagelayer image, image");
        const href = image && (image.getAttribute("href") || image.getAttribute("xlink:href"));
        if (href && href !== shown[shown.length - 1]) shown.push(href);
    };
    look();
    new MutationObserver(look).observe(graph, {subtree: true, childList: true, attributes: true});
}"""


def test_an_uploaded_photo_plays_and_its_picture_is_recoloured(page, app_server):
    """A JPEG named like a table: the picture page, played to the end (at 2x), the picture
    changes; the downloads are the full picture in K colours and every pixel counted."""
    from kmeans.images import read_sample_photo

    page.goto(app_server.url + "?max_iter=5")  # 12 frames: 3 s to play at 2x
    shot.wait_for_animation(page)
    _upload(page, "cat.csv", read_sample_photo("chelsea"))
    state = _wait_for_axis(page, "a* (green − to red +)")
    shot.wait_until_idle(page)
    page.evaluate(_RECORD_PICTURES, shot.ANIMATION)
    page.locator(f"{shot.ANIMATION} .updatemenu-button", has_text="2×").first.click()
    page.wait_for_function(
        """([selector, last]) => document.querySelector(selector)._fullLayout.sliders[0]
            .active === last""",
        arg=[shot.ANIMATION, state["frames"] - 1],
        timeout=60_000,
    )
    page.wait_for_timeout(500)  # the last frame's redraw
    shown = page.evaluate("() => window.shownPictures")
    assert shown[0].startswith("data:image/jpeg"), "Step 1 alone: the photo as it is"
    recoloured = [s for s in shown if s.startswith("data:image/png")]
    assert len(recoloured) >= 2, f"{len(shown)} pictures drawn over {state['frames']} frames"
    assert recoloured[0] != recoloured[-1], "the first and last frames recolour differently"
    sidebar = page.locator('[data-testid="stSidebar"]').inner_text()
    assert "cat.csv" in sidebar and "451 × 300 JPEG" in sidebar
    _assert_no_traceback(page)
    shot.open_tab(page, "Results")
    png, palette = (_download(page, name) for name in ("PNG, full size", "every pixel counted"))
    from PIL import Image

    image = Image.open(io.BytesIO(png))
    assert image.size == (451, 300), "the download is the picture at its full size"
    table = pd.read_csv(io.BytesIO(palette))
    assert table["pixels"].sum() == 451 * 300, "the palette counts every pixel"
    assert len(image.convert("RGB").getcolors()) == len(table) == 3, "the page's K = 3"


def _penguins_csv() -> bytes:
    from palmerpenguins import load_penguins

    return load_penguins().to_csv(index=False).encode()


def test_penguins_compare_with_species_and_download_the_distances(page):
    """Upload penguins, compare with species (crosstab, ARI), download with distances."""
    shot.wait_for_animation(page)
    uploader = page.locator('[data-testid="stSidebar"] input[type=file]')
    uploader.set_input_files(  # in view without opening the drop-down; switches to the file
        {"name": "penguins.csv", "mimeType": "text/csv", "buffer": _penguins_csv()}
    )
    page.get_by_text("best of 10 k-means++ starts").first.wait_for(timeout=60_000)
    shot.wait_until_idle(page)
    shot.open_tab(page, "Explain the clusters")
    page.get_by_role("combobox", name="Compare the clusters with").click()
    page.keyboard.type("species")
    page.keyboard.press("Enter")
    panel = page.locator('[role="tabpanel"]:visible')
    panel.get_by_text("with 'species'").wait_for()  # the explanation of the comparison
    shot.wait_until_idle(page)
    ari = panel.get_by_test_id("stMetric").filter(has_text="Adjusted Rand index")
    value = float(ari.get_by_test_id("stMetricValue").inner_text())
    assert 0.3 < value <= 1.0, value  # K = 3 clusters against the three species
    assert panel.get_by_text("Gentoo").count() > 0, "the crosstab names the species"
    _assert_no_traceback(page)
    shot.open_tab(page, "Results")
    page.get_by_text("Add distance_to_centroid and silhouette").click()
    page.wait_for_timeout(1500)  # the rerun starts a moment after the click
    shot.wait_until_idle(page)
    with page.expect_download() as download:
        page.get_by_role("button", name=re.compile("cluster column")).click()
    table = pd.read_csv(download.value.path(), encoding="utf-8-sig")
    assert len(table) == 344 and list(table.columns[-3:]) == [
        "cluster",
        "distance_to_centroid",
        "silhouette",
    ]
    clustered = table["cluster"].notna()
    assert clustered.sum() == 342  # two penguins have no measurements
    assert (table.loc[clustered, "distance_to_centroid"] >= 0).all()
    assert table.loc[~clustered, "distance_to_centroid"].isna().all()
    assert table["silhouette"].between(-1, 1).sum() == 342


def _download(page, button: str) -> bytes:
    """Press the download button whose label contains ``button``; the file's bytes."""
    with page.expect_download(timeout=60_000) as download:
        page.get_by_role("button", name=re.compile(re.escape(button))).click()
    return Path(download.value.path()).read_bytes()


# ---------------------------------------------------------------- in class: one step at a time
CHART = shot.FITTED_CHART
CLASS_SCREENS = [(1024, 768), (1280, 720), (1920, 1080)]
CLICKER_KEYS = [("PageDown", 1), ("ArrowRight", 1), (" ", 1), ("PageUp", -1), ("ArrowLeft", -1)]
ACTIVE = "s => document.querySelector(s)._fullLayout.sliders[0].active"
# How far the page is scrolled: Streamlit scrolls its main area, not the window.
SCROLLED = "() => scrollY + document.querySelector('[data-testid=\"stMain\"]').scrollTop"
MEASURE = """s => {
  const gd = document.querySelector(s);
  const plot = gd.querySelector('.nsewdrag').getBoundingClientRect();
  const px = el => parseFloat(getComputedStyle(el).fontSize);
  const trace = name => gd._fullData.find(t => t.name === name);
  const centroids = trace('centroids');
  const main = document.querySelector('[data-testid="stMain"]');
  return {plot: plot.height, height: innerHeight, scrolled: scrollY + main.scrollTop,
          points: trace('points').marker.color,
          slider: gd.querySelector('.slider-container').getBoundingClientRect().bottom,
          title: px(gd.querySelector('.gtitle')), tick: px(gd.querySelector('.xtick text')),
          axis: px(gd.querySelector('.xtitle')),
          label: centroids.textfont.size,
          inks: centroids.textfont.color, fills: centroids.marker.color};
}"""


def _open(page, app_server, query: str, size=(1280, 720)) -> None:
    """Open the page at ``size`` with ``query``; wait until the chart fills the window."""
    page.set_viewport_size({"width": size[0], "height": size[1]})
    page.goto(app_server.url.rstrip("/") + "/?" + query)
    page.wait_for_selector(CHART + " .slider-container", timeout=90_000)
    page.wait_for_function(shot.FITTED, arg=CHART, timeout=60_000)
    page.locator("#counter").filter(has_text="frame 1 of").wait_for(timeout=30_000)
    shot.wait_until_idle(page)


def _wait_for_frame(page, frame: int) -> None:
    page.wait_for_function(f"s => ({ACTIVE})(s) === {frame}", arg=CHART, timeout=15_000)


def test_each_clicker_key_moves_exactly_one_frame_and_never_scrolls(page, app_server):
    # 132 frames (ticks 5 px apart): presentation mode, so no click first.
    _open(page, app_server, "data=blog&k=8&seed=0&present=1")
    last = page.evaluate(f"s => ({ACTIVE.replace('.active', '.steps.length')})(s) - 1", CHART)
    assert last >= 60
    expected = 0
    for key, move in [("PageDown", 1), *CLICKER_KEYS, ("PageDown", 1), ("PageDown", 1)]:
        page.keyboard.press(key)
        expected += move
        _wait_for_frame(page, expected)
        assert page.evaluate(SCROLLED) == 0, key
    page.keyboard.press("End")
    _wait_for_frame(page, last)
    page.keyboard.press("ArrowLeft")
    _wait_for_frame(page, last - 1)
    page.locator("#counter").filter(has_text=f"frame {last} of {last + 1}").wait_for(timeout=5000)
    page.keyboard.press("Home")
    _wait_for_frame(page, 0)
    assert page.evaluate(SCROLLED) == 0
    page.locator("#steps li.now").filter(has_text="Pick").wait_for(timeout=5000)


def test_on_the_normal_page_keys_work_after_a_click_on_the_chart(page, app_server):
    _open(page, app_server, "data=blobs")
    page.keyboard.press("ArrowRight")
    page.wait_for_timeout(600)
    assert page.evaluate(ACTIVE, CHART) == 0, "the keys sleep until the chart is clicked"
    page.click(CHART + " .nsewdrag", position={"x": 5, "y": 5})
    for frame in (1, 2, 3):
        page.keyboard.press("PageDown")
        _wait_for_frame(page, frame)
    page.get_by_role("button", name="◀ Previous").click()
    _wait_for_frame(page, 2)
    assert page.evaluate(SCROLLED) == 0


def _shots() -> Path:
    """Where the screenshots of the classroom tests go: docs/ only when asked for with
    ``KMEANS_DOCS_SCREENSHOTS=1`` (to renew the README's pictures), else a scratch folder,
    so a test run never changes the tracked docs."""
    if os.environ.get("KMEANS_DOCS_SCREENSHOTS") == "1":
        return ROOT / "docs"
    return Path(tempfile.mkdtemp(prefix="kmeans-shots-"))


@pytest.mark.parametrize("size", CLASS_SCREENS, ids=lambda s: f"{s[0]}x{s[1]}")
def test_presentation_mode_reads_from_the_back_and_fits_the_window(page, app_server, size):
    _open(page, app_server, "data=eight&present=1", size)
    m = page.evaluate(MEASURE, CHART)
    assert m["plot"] >= 0.6 * m["height"], m
    assert m["slider"] <= m["height"] and m["scrolled"] == 0, m  # chart and controls on screen
    assert m["title"] >= 24 and m["tick"] >= 16 and m["axis"] >= 18, m
    assert m["label"] >= 16, m
    ratios = [contrast_ratio(ink, fill) for ink, fill in zip(m["inks"], m["fills"], strict=True)]
    assert min(ratios) >= 4.5, ratios
    assert m["points"] == GREY_POINTS, m  # Step 1 alone: the first frame's points all grey
    page.screenshot(path=str(_shots() / f"presentation-{size[0]}x{size[1]}.png"))


def test_at_1024_by_768_with_the_sidebar_open_every_step_control_shows(page, app_server):
    _open(page, app_server, "data=blobs", (1024, 768))
    assert page.get_by_test_id("stSidebar").is_visible()
    for name in ("◀ Previous", "Next ▶"):
        box = page.get_by_role("button", name=name).bounding_box()
        assert box and box["x"] >= 0 and box["x"] + box["width"] <= 1024, name
        assert box["y"] + box["height"] <= 768, name
    # Streamlit cuts a label too long for its column with an ellipsis ("Pre…").
    label = page.locator(".st-key-present [data-testid='stMarkdownContainer']")
    assert label.evaluate("e => e.scrollWidth <= e.clientWidth"), label.inner_text()


def test_try_twenty_starts_lists_its_endings(page, app_server):
    _open(page, app_server, "data=eight", (1280, 900))
    page.get_by_role("button", name="Try 20 starts").click()
    page.get_by_text("different ending(s)").wait_for(timeout=60_000)
    plays = page.get_by_role("button", name=re.compile(r"Play #\d"))
    plays.nth(1).wait_for(timeout=30_000)
    assert plays.count() >= 2
    shot.wait_until_idle(page)
    page.locator(".st-key-endings").scroll_into_view_if_needed()
    page.get_by_text("different ending(s)").scroll_into_view_if_needed()
    page.wait_for_timeout(1000)
    page.screenshot(path=str(_shots() / "local-minima.png"))


# ---------------------------------------------------------------- in class: your own start
CENTROIDS = """s => {
  const gd = document.querySelector(s);
  const named = t => t.name === 'your start' || t.name === 'centroids';
  const trace = gd && gd._fullData && gd._fullData.find(named);
  return trace ? {name: trace.name, x: Array.from(trace.x), y: Array.from(trace.y)} : null;
}"""


def _placed(page) -> dict:
    return page.evaluate(CENTROIDS, CHART)


def test_a_shared_link_reproduces_a_start_placed_on_the_chart(page, app_server, chromium):
    page.goto(app_server.url.rstrip("/") + "/?data=blobs&init=own")
    page.wait_for_function(f"s => ({CENTROIDS})(s) !== null", arg=CHART, timeout=90_000)
    page.wait_for_function(shot.FITTED, arg=CHART, timeout=60_000)
    shot.wait_until_idle(page)
    box = page.locator(CHART + " .nsewdrag").first.bounding_box()
    for i, (fx, fy) in enumerate([(0.2, 0.3), (0.8, 0.25), (0.3, 0.8), (0.75, 0.7)]):
        page.mouse.click(box["x"] + fx * box["width"], box["y"] + fy * box["height"])
        page.wait_for_function(
            f"([s, n]) => {{ const c = ({CENTROIDS})(s); return c && c.x.length === n"
            " && (n < 4 || c.name === 'centroids'); }",
            arg=[CHART, i + 1],
            timeout=30_000,
        )
    shot.wait_for_animation(page)
    placed = _placed(page)
    assert placed["name"] == "centroids"
    assert placed["x"][0] < placed["x"][1] and placed["y"][0] > placed["y"][2], placed
    link = page.url
    assert "init=own" in link and "start=" in link
    context = chromium.new_context(viewport=shot.CLASSROOM)
    try:
        visitor = context.new_page()
        visitor.goto(link)
        visitor.wait_for_selector(CHART + " .slider-container", timeout=90_000)
        assert _placed(visitor) == placed  # the same start, to the last digit kept
    finally:
        context.close()


def test_a_click_on_the_chart_reruns_only_the_watch_tab(page, app_server):
    # The link's note on its bad seed is drawn by the first run of the page only, so it
    # stays on screen exactly as long as nothing but the Watch tab's fragment reruns.
    page.goto(app_server.url.rstrip("/") + "/?data=blobs&init=own&seed=x")
    page.wait_for_function(f"s => ({CENTROIDS})(s) !== null", arg=CHART, timeout=90_000)
    page.wait_for_function(shot.FITTED, arg=CHART, timeout=60_000)
    shot.wait_until_idle(page)
    note = page.get_by_text("seed=x is not a whole number")
    assert note.is_visible()
    box = page.locator(CHART + " .nsewdrag").first.bounding_box()
    for i, (fx, fy) in enumerate([(0.2, 0.3), (0.8, 0.25), (0.3, 0.8)]):  # 3 of K = 4
        page.mouse.click(box["x"] + fx * box["width"], box["y"] + fy * box["height"])
        page.wait_for_function(
            f"([s, n]) => {{ const c = ({CENTROIDS})(s); return c && c.x.length === n; }}",
            arg=[CHART, i + 1],
            timeout=30_000,
        )
    shot.wait_until_idle(page)
    assert note.is_visible(), "a click on the chart reran the whole page"
    assert "start=" in page.url, "the link keeps the clicks"
    page.get_by_role("button", name="New random start").click()  # the sidebar: a full run
    note.wait_for(state="detached", timeout=30_000)


_MARK_GRAPH = "s => { document.querySelector(s).__kmeansFirst = true; }"
_SAME_GRAPH = "s => document.querySelector(s).__kmeansFirst === true"


def test_a_play_pressed_as_soon_as_the_chart_is_drawn_plays_to_the_end(page, app_server):
    """The chart is drawn once, at the window's size: no redraw after it stops the Play."""
    page.goto(app_server.url.rstrip("/") + "/?data=blog&seed=0")  # a new session
    page.wait_for_selector(CHART + " .slider-container", timeout=90_000)
    page.evaluate(_MARK_GRAPH, CHART)
    page.locator(f"{CHART} .updatemenu-button", has_text="Play").first.click()
    last = page.evaluate(f"s => ({ACTIVE.replace('.active', '.steps.length')})(s) - 1", CHART)
    page.wait_for_function(f"s => ({ACTIVE})(s) === {last}", arg=CHART, timeout=30_000)
    assert page.evaluate(_SAME_GRAPH, CHART), "the chart was drawn again"
    assert page.evaluate(shot.FITTED, CHART), "the chart is as tall as the window"
    _assert_no_traceback(page)


_PICTURE_SHOWN = """s => { const image = document.querySelector(s + " image");
    return image.getAttribute("href") || image.getAttribute("xlink:href"); }"""


def _wait_for_picture(page, test: str) -> str:
    """The chart's picture (its data URL) once it passes ``test``, a JavaScript function:
    a frame's picture is drawn a moment after the slider shows the frame."""
    shown = """s => { const image = document.querySelector(s + " image");  // none mid-redraw
        if (!image) return "";
        return image.getAttribute("href") || image.getAttribute("xlink:href") || ""; }"""
    found = page.wait_for_function(
        f"s => {{ const href = ({shown})(s); return ({test})(href) && href; }}",
        arg=CHART,
        timeout=15_000,
    )
    return found.json_value()


def test_a_photo_steps_with_the_clicker_in_presentation_mode(page, app_server):
    """The photo page has the table's step controls: keys, Previous, the frame counter."""
    _open(page, app_server, "data=photo-coffee&k=4&seed=0&present=1")
    m = page.evaluate(
        "s => document.querySelector(s).querySelector('.nsewdrag')"
        ".getBoundingClientRect().height / innerHeight",
        CHART,
    )
    assert m >= 0.6, "the chart takes the window's height"
    assert page.evaluate(_PICTURE_SHOWN, CHART).startswith("data:image/jpeg"), "the photo"
    page.keyboard.press("PageDown")
    _wait_for_frame(page, 1)
    # The slider moves first; the frame's picture follows once Plotly has animated to it.
    first = _wait_for_picture(page, "(href) => href.startsWith('data:image/png')")  # recoloured
    now = page.locator("#steps li.now")
    assert now.inner_text() == "Assign each pixel to its nearest palette colour", "in pixels"
    page.keyboard.press("End")
    page.locator("#counter").filter(has_text=re.compile(r"frame (\d+) of \1")).wait_for()
    _wait_for_picture(page, f"(href) => href.startsWith('data:image/png') && href !== {first!r}")
    page.get_by_role("button", name="◀ Previous").click()
    page.locator("#counter").filter(has_text=re.compile(r"frame (\d+) of (?!\1)\d+")).wait_for()
    assert page.evaluate(SCROLLED) == 0
    _assert_no_traceback(page)
