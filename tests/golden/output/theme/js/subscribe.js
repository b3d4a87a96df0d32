/* The subscribe page's copy buttons and address finder: progressive enhancement.
   Without JavaScript every address is selectable text ([data-copy]) and every choice
   of the finder is listed on the page; this adds a Copy button after each address and
   shows the finder (#builder), which puts the chosen address in a read-only field. Its
   words come from the page, in the page's language: #copy-status's data-copy-button,
   data-copied and data-not-copied, #builder's data-missing ({address}, {format} and
   {notices} are filled in here). */
(function () {
  "use strict";

  var status = document.getElementById("copy-status");
  /* The clipboard is there on https and localhost only: elsewhere, no buttons. */
  var canCopy = Boolean(status && navigator.clipboard);

  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (whole, name) {
      return Object.prototype.hasOwnProperty.call(values, name) ? values[name] : whole;
    });
  }

  function announce(text) {
    status.textContent = "";
    window.setTimeout(function () {
      status.textContent = text;
    }, 50);
  }

  function textOf(element) {
    return element.value !== undefined ? element.value : element.textContent;
  }

  /* The button's visible name ("Copy"); the hidden rest says which address. */
  function copyButton(element) {
    var button = document.createElement("button");
    button.type = "button";
    button.className = "button button--secondary address__copy";
    button.appendChild(document.createTextNode(status.dataset.copyButton));
    var which = document.createElement("span");
    which.className = "visually-hidden";
    which.textContent = " " + element.dataset.copy;
    button.appendChild(which);
    button.addEventListener("click", function () {
      var text = textOf(element);
      if (!text) {
        return;
      }
      navigator.clipboard.writeText(text).then(
        function () {
          announce(fill(status.dataset.copied, { address: text }));
        },
        function () {
          announce(status.dataset.notCopied);
        }
      );
    });
    element.insertAdjacentElement("afterend", button);
  }

  if (canCopy) {
    document.querySelectorAll("[data-copy]").forEach(copyButton);
  }

  var builder = document.getElementById("builder");
  var choice = document.getElementById("builder-choice");
  var output = document.getElementById("builder-address");
  var note = document.getElementById("builder-note");
  if (!builder || !choice || !output || !note) {
    return;
  }
  var formats = Array.prototype.slice.call(builder.querySelectorAll("input[name=builder-format]"));

  function show() {
    var option = choice.options[choice.selectedIndex];
    var picked = formats.filter(function (input) {
      return input.checked;
    })[0];
    var address = option && picked ? option.dataset[picked.value] : "";
    output.value = address || "";
    var label = picked ? picked.parentNode.textContent.trim() : "";
    note.textContent = address
      ? ""
      : fill(builder.dataset.missing, {
          format: label.toLowerCase(),
          notices: option ? option.textContent : ""
        });
  }

  choice.addEventListener("change", show);
  formats.forEach(function (input) {
    input.addEventListener("change", show);
  });
  builder.hidden = false;
  show();
})();
