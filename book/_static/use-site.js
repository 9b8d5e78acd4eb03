/* Union State Explained: what the static site does in the browser, with no kernel and no network.

   1. Charts (pages that have them): load the plotly bundle after the first paint and draw
      the figures noted by use-charts-queue.js, those on the first screen at once and the rest as
      they come near the viewport (all of them before printing); remove every toolbar button that would upload data or
      open an online editor; offer each plotly menu as an HTML <select> (keyboard and screen
      reader friendly) instead of plotly's SVG menu; give phones a narrow layout.
   2. Explorers: the static table of each explorer gets a text filter and a select per short
      column, with a live count and a clear message when nothing matches.
   3. Scrolling regions (wide code, tables) become keyboard-focusable.
*/
(function () {
  "use strict";

  /* ---------------------------------------------------------------- charts */

  // Toolbar buttons that send a chart away from the machine; never shown. (plotly.js 4 has only
  // "Share chart"; older ones also had "Edit in Chart Studio".)
  var SENDING_BUTTONS = ["sendDataToCloud", "editInChartStudio"];
  var PHONE_WIDTH = 640; // px of chart width below which a figure gets the narrow layout

  function safeConfig(config) {
    var safe = Object.assign({}, config || {});
    safe.showSendToCloud = false;
    safe.plotlyServerURL = "";
    safe.modeBarButtonsToRemove = (safe.modeBarButtonsToRemove || []).concat(SENDING_BUTTONS);
    return safe;
  }

  function copy(value) {
    return JSON.parse(JSON.stringify(value));
  }

  // Break text into lines of at most `width` characters, at spaces, keeping existing <br>s.
  function wrap(text, width) {
    return String(text).split(/<br\s*\/?>/i).map(function (line) {
      var plain = line.replace(/<[^>]+>/g, "");
      if (plain.length <= width) return line;
      var words = line.split(" ");
      var lines = [];
      var current = "";
      words.forEach(function (word) {
        var candidate = current ? current + " " + word : word;
        if (candidate.replace(/<[^>]+>/g, "").length > width && current) {
          lines.push(current);
          current = word;
        } else {
          current = candidate;
        }
      });
      if (current) lines.push(current);
      return lines.join("<br>");
    }).join("<br>");
  }

  function lineCount(text) {
    return String(text).split(/<br\s*\/?>/i).length;
  }

  // Characters of text at `size` px that fit in `width` px (average glyph ~0.55 em).
  function fits(width, size) {
    return Math.max(16, Math.floor(width / (size * 0.56)));
  }

  // The phone variants. Charts are designed for at least PHONE_WIDTH px: at that width their
  // labels, legends and annotations do not collide. On a narrower screen a chart first reflows to
  // the screen's width: small side margins that grow to fit the axis labels, the short category
  // labels its figure offers (layout.meta.phone.ticktext, from the project's vocabulary), legend
  // above the plot. If a label is then cut off or collides (labelProblems), or the figure asks
  // for it (layout.meta.phone.frame, as maps do, whose labels need the room), the chart keeps
  // PHONE_WIDTH in a frame that scrolls sideways instead (the page itself never does). Either
  // way its title and source line wrap to the width of the screen, so both read without scrolling.
  // The "Source: ..." line utils.figures puts below every chart.
  function isSourceLine(note) {
    return note.xref === "paper" && note.yref === "paper" && /^Source:/.test(String(note.text));
  }

  // Grow the figure by `px` at its top or bottom margin, its plot keeping its size: adds the
  // change to a Plotly.relayout `update`, and sizes the div to match.
  function growFigure(gd, update, side, px) {
    update["margin." + side] = ((gd.layout.margin || {})[side] || 80) + px;
    if (gd.layout.height) {
      update.height = gd.layout.height + px;
      gd.style.height = update.height + "px";
    }
    return update;
  }

  function phoneHints(layout) {
    return (layout.meta && layout.meta.phone) || {};
  }

  function phoneLayout(layout, visibleWidth, data, reflow) {
    var narrow = copy(layout);
    var margin = Object.assign({ t: 80, b: 130, l: 30, r: 30 }, narrow.margin || {});
    if (reflow) {
      margin.l = 8;
      margin.r = 16;
      var ticktext = phoneHints(layout).ticktext || {};
      Object.keys(narrow).filter(function (key) { return /^[xy]axis\d*$/.test(key); }).forEach(function (axis) {
        narrow[axis] = Object.assign({}, narrow[axis], { automargin: true });
        var short = ticktext[axis];
        if (short) {
          narrow[axis].tickvals = Object.keys(short);
          narrow[axis].ticktext = Object.keys(short).map(function (value) { return short[value]; });
        }
      });
    }
    var before = { t: margin.t, b: margin.b };
    if (narrow.title && narrow.title.text) {
      var size = 17;
      var title = wrap(narrow.title.text, fits(visibleWidth - 24, size));
      narrow.title = Object.assign({}, narrow.title, {
        text: title, font: Object.assign({}, narrow.title.font || {}, { size: size }),
        x: 0, xanchor: "left", xref: "container", yanchor: "top", yref: "container",
        pad: { l: 12 },
      });
      margin.t += 22 * (lineCount(title) - 1);
    }
    (narrow.annotations || []).forEach(function (note) {
      if (isSourceLine(note)) {
        note.text = wrap(note.text, fits(visibleWidth - 40, (note.font || {}).size || 12));
        var extra = lineCount(note.text) - 1;
        margin.b += 16 * extra;
      }
    });
    // A legend inside the plot covers data labels on a small chart, and one above the plot grows
    // upwards into the title as its entries wrap: put it above the plot with room reserved. A
    // reflowed chart has no room beside or below its plot either, so its legend always goes above.
    var legend = narrow.legend || {};
    var inside = legend.x !== undefined && legend.x >= 0 && legend.x <= 1 && legend.y !== undefined && legend.y >= 0 && legend.y <= 1;
    var above = legend.y !== undefined && legend.y >= 1;
    var entries = data.filter(function (trace) { return trace.showlegend !== false && trace.name; });
    var shown = narrow.showlegend === true || (narrow.showlegend !== false && entries.length > 1);
    if (shown && (inside || above || reflow)) {
      narrow.legend = Object.assign({}, legend, { orientation: "h", x: 0, xanchor: "left", yanchor: "bottom",
        y: above ? legend.y : 1.02 });
      var rowWidth = (reflow ? visibleWidth : PHONE_WIDTH) - margin.l - margin.r;
      var used = 0;
      var rowLines = 1;
      var height = 0;
      entries.forEach(function (trace) {
        var lines = String(trace.name).split(/<br\s*\/?>/i);
        var longest = Math.max.apply(null, lines.map(function (line) { return line.replace(/<[^>]+>/g, "").length; }));
        var item = 46 + 7 * longest;
        if (used && used + item > rowWidth) { height += 4 + 18 * rowLines; used = 0; rowLines = 1; }
        used += item;
        rowLines = Math.max(rowLines, lines.length);
      });
      height += 4 + 18 * rowLines;
      margin.t += height + (above ? 0 : 10);
    }
    if (reflow) {
      (phoneHints(layout).hide_titles || []).forEach(function (axis) {
        if (narrow[axis]) narrow[axis].title = { text: "" };
      });
      Object.keys(narrow).filter(function (key) { return /^xaxis\d*$/.test(key); }).forEach(function (axis) {
        var title = narrow[axis].title;
        if (title && title.text) {
          // Centred on a plot at least MIN_PLOT_SHARE of the figure wide (labelProblems), within
          // that share of the width, wherever the plot sits.
          narrow[axis].title = Object.assign({}, title, { text: wrap(title.text, fits(visibleWidth * MIN_PLOT_SHARE - 10, 14)) });
          margin.b += 18 * (lineCount(narrow[axis].title.text) - 1);
        }
      });
      margin.t += 28; // the toolbar spans a phone's width: the title goes below it
      // A value label that no longer fits its bar is hidden rather than shrunk past reading; the
      // value stays in the hover text and the table beside the chart.
      if (!narrow.uniformtext) narrow.uniformtext = { mode: "hide", minsize: 10 };
    }
    narrow.margin = margin;
    if (narrow.height) narrow.height += margin.t - before.t + margin.b - before.b;
    // plotly sets a wrapped title's first line higher than its anchor says: leave 20 px above it
    // (48 px on a reflowed chart, below the toolbar).
    if (narrow.title && narrow.title.text) narrow.title.y = 1 - (reflow ? 48 : 20) / (narrow.height || 450);
    return narrow;
  }

  // Text drawn on the chart background (value labels, notes) in a pale series colour gets darkened
  // just enough for 4.5:1 contrast (WCAG AA); the series keeps its colour for lines and markers.
  // Text inside bars is left alone: it sits on the bar, not on the background.
  function parseColour(colour) {
    var hex = /^#([0-9a-f]{6})$/i.exec(String(colour || "").trim());
    if (hex) return [0, 2, 4].map(function (i) { return parseInt(hex[1].substr(i, 2), 16); });
    var rgb = /^rgba?\(\s*(\d+)\s*,\s*(\d+)\s*,\s*(\d+)/i.exec(String(colour || ""));
    return rgb ? [Number(rgb[1]), Number(rgb[2]), Number(rgb[3])] : null;
  }
  function luminance(rgb) {
    var c = rgb.map(function (v) { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); });
    return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
  }
  function contrast(a, b) {
    var la = luminance(a), lb = luminance(b);
    return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
  }
  function readable(colour, background) {
    var rgb = parseColour(colour);
    if (!rgb) return colour;
    var steps = 0;
    while (contrast(rgb, background) < 4.5 && steps < 40) {
      rgb = rgb.map(function (v) { return Math.floor(v * 0.93); });
      steps += 1;
    }
    return steps ? "rgb(" + rgb.join(",") + ")" : colour;
  }
  function readableTexts(data, layout) {
    var background = parseColour(layout.plot_bgcolor) || [255, 255, 255];
    data.forEach(function (trace) {
      var insideBar = trace.type === "bar" && trace.textposition !== "outside";
      if (insideBar || !trace.textfont || !trace.textfont.color) return;
      var c = trace.textfont.color;
      trace.textfont.color = Array.isArray(c) ? c.map(function (x) { return readable(x, background); }) : readable(c, background);
    });
    (layout.annotations || []).forEach(function (note) {
      if (note.font && note.font.color) {
        note.font.color = readable(note.font.color, parseColour(note.bgcolor) || background);
      }
    });
  }

  // A phone's source line starts at the figure's left edge, not the plot's (the y labels can
  // take half the width), so it reads without scrolling sideways; and it sits at the bottom edge,
  // so the lines wrapping added grow upwards into the room made for them.
  function sourceLineToLeftEdge(gd) {
    var size = gd._fullLayout && gd._fullLayout._size;
    if (!size) return Promise.resolve();
    var update = {};
    (gd.layout.annotations || []).forEach(function (note, i) {
      if (isSourceLine(note)) {
        update["annotations[" + i + "].x"] = (10 - size.l) / size.w;
        update["annotations[" + i + "].xanchor"] = "left";
        update["annotations[" + i + "].align"] = "left";
        update["annotations[" + i + "].y"] = (6 - size.b) / size.h;
        update["annotations[" + i + "].yanchor"] = "bottom";
      }
    });
    return Object.keys(update).length ? window.Plotly.relayout(gd, update) : Promise.resolve();
  }

  // Text placed by data (a value label beside a bar) can run past the right edge of a narrow
  // chart; widen the drawing until it fits (the frame scrolls sideways anyway).
  function widenToFit(gd, tries) {
    var right = gd.getBoundingClientRect().right;
    var over = 0;
    gd.querySelectorAll(".annotation-text-g, .textpoint, .legendtext").forEach(function (el) {
      over = Math.max(over, el.getBoundingClientRect().right - right);
    });
    if (over <= 1 || tries <= 0) return Promise.resolve();
    gd.style.width = Math.ceil(gd.getBoundingClientRect().width + over + 16) + "px";
    return window.Plotly.Plots.resize(gd).then(function () { return widenToFit(gd, tries - 1); });
  }

  function menuName(menu, index) {
    var name = String(menu.name || "").replace(/[-_]+/g, " ").replace(/\s*filter$/i, "").trim();
    if (!name) return "Menu " + (index + 1);
    return name.charAt(0).toUpperCase() + name.slice(1);
  }

  // An HTML <select> for each plotly menu; plotly's own SVG menu is hidden (it has no keyboard
  // access and collides with the title on a phone).
  function addMenuControls(gd, layout) {
    var menus = layout.updatemenus || [];
    if (!menus.length) return layout;
    var figure = gd.closest("figure") || gd.parentNode;
    var box = document.createElement("div");
    box.className = "use-chart-controls";
    box.setAttribute("role", "group");
    box.setAttribute("aria-label", "Chart controls");
    var status = document.createElement("p");
    status.className = "use-chart-status";
    status.setAttribute("aria-live", "polite");
    menus.forEach(function (menu, m) {
      var id = gd.id + "-menu-" + m;
      var label = document.createElement("label");
      label.htmlFor = id;
      label.textContent = menuName(menu, m);
      var select = document.createElement("select");
      select.id = id;
      (menu.buttons || []).forEach(function (button, b) {
        select.add(new Option(button.label, String(b)));
      });
      select.value = String(menu.active || 0);
      select.addEventListener("change", function () {
        var button = menu.buttons[Number(select.value)];
        window.Plotly[button.method].apply(null, [gd].concat(copy(button.args)));
        status.textContent = "Chart shows: " + button.label + ".";
      });
      var item = document.createElement("span");
      item.className = "use-chart-control";
      item.appendChild(label);
      item.appendChild(select);
      box.appendChild(item);
    });
    box.appendChild(status);
    figure.insertBefore(box, figure.firstChild);
    var hidden = copy(layout);
    hidden.updatemenus = menus.map(function (menu) { return Object.assign({}, menu, { visible: false }); });
    hidden.margin = Object.assign({}, hidden.margin || {});
    if (hidden.margin.t) hidden.margin.t = Math.max(80, hidden.margin.t - 50);
    return hidden;
  }

  // The figure's accessible name and caption carry its description. The drawing itself is hidden
  // from assistive technology (its SVG text is a jumble out of context), and its wrapper is no
  // longer role="img", which may not contain the toolbar's buttons.
  function settleAccessibility(gd) {
    var wrapper = gd.closest('[role="img"]');
    if (wrapper) {
      wrapper.removeAttribute("role");
      wrapper.removeAttribute("aria-label");
    }
    gd.querySelectorAll("svg.main-svg").forEach(function (svg) {
      svg.setAttribute("aria-hidden", "true");
      svg.setAttribute("focusable", "false");
    });
  }

  // On A4 (182 mm of text width, about 680 CSS px) a chart drawn wider is scaled down to fit
  // whole; print.css applies the factor.
  var PRINT_WIDTH = 680;
  function setPrintZoom(gd) {
    var width = gd.getBoundingClientRect().width;
    gd.style.setProperty("--use-print-zoom", String(width > PRINT_WIDTH ? PRINT_WIDTH / width : 1));
  }

  // A narrow chart keeps its design width inside a frame that scrolls sideways and takes focus.
  function setNarrow(gd, narrow) {
    var frame = gd.closest(".use-chart-frame") || gd.parentNode;
    frame.classList.add("use-chart-frame");
    frame.style.height = "auto"; // plotly's wrapper fixes the wide layout's height; the chart sets its own
    gd.classList.toggle("use-chart-narrow", narrow);
    gd.style.width = narrow ? PHONE_WIDTH + "px" : "";
    if (narrow) {
      frame.setAttribute("tabindex", "0");
      frame.setAttribute("role", "region");
      // Numbered: regions on one page need names of their own (axe: landmark-unique).
      var number = Array.prototype.indexOf.call(document.querySelectorAll("div.plotly-graph-div"), gd) + 1;
      frame.setAttribute("aria-label", "Chart " + number + ", scrolls sideways");
    } else {
      frame.removeAttribute("tabindex");
      frame.removeAttribute("role");
      frame.removeAttribute("aria-label");
    }
  }

  // Where the chart's text is cut off at the figure's edge or two labels of different kinds
  // overlap (ticks of one axis and legend entries are spaced by plotly itself): the same check
  // as the site's phone test (tests/test_site_quality.py, label_problems).
  var LABEL_GROUPS = {
    title: ".gtitle", xtitle: ".g-xtitle, .g-x2title", ytitle: ".g-ytitle, .g-y2title",
    xticks: ".xtick text", yticks: ".ytick text", legend: ".legendtext", annotations: ".annotation-text-g",
  };
  // 40 %: on a 390 px phone a plot of 156 px still reads (a dot per row, three year ticks); at
  // 30 % the bars of a labelled bar chart are stubs.
  var MIN_PLOT_SHARE = 0.4;
  function labelProblems(gd) {
    var figure = gd.getBoundingClientRect();
    var labels = [];
    Object.keys(LABEL_GROUPS).forEach(function (group) {
      gd.querySelectorAll(LABEL_GROUPS[group]).forEach(function (el) {
        var box = el.getBoundingClientRect();
        if (box.width > 0.5 && box.height > 0.5 && (el.textContent || "").trim()) labels.push({ group: group, box: box });
      });
    });
    var problems = 0;
    // A reflowed chart must also keep its data labels (values beside bars) whole, and leave its
    // plot at least MIN_PLOT_SHARE of the figure's width.
    gd.querySelectorAll(".textpoint").forEach(function (el) {
      var box = el.getBoundingClientRect();
      if (box.width > 0.5 && (box.left < figure.left - 1 || box.right > figure.right + 1)) problems += 1;
    });
    var size = gd._fullLayout && gd._fullLayout._size;
    if (size && size.w < figure.width * MIN_PLOT_SHARE) problems += 1;
    labels.forEach(function (a, i) {
      var box = a.box;
      if (box.left < figure.left - 1 || box.right > figure.right + 1 || box.top < figure.top - 1 || box.bottom > figure.bottom + 1) problems += 1;
      labels.slice(i + 1).forEach(function (b) {
        if (a.group === b.group && /ticks|legend/.test(a.group)) return;
        var x = Math.min(box.right, b.box.right) - Math.max(box.left, b.box.left);
        var y = Math.min(box.bottom, b.box.bottom) - Math.max(box.top, b.box.top);
        if (x > 2 && y > 2) problems += 1;
      });
    });
    return problems;
  }

  // Labels of dated marks above the plot ("Invasion", "Border crisis") sit side by side on a wide
  // chart; on a narrow one they can overlap. Each that overlaps one already placed moves up a
  // line until it is clear, and the figure grows by the lines added.
  function stackNotesAbovePlot(gd) {
    var placed = [];
    var update = {};
    var lift = 0;
    (gd.layout.annotations || []).forEach(function (note, i) {
      if (note.yref !== "paper" || !(note.y >= 1)) return;
      var drawn = gd.querySelector('.annotation[data-index="' + i + '"]');
      if (!drawn) return;
      var box = drawn.getBoundingClientRect();
      var shift = 0;
      var clashes = function () {
        return placed.some(function (p) {
          return p.left < box.right + 3 && box.left < p.right + 3 && p.top < box.bottom - shift && box.top - shift < p.bottom;
        });
      };
      while (clashes() && shift < 6 * 16) shift += 16;
      placed.push({ left: box.left, right: box.right, top: box.top - shift, bottom: box.bottom - shift });
      if (shift) {
        update["annotations[" + i + "].yshift"] = (note.yshift || 0) + shift;
        lift = Math.max(lift, shift);
      }
    });
    // A legend above the plot goes above the marks' labels, not among them.
    var size = gd._fullLayout && gd._fullLayout._size;
    var legend = gd.layout.legend || {};
    var grow = lift;
    if (placed.length && size && legend.y >= 1 && gd.layout.showlegend !== false && gd.querySelector(".legend")) {
      var plotTop = gd.getBoundingClientRect().top + size.t;
      var notes = plotTop - Math.min.apply(null, placed.map(function (p) { return p.top; })) + 6;
      update["legend.y"] = 1 + notes / size.h;
      grow = Math.max(grow, notes);
    }
    if (!grow) return Promise.resolve();
    return window.Plotly.relayout(gd, growFigure(gd, update, "t", grow));
  }

  function availableWidth(gd) {
    var frame = gd.closest(".use-chart-frame") || gd.parentNode;
    return (frame && frame.clientWidth) || gd.clientWidth || 800;
  }

  // The source line is wrapped for a wide screen (utils.figures); on a tablet, where it can run
  // past the figure's right edge, it re-wraps to the room it has, with room made below.
  function sourceLineWithin(gd) {
    var right = gd.getBoundingClientRect().right;
    var update = {};
    var extra = 0;
    (gd.layout.annotations || []).forEach(function (note, i) {
      if (!isSourceLine(note)) return;
      var drawn = gd.querySelector('.annotation[data-index="' + i + '"]');
      var box = drawn && drawn.getBoundingClientRect();
      if (!box || box.right <= right - 2) return;
      var text = wrap(String(note.text).replace(/<br\s*\/?>/gi, " "), fits(right - box.left - 16, (note.font || {}).size || 12));
      extra += lineCount(text) - lineCount(note.text);
      update["annotations[" + i + "].text"] = text;
    });
    if (!Object.keys(update).length) return roomBelow(gd);
    if (extra > 0) growFigure(gd, update, "b", 16 * extra);
    return window.Plotly.relayout(gd, update).then(function () { return roomBelow(gd); });
  }

  // A legend that wraps to more rows than on a wide screen pushes the source line below the
  // figure's bottom edge: grow the figure and its bottom margin together (the plot keeps its size).
  function roomBelow(gd) {
    var bottom = gd.getBoundingClientRect().bottom;
    var over = 0;
    gd.querySelectorAll(".annotation").forEach(function (el) {
      over = Math.max(over, el.getBoundingClientRect().bottom - bottom);
    });
    if (over <= 1 || !gd.layout.height) return Promise.resolve();
    return window.Plotly.relayout(gd, growFigure(gd, {}, "b", Math.ceil(over) + 8));
  }

  function sizeFor(gd, layout) {
    if (layout.height) gd.style.height = layout.height + "px"; // the div was sized for the wide layout
  }

  // Draw (or redraw) the chart for the width it has now; `state.mode` records the variant drawn:
  // "wide", "reflow" or "frame".
  function fitChart(gd, data, wide, config, state) {
    var plot = window.Plotly.newPlot; // a redraw from scratch also takes the new size
    var width = availableWidth(gd);
    function framed() {
      state.mode = "frame";
      setNarrow(gd, true);
      var layout = phoneLayout(wide, width, data, false);
      sizeFor(gd, layout);
      return plot(gd, data, layout, config)
        .then(function () { return widenToFit(gd, 3); })
        .then(function () { return sourceLineToLeftEdge(gd); });
    }
    if (width >= PHONE_WIDTH) {
      state.mode = "wide";
      setNarrow(gd, false);
      var layout = copy(wide);
      sizeFor(gd, layout);
      return plot(gd, data, layout, config).then(function () { return sourceLineWithin(gd); });
    }
    if (phoneHints(wide).frame) return framed();
    state.mode = "reflow";
    setNarrow(gd, false);
    var phoneData = copy(data); // legend entries wrap to the screen
    phoneData.forEach(function (trace) { if (trace.name) trace.name = wrap(trace.name, fits(width - 70, 12)); });
    var reflowed = phoneLayout(wide, width, phoneData, true);
    sizeFor(gd, reflowed);
    // plotly can also refuse a layout that leaves no room for the plot: that falls back too.
    return Promise.resolve()
      .then(function () { return plot(gd, phoneData, reflowed, config); })
      .then(function () { return sourceLineToLeftEdge(gd); })
      .then(function () { return stackNotesAbovePlot(gd); })
      .then(function () { return labelProblems(gd); }, function () { return 1; })
      .then(function (problems) { return problems ? framed() : null; });
  }

  function drawChart(call) {
    var gd = typeof call[0] === "string" ? document.getElementById(call[0]) : call[0];
    if (!gd) return Promise.resolve();
    var data = copy(call[1]);
    var wide = addMenuControls(gd, call[2] || {});
    readableTexts(data, wide);
    var config = safeConfig(call[3]);
    var state = { mode: null };
    function settle() {
      settleAccessibility(gd);
      setPrintZoom(gd);
      gd.setAttribute("data-use-drawn", state.mode);
    }
    return fitChart(gd, data, wide, config, state).then(function () {
      settle();
      // Switch variants when the chart crosses the phone width (rotating a tablet, resizing).
      var lastWidth = availableWidth(gd);
      window.addEventListener("resize", function () {
        var width = availableWidth(gd);
        var crossed = (width < PHONE_WIDTH) !== (lastWidth < PHONE_WIDTH);
        if (!crossed && (state.mode !== "reflow" || Math.abs(width - lastWidth) < 24)) return;
        lastWidth = width;
        fitChart(gd, data, wide, config, state).then(settle);
      });
    });
  }

  // Charts are drawn lazily. Those on the screen draw at once; those within NEAR_VIEWPORT of it
  // (one and a half screens above and below) draw one at a time when the browser is idle, after
  // the visible ones, so they never hold up what the reader is looking at; the rest wait until
  // they come near. Printing draws every chart first (beforeprint, and the print media query for
  // browsers and tools that only switch media); window.useDrawAllCharts() does the same for tests
  // and the benchmark's "every chart" figure.
  var NEAR_VIEWPORT = "150% 0px 150% 0px";
  var pending = []; // [call, gd] not drawn yet
  var observers = [];
  var drawing = Promise.resolve(); // the visible charts being drawn
  var near = []; // charts near the screen, waiting for an idle moment
  var idleScheduled = false;

  function whenIdle(callback) {
    if (window.requestIdleCallback) return window.requestIdleCallback(callback, { timeout: 2000 });
    return window.setTimeout(callback, 50);
  }

  // The plotly bundle, loaded once: right after the page's first paint, or sooner if a chart is
  // needed first. The text paints before the 1.2 MB library is fetched and compiled.
  var bundle = null;
  function loadBundle() {
    if (window.Plotly && window.Plotly.version) return Promise.resolve();
    if (!bundle) {
      bundle = new Promise(function (resolve, reject) {
        var script = document.createElement("script");
        script.src = window.useChartBundle;
        script.onload = resolve;
        script.onerror = function () { reject(new Error("could not load " + script.src)); };
        document.head.appendChild(script);
      });
    }
    return bundle;
  }

  // Runs `callback` once the page's text has painted: at once if the browser has reported its
  // first contentful paint, else at whichever comes first of that report (it can lag the paint
  // by a few frames) and the end of the next frame. A page that never paints (a tab opened in the
  // background) goes on after PAINT_WAIT_MS all the same.
  var PAINT_WAIT_MS = 3000;
  function afterFirstPaint(callback) {
    var called = false;
    function once() { if (!called) { called = true; callback(); } }
    if (window.performance && performance.getEntriesByName("first-contentful-paint").length) { once(); return; }
    window.requestAnimationFrame(function () { window.setTimeout(once, 0); });
    window.setTimeout(once, PAINT_WAIT_MS);
    var types = window.PerformanceObserver && PerformanceObserver.supportedEntryTypes;
    if (!types || types.indexOf("paint") < 0) return;
    var observer = new PerformanceObserver(function (list) {
      if (!list.getEntriesByName("first-contentful-paint").length) return;
      observer.disconnect();
      once();
    });
    observer.observe({ type: "paint", buffered: true });
  }

  function drawPending(gd) {
    for (var i = 0; i < pending.length; i += 1) {
      if (pending[i][1] === gd) {
        var call = pending.splice(i, 1)[0][0];
        observers.forEach(function (observer) { observer.unobserve(gd); });
        return loadBundle().then(function () { return drawChart(call); }).catch(function (error) { console.error(error); });
      }
    }
    return Promise.resolve();
  }

  function drawVisible(gd) {
    drawing = Promise.all([drawing, drawPending(gd)]);
    return drawing;
  }

  function drawNearWhenIdle() {
    if (idleScheduled || !near.length) return;
    idleScheduled = true;
    drawing.then(function () {
      whenIdle(function () {
        idleScheduled = false;
        var gd = near.shift();
        if (gd) drawPending(gd).then(drawNearWhenIdle);
      });
    });
  }

  function drawAllCharts() {
    return Promise.all(pending.slice().map(function (item) { return drawPending(item[1]); }));
  }
  window.useDrawAllCharts = drawAllCharts;

  // Calls `callback` for each pending chart that comes within `rootMargin` of the screen, and
  // `afterFirst` once the observer's first report (one entry per chart) has been handled. The
  // observer measures during the browser's own layout, so starting to watch forces none.
  function watch(callback, rootMargin, afterFirst) {
    var reported = false;
    var observer = new IntersectionObserver(function (entries) {
      entries.forEach(function (entry) { if (entry.isIntersecting) callback(entry.target); });
      if (!reported && afterFirst) afterFirst();
      reported = true;
    }, { rootMargin: rootMargin });
    pending.forEach(function (item) { observer.observe(item[1]); });
    observers.push(observer);
  }

  function drawQueuedCharts() {
    var queue = window.useChartQueue;
    if (!queue || !queue.length || !window.useChartBundle) return Promise.resolve();
    window.useChartQueue = null;
    // Fetch the bundle as soon as the text has painted (this script runs once the page is parsed,
    // usually after its first paint): a chart scrolled to (or printed) soon after finds the
    // library ready.
    afterFirstPaint(function () { loadBundle().catch(function (error) { console.error(error); }); });
    queue.forEach(function (call) {
      var gd = typeof call[0] === "string" ? document.getElementById(call[0]) : call[0];
      if (gd) pending.push([call, gd]);
    });
    window.addEventListener("beforeprint", drawAllCharts);
    if (window.matchMedia) {
      var print = window.matchMedia("print");
      var onPrint = function (event) { if (event.matches) drawAllCharts(); };
      if (print.addEventListener) print.addEventListener("change", onPrint); else if (print.addListener) print.addListener(onPrint);
    }
    if (!("IntersectionObserver" in window) || !pending.length) return drawAllCharts();
    var firstScreen = new Promise(function (resolve) {
      watch(drawVisible, "0px", function () { resolve(drawing); });
    });
    watch(function (gd) {
      if (near.indexOf(gd) < 0) near.push(gd);
      drawNearWhenIdle();
    }, NEAR_VIEWPORT);
    return firstScreen;
  }

  /* ------------------------------------------------------------- explorers */

  var MAX_CHOICES = 14; // a column with at most this many distinct values gets a select

  function cellText(cell) {
    return (cell ? cell.textContent : "").replace(/\s+/g, " ").trim();
  }

  // A filter above `target` (a table, or a list of items) over `rows` (its rows or items).
  // `columns` (header texts) are given for a table: a short column gets a select.
  function addFilter(target, rows, columns, index, noun) {
    var base = "use-filter-" + index;
    target.setAttribute("data-use-filter", base);
    if (!target.id) target.id = base + "-target";

    var form = document.createElement("form");
    form.className = "use-table-filter";
    form.setAttribute("role", "search");
    form.setAttribute("aria-label", "Filter the " + noun);
    form.addEventListener("submit", function (event) { event.preventDefault(); });

    var textLabel = document.createElement("label");
    textLabel.htmlFor = base + "-text";
    textLabel.textContent = "Filter " + noun;
    var text = document.createElement("input");
    text.type = "search";
    text.id = base + "-text";
    text.setAttribute("aria-controls", target.id);
    var item = document.createElement("span");
    item.className = "use-filter-control";
    item.appendChild(textLabel);
    item.appendChild(text);
    form.appendChild(item);

    var selects = [];
    columns.forEach(function (header, column) {
      var values = {};
      rows.forEach(function (row) { values[cellText(row.cells[column])] = true; });
      var distinct = Object.keys(values).filter(Boolean).sort();
      if (distinct.length < 2 || distinct.length > MAX_CHOICES || distinct.length === rows.length) return;
      var label = document.createElement("label");
      label.htmlFor = base + "-col-" + column;
      label.textContent = header || "Column " + (column + 1);
      var select = document.createElement("select");
      select.id = base + "-col-" + column;
      select.setAttribute("aria-controls", target.id);
      select.add(new Option("All", ""));
      distinct.forEach(function (value) { select.add(new Option(value, value)); });
      select.setAttribute("data-use-column", String(column));
      selects.push(select);
      var control = document.createElement("span");
      control.className = "use-filter-control";
      control.appendChild(label);
      control.appendChild(select);
      form.appendChild(control);
    });

    var status = document.createElement("p");
    status.className = "use-filter-status";
    status.setAttribute("role", "status");
    var empty = document.createElement("p");
    empty.className = "use-filter-empty";
    empty.hidden = true;

    function apply() {
      var words = text.value.toLowerCase().split(/\s+/).filter(Boolean);
      var shown = 0;
      rows.forEach(function (row) {
        var whole = cellText(row).toLowerCase();
        var ok = words.every(function (word) { return whole.indexOf(word) !== -1; }) &&
          selects.every(function (select) {
            return !select.value || cellText(row.cells[Number(select.getAttribute("data-use-column"))]) === select.value;
          });
        row.hidden = !ok;
        if (ok) shown += 1;
      });
      status.textContent = "Showing " + shown + " of " + rows.length + " " + noun + ".";
      empty.hidden = shown > 0;
      empty.textContent = shown ? "" : "Nothing matches these filters. Clear the text or choose \u201cAll\u201d to see " + noun + " again.";
    }
    // A table folded in a <details> gets its filter outside the fold; using the filter opens it.
    var fold = target.parentNode.closest("details");
    function applyAndOpen() {
      if (fold) fold.open = true;
      apply();
    }
    text.addEventListener("input", applyAndOpen);
    selects.forEach(function (select) { select.addEventListener("change", applyAndOpen); });
    form.appendChild(status);
    var anchor = fold || target;
    anchor.parentNode.insertBefore(form, anchor);
    target.parentNode.insertBefore(empty, target.nextSibling);
    apply();
  }

  // The filters of one explorer's static version; `n` numbers the filters on the page (their ids),
  // and the next free number is returned.
  function addExplorerFilter(fallback, n) {
    fallback.setAttribute("data-use-explorer", "");
    // Explorers written as folded groups (one <details> per vote): filter the groups.
    // The lesson pages fold long reference content in <details class="use-reference">.
    var root = fallback.querySelector(":scope > details.use-reference") || fallback;
    var groups = root.querySelectorAll(":scope > details");
    if (groups.length >= 3) {
      var wrapper = document.createElement("div");
      wrapper.className = "use-filter-groups";
      groups[0].parentNode.insertBefore(wrapper, groups[0]);
      groups.forEach(function (group) { wrapper.appendChild(group); });
      addFilter(wrapper, Array.prototype.slice.call(groups), [], n, "items");
      return n + 1;
    }
    fallback.querySelectorAll("table").forEach(function (table) {
      var body = table.tBodies[0];
      if (!body || body.rows.length < 3) return;
      var headers = Array.prototype.slice.call(table.querySelectorAll("thead th")).map(cellText);
      addFilter(table, Array.prototype.slice.call(body.rows), headers, n, "rows");
      n += 1;
    });
    // Explorers written as a list of items (the claims), but not the self-check quizzes.
    root.querySelectorAll(":scope > ol:not(.use-quiz), :scope > ul").forEach(function (list) {
      var items = Array.prototype.slice.call(list.children).filter(function (el) { return el.tagName === "LI"; });
      if (items.length < 3) return;
      addFilter(list, items, [], n, "items");
      n += 1;
    });
    return n;
  }

  /* ----------------------------------------------------- scrolling regions */

  // A region that scrolls sideways must be reachable with the keyboard to be scrolled.
  function focusableScrollers() {
    var n = 0;
    document.querySelectorAll("div.highlight pre, .output.text_html, .use-table-scroll, div.body table").forEach(function (el) {
      if (el.scrollWidth > el.clientWidth + 1 && !el.querySelector("a, button, input, select, textarea")) {
        n += 1; // a region's name must be unique on the page
        el.setAttribute("tabindex", "0");
        if (!el.getAttribute("role")) el.setAttribute("role", "region");
        if (!el.getAttribute("aria-label")) {
          el.setAttribute("aria-label", (el.tagName === "PRE" ? "Code" : "Wide content") + " " + n + ", scrolls sideways");
        }
      }
    });
  }

  // The first screen's charts first (they are what the reader waits for), then, when the browser
  // is idle (so a chart scrolled into view meanwhile is not held up), the filters and scrolling
  // regions; body[data-use-ready] tells tests that everything is in place (charts further down
  // draw when scrolled near, or all at once with window.useDrawAllCharts()).
  // Idle work comes in slices (one explorer at a time) that give way when the browser has other
  // work, such as drawing a chart that was just scrolled into view.
  function runWhenIdle(tasks, done) {
    whenIdle(function (deadline) {
      do {
        tasks.shift()();
      } while (tasks.length && deadline && deadline.timeRemaining && deadline.timeRemaining() > 8);
      if (tasks.length) runWhenIdle(tasks, done); else done();
    });
  }

  function start() {
    drawQueuedCharts().catch(function (error) { console.error(error); }).then(function () {
      var filters = 0;
      var tasks = Array.prototype.map.call(document.querySelectorAll(".use-static-fallback"), function (fallback) {
        return function () { filters = addExplorerFilter(fallback, filters); };
      });
      tasks.push(focusableScrollers);
      runWhenIdle(tasks, function () { document.body.setAttribute("data-use-ready", ""); });
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
