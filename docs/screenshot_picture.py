"""Take the README's pictures of the photo page: ``python docs/screenshot_picture.py``.

Starts the page as a visitor gets it, opens the bundled coffee photo at K = 6 in headless
Chromium at two projector sizes, plays the animation a few frames and writes
``docs/picture-1280x720.png`` and ``docs/picture-1920x1080.png`` (the Watch tab, exactly as
the screen shows it, nothing scrolled) and ``docs/picture-results.png`` (the Results tab).

Uses the page helpers of ``docs/screenshot.py`` (the same ones ``tests/test_browser.py`` uses).
"""

from __future__ import annotations

import argparse
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

SCREENS = ((1280, 720), (1920, 1080))
QUERY = "?data=photo-coffee&k=6&init=random&seed=0"


def take_screenshots(out_dir: Path, *, frame: int = 5) -> list[Path]:
    """Write the Watch tab at each of ``SCREENS`` and the Results tab at 1280 x 720.

    Parameters
    ----------
    out_dir : Path
        Where the PNG files go (created if needed).
    frame : int, default 5
        Slider step to play to: iteration 2's assignment, the palette half settled.

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
            for width, height in SCREENS:
                page = browser.new_page(viewport={"width": width, "height": height})
                page.goto(server.url + QUERY)
                wait_for_animation(page)
                wait_until_idle(page)
                _play_to(page, frame)
                written.append(out_dir / f"picture-{width}x{height}.png")
                page.screenshot(path=written[-1])
                if width == SCREENS[0][0]:
                    open_tab(page, "Results")
                    page.wait_for_timeout(1500)  # the two pictures and the palette table
                    written.append(out_dir / "picture-results.png")
                    page.screenshot(path=written[-1])
                page.close()
        finally:
            browser.close()
    return written


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
    """Command line: ``python docs/screenshot_picture.py [--out DIR] [--frame N]``."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs", help="default: docs/")
    parser.add_argument("--frame", type=int, default=5, help="slider step to show (default 5)")
    args = parser.parse_args(argv)
    for path in take_screenshots(args.out, frame=args.frame):
        print(f"wrote {path}")


if __name__ == "__main__":
    main()
