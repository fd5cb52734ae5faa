// Solace's only script besides htmx. First: move focus to an error summary so keyboard and screen-reader users hear it.
document.addEventListener("DOMContentLoaded", function () {
  var summary = document.querySelector(".error-summary");
  if (summary) { summary.focus(); }
});

// When an htmx request fails and nothing is swapped in (a 4xx other than 422, a 5xx, no connection), say so next to
// what the person was changing, instead of leaving the page looking as if nothing happened. The translated wording
// comes from data attributes on this script's tag (no inline script: the CSP forbids it).
(function () {
  var script = document.currentScript;
  var wording = script ? script.dataset : {};

  function messageFor(status) {
    if (!status) { return wording.messageOffline; }
    return status >= 500 ? wording.messageServer : wording.messageClient;
  }

  function targetOf(event) {
    var detail = event.detail || {};
    var target = detail.target || detail.elt;
    return target && target !== document.body ? target : document.getElementById("main");
  }

  function clearFor(target) {
    var previous = target && target.previousElementSibling;
    if (previous && previous.classList.contains("request-error")) { previous.remove(); }
  }

  function show(event) {
    var target = targetOf(event);
    var xhr = (event.detail || {}).xhr;
    if (!target || !target.parentNode) { return; }
    clearFor(target);
    var message = document.createElement("p");
    message.className = "message message-error request-error";
    message.setAttribute("role", "alert");
    message.setAttribute("data-testid", "request-error");
    message.textContent = messageFor(xhr ? xhr.status : 0) || wording.messageServer || "";
    target.parentNode.insertBefore(message, target);
  }

  document.addEventListener("htmx:responseError", show);
  document.addEventListener("htmx:sendError", show);
  document.addEventListener("htmx:beforeRequest", function (event) { clearFor(targetOf(event)); });
})();
