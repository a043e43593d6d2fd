// Reprint preview: keeps this page in step with the files being edited.
// `generator serve` adds this script to the pages it serves, and only
// there: it is never part of a build.
(function () {
  "use strict";
  var me = document.currentScript;
  var since = (me && me.getAttribute("data-build")) || "";
  var events = new EventSource("/_reprint/events?since=" + encodeURIComponent(since));
  events.addEventListener("reload", function () {
    location.reload();
  });
  // Only stylesheets changed: load them again in place, without losing
  // the reader's place. The old sheet goes once the new one has loaded,
  // so the page never flashes unstyled.
  events.addEventListener("css", function (e) {
    var links = document.querySelectorAll('link[rel~="stylesheet"]');
    Array.prototype.forEach.call(links, function (link) {
      var url = new URL(link.href);
      url.searchParams.set("reprint-build", e.lastEventId);
      var next = link.cloneNode();
      next.href = url.href;
      next.addEventListener("load", function () { link.remove(); });
      next.addEventListener("error", function () { location.reload(); });
      link.after(next);
    });
  });
  addEventListener("pagehide", function () { events.close(); });
  // Back to a page kept by the browser's back/forward cache: its stream
  // is closed and it may be stale.
  addEventListener("pageshow", function (e) {
    if (e.persisted) location.reload();
  });
})();
