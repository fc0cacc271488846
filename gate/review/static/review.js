// Keyboard-first review: every choice has a key, Enter saves the case and moves on.
// Keys are read from data-key attributes the server renders, so the legend and the
// handler cannot drift apart. Typing in the comment box is never taken as a choice.
(function () {
  "use strict";
  var form = document.getElementById("judge");
  if (!form) { return; }
  var byKey = {};
  Array.prototype.forEach.call(document.querySelectorAll("input[data-key]"), function (el) {
    byKey[el.getAttribute("data-key")] = el;
  });
  function go(id) {
    var a = document.getElementById(id);
    if (a) { window.location.href = a.href; }
  }
  function setAllFindings(value) {
    Array.prototype.forEach.call(document.querySelectorAll("input.finding[value='" + value + "']"), function (el) {
      el.checked = true;
    });
  }
  document.addEventListener("keydown", function (ev) {
    if (ev.target && ev.target.tagName === "TEXTAREA") {
      if (ev.key === "Escape") { ev.target.blur(); }
      return;
    }
    if (ev.ctrlKey || ev.metaKey || ev.altKey) { return; }
    var k = ev.key;
    if (k === "Enter") { ev.preventDefault(); form.requestSubmit(); return; }
    if (k === "ArrowRight") { ev.preventDefault(); go("next"); return; }
    if (k === "ArrowLeft") { ev.preventDefault(); go("prev"); return; }
    if (k === "c") { setAllFindings("confirmed"); return; }
    if (k === "v") { setAllFindings("rejected"); return; }
    if (k === "k") { ev.preventDefault(); document.getElementById("comment").focus(); return; }
    var el = byKey[k];
    if (el) { ev.preventDefault(); el.checked = true; el.dispatchEvent(new Event("change")); }
  });
})();
