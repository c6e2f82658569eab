"""The animation's controls: Play, Pause, Restart, the speed buttons, and a slider."""

from __future__ import annotations

from collections.abc import Sequence

from kmeans.figures import style
from kmeans.figures.style import Sizes

_STILL = {
    "frame": {"duration": 0, "redraw": True},
    "transition": {"duration": 0},
    "mode": "immediate",
}
"""Animation options that jump to one frame and stay there."""


def animation_controls(
    frames: Sequence[tuple[str, str]], sizes: Sizes, *, frame_name: bool = True
) -> dict:
    """Play/Pause/Restart and speed buttons, and a slider with one step per frame.

    They sit in the bottom margin at fixed distances in pixels below the plot (under the
    axis title): at the plot's bottom edge (``y=0``), pushed down by their top padding, so
    they stay in place at any height the page gives the chart.

    Parameters
    ----------
    frames : sequence of (name, label)
        Each frame's name (what ``animate`` jumps to) and its label on the slider.
    sizes : Sizes
    frame_name : bool, default=True
        Show the current frame's name above the slider ("frame: 2 move"). A page that says
        it elsewhere (the step title, its own counter) can leave it out to save 30 pixels.

    Returns
    -------
    dict
        ``sliders`` and ``updatemenus``, for ``fig.update_layout``.

    Examples
    --------
    >>> controls = animation_controls([("0 start", "start")], style.SIZES)
    >>> [b["label"] for b in controls["updatemenus"][0]["buttons"]][:2]
    ['▶ Play', '❚❚ Pause']
    """
    return {
        "sliders": [_slider(frames, sizes, frame_name)],
        "updatemenus": [_buttons([name for name, _ in frames], sizes.buttons_below)],
    }


def _play(duration: int, frames=None) -> dict:
    """Animation options: play from the current frame (or through ``frames``)."""
    return {
        "frame": {"duration": duration, "redraw": True},  # scattergl needs redraw
        "transition": {"duration": 0},
        "fromcurrent": frames is None,
        "mode": "immediate",
    }


def _buttons(names: list[str], below: int) -> dict:
    """One row of buttons: Play, Pause, Restart, then one per speed ("¼×": play at that speed).

    Plotly places separate button groups in fractions of the width, so two groups overlap
    on a narrow screen (a 1024-pixel projector); one group never does. The labels are short
    so that the row fits the chart at 1024 x 768 with the sidebar open (about 350 pixels;
    "⟲ From the start" and "▶ 2×" left it 70 pixels too long, cut off at the chart's edge).
    """
    normal = style.SPEEDS["1×"]
    pause = {**_STILL, "frame": {"duration": 0, "redraw": False}}
    buttons = [
        {"label": "▶ Play", "method": "animate", "args": [None, _play(normal)]},
        {"label": "❚❚ Pause", "method": "animate", "args": [[None], pause]},
        {"label": "⟲ Restart", "method": "animate", "args": [names, _play(normal, names)]},
    ] + [
        {"label": label, "method": "animate", "args": [None, _play(ms)]}
        for label, ms in style.SPEEDS.items()
    ]
    return {
        "type": "buttons",
        "direction": "left",
        "showactive": False,
        "x": 0.0,
        "y": 0.0,
        "xanchor": "left",
        "yanchor": "top",
        "buttons": buttons,
        "pad": {"r": 6, "t": below},
    }


def _slider(frames: Sequence[tuple[str, str]], sizes: Sizes, frame_name: bool) -> dict:
    """A slider with one step per frame; the current frame's name is shown above it."""
    return {
        "active": 0,
        "x": 0.0,
        "len": 0.74,
        "y": 0.0,
        "yanchor": "top",
        "pad": {"t": sizes.slider_below, "b": 0},
        "currentvalue": {
            "visible": frame_name,
            "prefix": "frame: ",
            "font": {"size": sizes.font, "color": style.CAPTION_INK},
        },
        # Tick labels would overlap for long runs; the current frame's name shows above.
        "font": {"size": sizes.slider_font, "color": style.HIDDEN},
        "steps": [
            {"label": label, "method": "animate", "args": [[name], _STILL]}
            for name, label in frames
        ],
    }
