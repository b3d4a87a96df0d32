/* Search notices with Pagefind's index (built by `invoke build`), on a static host.
   Progressive enhancement: the form is a plain GET form to this page; without
   JavaScript the page explains where else to look. Results are a list of links, and
   the number found is announced by a live region. */
(function () {
  "use strict";

  var root = document.getElementById("search-results");
  var input = document.getElementById("search-input");
  var status = document.getElementById("search-status");
  var list = document.getElementById("search-list");
  if (!root || !input || !status || !list) {
    return;
  }
  var LIMIT = 30;

  /* Pagefind marks matches with <mark>: keep those, and only text besides. */
  function excerptNodes(html) {
    var parsed = new DOMParser().parseFromString(html, "text/html").body;
    var nodes = [];
    parsed.childNodes.forEach(function (node) {
      if (node.nodeName === "MARK") {
        var mark = document.createElement("mark");
        mark.textContent = node.textContent;
        nodes.push(mark);
      } else {
        nodes.push(document.createTextNode(node.textContent));
      }
    });
    return nodes;
  }

  function resultItem(data) {
    var item = document.createElement("li");
    item.className = "search-results__item";
    var heading = document.createElement("h2");
    heading.className = "search-results__title";
    var link = document.createElement("a");
    link.href = data.url;
    link.textContent = (data.meta && data.meta.title) || data.url;
    heading.appendChild(link);
    var excerpt = document.createElement("p");
    excerptNodes(data.excerpt || "").forEach(function (node) {
      excerpt.appendChild(node);
    });
    item.appendChild(heading);
    item.appendChild(excerpt);
    return item;
  }

  function say(text) {
    status.textContent = text;
  }

  var loading = null;
  function pagefind() {
    if (!loading) {
      loading = import(new URL(root.dataset.pagefind, document.baseURI).href).then(
        function (module) {
          var base = new URL(root.dataset.site, document.baseURI).pathname;
          return module.options({ baseUrl: base }).then(function () {
            return module;
          });
        }
      );
    }
    return loading;
  }

  /* Each search has a number: results of an older one that arrive late are dropped. */
  var latest = 0;

  async function run(query) {
    var number = ++latest;
    say("Searching…");
    var search = await (await pagefind()).search(query);
    var shown = await Promise.all(
      search.results.slice(0, LIMIT).map(function (result) {
        return result.data();
      })
    );
    if (number !== latest) {
      return;
    }
    list.replaceChildren.apply(list, shown.map(resultItem));
    var count = search.results.length;
    var words = count === 1 ? "1 notice found" : count + " notices found";
    if (count > LIMIT) {
      words += ", showing the first " + LIMIT + ". Add words to narrow the search";
    }
    say(count === 0 ? "No notices found for ‘" + query + "’. Try fewer or different words." : words + " for ‘" + query + "’.");
  }

  function start(query) {
    if (!query) {
      latest += 1;
      list.replaceChildren();
      say("");
      return;
    }
    run(query).catch(function () {
      say("Search is not available at the moment. Browse the notices instead.");
    });
  }

  /* Results as you type; the address keeps the words, so Back and bookmarks work. */
  var timer = null;
  input.addEventListener("input", function () {
    window.clearTimeout(timer);
    timer = window.setTimeout(function () {
      var query = input.value.trim();
      var address = new URL(window.location.href);
      address.searchParams.set("q", query);
      window.history.replaceState(null, "", address);
      start(query);
    }, 300);
  });

  var query = (new URLSearchParams(window.location.search).get("q") || "").trim();
  if (query) {
    input.value = query;
    start(query);
  }
})();
