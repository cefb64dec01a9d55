// Keyboard shortcuts for the moderation queue and a comment's page (no inline script: CSP-safe).
(function () {
  "use strict";
  function typing(e) {
    var t = e.target;
    return e.ctrlKey || e.metaKey || e.altKey || (t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName)));
  }

  function changelist() {
    var form = document.getElementById("changelist-form");
    var rows = document.querySelectorAll("#result_list tbody tr");
    if (!form || !rows.length) return;
    var current = -1;
    function focusRow(i) {
      if (i < 0 || i >= rows.length) return;
      if (current >= 0) rows[current].classList.remove("kb-current");
      current = i;
      rows[i].classList.add("kb-current");
      rows[i].scrollIntoView({ block: "nearest" });
    }
    function box(row) { return row.querySelector("input.action-select"); }
    function act(name) {
      var any = Array.prototype.some.call(rows, function (r) { var b = box(r); return b && b.checked; });
      if (!any) {
        if (current < 0) return;
        var b = box(rows[current]);
        if (!b) return;
        b.checked = true;
      }
      var select = form.querySelector("select[name=action]");
      var go = form.querySelector("button[name=index]");
      if (!select || !go) return;
      select.value = name;
      go.click();
    }
    document.addEventListener("keydown", function (e) {
      if (typing(e)) return;
      switch (e.key) {
        case "j": focusRow(current + 1); break;
        case "k": focusRow(current - 1); break;
        case "x": if (current >= 0) { var b = box(rows[current]); if (b) b.click(); } break;
        case "Enter": if (current >= 0) { var a = rows[current].querySelector("th a, td a"); if (a) a.click(); } break;
        case "a": act("approve_selected"); break;
        case "r": act("reject_selected"); break;
        case "s": act("spam_selected"); break;
        case "n": var note = form.querySelector("input[name=note]"); if (note) { note.focus(); e.preventDefault(); } break;
        default: return;
      }
    });
  }

  function commentPage() {
    var form = document.getElementById("decide-form");
    if (!form) return;
    var keys = { a: "approve", r: "reject", s: "spam", h: "hold" };
    document.addEventListener("keydown", function (e) {
      if (e.key === "Escape") { window.location.href = form.dataset.queueUrl; return; }
      if (typing(e)) return;
      if (e.key === "n") { document.getElementById("decide-note").focus(); e.preventDefault(); return; }
      if (e.key === "j" && form.dataset.nextUrl) { window.location.href = form.dataset.nextUrl; return; }
      if (e.key === "k" && form.dataset.prevUrl) { window.location.href = form.dataset.prevUrl; return; }
      var action = keys[e.key];
      if (!action) return;
      var button = form.querySelector('button[value="' + action + '"]');
      if (button) button.click();
    });
  }

  document.addEventListener("DOMContentLoaded", function () { changelist(); commentPage(); });
})();
