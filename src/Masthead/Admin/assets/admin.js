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
