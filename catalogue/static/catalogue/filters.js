// The works list's filters are a <details> drawer, closed in the markup so that a phone
// shows the results first. On a screen wide enough for two columns they sit beside the
// results: opis.css shows them there even with the drawer closed (and without JavaScript);
// this opens it too, so that what is shown is also what assistive technology is told.
"use strict";

document.addEventListener("DOMContentLoaded", function () {
  var drawer = document.getElementById("filters");
  if (!drawer) return;
  var wide = window.matchMedia("(min-width: 48.01rem)");
  function follow() { drawer.open = wide.matches; }
  follow();
  wide.addEventListener("change", follow);
});
