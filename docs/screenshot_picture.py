"""Take the README's pictures of the photo page: ``python docs/screenshot_picture.py [DIR]``.

Starts the page as a visitor gets it, opens the bundled coffee photo at K = 6 in headless
Chromium at two projector sizes, plays the animation a few frames and writes
``docs/picture-1280x720.png`` and ``docs/picture-1920x1080.png`` (the Watch tab, exactly as
the screen shows it, nothing scrolled), ``docs/picture-present-1280x720.png`` (presentation
mode) and ``docs/picture-results.png`` (the Results tab).

Uses the page helpers of ``docs/screenshot.py`` (the same ones ``tests/test_browser.py`` uses).
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from screenshot import (
    ROOT,
    launch_chromium,
    open_tab,
    press_play,
    serve_app,
    wait_for_animation,
    wait_until_idle,
)

SCREENS = ((1280, 720, ""), (1920, 1080, ""), (1280, 720, "present"))
"""Width, height, and ``"present"`` for presentation mode (``present=1`` in the link)."""
QUERY = "?data=photo-coffee&k=6&init=random&seed=0"


def take_screenshots(out_dir: Path, *, frame: int = 5) -> list[Path]:
    """Write the Watch tab at each of ``SCREENS`` and the Results tab at the first of them.

    Parameters
    ----------
    out_dir : Path
        Folder of the PNG files, made when missing.
    frame : int, default 5
        The slider step shown: iteration 2's assignment, the palette half settled.

    Returns
    -------
    list of Path
    """
    from playwright.sync_api import sync_playwright

    out_dir.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright, serve_app() as server:
        browser = launch_chromium(playwright)
        try:
            return [
                path
                for screen in SCREENS
                for path in _screen(browser, server.url, screen, out_dir, frame)
            ]
        finally:
            browser.close()


def _screen(browser, url: str, screen: tuple[int, int], out_dir: Path, frame: int) -> list:
    """The pictures taken at one window size."""
    width, height, mode = screen
    page = browser.new_page(viewport={"width": width, "height": height})
    page.goto(url + QUERY + ("&present=1" if mode else ""))
    wait_for_animation(page)
    wait_until_idle(page)
    _play_to(page, frame)
    paths = [out_dir / f"picture-{mode + '-' if mode else ''}{width}x{height}.png"]
    page.screenshot(path=paths[0])
    if screen == SCREENS[0]:
        open_tab(page, "Results")
        page.wait_for_timeout(1500)  # the two pictures and the palette table
        paths.append(out_dir / "picture-results.png")
        page.screenshot(path=paths[1])
    page.close()
    return paths


def _play_to(page, frame: int) -> None:
    """Play, pause once the slider reaches ``frame``, and move the mouse off the chart."""
    press_play(page)
    page.wait_for_function(
        "(frame) => document.querySelector('.js-plotly-plot')._fullLayout.sliders[0]"
        ".active >= frame",
        arg=frame,
        timeout=30_000,
    )
    page.locator(".js-plotly-plot .updatemenu-button", has_text="Pause").first.click()
    page.mouse.move(5, 5)  # Plotly hides its mode bar
    page.wait_for_timeout(800)  # the last frame's redraw


def main(argv: list[str] | None = None) -> None:
    """Command line: ``python docs/screenshot_picture.py [DIR]`` (default: docs/)."""
    out = Path(argv[0] if argv else sys.argv[1] if len(sys.argv) > 1 else ROOT / "docs")
    print("\n".join(f"wrote {path}" for path in take_screenshots(out)))


if __name__ == "__main__":
    main()
