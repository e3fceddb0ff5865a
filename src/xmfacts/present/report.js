/* xmfacts report: a tap pins a figure's card open (phones have no hover), Escape closes it,
   and a card is kept inside the window. Everything works without this script too: cards
   open on hover and on keyboard focus by CSS alone. ASCII only. */
(function () {
  "use strict";
  var marks = Array.prototype.slice.call(document.querySelectorAll(".fig[data-verdict]"));

  function fit(mark) {
    var card = mark.querySelector(".card");
    if (!card) { return; }
    if (window.matchMedia("(max-width: 40em)").matches) {
      /* a phone: the card is a sheet along the bottom; keep the tapped figure above it */
      var sheet = card.getBoundingClientRect(), figure = mark.getBoundingClientRect();
      if (sheet.height && figure.bottom > sheet.top - 8) { window.scrollBy(0, figure.bottom - sheet.top + 24); }
      return;
    }
    card.style.left = "0px";
    var box = card.getBoundingClientRect();
    var room = document.documentElement.clientWidth - 8;
    if (box.right > room) { card.style.left = Math.round(room - box.right) + "px"; }
    box = card.getBoundingClientRect();
    if (box.left < 8) { card.style.left = Math.round(parseFloat(card.style.left) + 8 - box.left) + "px"; }
  }

  function close(except) {
    marks.forEach(function (m) { if (m !== except) { m.classList.remove("open"); } });
  }

  marks.forEach(function (mark) {
    mark.addEventListener("click", function (event) {
      if (event.target.closest && event.target.closest("a")) { return; } /* a link in the card */
      var opening = !mark.classList.contains("open");
      close(mark);
      mark.classList.toggle("open", opening);
      if (opening) { fit(mark); } else { mark.blur(); }
    });
    mark.addEventListener("keydown", function (event) {
      if (event.key === "Enter" || event.key === " ") { event.preventDefault(); mark.click(); }
    });
    mark.addEventListener("mouseenter", function () { fit(mark); });
    mark.addEventListener("focus", function () { fit(mark); });
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape") { close(null); if (document.activeElement) { document.activeElement.blur(); } }
  });
  document.addEventListener("click", function (event) {
    if (!(event.target.closest && event.target.closest(".fig"))) { close(null); }
  });
  if (location.hash && /^#f[0-9]+$/.test(location.hash)) {
    var target = document.getElementById(location.hash.slice(1));
    if (target) { fit(target); }
  }

  /* ?open=f3 opens that figure's card without scrolling to it: a screenshot of the top of
     the page with one record showing. */
  var open = /[?&]open=(f[0-9]+)/.exec(location.search);
  if (open && document.getElementById(open[1])) { document.getElementById(open[1]).click(); }

  /* ?selftest: measure the laid-out page and write the result into it, for the browser test
     (chromium --dump-dom) to read. Nothing here runs for a reader. */
  if (!/[?&]selftest\b/.test(location.search)) { return; }
  function rects(el) {
    return Array.prototype.slice.call(el.getClientRects()).filter(function (r) { return r.width > 0 && r.height > 0; });
  }
  function cross(a, b) {
    return a.left < b.right - 0.5 && b.left < a.right - 0.5 && a.top < b.bottom - 0.5 && b.top < a.bottom - 0.5;
  }
  var width = document.documentElement.clientWidth;
  var report = { width: width, scrollWidth: document.documentElement.scrollWidth, marks: marks.length,
                 hidden: [], offscreen: [], overlaps: [], opened: [], focused: null };
  var boxes = marks.map(function (m) {
    var text = m.querySelector(".fig-t");
    var style = getComputedStyle(text);
    var found = rects(text);
    if (!found.length || style.visibility === "hidden" || style.opacity === "0") { report.hidden.push(m.id); }
    found.forEach(function (r) { if (r.left < 0 || r.right > width + 0.5) { report.offscreen.push(m.id); } });
    return rects(m);
  });
  for (var i = 0; i < boxes.length; i++) {
    for (var j = i + 1; j < boxes.length; j++) {
      var hit = boxes[i].some(function (a) { return boxes[j].some(function (b) { return cross(a, b); }); });
      if (hit) { report.overlaps.push([marks[i].id, marks[j].id]); }
    }
  }
  marks.forEach(function (m) {
    m.click();
    var card = m.querySelector(".card");
    var box = card.getBoundingClientRect();
    var fact = m.getAttribute("data-fact");
    report.opened.push({ id: m.id, verdict: m.getAttribute("data-verdict"), fact: fact,
      shown: getComputedStyle(card).display !== "none" && box.width > 0 && box.height > 0,
      inside: box.left >= -0.5 && box.right <= width + 0.5,
      record: fact ? card.textContent.indexOf(fact) >= 0 && card.textContent.indexOf("Citation") >= 0
                   : card.textContent.indexOf("Why no fact") >= 0 });
    m.click();
  });
  var first = marks[0];
  if (first) {
    first.focus();
    report.focused = getComputedStyle(first.querySelector(".card")).display !== "none";
    first.blur();
  }
  var out = document.createElement("pre");
  out.id = "selftest-result";
  out.textContent = JSON.stringify(report);
  document.body.appendChild(out);
}());
