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

  // Date fields (input.date) are typed as dd/mm/yyyy whatever the browser's language; beside
  // each, a button opens the browser's own calendar, and the day picked is written back as
  // dd/mm/yyyy. Without JavaScript the field is typed as it is.
  function isoOf(text) {
    var m = /^\s*(\d{1,2})[\/.\-](\d{1,2})[\/.\-](\d{4})\s*$/.exec(text) || /^\s*(\d{2})(\d{2})(\d{4})\s*$/.exec(text);
    if (!m) return "";
    return m[3] + "-" + ("0" + m[2]).slice(-2) + "-" + ("0" + m[1]).slice(-2);
  }
  document.querySelectorAll("input.date").forEach(function (field) {
    var picker = document.createElement("input");
    picker.type = "date";
    if (picker.type !== "date") return; // a browser with no calendar of its own
    picker.className = "date-native";
    picker.tabIndex = -1;
    picker.setAttribute("aria-hidden", "true");
    var button = document.createElement("button");
    button.type = "button";
    button.className = "date-pick";
    var label = document.documentElement.lang === "en" ? "Pick the day on a calendar" : "Chọn ngày trên lịch";
    button.setAttribute("aria-label", label);
    button.title = label;
    button.innerHTML = '<svg viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" focusable="false"><path fill="currentColor" d="M4 0h2v2h4V0h2v2h2a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H2a2 2 0 0 1-2-2V4a2 2 0 0 1 2-2h2V0zM2 6v8h12V6H2zm2 2h3v3H4V8z"/></svg>';
    var wrap = document.createElement("span");
    wrap.className = "date-field";
    field.parentNode.insertBefore(wrap, field);
    wrap.appendChild(field);
    wrap.appendChild(button);
    wrap.appendChild(picker);
    button.addEventListener("click", function () {
      picker.value = isoOf(field.value);
      try { picker.showPicker(); } catch (e) { picker.focus(); picker.click(); }
    });
    picker.addEventListener("change", function () {
      var parts = picker.value.split("-");
      if (parts.length !== 3) return;
      field.value = parts[2] + "/" + parts[1] + "/" + parts[0];
      field.dispatchEvent(new Event("input", { bubbles: true }));
      field.dispatchEvent(new Event("change", { bubbles: true }));
      field.focus();
    });
  });

  // Panels marked data-open-wide (a list's filters) are folded on a phone, where they would fill
  // the first screen, and open at a desk.
  if (window.matchMedia && window.matchMedia("(min-width: 641px)").matches) {
    document.querySelectorAll("details[data-open-wide]").forEach(function (panel) { panel.open = true; });
  }

  // Selects marked data-autosubmit submit their form when changed (the form
  // also has a button for browsers without JavaScript).
  document.addEventListener("change", function (event) {
    var select = event.target;
    if (select instanceof HTMLSelectElement && select.hasAttribute("data-autosubmit") && select.form) {
      select.form.submit();
    }
  });
  // Checklists with "all" and "none" buttons (data-check="all|none", data-check-in="#list"): the
  // buttons are hidden without JavaScript, where the boxes are ticked one by one.
  document.querySelectorAll("[data-check]").forEach(function (button) {
    var holder = button.closest(".check-all");
    if (holder) holder.hidden = false;
    button.addEventListener("click", function () {
      var list = document.querySelector(button.getAttribute("data-check-in"));
      if (!list) return;
      var on = button.getAttribute("data-check") === "all";
      list.querySelectorAll("input[type=checkbox]").forEach(function (box) { box.checked = on; });
    });
  });
  // Reporting: entry. The grid of a report (form[data-entry-grid]) saves a cell when it changes,
  // shows "Đã lưu" beside it, and moves to the next cell on Enter; the form still posts whole
  // without this script.
  document.querySelectorAll("form[data-entry-grid]").forEach(function (grid) {
    var cells = Array.prototype.slice.call(grid.querySelectorAll("input.entry-cell:not([readonly])"));
    function field(name) { var input = grid.querySelector("input[name='" + name + "']"); return input ? input.value : ""; }
    function rowOf(input) { return input.closest("tr[data-code]"); }
    function showWarnings(list) {
      var warnings = {};
      list.forEach(function (warning) { warnings[warning.code] = warning.messages; });
      grid.querySelectorAll("tr[data-code]").forEach(function (row) {
        var box = row.querySelector(".field-warning");
        if (!box) return;
        var messages = warnings[row.getAttribute("data-code")] || [];
        box.textContent = messages.join(" ");
        box.hidden = messages.length === 0;
      });
    }
    function save(input, isComment) {
      var row = rowOf(input);
      if (!row) return;
      var code = row.getAttribute("data-code");
      var state = row.querySelector(".cell-state");
      var cell = row.querySelector("input.entry-cell");
      var body = new URLSearchParams();
      body.set("_csrf", field("_csrf"));
      body.set("organisation", field("organisation"));
      body.set("form", field("form"));
      body.set("period", field("period"));
      body.set("code", code);
      body.set(isComment ? "comment" : "value", input.value);
      if (state) state.textContent = grid.getAttribute("data-saving-text");
      // The message is shown beside the field that was sent (the value, or its comment), which keeps what was typed.
      var errorID = cell.id + (isComment ? "-comment-error" : "-error");
      function refused(message) {
        var error = document.getElementById(errorID);
        if (!error) {
          error = document.createElement("p");
          error.className = "field-error";
          error.id = errorID;
          if (isComment) input.parentNode.appendChild(error);
          else cell.parentNode.insertBefore(error, state ? state.nextSibling : null);
          input.setAttribute("aria-describedby", ((input.getAttribute("aria-describedby") || "") + " " + errorID).trim());
        }
        error.textContent = message || grid.getAttribute("data-failed-text");
        input.setAttribute("aria-invalid", "true");
        if (state) state.textContent = "";
      }
      fetch(grid.getAttribute("data-cell-href"), { method: "POST", body: body, credentials: "same-origin",
        headers: { "Content-Type": "application/x-www-form-urlencoded", "Accept": "application/json" } })
        .then(function (response) {
          // An ended session is sent to the sign-in page; a refusal of the page's own (403, 404) is not JSON.
          var json = (response.headers.get("Content-Type") || "").indexOf("application/json") === 0;
          if (response.redirected || response.status === 401) return { saved: false, message: grid.getAttribute("data-session-text") };
          if (!json && response.status === 403) return { saved: false, message: grid.getAttribute("data-forbidden-text") };
          if (!json && response.status === 404) return { saved: false, message: grid.getAttribute("data-gone-text") };
          if (!json) return { saved: false, message: grid.getAttribute("data-failed-text") };
          return response.json().then(function (answer) {
            // An error of the application's own shape ({"error": {"message"}}) is a refusal too.
            if (typeof answer.saved !== "boolean") return { saved: false, message: answer.error && answer.error.message };
            return answer;
          });
        })
        .then(function (answer) {
          if (answer.saved) {
            if (!isComment && typeof answer.text === "string") input.value = answer.text;
            var error = document.getElementById(errorID);
            if (error) error.remove();
            input.removeAttribute("aria-invalid");
            if (state) state.textContent = grid.getAttribute("data-saved-text");
            showWarnings(answer.warnings || []);
          } else {
            refused(answer.message);
          }
        })
        .catch(function () { refused(grid.getAttribute("data-failed-text")); });
    }
    // Numbers shown in Vietnamese as they are typed: 11245 becomes 11.245, a decimal comma stays
    // (85,5), the caret stays after the digit just typed. What is sent is the text shown, which the
    // server reads as it reads a typed one. Once the user types or pastes a dot of their own, the
    // field is left as typed until its dots are gone or it is entered again: 0.1234 regrouped digit
    // by digit would become 01.234, a different number the server accepts, where as typed the
    // server refuses it with its message.
    function grouped(digits) {
      var out = "";
      for (var i = 0; i < digits.length; i++) {
        if (i > 0 && (digits.length - i) % 3 === 0) out += ".";
        out += digits.charAt(i);
      }
      return out;
    }
    // The text regrouped, or null when it is left as typed (letters, two commas, a doubtful dot).
    function vietnameseNumber(text, deleting) {
      var m = /^\s*([-\u2212]?)([\d. ]*)(?:(,)(\d*))?\s*$/.exec(text);
      if (!m || !/\d/.test(m[2] + (m[4] || ""))) return null;
      var groups = m[2].replace(/ /g, "").split(".");
      if (!deleting && groups.slice(1).some(function (group) { return group.length < 3; })) return null;
      return m[1] + grouped(groups.join("")) + (m[3] || "") + (m[4] || "");
    }
    function significant(c) { return /[\d,\-\u2212]/.test(c); }
    grid.addEventListener("input", function (event) {
      var input = event.target;
      if (!(input instanceof HTMLInputElement) || input.readOnly || !input.classList.contains("entry-cell")) return;
      var before = input.dataset.shown;
      var text = input.value;
      var inserted = (event.inputType || "").indexOf("insertFrom") === 0 || (event.data || "").indexOf(".") >= 0;
      if (text.indexOf(".") < 0) delete input.dataset.ownDot;
      else if (inserted) input.dataset.ownDot = "1";
      if (input.dataset.ownDot) { input.dataset.shown = text; return; }
      // A deletion regroups only what was shown regrouped (11.245 → 11.24 reads 1.124); after a
      // doubtful dot it keeps the text.
      var deleting = (event.inputType || "").indexOf("delete") === 0 && before !== undefined && vietnameseNumber(before, false) === before;
      var shown = vietnameseNumber(text, deleting);
      if (shown === null || shown === text) { input.dataset.shown = text; return; }
      var caret = input.selectionStart === null ? text.length : input.selectionStart;
      var count = 0;
      for (var i = 0; i < caret; i++) if (significant(text.charAt(i))) count++;
      var position = 0;
      while (position < shown.length && count > 0) { if (significant(shown.charAt(position))) count--; position++; }
      input.value = shown;
      input.dataset.shown = shown;
      try { input.setSelectionRange(position, position); } catch (e) { /* a field without a caret */ }
    });
    grid.addEventListener("focusin", function (event) {
      var input = event.target;
      if (!(input instanceof HTMLInputElement) || !input.classList.contains("entry-cell")) return;
      input.dataset.shown = input.value;
      delete input.dataset.ownDot;
    });
    grid.addEventListener("change", function (event) {
      var input = event.target;
      if (!(input instanceof HTMLInputElement) || input.readOnly) return;
      if (input.classList.contains("entry-cell")) save(input, false);
      else if (input.classList.contains("entry-comment")) save(input, true);
    });
    grid.addEventListener("keydown", function (event) {
      var input = event.target;
      if (event.key !== "Enter" || !(input instanceof HTMLInputElement)) return;
      if (!input.classList.contains("entry-cell") && !input.classList.contains("entry-comment")) return;
      event.preventDefault();
      var row = rowOf(input);
      var own = row ? row.querySelector("input.entry-cell") : null;
      var index = cells.indexOf(own);
      var next = cells[index + (event.shiftKey ? -1 : 1)];
      // Moving the focus commits the cell: the browser's own change event saves it.
      if (next) { next.focus(); next.select(); }
      else { var button = grid.querySelector("button[type=submit]"); if (button) button.focus(); }
    });
  });
})();
