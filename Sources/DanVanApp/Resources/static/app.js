// DanVan — progressive enhancement only. Pages must work without this file.
(function () {
  "use strict";

  // (a) Confirmation + (c) double-submit protection.
  // Delegated on document so it covers every form; confirmation runs first
  // and can cancel the submission before buttons are disabled.
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!(form instanceof HTMLFormElement)) return;

    var message = form.getAttribute("data-confirm");
    if (message && !window.confirm(message)) {
      event.preventDefault();
      return;
    }
    if (event.defaultPrevented) return;

    if (form.dataset.submitting === "1") {
      event.preventDefault();
      return;
    }
    form.dataset.submitting = "1";

    // Keep the name/value of the clicked button: disabled buttons are not
    // submitted, so disable on the next tick (after the form data is built).
    var buttons = form.querySelectorAll('button:not([type="button"]):not([type="reset"]), input[type="submit"]');
    window.setTimeout(function () {
      buttons.forEach(function (b) { b.disabled = true; });
    }, 0);

    // If the user comes back via the back/forward cache, re-enable.
    window.addEventListener("pageshow", function reset(e) {
      if (!e.persisted) return;
      delete form.dataset.submitting;
      buttons.forEach(function (b) { b.disabled = false; });
      window.removeEventListener("pageshow", reset);
    });
  });

  // (b) Copy-to-clipboard buttons: <button type="button" data-copy="#id">
  function fallbackCopy(text) {
    var ta = document.createElement("textarea");
    ta.value = text;
    ta.setAttribute("readonly", "");
    ta.style.position = "fixed"; // CSSOM property set, allowed by style-src CSP
    ta.style.top = "-1000px";
    document.body.appendChild(ta);
    ta.select();
    var ok = false;
    try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
    document.body.removeChild(ta);
    return ok ? Promise.resolve() : Promise.reject(new Error("copy failed"));
  }

  function copyText(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text).catch(function () { return fallbackCopy(text); });
    }
    return fallbackCopy(text);
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest ? event.target.closest("[data-copy]") : null;
    if (!button) return;
    var target;
    try { target = document.querySelector(button.getAttribute("data-copy")); } catch (e) { target = null; }
    if (!target) return;
    event.preventDefault();

    var text = ("value" in target && typeof target.value === "string") ? target.value : target.textContent;
    text = (text || "").trim();

    copyText(text).then(function () {
      if (button.dataset.copyLabel === undefined) button.dataset.copyLabel = button.textContent;
      button.textContent = "Đã chép";
      window.clearTimeout(button._dvCopyTimer);
      button._dvCopyTimer = window.setTimeout(function () {
        button.textContent = button.dataset.copyLabel;
        delete button.dataset.copyLabel;
      }, 2000);
    }, function () {
      // Copy failed: select the text so the user can copy it manually.
      var range = document.createRange();
      range.selectNodeContents(target);
      var sel = window.getSelection();
      sel.removeAllRanges();
      sel.addRange(range);
    });
  });

  // Buttons marked data-print print the page (without JavaScript: the browser's own Print).
  document.addEventListener("click", function (event) {
    var button = event.target.closest ? event.target.closest("[data-print]") : null;
    if (button) { event.preventDefault(); window.print(); }
  });

  // Selects marked data-autosubmit submit their form when changed (the form
  // also has a button for browsers without JavaScript).
  document.addEventListener("change", function (event) {
    var select = event.target;
    if (select instanceof HTMLSelectElement && select.hasAttribute("data-autosubmit") && select.form) {
      select.form.submit();
    }
  });
})();
