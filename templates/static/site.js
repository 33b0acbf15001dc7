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

// 3. The search index is cut into shards, each a Pagefind bundle under pagefind/ (an edit
//    re-indexes one shard). pagefind/shards.json lists them: the search box loads the first and
//    merges the others (Pagefind's mergeIndex). This is the one place that reads the shard list;
//    call window.digestSearchShards(configElement) again if a search box is created later.
(function () {
  "use strict";
  if (location.protocol === "file:") return;
  function useShards(config) {
    if (!config || !window.PagefindComponents) return Promise.resolve();
    var base = config.getAttribute("bundle-path");
    var siteBase = config.getAttribute("base-url");
    return fetch(base + "shards.json").then(function (response) { return response.json(); }).then(function (shards) {
      var instance = window.PagefindComponents.getInstanceManager().getInstance(config.getAttribute("instance") || "default");
      instance.options.bundlePath = base + shards[0] + "/";
      instance.options.mergeIndex = shards.slice(1).map(function (name) {
        return { bundlePath: base + name + "/", baseUrl: siteBase };
      });
    });
  }
  window.digestSearchShards = useShards;
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("pagefind-config").forEach(useShards);
  });
})();
