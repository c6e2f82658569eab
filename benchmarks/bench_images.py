"""How fast a 12-megapixel photo becomes a playable animation, and how much memory it takes.

Run from the project root: ``python benchmarks/bench_images.py [--megapixels 12] [--k 8]``.

The photo is made here: a bundled photo enlarged to 4000 x 3000 with a little noise (so it has
as many distinct colours as a camera's), saved as a JPEG of about 5 MB. Each measurement runs
in a fresh process so its peak memory is its own. It prints:

- the server's work from the uploaded bytes to a playable animation, as the page does it:
  ``decode`` (Pillow's JPEG draft at 1/4 of the size, 1000 x 750, EXIF, 8-bit RGB), ``fit``
  (sample of 100,000 of those pixels to CIELAB, k-means, the 320-pixel preview recoloured at
  every step), ``figure`` (each frame's picture, the Plotly figure, its JSON);
- what the downloads cost after that: every pixel decoded (``full_decode``) and assigned
  (``quantise``), the full-size PNG and the palette CSV;
- the peak memory (``VmHWM``) above the interpreter with its imports loaded;
- ratios against the oracles, taken in turn in the same process (best of 3): scikit-image's
  ``rgb2lab`` on every pixel against ours, and scikit-learn's Lloyd ``KMeans`` from the same
  start (then ``predict`` on every pixel) against our fit and ``quantise``.

With ``--draft-quality`` it compares, instead, the palette fitted on the JPEG's draft with the
one fitted on its whole decode (K = 4 and 8, both starts, seeds 0 to 2), on this photo and on
scikit-image's ``retina.jpg`` (1411 x 1411, drafted at 1/2): the mean squared CIELAB error of
2 million of the whole picture's pixels given each palette, and the matched palettes' ΔE.

With ``--browser`` it also starts ``streamlit run app.py`` and, in headless Chromium, uploads
the photo as a visitor does: the time from choosing the file to the animation being playable
(its frames and slider on screen), and the server's peak memory (``VmHWM``) above what it held
before the upload.
"""

from __future__ import annotations

import argparse
import io
import itertools
import json
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import plotly.io  # noqa: E402
from PIL import Image  # noqa: E402

from kmeans.colour import colour_features  # noqa: E402
from kmeans.engine import nearest_centroid  # noqa: E402
from kmeans.figures.picture import frame_sources, picture_animation_figure  # noqa: E402
from kmeans.images import DISPLAY_LONG_SIDE, pixels_from_image, read_sample_photo  # noqa: E402
from kmeans.quantising import fit_colours, palette_csv, quantise, quantised_png  # noqa: E402

PHOTO = Path("/tmp/kmeans-bench-photo.jpg")


def make_photo(megapixels: float) -> bytes:
    """A camera-sized JPEG: the coffee photo enlarged (4:3) with +-12 levels of noise."""
    width = round((megapixels * 1e6 * 4 / 3) ** 0.5)
    height = round(width * 3 / 4)
    base = Image.open(io.BytesIO(read_sample_photo("coffee"))).resize((width, height))
    rng = np.random.default_rng(0)
    noisy = np.asarray(base, np.int16) + rng.integers(-12, 13, (height, width, 3), np.int16)
    buffer = io.BytesIO()
    Image.fromarray(np.clip(noisy, 0, 255).astype(np.uint8)).save(buffer, "JPEG", quality=90)
    return buffer.getvalue()


def _status_mb(field: str) -> float:
    """``VmRSS`` (now) or ``VmHWM`` (the peak so far) of this process, in MB (Linux)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024
    return float("nan")


def child(k: int, seed: int = 0) -> dict:
    """One pass through the page's work, timed stage by stage, in this fresh process."""
    data = PHOTO.read_bytes()
    baseline = _status_mb("VmRSS")
    times = {}
    start = time.perf_counter()
    quick = pixels_from_image(data, draft=DISPLAY_LONG_SIDE)
    times["decode"] = time.perf_counter() - start
    run = fit_colours(quick, k, "lab", random_state=seed)
    times["fit"] = time.perf_counter() - start - times["decode"]
    figure = picture_animation_figure(run, sources=frame_sources(run))
    payload = len(plotly.io.to_json(figure.to_dict(), validate=False))  # as st.plotly_chart
    times["playable"] = time.perf_counter() - start
    times["figure"] = times["playable"] - times["fit"] - times["decode"]
    mark = time.perf_counter()
    picture = pixels_from_image(data)
    times["full_decode"] = time.perf_counter() - mark
    mark = time.perf_counter()
    full = quantise(picture, run.centroids[-1], "lab")
    times["quantise"] = time.perf_counter() - mark
    mark = time.perf_counter()
    png = quantised_png(full)
    palette_csv(full)
    times["png_csv"] = time.perf_counter() - mark
    return {
        "times": times,
        "baseline_mb": baseline,
        "peak_mb": _status_mb("VmHWM"),
        "payload_mb": payload / 1e6,
        "frames": 1 + 2 * run.steps[-1].iteration,
        "png_mb": len(png) / 1e6,
        "size": (picture.width, picture.height),
        "draft": (quick.width, quick.height),
    }


def _best(function, repeats: int = 3) -> float:
    best = float("inf")
    for _ in range(repeats):
        start = time.perf_counter()
        function()
        best = min(best, time.perf_counter() - start)
    return best


def oracle_ratios(k: int) -> list[tuple[str, float, float]]:
    """Ours against scikit-image and scikit-learn on the same pixels, taken in turn."""
    from skimage.color import rgb2lab
    from sklearn.cluster import KMeans

    picture = pixels_from_image(PHOTO.read_bytes())
    run = fit_colours(picture, k, "lab", random_state=0)
    start = run.centroids[0]
    rows = []
    ours = _best(lambda: colour_features(picture.pixels, "lab"))
    theirs = _best(lambda: rgb2lab(picture.rgb))
    rows.append(("CIELAB of every pixel", ours, theirs))
    X = run.fitted
    oracle = KMeans(k, init=start, n_init=1, algorithm="lloyd", tol=1e-4)
    ours = _best(lambda: fit_colours(picture, k, "lab", init=start, random_state=0))
    theirs = _best(lambda: oracle.fit(X))
    rows.append((f"fit on {X.shape[0]:,} pixels (ours: + preview per step)", ours, theirs))
    lab = colour_features(picture.pixels, "lab")
    ours = _best(lambda: quantise(picture, oracle.cluster_centers_, "lab"))
    theirs = _best(lambda: oracle.predict(lab))  # given the Lab pixels: no conversion
    rows.append(("assign every pixel (ours: from RGB bytes)", ours, theirs))
    return rows


def _full_pixel_error(lab: np.ndarray, centroids: np.ndarray) -> float:
    labels = nearest_centroid(lab, centroids)
    return float(np.mean(np.sum((lab - centroids[labels]) ** 2, axis=1)))


def draft_quality() -> None:
    """Fitted on the draft or on every pixel: how well each palette quantises every pixel."""
    from scipy.optimize import linear_sum_assignment
    from skimage import data as skimage_data

    retina = Path(skimage_data.__file__).with_name("retina.jpg")
    for name, content in (("this photo", PHOTO.read_bytes()), ("retina", retina.read_bytes())):
        whole = pixels_from_image(content)
        quick = pixels_from_image(content, draft=DISPLAY_LONG_SIDE)
        rows = np.random.default_rng(1).choice(whole.n_pixels, min(whole.n_pixels, 2_000_000))
        lab = colour_features(whole.pixels[rows], "lab")
        print(f"{name}: {whole.describe()}, draft {quick.width} x {quick.height}")
        for k, init, seed in itertools.product((4, 8), ("k-means++", "random"), range(3)):
            a, b = (fit_colours(p, k, "lab", init=init, random_state=seed) for p in (whole, quick))
            ca, cb = a.centroids[-1], b.centroids[-1]
            distances = np.linalg.norm(ca[:, None] - cb[None], axis=2)
            matched = distances[linear_sum_assignment(distances)]
            ea, eb = _full_pixel_error(lab, ca), _full_pixel_error(lab, cb)
            print(
                f"  K={k} {init:<9} seed {seed}: frames {1 + 2 * a.steps[-1].iteration:3d} "
                f"whole, {1 + 2 * b.steps[-1].iteration:3d} draft; error {ea:6.2f} whole, "
                f"{eb:6.2f} draft ({(eb / ea - 1) * 100:+5.1f} %); palette ΔE median "
                f"{np.median(matched):5.2f}, max {matched.max():5.2f}"
            )


def _process_mb(pid: int, field: str) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024
    return float("nan")


# The photo's animation is playable: a chart with a picture trace, its frames and slider.
_PICTURE_PLAYABLE = """() => Array.from(document.querySelectorAll(".js-plotly-plot")).some(
    (g) => !!g.data && g.data.some((t) => t.type === "image") && !!g._transitionData
        && (g._transitionData._frames || []).length > 1
        && !!g.querySelector(".slider-container"))"""


def browser_upload(k: int, *, from_default: bool, seed: int = 0) -> dict:
    """Upload the photo in headless Chromium: seconds to playable, the server's memory.

    ``from_default``: the visitor first has the default page's animation on screen (Plotly is
    loaded), as on arriving at the page; otherwise the page opens on the empty upload choice
    and the photo's chart is the first the browser shows. Either way the clock starts once the
    page has loaded as a visitor sees it before they can pick a file: its chart drawn (on the
    empty page the hidden one of :mod:`ui.preload`, which loads Plotly's script), then 1 s.
    """
    from playwright.sync_api import sync_playwright

    sys.path.insert(0, str(ROOT / "docs"))
    from screenshot import CLASSROOM, launch_chromium, serve_app, wait_for_animation

    photo = {"name": PHOTO.name, "mimeType": "image/jpeg", "buffer": PHOTO.read_bytes()}
    with serve_app() as server, sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        page = browser.new_page(viewport=CLASSROOM)
        query = f"?k={k}&seed={seed}" if from_default else f"?data=upload&k={k}&seed={seed}"
        page.goto(server.url + query)
        if from_default:
            wait_for_animation(page)
        page.wait_for_selector(".js-plotly-plot", state="attached", timeout=60_000)
        page.wait_for_selector("input[type=file]", state="attached", timeout=60_000)
        page.wait_for_timeout(1000)  # the page settles
        before = _process_mb(server.process.pid, "VmRSS")
        start = time.perf_counter()
        page.set_input_files("input[type=file]", files=[photo])
        page.wait_for_function(_PICTURE_PLAYABLE, timeout=120_000)
        seconds = time.perf_counter() - start
        page.wait_for_selector('[data-testid="stStatusWidget"]', state="detached", timeout=120_000)
        finished = time.perf_counter() - start
        frames = page.evaluate(
            """() => Math.max(...Array.from(document.querySelectorAll(".js-plotly-plot"),
                (g) => (g._transitionData._frames || []).length))"""
        )
        peak = _process_mb(server.process.pid, "VmHWM")
        browser.close()
    return {
        "playable": seconds,
        "finished": finished,
        "frames": frames,
        "before_mb": before,
        "peak_mb": peak,
        "from": "the default page" if from_default else "an empty page",
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--megapixels", type=float, default=12.0)
    parser.add_argument("--k", type=int, default=8)
    parser.add_argument("--seed", type=int, default=0, help="the fit's seed")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--browser", action="store_true", help="also upload it on the page")
    parser.add_argument("--no-oracles", action="store_true", help="skip the oracle ratios")
    parser.add_argument(
        "--draft-quality", action="store_true", help="fitted on the draft or on every pixel"
    )
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(args.k, args.seed)))
        return
    PHOTO.write_bytes(make_photo(args.megapixels))
    if args.draft_quality:
        draft_quality()
        return
    print(f"photo: {PHOTO.stat().st_size / 1e6:.1f} MB JPEG, {args.megapixels:g} MP, K={args.k}")
    command = [sys.executable, __file__, "--child", "--k", str(args.k), "--seed", str(args.seed)]
    results = [
        json.loads(subprocess.run(command, capture_output=True, check=True, text=True).stdout)
        for _ in range(args.runs)
    ]
    best = min(results, key=lambda r: r["times"]["playable"])
    print(
        f"{best['size'][0]} x {best['size'][1]} (fitted on its draft, "
        f"{best['draft'][0]} x {best['draft'][1]}), {best['frames']} frames, figure "
        f"{best['payload_mb']:.2f} MB, quantised PNG {best['png_mb']:.2f} MB"
    )
    for stage in ("decode", "fit", "figure", "playable", "full_decode", "quantise", "png_csv"):
        print(
            f"  {stage:<11} {best['times'][stage]:6.2f} s  (runs: "
            + ", ".join(f"{r['times'][stage]:.2f}" for r in results)
            + ")"
        )
    print(
        f"  memory: {best['baseline_mb']:.0f} MB with the imports loaded, peak "
        f"{max(r['peak_mb'] for r in results):.0f} MB, so "
        f"{max(r['peak_mb'] - r['baseline_mb'] for r in results):.0f} MB for the photo"
    )
    if args.browser:
        # A fresh server each time: the same bytes again would come from its cache.
        pages = [
            browser_upload(args.k, from_default=from_default, seed=args.seed)
            for from_default in (True, False)
            for _ in range(args.runs)
        ]
        for page in pages:
            print(
                f"page (Chromium, from {page['from']}): upload to playable "
                f"{page['playable']:.2f} s "
                f"({page['frames']} frames), page run done {page['finished']:.2f} s; server "
                f"memory {page['before_mb']:.0f} MB before the upload, peak {page['peak_mb']:.0f} "
                "MB"
            )
    if args.no_oracles:
        return
    print("against the oracles (best of 3, ratio = ours / theirs):")
    for name, ours, theirs in oracle_ratios(args.k):
        print(f"  {name:<48} {ours:6.2f} s  {theirs:6.2f} s  {ours / theirs:5.2f}x")


if __name__ == "__main__":
    main()
