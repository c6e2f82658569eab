"""Take the README's pictures of the page: ``python docs/screenshot.py``.

Starts the page the way a visitor gets it (``streamlit run app.py`` on a free local port),
opens it in headless Chromium at a classroom size, plays the animation for two frames and
writes ``docs/animation.png`` (the Watch tab) and ``docs/choose-k.png`` (the elbow).

This module is also the one place that knows how to start the page and drive its charts:
``tests/test_browser.py`` imports :func:`serve_app`, :func:`launch_chromium` and the page
helpers from here, so the tests and the pictures see the page the same way.

Needs Debian's ``chromium`` on the PATH and the ``playwright`` Python package (Playwright's
own browser download is not used).
"""

from __future__ import annotations

import argparse
import contextlib
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
"""The project root: where ``app.py`` is and where ``streamlit run`` starts."""

CHROMIUM_ARGS = (
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
)
"""Flags for Debian's Chromium in a container: no sandbox, no GPU, no calls home."""

CLASSROOM = {"width": 1400, "height": 900}
"""Viewport of a projector in a classroom, in CSS pixels."""

ANIMATION = ".js-plotly-plot"
"""Selector of a Plotly chart's graph div (Streamlit renders it in the main document)."""

FITTED_CHART = ".st-key-animation .js-plotly-plot"
"""The Watch tab's chart (the animation, or the start picker before it), which the page
draws as tall as the window below its top."""

FITTED = """(selector) => {
    // Only the Watch tab's chart is sized so, beside its step controls (not a picture).
    if (!document.querySelector(".st-key-clicker")) return true;
    const graph = document.querySelector(selector);
    if (!graph) return false;
    const box = graph.getBoundingClientRect(), top = box.top + scrollY;
    return Math.abs(innerHeight - 4 - top - box.height) <= 2 || box.height <= 421;
}"""
"""Whether the Watch tab's chart is drawn at its final height (ui/present.py: the window below its
top, at least 420 pixels)."""


# ---------------------------------------------------------------- the server
def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now (the OS picks it)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Server:
    """A running ``streamlit run app.py``: where it answers and what it wrote to stderr.

    Attributes
    ----------
    url : str
        The page's address, e.g. ``"http://127.0.0.1:41539/"``.
    process : subprocess.Popen
    """

    def __init__(self, url: str, process: subprocess.Popen, stderr_path: Path) -> None:
        self.url = url
        self.process = process
        self._stderr_path = stderr_path

    def stderr(self, last: int | None = 6000) -> str:
        """What the server wrote to stderr (its tracebacks): the last ``last`` characters,
        or all of it when ``last`` is None."""
        text = self._stderr_path.read_text(encoding="utf-8", errors="replace")
        return text if last is None else text[-last:]


@contextlib.contextmanager
def serve_app(root: Path = ROOT, *, timeout: float = 60.0) -> Iterator[Server]:
    """Run the page on a free local port until the ``with`` block ends.

    Parameters
    ----------
    root : Path, default ROOT
        Directory holding ``app.py``; the server's working directory.
    timeout : float, default 60.0
        Seconds to wait for ``/_stcore/health`` to answer ``ok``.

    Yields
    ------
    Server
        The running server. It is always stopped afterwards: terminated, then killed if it
        has not exited within 10 seconds.

    Raises
    ------
    RuntimeError
        The server exited or stayed unhealthy for ``timeout`` seconds; the message holds the
        end of its stderr.
    """
    port = free_port()
    command = [
        *(sys.executable, "-m", "streamlit", "run", "app.py"),
        *("--server.headless", "true", "--server.address", "127.0.0.1"),
        *("--server.port", str(port), "--browser.gatherUsageStats", "false"),
        # The page must not rerun (or watch thousands of files) while someone edits it.
        *("--server.fileWatcherType", "none", "--server.runOnSave", "false"),
    ]
    with tempfile.TemporaryDirectory(prefix="streamlit-") as logs:
        stderr_path = Path(logs) / "stderr.txt"
        with open(stderr_path, "wb") as stderr:
            process = subprocess.Popen(command, cwd=root, stdout=subprocess.DEVNULL, stderr=stderr)
        server = Server(f"http://127.0.0.1:{port}/", process, stderr_path)
        try:
            _wait_until_healthy(server, timeout)
            yield server
        finally:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def _wait_until_healthy(server: Server, timeout: float) -> None:
    """Poll ``/_stcore/health`` until it says ``ok``; raise with the server's stderr if not."""
    health = server.url + "_stcore/health"
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            raise RuntimeError(
                f"streamlit exited with code {server.process.returncode} before it was "
                f"healthy; its stderr:\n{server.stderr()}"
            )
        try:
            with urllib.request.urlopen(health, timeout=2) as answer:
                if answer.read().decode().strip() == "ok":
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.25)
    raise RuntimeError(
        f"streamlit did not answer {health} with 'ok' within {timeout:.0f} s; "
        f"its stderr:\n{server.stderr()}"
    )


# ---------------------------------------------------------------- the browser
def find_chromium() -> str | None:
    """Path of Debian's Chromium, or None when it is not installed."""
    return shutil.which("chromium") or shutil.which("chromium-browser")


def launch_chromium(playwright):
    """Start headless Chromium from the system (not Playwright's download).

    Parameters
    ----------
    playwright : playwright.sync_api.Playwright
        From ``sync_playwright().start()`` or ``with sync_playwright() as playwright``.

    Returns
    -------
    playwright.sync_api.Browser

    Raises
    ------
    RuntimeError
        When no ``chromium`` is on the PATH.
    """
    executable = find_chromium()
    if executable is None:
        raise RuntimeError("No chromium on the PATH: install Debian's chromium package.")
    return playwright.chromium.launch(
        executable_path=executable, args=list(CHROMIUM_ARGS), headless=True
    )


# ---------------------------------------------------------------- the page
_ANIMATION_STATE = """(selector) => {
    const graph = document.querySelector(selector);
    if (!graph || !graph._fullLayout || !graph._transitionData) return null;
    const slider = (graph._fullLayout.sliders || [])[0];
    return {
        frames: (graph._transitionData._frames || []).length,
        active: slider ? slider.active : null,
        title: (graph._fullLayout.title || {}).text || "",
        xTitle: ((graph._fullLayout.xaxis || {}).title || {}).text || "",
        hasSlider: !!graph.querySelector(".slider-container"),
        buttons: Array.from(graph.querySelectorAll(".updatemenu-button"),
                            (b) => b.textContent),
    };
}"""


def animation_state(page, selector: str = ANIMATION) -> dict | None:
    """What the first Plotly chart matching ``selector`` shows, read from its graph div.

    Returns
    -------
    dict or None
        ``frames`` (number of animation frames), ``active`` (the slider's current step),
        ``title`` (the chart title, naming the step on screen), ``xTitle``, ``hasSlider``
        and ``buttons`` (texts of the Play/Pause/speed buttons); None before Plotly drew it.
    """
    return page.evaluate(_ANIMATION_STATE, selector)


def wait_for_animation(page, timeout: float = 60.0) -> dict:
    """Wait until the page shows a chart with more than one frame and a slider.

    Parameters
    ----------
    page : playwright.sync_api.Page
    timeout : float, default 60.0
        Seconds; the first visit computes the run, later ones come from Streamlit's cache.

    Returns
    -------
    dict
        :func:`animation_state` of the chart.
    """
    page.wait_for_function(
        """(selector) => {
            const graph = document.querySelector(selector);
            return !!graph && !!graph._transitionData
                && (graph._transitionData._frames || []).length > 1
                && !!graph.querySelector(".slider-container");
        }""",
        arg=ANIMATION,
        timeout=timeout * 1000,
    )
    # The page redraws the animation once the browser has said how tall the window is.
    page.wait_for_function(FITTED, arg=FITTED_CHART, timeout=timeout * 1000)
    return animation_state(page)


def wait_until_idle(page, timeout: float = 60.0) -> None:
    """Wait until Streamlit's "Running..." status widget has gone.

    Best effort: call it after waiting for something the run draws, since the widget
    appears only a moment after a run starts.
    """
    page.wait_for_selector(
        '[data-testid="stStatusWidget"]', state="detached", timeout=timeout * 1000
    )


def press_play(page) -> None:
    """Click the chart's Play button (the first updatemenu button whose text has "Play")."""
    page.locator(f"{ANIMATION} .updatemenu-button", has_text="Play").first.click()


def open_tab(page, name: str) -> None:
    """Click the main area's tab whose label contains ``name`` (e.g. ``"Choose K"``)."""
    page.get_by_role("tab", name=name).click()


# ---------------------------------------------------------------- the pictures
def take_screenshots(out_dir: Path, *, frame: int = 2) -> list[Path]:
    """Write ``animation.png`` and ``choose-k.png`` of the default page into ``out_dir``.

    Parameters
    ----------
    out_dir : Path
        Where the PNG files go (created if needed).
    frame : int, default 2
        Slider step to play to before the picture (the last one if the run is shorter).
        Step 2 is iteration 1's assignment: colours, trails, and rings on the points that
        just switched cluster, which is the most to explain in one picture.

    Returns
    -------
    list of Path
        The files written.
    """
    from playwright.sync_api import sync_playwright

    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    with serve_app() as server, sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        try:
            page = browser.new_page(viewport=CLASSROOM)
            page.goto(server.url)
            state = wait_for_animation(page)
            wait_until_idle(page)
            _play_until(page, min(frame, state["frames"] - 1))
            written.append(out_dir / "animation.png")
            _picture(page, written[-1])
            open_tab(page, "Choose K")  # computed without a click on a small table
            page.wait_for_function(
                f"() => document.querySelectorAll('{ANIMATION}').length >= 2", timeout=60_000
            )
            wait_until_idle(page)
            page.wait_for_timeout(1000)  # let Plotly finish laying out the new chart
            written.append(out_dir / "choose-k.png")
            _picture(page, written[-1])
        finally:
            browser.close()
    return written


def _play_until(page, frame: int) -> None:
    """Press Play like a visitor, wait for the slider to reach ``frame``, then pause."""
    press_play(page)
    page.wait_for_function(
        """([selector, frame]) => {
            const slider = document.querySelector(selector)._fullLayout.sliders[0];
            return slider.active >= frame;
        }""",
        arg=[ANIMATION, frame],
        timeout=30_000,
    )
    page.locator(f"{ANIMATION} .updatemenu-button", has_text="Pause").first.click()
    page.wait_for_timeout(800)  # the last frame's redraw


def _picture(page, path: Path) -> None:
    """The whole page, without Plotly's hover toolbar.

    Streamlit scrolls its main area inside the window, so ``full_page`` would stop at the
    fold; instead the window grows to the main area's height for the picture (at 900 px the
    animation's slider is below the fold).
    """
    page.mouse.move(5, 5)  # off the chart, so Plotly hides its mode bar
    height = page.evaluate("() => document.querySelector('[data-testid=\"stMain\"]').scrollHeight")
    page.set_viewport_size({**CLASSROOM, "height": max(CLASSROOM["height"], height)})
    page.wait_for_timeout(800)  # Streamlit and Plotly lay out for the new size
    page.screenshot(path=path)
    page.set_viewport_size(CLASSROOM)


def main(argv: list[str] | None = None) -> None:
    """Command line: ``python docs/screenshot.py [--out DIR] [--frame N]``."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs", help="default: docs/")
    parser.add_argument("--frame", type=int, default=2, help="slider step to show (default 2)")
    args = parser.parse_args(argv)
    for path in take_screenshots(args.out, frame=args.frame):
        print(f"wrote {path}")


if __name__ == "__main__":
    main()
