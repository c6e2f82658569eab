"""Picture the "Explain the clusters" tab on the penguins table, as an analyst sees it.

Run from the project root (needs Debian's chromium, Playwright and palmerpenguins, the
dev requirements)::

    python docs/screenshot_explore.py                      # docs/explore.png, 1280 wide
    python docs/screenshot_explore.py --out /tmp/shots --sizes 1024x768 1280x720 1920x1080

Uploads penguins from the sidebar's uploader, standardises (the advice's one-click button),
opens the Explain tab and compares the clusters with ``species``. With ``--sizes`` it writes
one window-sized picture per size (what is above the fold) and one of the whole tab.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import screenshot as shot


def penguins_csv() -> bytes:
    """The Palmer penguins table as a CSV file."""
    from palmerpenguins import load_penguins

    return load_penguins().to_csv(index=False).encode()


def open_explain_tab(page) -> None:
    """Upload penguins, standardise, open the Explain tab and compare with ``species``."""
    shot.wait_for_animation(page)
    page.locator('[data-testid="stSidebar"] input[type=file]').set_input_files(
        {"name": "penguins.csv", "mimeType": "text/csv", "buffer": penguins_csv()}
    )
    page.get_by_role("button", name="Standardise").click(timeout=60_000)
    page.wait_for_function(  # the chart redrawn on standardised columns
        """(selector) => {
            const graph = document.querySelector(selector);
            return !!graph && !!graph._fullLayout
                && ((graph._fullLayout.xaxis.title || {}).text || "").includes("standardised");
        }""",
        arg=shot.ANIMATION,
        timeout=60_000,
    )
    shot.wait_until_idle(page)
    shot.open_tab(page, "Explain the clusters")
    page.get_by_role("combobox", name="Compare the clusters with").click()
    page.keyboard.type("species")
    page.keyboard.press("Enter")
    page.locator('[role="tabpanel"]:visible').get_by_text("with 'species'").wait_for()
    shot.wait_until_idle(page)
    page.wait_for_timeout(1500)  # Plotly lays out the heat map and the silhouette plot
    page.mouse.move(5, 5)


def take(out: Path, sizes: list[str]) -> list[Path]:
    """One picture per size in ``sizes`` (``"WxH"``), or docs' explore.png when empty."""
    from playwright.sync_api import sync_playwright

    out.mkdir(parents=True, exist_ok=True)
    written = []
    with shot.serve_app() as server, sync_playwright() as playwright:
        browser = shot.launch_chromium(playwright)
        try:
            for size in sizes or ["1280x720"]:
                width, height = (int(n) for n in size.split("x"))
                page = browser.new_page(viewport={"width": width, "height": height})
                page.goto(server.url)
                open_explain_tab(page)
                if sizes:
                    written.append(out / f"explore-{size}.png")
                    page.screenshot(path=written[-1])
                written.append(out / (f"explore-{size}-whole.png" if sizes else "explore.png"))
                whole(page, written[-1], width, height)
                page.close()
        finally:
            browser.close()
    return written


def whole(page, path: Path, width: int, height: int) -> None:
    """The whole main area: the window grows to its height for the picture."""
    full = page.evaluate("() => document.querySelector('[data-testid=\"stMain\"]').scrollHeight")
    page.set_viewport_size({"width": width, "height": max(height, full)})
    page.wait_for_timeout(1000)
    page.screenshot(path=path)
    page.set_viewport_size({"width": width, "height": height})


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=shot.ROOT / "docs")
    parser.add_argument("--sizes", nargs="*", default=[], help="e.g. 1024x768 1920x1080")
    args = parser.parse_args(argv)
    for path in take(args.out, args.sizes):
        print(f"wrote {path}")


if __name__ == "__main__":
    main()
