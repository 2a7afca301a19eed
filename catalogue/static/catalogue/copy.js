// Copy buttons for citations. A button names what it copies: data-copy="ID" (the value of
// that element) or data-copy-url="URL" (the text at that address: a whole list's citations).
// Buttons are hidden in the markup and shown here, so a reader without JavaScript sees none;
// the citation stays selectable and the list's link still opens its text.
"use strict";

document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll("button[data-copy], button[data-copy-url]").forEach(function (button) {
    var label = button.textContent;
    button.hidden = false;
    button.addEventListener("click", function () {
      var text;
      if (button.dataset.copy) {
        text = Promise.resolve(document.getElementById(button.dataset.copy).value);
      } else {
        text = fetch(button.dataset.copyUrl).then(function (response) {
          if (!response.ok) throw new Error(response.status);
          return response.text();
        });
      }
      text
        .then(function (value) { return navigator.clipboard.writeText(value); })
        .then(function () { button.textContent = button.dataset.done; })
        .catch(function () { button.textContent = button.dataset.failed; })
        .finally(function () {
          setTimeout(function () { button.textContent = label; }, 2000);
        });
    });
  });
});
