// Progressive enhancement only: every page works without this file.
(function () {
  "use strict";
  var editor = document.getElementById("editor");
  if (!editor) return;

  // Live preview: the body goes through the server's pipeline (the same as the public page), debounced.
  var body = editor.querySelector("textarea[data-preview]");
  var preview = body && document.querySelector(body.getAttribute("data-preview"));
  var timer = null, sequence = 0;
  function refresh() {
    var mine = ++sequence;
    fetch(location.pathname + "?handler=Preview", {
      method: "POST", body: new FormData(editor), credentials: "same-origin"
    }).then(function (r) { return r.ok ? r.text() : null; })
      .then(function (html) { if (html !== null && mine === sequence) preview.innerHTML = html; });
  }
  if (body && preview) {
    body.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(refresh, 250); });
    document.querySelectorAll(".no-js").forEach(function (e) { e.hidden = true; });
  }

  // Autosave: while someone types, what is in the form goes to their own draft slot every few seconds, and once more
  // when they leave. It never touches the article; reopening the editor offers it back.
  var autosaveUrl = editor.getAttribute("data-autosave");
  var dirty = editor.getAttribute("data-unsaved") === "true", submitting = false, saveTimer = null;
  var status = editor.querySelector(".autosave-status");
  function autosave(leaving) {
    saveTimer = null;
    if (!autosaveUrl || !dirty || submitting) return;
    var data = new FormData(editor);
    if (leaving && navigator.sendBeacon) { navigator.sendBeacon(autosaveUrl, data); return; }
    fetch(autosaveUrl, { method: "POST", body: data, credentials: "same-origin" }).then(function (r) {
      if (!r.ok || !status) return;
      status.hidden = false;
      status.textContent = "Unsaved text kept as a draft at " + new Date().toLocaleTimeString() + ". Save to update the article.";
    });
  }
  function typed() {
    dirty = true;
    if (saveTimer === null) saveTimer = setTimeout(autosave, 3000);
  }
  editor.addEventListener("input", typed);
  editor.addEventListener("change", typed);
  editor.addEventListener("submit", function (e) {
    // The note buttons post the editor form to another handler; either way the text travels with it.
    submitting = true;
    clearTimeout(saveTimer);
  });
  window.addEventListener("beforeunload", function (e) {
    if (!dirty || submitting) return;
    autosave(true);
    e.preventDefault();
    e.returnValue = "";
  });
  // Links inside the back office ask first; those that drop the unsaved text on purpose say so (data-leave="discard").
  document.addEventListener("click", function (e) {
    var link = e.target.closest && e.target.closest("a[href]");
    if (!link || !dirty || submitting || link.target === "_blank" || link.getAttribute("href").charAt(0) === "#") return;
    if (link.getAttribute("data-leave") === "discard") { dirty = false; return; }
    if (!window.confirm("You have unsaved changes. Leave this page? They are kept as a draft you can restore.")) { e.preventDefault(); return; }
    autosave(true);
    dirty = false;
  });

  // A refused save: the summary of problems (or the conflict, or the links to confirm) gets the focus, and its links
  // move the focus to the field.
  var first = document.querySelector("[data-focus]");
  if (first) first.focus();
  document.querySelectorAll(".error-summary a[href^='#']").forEach(function (a) {
    a.addEventListener("click", function (e) {
      var field = document.getElementById(a.getAttribute("href").slice(1));
      if (field) { e.preventDefault(); field.focus(); }
    });
  });

  // Media: insert the Markdown at the cursor.
  document.querySelectorAll("button.insert").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () {
      var text = button.getAttribute("data-insert"), start = body.selectionStart, end = body.selectionEnd;
      body.value = body.value.slice(0, start) + text + body.value.slice(end);
      body.focus();
      body.selectionStart = body.selectionEnd = start + text.length;
      body.dispatchEvent(new Event("input"));
    });
  });
})();
