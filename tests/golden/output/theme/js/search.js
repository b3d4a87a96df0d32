/* Search notices with Pagefind's index (built by `invoke build` in bundles), on a static host.
   Progressive enhancement: the form is a plain GET form to this page; without
   JavaScript the page links to the listings instead. Only notice pages are indexed
   (data-pagefind-body), so the number found counts notices. Filters are Pagefind
   filters (data-pagefind-filter on notice pages, named as in the facet registry).
   Results come PAGE at a time: "Show more notices" adds the next lot and moves focus
   to the first of them. The words and filters are kept in the address.
   Pagefind keeps one index per <html lang>: each language's search page searches the
   notice pages of its own readers, one per notice, so none is counted twice; those whose
   text is in the reader's language come first. Every word shown comes from the page
   (data- attributes of #search-results, in the reader's language). */
(function () {
  "use strict";

  var root = document.getElementById("search-results");
  var input = document.getElementById("search-input");
  var status = document.getElementById("search-status");
  var list = document.getElementById("search-list");
  var more = document.getElementById("search-more");
  var filterBox = document.getElementById("search-filters");
  var listing = document.getElementById("search-listing");
  if (!root || !input || !status || !list || !more || !filterBox || !listing) {
    return;
  }
  var PAGE = 30;
  var words = root.dataset;
  /* The reader's language, as notice pages name the language of their text ("cy"). */
  var reader = (document.documentElement.lang || "").split("-")[0].toLowerCase();
  var selects = Array.prototype.slice.call(filterBox.querySelectorAll("select[data-filter]"));
  filterBox.hidden = false;

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
    /* The title and excerpt are the notice's own words: say so when they are not in the
       reader's language (an English notice on the Welsh page). */
    var text = data.filters && data.filters.language ? data.filters.language[0] : reader;
    if (text && text !== reader) {
      item.lang = text;
    }
    return item;
  }

  function say(text) {
    status.textContent = text;
  }

  /* A sentence of the page's with its {placeholders} filled in. */
  function fill(template, values) {
    return (template || "").replace(/\{(\w+)\}/g, function (whole, name) {
      return name in values ? values[name] : whole;
    });
  }

  /* "3 notices found" in the reader's language: one sentence per plural category. */
  var plurals = window.Intl && Intl.PluralRules ? new Intl.PluralRules(reader) : null;
  function found(count) {
    var category = plurals ? plurals.select(count) : "other";
    var key = "found" + category.charAt(0).toUpperCase() + category.slice(1);
    return fill(words[key] || words.foundOther, { count: count });
  }

  /* Pagefind's index comes in bundles of notices (pagefind/bundles.json lists them, as
     invoke build writes them): the first is loaded and the others merged into it, so one
     search finds, filters and counts the notices of all of them. Null when there are none.
     The list is checked with the server each time (no-cache), as Pagefind checks its entry
     files: a list kept from before a build would miss its newest bundle. */
  var loading = null;
  function pagefind() {
    if (!loading) {
      var listed = new URL(root.dataset.bundles, document.baseURI);
      loading = fetch(listed.href, { cache: "no-cache" })
        .then(function (response) {
          if (!response.ok) {
            throw new Error(listed.href + ": " + response.status);
          }
          return response.json();
        })
        .then(async function (list) {
          var bundles = list.bundles.map(function (name) {
            return new URL(name, listed).href;
          });
          if (!bundles.length) {
            return null;
          }
          var module = await import(bundles[0] + "pagefind.js");
          var base = new URL(root.dataset.site, document.baseURI).pathname;
          await module.options({ baseUrl: base });
          await Promise.all(
            bundles.slice(1).map(function (bundle) {
              return module.mergeIndex(bundle, { baseUrl: base });
            })
          );
          return module;
        });
    }
    return loading;
  }

  /* Every result, those whose text is in the reader's language first (each lot in
     Pagefind's order). A second search with the language filter finds which they are. */
  async function find(query, filters) {
    var module = await pagefind();
    if (!module) {
      return [];
    }
    var every = await module.search(query || null, { filters: filters });
    if (filters.language || !reader) {
      return every.results;
    }
    var own = await module.search(query || null, {
      filters: Object.assign({}, filters, { language: reader })
    });
    var first = new Set(
      own.results.map(function (result) {
        return result.id;
      })
    );
    return own.results.concat(
      every.results.filter(function (result) {
        return !first.has(result.id);
      })
    );
  }

  /* The filters chosen: {key: value}, and each as "Status: Open" for the status message. */
  function chosen() {
    var filters = {};
    var names = [];
    selects.forEach(function (select) {
      if (select.value) {
        filters[select.dataset.filter] = select.value;
        var heading = select.labels.length ? select.labels[0].textContent.trim() : select.name;
        names.push(heading + ": " + select.options[select.selectedIndex].textContent.trim());
      }
    });
    return { filters: filters, names: names };
  }

  /* With one filter and no words, the listing of the same notices is a page of its own. */
  function showListing(query, choice) {
    var picked = selects.filter(function (select) {
      return select.value;
    });
    var option = picked.length === 1 ? picked[0].options[picked[0].selectedIndex] : null;
    listing.replaceChildren();
    listing.hidden = !(option && option.dataset.listing && !query);
    if (!listing.hidden) {
      var link = document.createElement("a");
      link.href = option.dataset.listing;
      link.textContent = fill(words.asList, { name: option.textContent.trim() });
      listing.appendChild(link);
    }
  }

  /* Each search has a number: results of an older one that arrive late are dropped. */
  var latest = 0;
  var current = null;
  var shownFor = null;

  async function showMore(number, focus) {
    var start = list.children.length;
    var shown = await Promise.all(
      current.results.slice(start, start + PAGE).map(function (result) {
        return result.data();
      })
    );
    if (number !== latest) {
      return;
    }
    var items = shown.map(resultItem);
    items.forEach(function (item) {
      list.appendChild(item);
    });
    more.hidden = list.children.length >= current.results.length;
    if (focus && items.length) {
      items[0].querySelector("a").focus();
    }
  }

  function describe(count, query, names, shown) {
    var parts = [count === 0 ? words.none : found(count)];
    if (query) {
      parts.push(fill(words.forQuery, { query: query }));
    }
    if (names.length) {
      parts.push(fill(words.withFilters, { filters: names.join(", ") }));
    }
    var sentence = parts.join(" ");
    if (count === 0) {
      return sentence + ". " + words.tryOther;
    }
    return sentence + (count > shown ? ", " + fill(words.showing, { shown: shown }) : "") + ".";
  }

  async function run(query, choice) {
    var number = ++latest;
    say(words.searching);
    var results = await find(query, choice.filters);
    if (number !== latest) {
      return;
    }
    current = { results: results };
    list.replaceChildren();
    await showMore(number, false);
    if (number !== latest) {
      return;
    }
    shownFor = { query: query, names: choice.names };
    say(describe(results.length, query, choice.names, list.children.length));
    showListing(query, choice);
  }

  function start() {
    var query = input.value.trim();
    var choice = chosen();
    if (!query && !choice.names.length) {
      latest += 1;
      list.replaceChildren();
      more.hidden = true;
      listing.hidden = true;
      say("");
      return;
    }
    run(query, choice).catch(function () {
      say(words.unavailable);
    });
  }

  /* The address keeps the words and filters, so Back and bookmarks work. */
  function remember() {
    var address = new URL(window.location.href);
    address.searchParams.set("q", input.value.trim());
    selects.forEach(function (select) {
      if (select.value) {
        address.searchParams.set(select.name, select.value);
      } else {
        address.searchParams.delete(select.name);
      }
    });
    window.history.replaceState(null, "", address);
  }

  /* Results as you type, or as soon as a filter changes. */
  var timer = null;
  input.addEventListener("input", function () {
    window.clearTimeout(timer);
    timer = window.setTimeout(function () {
      remember();
      start();
    }, 300);
  });
  selects.forEach(function (select) {
    select.addEventListener("change", function () {
      remember();
      start();
    });
  });
  more.addEventListener("click", function () {
    var number = latest;
    showMore(number, true)
      .then(function () {
        if (number === latest) {
          say(describe(current.results.length, shownFor.query, shownFor.names, list.children.length));
        }
      })
      .catch(function () {
        say(words.unavailable);
      });
  });

  var params = new URLSearchParams(window.location.search);
  input.value = (params.get("q") || "").trim();
  selects.forEach(function (select) {
    var wanted = params.get(select.name);
    if (wanted && select.querySelector('option[value="' + CSS.escape(wanted) + '"]')) {
      select.value = wanted;
    }
  });
  start();
})();
