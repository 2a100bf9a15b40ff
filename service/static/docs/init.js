// Starts Swagger UI on the docs page. A file rather than an inline script, so that the page's
// Content-Security-Policy can forbid inline scripts.
window.addEventListener("load", function () {
  var container = document.getElementById("swagger-ui");
  window.ui = SwaggerUIBundle({
    url: container.getAttribute("data-spec-url"),
    domElement: container,
    validatorUrl: null  // never send the document to an outside validator
  });
});
