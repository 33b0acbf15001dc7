// research-digest, every page; progressive enhancement only (see README, "Search").
// file://: directory links point at index.html and search says it cannot run. Search: a plain box
// until used; Pagefind's UI (~220 KB) loads then, and a result's ?pagefind-highlight= is marked.
(function () {
  "use strict";
  var HIGHLIGHT_PARAM = "pagefind-highlight";

  function onReady(fn) {
    if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", fn);
    else fn();
  }

  if (location.protocol === "file:") {
    onReady(function () {
      document.querySelectorAll("a[href]").forEach(function (a) {
        var href = a.getAttribute("href");
        if (/^[a-z][a-z0-9+.-]*:/i.test(href) || href.charAt(0) === "#") return;
        var parts = href.split("#");
        if (parts[0] === "") return;
        if (/\/$/.test(parts[0]) || parts[0] === "." || parts[0] === "..") {
          parts[0] = parts[0].replace(/\/?$/, "/") + "index.html";
          a.setAttribute("href", parts.join("#"));
        }
      });
      document.querySelectorAll("[data-needs-http]").forEach(function (el) { el.hidden = true; });
      document.querySelectorAll("[data-file-notice]").forEach(function (el) { el.hidden = false; });
    });
  }

  onReady(function () {
    if (location.protocol === "file:") return;
    var box = document.querySelector("[data-search-bundle]");
    if (!box) return;
    box.hidden = false;
    var bundle = box.getAttribute("data-search-bundle");
    setUpSearch(box, bundle);
    if (new URLSearchParams(location.search).has(HIGHLIGHT_PARAM)) {
      import(bundle + "pagefind-highlight.js").then(function (module) {
        new module.default({ highlightParam: HIGHLIGHT_PARAM, addStyles: false });
        var first = document.querySelector("mark.pagefind-highlight");
        if (first && !location.hash) first.scrollIntoView({ block: "center" });
      }).catch(function () { /* the page reads the same without the marks */ });
    }
  });

  // The index is in shards (pagefind/shards.json): the first is the bundle, the others merged.
  function useShards(config) {
    var base = config.getAttribute("bundle-path"), site = config.getAttribute("base-url");
    return fetch(base + "shards.json").then(function (r) { return r.json(); }).then(function (shards) {
      var o = window.PagefindComponents.getInstanceManager().getInstance(config.getAttribute("instance") || "default").options;
      o.bundlePath = base + shards[0] + "/";
      o.mergeIndex = shards.slice(1).map(function (n) { return { bundlePath: base + n + "/", baseUrl: site }; });
    });
  }
  window.digestSearchShards = useShards;

  function setUpSearch(box, bundle) {
    var input = box.querySelector("input");
    var loading = null;

    function load() {
      if (loading) return loading;
      [bundle + "pagefind-component-ui.css", box.getAttribute("data-search-css")].forEach(function (href) {
        var css = document.createElement("link");
        css.rel = "stylesheet";
        css.href = href;
        document.head.appendChild(css);
      });
      loading = import(bundle + "pagefind-component-ui.js").then(function () {
        var config = document.createElement("pagefind-config");
        config.setAttribute("bundle-path", bundle);
        config.setAttribute("base-url", box.getAttribute("data-search-base"));
        config.setAttribute("highlight-param", HIGHLIGHT_PARAM);
        box.appendChild(config);
        return useShards(config);
      }).then(function () {
        var panel = document.createElement("section");
        panel.className = "search-panel";
        panel.setAttribute("aria-label", "Search results");
        panel.innerHTML = "<div class=\"wrap\"><pagefind-summary></pagefind-summary><pagefind-results></pagefind-results></div>";
        var header = box.closest("header");
        header.parentNode.insertBefore(panel, header.nextSibling);
        // Swapped in within one frame, taking text and focus: no keystroke typed meanwhile is lost.
        var pfInput = document.createElement("pagefind-input");
        pfInput.setAttribute("placeholder", input.getAttribute("placeholder"));
        pfInput.hidden = true;
        input.after(pfInput);
        return new Promise(function (resolve) {
          (function swap() {
            var inner = pfInput.querySelector("input");
            if (!inner) return requestAnimationFrame(swap);
            var hadFocus = document.activeElement === input;
            inner.value = input.value;
            input.remove();
            pfInput.hidden = false;
            inner.id = "search-box";
            inner.setAttribute("aria-keyshortcuts", "/");
            if (hadFocus) inner.focus();
            if (inner.value) inner.dispatchEvent(new Event("input", { bubbles: true }));
            resolve(inner);
          })();
        });
      }).catch(function () {
        box.insertAdjacentHTML("beforeend", "<p class=\"notice\" role=\"status\">Search could not load.</p>");
      });
      return loading;
    }

    input.addEventListener("focus", load);
    input.addEventListener("input", load);
    document.addEventListener("keydown", function (event) {
      if (event.key !== "/" || event.ctrlKey || event.metaKey || event.altKey) return;
      var t = event.target;
      if (t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName))) return;
      event.preventDefault();
      var current = box.querySelector("input");
      if (current) current.focus();
    });
  }

})();
