/**
 * Starts Redoc on the reference page. A script file, not an inline one: it runs under the page's
 * nonce, and hands that nonce to Redoc for the <style> elements it writes (styled-components).
 * Search is off: Redoc builds its search index in a Worker from a blob: URL, which the CSP does not allow.
 */
const SCRIPT = `(function () {
  var el = document.getElementById("redoc");
  var nonce = document.currentScript && document.currentScript.nonce;
  window.Redoc.init(el.dataset.spec, {
    nonce: nonce,
    disableSearch: true,
    expandResponses: "200,201,202",
    requiredPropsFirst: true,
    sortPropsAlphabetically: false,
    hideHostname: true,
    theme: {
      colors: { primary: { main: "#1d4ed8" } },
      typography: { fontFamily: "system-ui, sans-serif", headings: { fontFamily: "system-ui, sans-serif" } },
    },
  }, el);
})();
`;

export function GET() {
  return new Response(SCRIPT, {
    headers: { "Content-Type": "text/javascript; charset=utf-8", "Cache-Control": "public, max-age=3600" },
  });
}
