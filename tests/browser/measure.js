// What the browser tests measure in JupyterLab's page. Evaluated in the page (window.jupyterapp is
// there: the server runs with --LabApp.expose_app_in_browser). Defines window.__agl.
(() => {
  const PICTURE_MIMES = ["image/svg+xml", "image/png", "image/jpeg", "image/gif"];
  const WIDGET_MIME = "application/vnd.jupyter.widget-view+json";
  const ERROR_MIME = "application/vnd.jupyter.error";

  const app = () => window.jupyterapp;
  // The notebook we opened (headless, no window has focus: JupyterLab's "current" widget stays unset).
  let opened = null;
  const panel = () => opened;

  function codeCells() {
    return panel().content.widgets
      .map((cell, index) => ({ cell, index }))
      .filter(({ cell }) => cell.model.type === "code");
  }

  // Each output of a code cell: its model (data, type) and its DOM node (.jp-OutputArea-output).
  function outputs() {
    const list = [];
    for (const { cell, index } of codeCells()) {
      const area = cell.outputArea;
      const children = [...area.node.children].filter((c) => c.classList.contains("jp-OutputArea-child"));
      for (let j = 0; j < area.model.length; j++) {
        const model = area.model.get(j);
        const child = children[j];
        const node = child ? child.querySelector(".jp-OutputArea-output") : null;
        list.push({ cell: index, output: j, model, node, data: model.data || {}, type: model.type });
      }
    }
    return list;
  }

  function savedPicture(o) {
    return PICTURE_MIMES.some((m) => m in o.data) || WIDGET_MIME in o.data;
  }

  // The picture elements in an output node: <img>, and outermost <svg> that hold text or are
  // bigger than an icon.
  function pictureElements(node) {
    if (!node) return [];
    const found = [];
    for (const el of node.querySelectorAll("img, svg")) {
      if (el.tagName.toLowerCase() === "svg") {
        if (el.parentElement && el.parentElement.closest("svg")) continue;
        const r = el.getBoundingClientRect();
        if (!el.querySelector("text") && (r.width < 40 || r.height < 40)) continue;
      }
      found.push(el);
    }
    return found;
  }

  function shown(el) {
    const r = el.getBoundingClientRect();
    if (r.width <= 0 || r.height <= 0) return false;
    const style = getComputedStyle(el);
    if (style.visibility === "hidden" || style.display === "none") return false;
    if (el.tagName.toLowerCase() === "img") return el.complete && el.naturalWidth > 0 && el.naturalHeight > 0;
    return true;
  }

  function contentWidth(el) {
    const s = getComputedStyle(el);
    return el.clientWidth - parseFloat(s.paddingLeft) - parseFloat(s.paddingRight);
  }

  // -- colours ------------------------------------------------------------------------------
  function parseColor(text) {
    if (!text || text === "none" || text.startsWith("url(")) return null;
    const m = text.match(/rgba?\(([^)]+)\)/);
    if (m) {
      const p = m[1].split(/[ ,/]+/).filter(Boolean).map(Number);
      return { r: p[0], g: p[1], b: p[2], a: p.length > 3 ? p[3] : 1 };
    }
    // Anything else (hex, names): let the browser normalise it.
    const probe = document.createElement("span");
    probe.style.color = text;
    document.body.appendChild(probe);
    const c = getComputedStyle(probe).color;
    probe.remove();
    return c.startsWith("rgb") ? parseColor(c) : null;
  }

  function over(top, bottom) {  // top composited over an opaque bottom
    const a = top.a;
    return { r: top.r * a + bottom.r * (1 - a), g: top.g * a + bottom.g * (1 - a), b: top.b * a + bottom.b * (1 - a), a: 1 };
  }

  // The colour behind an element of the page: its ancestors' backgrounds, composited.
  function pageBackground(el) {
    const layers = [];
    for (let e = el; e; e = e.parentElement) {
      const c = parseColor(getComputedStyle(e).backgroundColor);
      if (c && c.a > 0) {
        layers.push(c);
        if (c.a >= 1) break;
      }
    }
    let bg = { r: 255, g: 255, b: 255, a: 1 };  // the canvas, if nothing is opaque
    for (let i = layers.length - 1; i >= 0; i--) bg = over(layers[i], bg);
    return bg;
  }

  function luminance(c) {
    const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
    return 0.2126 * f(c.r) + 0.7152 * f(c.g) + 0.0722 * f(c.b);
  }

  function contrast(a, b) {
    const [l1, l2] = [luminance(a), luminance(b)].sort((x, y) => y - x);
    return (l1 + 0.05) / (l2 + 0.05);
  }

  const hex = (c) => "#" + [c.r, c.g, c.b].map((v) => Math.round(v).toString(16).padStart(2, "0")).join("");

  function opacity(el, stop) {
    let a = 1;
    for (let e = el; e && e !== stop.parentNode; e = e.parentNode) {
      if (e.nodeType !== 1) break;
      a *= parseFloat(getComputedStyle(e).opacity || "1");
    }
    return a;
  }

  // -- one picture's text: sizes and contrast ------------------------------------------------
  // ``svg`` is a rendered <svg> element (the picture itself, or a copy of an <img>'s SVG drawn
  // at its natural size off screen), ``scale`` how much larger the learner sees it, ``backdrop``
  // the page colour behind the picture.
  function analyseSvg(svg, scale, boxScale, backdrop) {
    const hidden = "defs, marker, clipPath, mask, pattern, symbol, title";
    const shapes = [...svg.querySelectorAll("rect, circle, ellipse, polygon, path")]
      .filter((s) => !s.closest(hidden))
      .map((s) => ({ el: s, box: s.getBoundingClientRect(), style: getComputedStyle(s) }));
    const texts = [];
    for (const t of svg.querySelectorAll("text")) {
      if (t.closest(hidden) || !t.textContent.trim()) continue;
      const style = getComputedStyle(t);
      const fontPx = parseFloat(style.fontSize) * scale;
      const box = t.getBoundingClientRect();
      const cx = box.left + box.width / 2, cy = box.top + box.height / 2;
      let bg = backdrop, behind = "page";
      for (const s of shapes) {
        if (!(s.el.compareDocumentPosition(t) & Node.DOCUMENT_POSITION_FOLLOWING)) break;  // drawn after the text
        // A shape is behind the text when it holds the text's centre and at least half its box
        // (a chart's small marker under a label is not the label's background).
        if (cx < s.box.left || cx > s.box.right || cy < s.box.top || cy > s.box.bottom) continue;
        const ix = Math.min(box.right, s.box.right) - Math.max(box.left, s.box.left);
        const iy = Math.min(box.bottom, s.box.bottom) - Math.max(box.top, s.box.top);
        if (ix <= 0 || iy <= 0 || ix * iy < 0.5 * box.width * box.height) continue;
        const fill = parseColor(s.style.fill);
        if (!fill) continue;
        fill.a *= parseFloat(s.style.fillOpacity || "1") * opacity(s.el, svg);
        if (fill.a <= 0) continue;
        bg = over(fill, bg);
        behind = s.el.tagName.toLowerCase();
      }
      const fill = parseColor(style.fill);
      let ratio = null, color = null;
      if (fill) {
        fill.a *= parseFloat(style.fillOpacity || "1") * opacity(t, svg);
        const seen = over(fill, bg);
        ratio = contrast(seen, bg);
        color = hex(seen);
      }
      texts.push({ text: t.textContent.slice(0, 60), fontPx, heightPx: box.height * boxScale,
                   ratio, color, background: hex(bg), behind });
    }
    return texts;
  }

  // An <img>'s SVG source: the output's own image/svg+xml, else the data: URL.
  function svgSource(img, o) {
    if (o && typeof o.data["image/svg+xml"] === "string") return o.data["image/svg+xml"];
    const src = img.getAttribute("src") || "";
    if (src.startsWith("data:image/svg+xml")) {
      const comma = src.indexOf(",");
      const body = src.slice(comma + 1);
      return src.slice(0, comma).endsWith(";base64") ? atob(body) : decodeURIComponent(body);
    }
    return null;
  }

  // Draw an SVG source at its natural size, off screen, isolated from JupyterLab's CSS (as an
  // <img> draws it), and analyse it.
  function analyseSource(source, renderedWidth, backdrop) {
    const host = document.createElement("div");
    host.style.cssText = "all: initial; position: fixed; left: -30000px; top: 0;";
    document.body.appendChild(host);
    const root = host.attachShadow({ mode: "open" });
    const doc = new DOMParser().parseFromString(source, "image/svg+xml");
    const svg = document.importNode(doc.documentElement, true);
    svg.style.maxWidth = "none";
    root.appendChild(svg);
    try {
      const drawn = svg.getBoundingClientRect().width;
      return analyseSvg(svg, renderedWidth / naturalSvgWidth(svg), renderedWidth / drawn, backdrop);
    } finally {
      host.remove();
    }
  }

  function naturalSvgWidth(svg) {
    const vb = svg.viewBox && svg.viewBox.baseVal;
    if (vb && vb.width > 0) return vb.width;
    const w = parseFloat(svg.getAttribute("width"));
    return w > 0 ? w : svg.getBoundingClientRect().width;
  }

  function scrolls(el, stop) {  // an element between el and stop that scrolls sideways
    for (let e = el; e && e !== stop.parentElement; e = e.parentElement) {
      const s = getComputedStyle(e);
      if (e.scrollWidth > e.clientWidth + 1 && ["auto", "scroll"].includes(s.overflowX)) return true;
    }
    return false;
  }

  function describePicture(el, o) {
    const box = el.getBoundingClientRect();
    const container = o.node;
    const tag = el.tagName.toLowerCase();
    const backdrop = pageBackground(el.parentElement);
    const p = {
      cell: o.cell, output: o.output, mime: container.dataset.mimeType || null,
      kind: tag, width: box.width, height: box.height,
      area: contentWidth(container), scrolls: scrolls(el, container),
      texts: [], note: null,
    };
    if (tag === "svg") {
      p.natural = naturalSvgWidth(el);
      p.texts = analyseSvg(el, box.width / p.natural, 1, backdrop);
    } else {
      p.natural = el.naturalWidth;
      const source = svgSource(el, o);
      const src = el.getAttribute("src") || "";
      p.kind = src.startsWith("data:image/svg+xml") ? "img(svg)" : src.startsWith("data:image/png") ? "img(png)" : "img";
      if (source) {
        // (A PNG drawn from the same canvas shows at the canvas size: its text scales like the SVG's.)
        p.texts = analyseSource(source, box.width, backdrop);
        if (p.kind !== "img(svg)") p.note = "text measured on the SVG of the same output";
      } else {
        p.note = "no SVG source: text not measurable";
      }
    }
    return p;
  }

  window.__agl = {
    // JupyterLab is up and its shell restored.
    ready: () => !!(window.jupyterapp && window.jupyterapp.shell),

    open: async (path) => {
      await app().restored;
      const w = await app().commands.execute("docmanager:open", { path, factory: "Notebook" });
      await w.context.ready;
      await w.sessionContext.ready;
      app().shell.activateById(w.id);
      opened = w;
      return true;
    },

    // Every output of the notebook is rendered: images loaded, widgets drawn.
    rendered: () => {
      const p = panel();
      if (!p || !p.content || !p.context.isReady) return false;
      for (const o of outputs()) {
        if (!o.node) return false;
        if (WIDGET_MIME in o.data && !o.node.querySelector(".jupyter-widgets, .widget-error, .jp-RenderedText")) return false;
      }
      return [...p.content.node.querySelectorAll("img")].every((img) => img.complete);
    },

    // JupyterLab's dialogs on the page (their text), closed: none should open on its own.
    dialogs: () => {
      const found = [...document.querySelectorAll(".jp-Dialog")].map((d) => d.innerText.trim().slice(0, 200));
      for (const d of document.querySelectorAll(".jp-Dialog")) {
        const close = d.querySelector(".jp-Dialog-button.jp-mod-reject, .jp-Dialog-button");
        if (close) close.click();
      }
      return found;
    },

    trusted: () => codeCells().every(({ cell }) => cell.model.trusted),

    // Saved picture outputs and, for each, whether a picture shows.
    fresh: () => outputs().filter(savedPicture).map((o) => {
      const pics = pictureElements(o.node);
      return {
        cell: o.cell, output: o.output, mimes: Object.keys(o.data), shownAs: o.node ? o.node.dataset.mimeType || null : null,
        visible: pics.some(shown), text: o.node ? o.node.innerText.slice(0, 80) : null,
      };
    }),

    // Run > Run All Cells. The saved execution counts (1, 2, 3, ...) are what a fresh kernel gives
    // too, so the outputs are cleared first (as a run replaces them anyway): a count then means
    // the cell ran in this kernel.
    runAll: async () => {
      await app().commands.execute("notebook:clear-all-cell-outputs", { semanticWidget: panel().id });
      if (!codeCells().every(({ cell }) => cell.model.executionCount === null)) throw new Error("outputs not cleared");
      app().commands.execute("notebook:run-all-cells", { semanticWidget: panel().id });
      return true;
    },

    // The kernel is idle, no cell waits ([*]), and every code cell has run (an execution count)
    // or an error stopped the run (JupyterLab then skips the cells after it).
    finished: () => {
      const p = panel();
      const kernel = p.sessionContext.session && p.sessionContext.session.kernel;
      if (kernel && ["dead", "autorestarting", "restarting"].includes(kernel.status)) return true;  // it will not finish
      if (!kernel || kernel.status !== "idle") return false;
      const cells = codeCells();
      if (cells.some(({ cell }) => cell.promptNode && cell.promptNode.textContent.includes("*"))) return false;
      return cells.every(({ cell }) => cell.model.executionCount !== null)
        || outputs().some((o) => o.type === "error");
    },

    progress: () => {
      const cells = codeCells();
      const p = panel();
      const kernel = p.sessionContext.session && p.sessionContext.session.kernel;
      return { kernel: kernel ? kernel.status : null, cells: cells.length,
               run: cells.filter(({ cell }) => cell.model.executionCount !== null).length };
    },

    errors: () => {
      const found = [];
      for (const o of outputs()) {
        const dom = o.node && (o.node.matches(`[data-mime-type="${ERROR_MIME}"]`)
          || o.node.querySelector(`[data-mime-type="${ERROR_MIME}"]`));
        if (o.type === "error" || dom) {
          const raw = o.model.toJSON();
          found.push({ cell: o.cell, output: o.output, ename: raw.ename || null, evalue: raw.evalue || null,
                       text: o.node ? o.node.innerText.slice(0, 300) : null });
        }
      }
      return found;
    },

    stderr: () => outputs().filter((o) => o.node && o.node.dataset.mimeType === "application/vnd.jupyter.stderr")
      .map((o) => ({ cell: o.cell, text: o.node.innerText.slice(0, 200) })),

    // Every picture shown, with its width against its output area and its text.
    pictures: () => {
      const list = [];
      for (const o of outputs()) for (const el of pictureElements(o.node)) if (shown(el)) list.push(describePicture(el, o));
      return list;
    },

    // The notebook scrolls sideways.
    notebookScrollsSideways: () => {
      const els = [panel().content.node, ...panel().content.node.querySelectorAll(".jp-WindowedPanel-outer, .jp-OutputArea")];
      return els.some((e) => e.scrollWidth > e.clientWidth + 1 && ["auto", "scroll"].includes(getComputedStyle(e).overflowX));
    },

    outputAreaWidth: () => {
      const node = panel().content.node.querySelector(".jp-OutputArea-output");
      return node ? { box: node.getBoundingClientRect().width, content: contentWidth(node) } : null;
    },

    theme: async (name) => {
      await app().commands.execute("apputils:change-theme", { theme: name });
      return true;
    },
    themeName: () => document.body.dataset.jpThemeName || null,

    scrollTo: (cell) => { panel().content.widgets[cell].node.scrollIntoView({ block: "start" }); return true; },

    close: async () => {
      const p = panel();
      if (!p) return true;
      try { await p.sessionContext.shutdown(); } catch (e) { /* already gone */ }
      p.context.model.dirty = false;
      p.dispose();
      opened = null;
      return true;
    },

    // -- the stepper (autograd_lab.widgets.BackwardStepper) ------------------------------------
    // A view of a stepper: an output holding a "Next" button and a Play control (an ipywidgets
    // Play, or a button labelled Play), and a picture that says "step k of n".
    steppers: () => stepperViews().map((v) => ({ cell: v.o.cell, output: v.o.output, play: v.playKind })),

    stepperState: (i) => {
      const v = stepperViews()[i];
      const svg = pictureElements(v.o.node).find((e) => e.tagName.toLowerCase() === "svg");
      const text = svg ? [...svg.querySelectorAll("text")].map((t) => t.textContent).join("\n") : null;
      const m = text && text.match(/step (\d+) of (\d+)/);
      const readout = v.o.node.querySelector(".widget-slider .widget-readout");
      return { step: m ? Number(m[1]) : null, of: m ? Number(m[2]) : null,
               slider: readout ? readout.textContent.trim() : null, svgText: text };
    },

    // Click Next on stepper view i; resolves with the milliseconds until its picture changed
    // (null if it did not change within timeoutMs).
    clickNext: (i, timeoutMs) => new Promise((resolve) => {
      const v = stepperViews()[i];
      const before = window.__agl.stepperState(i).svgText;
      let done = false;
      const observer = new MutationObserver(() => {
        if (window.__agl.stepperState(i).svgText !== before) finish(performance.now() - t0);
      });
      const finish = (value) => { if (!done) { done = true; observer.disconnect(); resolve(value); } };
      observer.observe(v.o.node, { subtree: true, childList: true, characterData: true, attributes: true });
      setTimeout(() => finish(null), timeoutMs);
      const t0 = performance.now();
      v.next.click();
    }),

    clickPrev: (i) => { stepperViews()[i].prev.click(); return true; },
    clickPlay: (i) => { stepperViews()[i].play.click(); return true; },
  };

  function buttonNamed(node, names) {
    return [...node.querySelectorAll("button")].find((b) => names.includes(b.textContent.trim()));
  }

  function stepperViews() {
    const views = [];
    for (const o of outputs()) {
      if (!o.node) continue;
      const next = buttonNamed(o.node, ["Next"]);
      if (!next) continue;
      const widgetPlay = o.node.querySelector(".widget-play");
      const play = widgetPlay ? widgetPlay.querySelector("button") : buttonNamed(o.node, ["Play", "Pause"]);
      if (!play) continue;
      views.push({ o, next, prev: buttonNamed(o.node, ["Prev"]), play,
                   playKind: widgetPlay ? "ipywidgets.Play" : "button" });
    }
    return views;
  }
})();
