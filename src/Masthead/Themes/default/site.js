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
});
