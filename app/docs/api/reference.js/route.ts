/**
 * Starts Redoc on the reference page (app/docs/api/page.tsx loads this one script, with the page's
 * CSP nonce). It loads Redoc's bundle (app/docs/api/redoc.js) and starts it on the document.
 *
 * The nonce: Redoc writes <style> elements, some while its bundle is first evaluated, before any
 * option of Redoc.init could give them a nonce. So, on this page only, <style> elements created by
 * script get the page's nonce: only scripts already trusted by the nonce run here, and the CSP keeps
 * refusing inline styles in the HTML and 'unsafe-inline'. Search is off: Redoc builds its search index
 * in a Worker from a blob: URL, which the CSP does not allow.
 *
 * Headings: Redoc's markup jumps levels ("Request Body schema" is an h5 under an operation's h2), which
 * screen-reader users navigate by. Once rendered, and whenever Redoc re-renders part of the page, a
 * heading deeper than one below the heading before it is announced at that next level (aria-level).
 */
const SCRIPT = `(function () {
  var nonce = document.currentScript && document.currentScript.nonce;
  var createElement = document.createElement.bind(document);
  document.createElement = function (tag, options) {
    var el = createElement(tag, options);
    if (nonce && String(tag).toLowerCase() === "style") el.setAttribute("nonce", nonce);
    return el;
  };
  function levelHeadings(root) {
    var previous = 1;
    var headings = document.querySelectorAll("h1, h2, h3, h4, h5, h6");
    for (var i = 0; i < headings.length; i++) {
      var h = headings[i];
      var level = Number(h.tagName.slice(1));
      if (root.contains(h)) {
        if (level > previous + 1) {
          level = previous + 1;
          h.setAttribute("role", "heading");
          h.setAttribute("aria-level", String(level));
        } else if (h.hasAttribute("aria-level")) {
          level = Number(h.getAttribute("aria-level"));
        }
      }
      previous = level;
    }
  }
  var bundle = createElement("script");
  bundle.src = "/docs/api/redoc.js";
  if (nonce) bundle.setAttribute("nonce", nonce);
  bundle.onload = function () {
    var el = document.getElementById("redoc");
    window.Redoc.init(el.dataset.spec, {
      nonce: nonce,
      disableSearch: true,
      expandResponses: "200,201,202",
      requiredPropsFirst: true,
      hideHostname: true,
      // Darker than Redoc's defaults, for a 4.5:1 contrast (axe, e2e/api-docs.spec.ts).
      theme: {
        colors: {
          primary: { main: "#1d4ed8" },
          text: { secondary: "#4b5563" },
          success: { main: "#166534" },
          error: { main: "#991b1b" },
          responses: {
            success: { color: "#166534", backgroundColor: "#ecfdf5", tabTextColor: "#86efac" },
            error: { color: "#991b1b", backgroundColor: "#fef2f2", tabTextColor: "#fca5a5" },
          },
        },
        typography: {
          fontFamily: "system-ui, sans-serif",
          headings: { fontFamily: "system-ui, sans-serif" },
          code: { color: "#9f1239", backgroundColor: "#f8fafc" },
        },
      },
    }, el, function () {
      levelHeadings(el);
      var pending = false;
      new MutationObserver(function () {
        if (pending) return;
        pending = true;
        requestAnimationFrame(function () {
          pending = false;
          levelHeadings(el);
        });
      }).observe(el, { childList: true, subtree: true });
    });
  };
  document.head.appendChild(bundle);
})();
`;

export function GET() {
  return new Response(SCRIPT, {
    headers: { "Content-Type": "text/javascript; charset=utf-8", "Cache-Control": "public, max-age=3600" },
  });
}
