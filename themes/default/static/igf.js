// igf-archive default theme: small progressive enhancements only. Every page
// works without this file.
(function () {
  "use strict";
  // The search page explains that search needs JavaScript; with it, hide that
  // note and keep the query in the box.
  var note = document.getElementById("search-no-js");
  if (note) note.hidden = true;
  var query = new URLSearchParams(window.location.search).get("q");
  var boxes = document.querySelectorAll('input[type="search"][name="q"]');
  if (query) for (var i = 0; i < boxes.length; i++) boxes[i].value = query;
})();
