// Progressive enhancement only: every link works without this file.
document.addEventListener("DOMContentLoaded", () => {
  const native = document.querySelector(".share-native");
  if (native && navigator.share) {
    native.parentElement.hidden = false;
    native.addEventListener("click", () => {
      navigator.share({ title: native.dataset.title, url: native.dataset.url }).catch(() => {});
    });
  }

  const copy = document.querySelector(".copy-link");
  if (copy && navigator.clipboard) {
    copy.parentElement.hidden = false;
    const status = copy.parentElement.querySelector(".copy-status");
    copy.addEventListener("click", async () => {
      try {
        await navigator.clipboard.writeText(copy.dataset.url);
        status.textContent = "Link copied.";
      } catch {
        status.textContent = "Could not copy; the address is " + copy.dataset.url;
      }
    });
  }

  // Mastodon has no central share address: ask for the reader's instance and remember it on this device.
  const mastodon = document.querySelector("a.share-mastodon");
  if (mastodon) {
    mastodon.addEventListener("click", (event) => {
      const remembered = localStorage.getItem("mastodon-instance") || "";
      const typed = prompt("Your Mastodon instance (for example mastodon.social)", remembered);
      if (typed === null) { event.preventDefault(); return; }
      const host = typed.trim().replace(/^https?:\/\//, "").replace(/\/.*$/, "");
      if (!/^[a-z0-9.-]+\.[a-z]{2,}(:\d+)?$/i.test(host)) return; // the server page explains what is wrong
      event.preventDefault();
      localStorage.setItem("mastodon-instance", host);
      const text = new URL(mastodon.href, location.href).searchParams.get("text") || "";
      window.open("https://" + host + "/share?text=" + encodeURIComponent(text), "_blank", "noopener");
    });
  }

  // Comments: the form lives on its own page (it carries a token the shared page cannot); here it is fetched and
  // shown in place, and posted without leaving the article. Without this script the links lead to that page.
  const comments = document.querySelector("#comments");
  if (comments && window.fetch) {
    comments.addEventListener("click", async (event) => {
      const link = event.target.closest("a.comment-write-link, a.comment-reply");
      if (!link) return;
      event.preventDefault();
      const page = new DOMParser().parseFromString(await (await fetch(link.href, { credentials: "same-origin" })).text(), "text/html");
      const form = page.querySelector("form.comment-form") || page.querySelector(".comments-members, .comments-closed");
      if (!form) { location.href = link.href; return; }
      comments.querySelectorAll("form.comment-form, .comments-members").forEach((old) => old.remove());
      link.closest("p").after(form);
      if (form.matches("form")) enhance(form);
      form.querySelector("textarea")?.focus();
    });
  }

  function enhance(form) {
    const status = document.createElement("p");
    status.className = "comment-status";
    status.setAttribute("role", "status");
    form.append(status);
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      const button = form.querySelector("button[type=submit]");
      button.disabled = true;
      status.textContent = "Sending…";
      form.querySelectorAll(".form-errors").forEach((old) => old.remove());
      try {
        const response = await fetch(form.action, { method: "POST", body: new FormData(form), headers: { Accept: "application/json" }, credentials: "same-origin" });
        const answer = await response.json();
        if (answer.state === "approved") {
          const parentId = form.querySelector("input[name=replyto]")?.value;
          let list = parentId ? document.querySelector(`#comment-${parentId} > .comment-replies`) : comments.querySelector(".comment-list");
          if (!list) {
            list = document.createElement("ol");
            list.className = parentId ? "comment-replies" : "comment-list";
            (parentId ? document.querySelector(`#comment-${parentId}`) : comments.querySelector("h2")).after(list);
            if (parentId) document.querySelector(`#comment-${parentId}`).append(list);
          }
          list.insertAdjacentHTML("beforeend", answer.html);
          const actions = document.querySelector(`#comment-${answer.id} .comment-actions`);
          if (actions && answer.edit_url) {
            const edit = document.createElement("a");
            edit.className = "comment-edit";
            edit.href = answer.edit_url;
            edit.textContent = "Edit or delete";
            actions.prepend(edit, " ");
          }
          form.remove();
          document.getElementById(`comment-${answer.id}`)?.scrollIntoView({ block: "center" });
        } else if (answer.state === "held") {
          const note = document.createElement("p");
          note.className = "notice comment-held";
          note.setAttribute("role", "status");
          note.textContent = answer.message;
          form.replaceWith(note);
        } else {
          const box = document.createElement("div");
          box.className = "form-errors";
          box.setAttribute("role", "alert");
          const list = document.createElement("ul");
          for (const error of answer.errors || []) {
            const item = document.createElement("li");
            item.textContent = error.message;
            list.append(item);
          }
          box.append(list);
          form.prepend(box);
          status.textContent = "";
        }
      } catch {
        status.textContent = "Could not send the comment. Your text is still here: try again.";
      } finally {
        button.disabled = false;
      }
    });
  }
});
