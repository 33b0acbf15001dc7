// research-digest: progressive enhancement only; every page works without this script.
// 1. Opened from disk (file://), a link to a directory ("briefs/x/") shows a file listing, not the
//    page: point such links at the directory's index.html instead.
// 2. Search cannot load from disk (browsers refuse its modules there): say so instead of failing.
(function () {
  "use strict";
  if (location.protocol !== "file:") return;
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("a[href]").forEach(function (a) {
      var href = a.getAttribute("href");
      if (/^[a-z][a-z0-9+.-]*:/i.test(href) || href.charAt(0) === "#") return;
      var parts = href.split("#");
      if (parts[0] === "" ) return;
      if (/\/$/.test(parts[0]) || parts[0] === "." || parts[0] === "..") {
        parts[0] = parts[0].replace(/\/?$/, "/") + "index.html";
        a.setAttribute("href", parts.join("#"));
      }
    });
    document.querySelectorAll("[data-needs-http]").forEach(function (el) { el.hidden = true; });
    document.querySelectorAll("[data-file-notice]").forEach(function (el) { el.hidden = false; });
  });
})();
