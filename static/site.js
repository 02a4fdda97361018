// Copy buttons: data-copy-text="…" copies that text, data-copy-target="id" copies an element's text.
(function () {
  "use strict";

  function fallbackCopy(text) {
    var area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.className = "visually-hidden";
    document.body.appendChild(area);
    area.select();
    var copied = false;
    try { copied = document.execCommand("copy"); } catch (error) { copied = false; }
    document.body.removeChild(area);
    return copied ? Promise.resolve() : Promise.reject(new Error("copy refused"));
  }

  function copyText(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text).catch(function () { return fallbackCopy(text); });
    }
    return fallbackCopy(text);
  }

  function textFor(button) {
    if (button.dataset.copyText) { return button.dataset.copyText; }
    var target = document.getElementById(button.dataset.copyTarget || "");
    return target ? target.textContent.trim() : "";
  }

  function announce(button, label) {
    var original = button.dataset.label || button.textContent;
    button.dataset.label = original;
    button.textContent = label;
    button.classList.toggle("copied", label === "Copied");
    window.setTimeout(function () {
      button.textContent = original;
      button.classList.remove("copied");
    }, 2000);
  }

  // On phones the filters start folded so the results come first.
  document.addEventListener("DOMContentLoaded", function () {
    var filters = document.querySelector(".facets-toggle");
    if (filters && window.matchMedia("(max-width: 760px)").matches) { filters.open = false; }
  });

  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-copy-text], [data-copy-target]");
    if (!button) { return; }
    var text = textFor(button);
    button.setAttribute("data-copied-text", text);
    copyText(text).then(
      function () { announce(button, "Copied"); },
      function () { announce(button, "Press Ctrl+C"); }
    );
  });
}());
