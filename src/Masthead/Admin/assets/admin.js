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

  // Media: the Markdown of a picture or document goes in at the cursor, as a paragraph of its own.
  var insertList = document.querySelector("ul.media-insert");
  function insertAtCursor(text) {
    var start = body.selectionStart, end = body.selectionEnd;
    var before = body.value.slice(0, start), after = body.value.slice(end);
    var lead = before === "" || /\n\n$/.test(before) ? "" : /\n$/.test(before) ? "\n" : "\n\n";
    var tail = after === "" || /^\n\n/.test(after) ? "" : /^\n/.test(after) ? "\n" : "\n\n";
    text = lead + text.replace(/\n+$/, "") + tail;
    body.value = before + text + after;
    body.focus();
    body.selectionStart = body.selectionEnd = start + text.length;
    body.dispatchEvent(new Event("input", { bubbles: true }));
  }
  if (body && insertList) {
    insertList.querySelectorAll("button.insert").forEach(function (button) { button.hidden = false; });
    insertList.addEventListener("click", function (e) {
      var button = e.target.closest("button.insert");
      if (button) insertAtCursor(button.getAttribute("data-insert"));
    });
  }
  function offer(item) {
    if (!insertList) return;
    var li = document.createElement("li"), code = document.createElement("code"), button = document.createElement("button");
    code.textContent = item.markdown;
    button.type = "button";
    button.className = "insert";
    button.textContent = "Insert";
    button.setAttribute("data-insert", item.markdown);
    li.append(code, " ", button);
    insertList.prepend(li);
    var featured = document.getElementById("Form_FeaturedImage");
    if (item.isImage && featured) featured.add(new Option(item.name + " (" + item.width + "×" + item.height + ")", item.url), 1);
  }

  // Drop or paste a file into the body: it is uploaded to the media library (the server sniffs it and applies the site's
  // limit) and its Markdown inserted. A refusal is said beside the body; the text is never touched then.
  var uploadUrl = body && body.getAttribute("data-upload");
  var uploads = document.querySelector(".upload-status");
  var token = editor.querySelector("input[name=__RequestVerificationToken]");
  function upload(file) {
    var row = document.createElement("p"), bar = document.createElement("progress");
    row.className = "upload";
    bar.max = 100;
    bar.value = 0;
    row.append("Uploading " + file.name + " ", bar);
    uploads.append(row);
    function refused(text) {
      row.className = "upload refused";
      row.setAttribute("role", "alert");
      row.textContent = text;
    }
    var data = new FormData();
    data.append("file", file, file.name);
    data.append("__RequestVerificationToken", token.value);
    var request = new XMLHttpRequest();
    request.open("POST", uploadUrl);
    request.upload.addEventListener("progress", function (e) { if (e.lengthComputable) bar.value = Math.round(100 * e.loaded / e.total); });
    request.addEventListener("load", function () {
      var answer = null;
      try { answer = JSON.parse(request.responseText); } catch (ignored) { answer = null; }
      if (request.status === 200 && answer && answer.markdown) {
        row.textContent = "Uploaded " + answer.name + ".";
        insertAtCursor(answer.markdown);
        offer(answer);
      } else {
        refused((answer && answer.error) || "The upload of " + file.name + " was refused (" + request.status + ").");
      }
    });
    request.addEventListener("error", function () { refused("The upload of " + file.name + " failed: the server could not be reached."); });
    request.send(data);
  }
  function files(transfer) { return transfer && transfer.files && transfer.files.length > 0 ? Array.prototype.slice.call(transfer.files) : null; }
  if (uploadUrl && uploads && token) {
    document.querySelectorAll(".upload-hint").forEach(function (e) { e.hidden = false; });
    body.addEventListener("dragover", function (e) {
      if (e.dataTransfer && Array.prototype.indexOf.call(e.dataTransfer.types, "Files") >= 0) { e.preventDefault(); body.classList.add("dropping"); }
    });
    body.addEventListener("dragleave", function () { body.classList.remove("dropping"); });
    body.addEventListener("drop", function (e) {
      var dropped = files(e.dataTransfer);
      body.classList.remove("dropping");
      if (!dropped) return;
      e.preventDefault();
      dropped.forEach(upload);
    });
    body.addEventListener("paste", function (e) {
      var pasted = files(e.clipboardData);
      if (!pasted) return;
      e.preventDefault();
      pasted.forEach(upload);
    });
  }
})();
