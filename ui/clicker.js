// One step at a time: Previous / Next, "frame n of N", the four steps with the one on screen
// highlighted, a clicker's keys, the chart's height, and clicks that place a start.
// Streamlit draws the animation with its own copy of plotly.js, which is not reachable from
// here, so the page moves the animation the way a person does: it presses the slider exactly
// on the tick of the wanted frame. Each key press is one frame however long the run.
export default function (component) {
  const { data, parentElement: root, setStateValue, setTriggerValue } = component;
  const present = Boolean(data && data.present);
  const placing = Boolean(data && data.placing);
  if (window.__kmeansClicker) window.__kmeansClicker();  // one handler per page
  const $ = (selector) => root.querySelector(selector);
  const graph = () =>
    document.querySelector(".st-key-animation .js-plotly-plot") ||
    document.querySelector(".stPlotlyChart .js-plotly-plot");
  const slider = (gd) => gd && gd._fullLayout && gd._fullLayout.sliders
    && gd._fullLayout.sliders[0];
  $("#when").textContent = present ? "" : " (after a click on the chart)";

  function jump(target) {
    const gd = graph(), s = slider(gd);
    if (!s) return;
    const n = s.steps.length, i = Math.max(0, Math.min(n - 1, target));
    const ticks = gd.querySelectorAll(".slider-tick-rect");
    const rail = gd.querySelector(".slider-rail-touch-rect");
    if (ticks.length !== n || !rail) return;
    const t = ticks[i].getBoundingClientRect(), r = rail.getBoundingClientRect();
    const at = { clientX: t.left + t.width / 2, clientY: r.top + r.height / 2,
                 bubbles: true, view: window, button: 0, buttons: 1 };
    rail.dispatchEvent(new MouseEvent("mousedown", at));
    document.dispatchEvent(new MouseEvent("mouseup", at));
  }

  function stepOf(label, i, n) {  // "start" -> 1, "t move" -> 3, "t assign" -> 2, last -> 4
    if (label === "start") return 1;
    if (i === n - 1 && n > 2) return 4;
    return label.endsWith("move") ? 3 : 2;
  }

  // Polled: it writes to the page only when the frame changed, since every write makes the
  // browser lay out and paint the page again (on an idle page, 0.03 CPU s a second per tab).
  function show() {
    const gd = graph(), s = slider(gd), counter = $("#counter");
    const n = s ? s.steps.length : 0, i = s ? s.active : -1;
    const text = s ? "frame " + (i + 1) + " of " + n : "frame – of –";
    if (counter.textContent === text) return;
    counter.textContent = text;
    if (!s) return;
    const now = stepOf(s.steps[i].label, i, n);
    counter.dataset.frame = String(i);
    root.querySelectorAll("#steps li")
      .forEach((li, j) => li.classList.toggle("now", j + 1 === now));
  }

  // The size this run drew the chart at: reporting it again would only redraw the same.
  const used = data && data.used
    ? JSON.stringify({ height: data.used.height, top: data.used.top }) : "";
  let reported = used, seen = "";
  function reportViewport() {  // the page sizes the chart to the window below its top
    // Only a settled page: not while the script runs (elements shift as a run redraws them;
    // and while a run removes this component, its report would ask to rerun a fragment that
    // is gone). Checked first: reading a box while the page changes makes the browser lay
    // it out at once, an extra layout every poll in every tab.
    if (document.querySelector('[data-testid="stStatusWidget"]')) { seen = ""; return; }
    // The chart's top is its column's: known as soon as this component is, before the
    // chart is drawn (so the first redraw at the right height comes early).
    const column = root.host && root.host.closest('[data-testid="stColumn"]');
    const row = column && column.parentElement;
    // Not while another tab is on screen (a rerun then would stale its downloads).
    if (!row || row.getBoundingClientRect().height === 0) return;
    // Its top in the page, not on screen: Streamlit scrolls its main area, not the window.
    let top = row.getBoundingClientRect().top + window.scrollY;
    for (let el = row.parentElement; el; el = el.parentElement) top += el.scrollTop;
    const value = { height: window.innerHeight, top: Math.round(top) };
    const text = JSON.stringify(value);
    // And the same size twice in a row.
    const settled = text === seen;
    seen = text;
    if (text !== reported && settled) {
      reported = text;
      setStateValue("viewport", value);
    }
  }

  const KEYS = { PageDown: 1, ArrowRight: 1, " ": 1, Spacebar: 1, PageUp: -1, ArrowLeft: -1 };
  const TYPING = ["INPUT", "TEXTAREA", "SELECT"];
  let armed = present;
  function onKey(event) {
    const gd = graph(), s = slider(gd);
    if (!s || !armed || event.altKey || event.ctrlKey || event.metaKey) return;
    const target = event.composedPath()[0] || event.target;
    const role = (target.getAttribute && target.getAttribute("role")) || "";
    if (TYPING.includes(target.tagName) || target.isContentEditable
        || role === "slider" || role === "combobox") return;
    let frame = null;
    if (event.key in KEYS) frame = s.active + KEYS[event.key];
    else if (event.key === "Home") frame = 0;
    else if (event.key === "End") frame = s.steps.length - 1;
    if (frame === null) return;
    event.preventDefault();
    event.stopPropagation();
    jump(frame);
  }

  // Where the plot is and what it shows, from the chart as last drawn: a click that comes
  // while the page redraws the chart still lands where the user saw it.
  let geometry = null;
  function measure() {
    const gd = graph();
    const plot = gd && (gd.querySelector(".nsewdrag[data-subplot='xy']")
      || gd.querySelector(".nsewdrag"));
    const layout = gd && gd._fullLayout;
    if (!plot || !layout || !layout.xaxis || !layout.yaxis) return geometry;
    const box = plot.getBoundingClientRect();
    if (box.width > 0 && box.height > 0) {
      geometry = { box: box, x: layout.xaxis.range.slice(), y: layout.yaxis.range.slice() };
    }
    return geometry;
  }

  function within(g, event) {
    const { box } = g;
    return event.clientX >= box.left && event.clientX <= box.right
      && event.clientY >= box.top && event.clientY <= box.bottom;
  }

  let pressed = null;
  function onPointer(event) {  // on the normal page, the keys wake up after a click on it
    const gd = graph();
    if (!present) armed = Boolean(gd && gd.contains(event.target))
      || root.contains(event.composedPath()[0]);
    const g = placing && event.button === 0 ? measure() : null;
    pressed = g && within(g, event) ? { x: event.clientX, y: event.clientY, g: g } : null;
  }

  function onRelease(event) {  // a click, not a drag: place the next centroid there
    if (!pressed) return;
    const { x, y, g } = pressed;
    pressed = null;
    if (Math.hypot(event.clientX - x, event.clientY - y) <= 5) place(g, x, y);
  }

  function place(g, clientX, clientY) {  // the next starting centroid, in chart coordinates
    const { box } = g;
    const fx = (clientX - box.left) / box.width, fy = (clientY - box.top) / box.height;
    const mark = document.createElement("div");  // seen at once, before the page redraws
    mark.className = "kmeans-placed";
    mark.style.cssText = "position:fixed;width:22px;height:22px;border-radius:50%;"
      + "border:3px solid #000;background:#fff;pointer-events:none;z-index:1000;"
      + `left:${clientX - 14}px;top:${clientY - 14}px`;
    document.body.appendChild(mark);
    setTimeout(() => mark.remove(), 4000);
    setTriggerValue("place", [g.x[0] + fx * (g.x[1] - g.x[0]), g.y[1] - fy * (g.y[1] - g.y[0])]);
  }

  const by = (delta) => () => {
    armed = true;
    const s = slider(graph());
    if (s) jump(s.active + delta);
  };
  $("#prev").onclick = by(-1);
  $("#next").onclick = by(1);
  document.addEventListener("keydown", onKey, true);
  document.addEventListener("pointerdown", onPointer, true);
  document.addEventListener("pointerup", onRelease, true);
  window.addEventListener("resize", reportViewport);
  // The chart's place is only needed while placing a start (read on the press otherwise).
  const timer = setInterval(() => { show(); reportViewport(); if (placing) measure(); }, 150);
  show();
  const cleanup = () => {
    clearInterval(timer);
    document.removeEventListener("keydown", onKey, true);
    document.removeEventListener("pointerdown", onPointer, true);
    document.removeEventListener("pointerup", onRelease, true);
    window.removeEventListener("resize", reportViewport);
    window.__kmeansClicker = null;
  };
  window.__kmeansClicker = cleanup;
  return cleanup;
}
