/* Catalogue search: progressive enhancement over the facet pages and the A-Z list.
   Folds accents, case and the Catalan middle dot the same way as catalogue/search.py. */
(function () {
  "use strict";
  var form = document.getElementById("search-form");
  if (!form || !window.fetch || !String.prototype.normalize) { return; }
  var input = document.getElementById("q");
  var status = document.getElementById("search-status");
  var results = document.getElementById("search-results");
  var entries = null;
  var timer = null;

  function fold(text) {
    return text.toLowerCase().replace(/l[\u00b7.]l/g, "ll").normalize("NFD")
      .replace(/[\u0300-\u036f]/g, "").replace(/[^a-z0-9]+/g, " ").trim();
  }

  function load() {
    if (!entries) {
      entries = fetch(form.getAttribute("data-index")).then(function (response) {
        return response.json();
      });
    }
    return entries;
  }

  function matches(entry, words) {
    var terms = " " + entry.terms + " ";
    return words.every(function (word) { return terms.indexOf(" " + word) !== -1; });
  }

  function announce(count) {
    var key = count === 0 ? "data-none" : count === 1 ? "data-one" : "data-many";
    status.textContent = form.getAttribute(key).replace("{n}", String(count));
  }

  function show(found) {
    results.textContent = "";
    found.forEach(function (entry) {
      var item = document.createElement("li");
      var link = document.createElement("a");
      var summary = document.createElement("p");
      link.href = entry.url;
      link.textContent = entry.title;
      summary.textContent = entry.summary;
      item.appendChild(link);
      item.appendChild(summary);
      results.appendChild(item);
    });
    announce(found.length);
  }

  function run() {
    var query = fold(input.value);
    var url = new URL(window.location.href);
    if (query) { url.searchParams.set("q", input.value); } else { url.searchParams.delete("q"); }
    window.history.replaceState(null, "", url);
    if (!query) { results.textContent = ""; status.textContent = ""; return; }
    load().then(function (all) {
      var words = query.split(" ");
      show(all.filter(function (entry) { return matches(entry, words); }));
    });
  }

  form.hidden = false;
  document.getElementById("no-script").hidden = true;
  form.addEventListener("submit", function (event) { event.preventDefault(); run(); });
  input.addEventListener("input", function () {
    window.clearTimeout(timer);
    timer = window.setTimeout(run, 250);
  });
  var initial = new URLSearchParams(window.location.search).get("q");
  if (initial) { input.value = initial; run(); }
}());
