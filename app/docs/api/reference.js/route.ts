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
 *
 * Looks: Redoc's theme takes the app's colours (read from app/globals.css's variables when it starts, so dark
 * mode comes with them) and font; app/docs/api/reference.css covers what the theme cannot reach.
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
  // The app's own colours and fonts, read from its stylesheet (app/globals.css), so the reference follows the
  // app in light and dark alike. Redoc works its shades out with colour maths that wants rgb(), not the
  // oklch() Tailwind writes: each colour is painted once on a 1×1 canvas and read back.
  var canvas = createElement("canvas");
  canvas.width = canvas.height = 1;
  var paint = canvas.getContext("2d", { willReadFrequently: true });
  function colour(name) {
    var value = getComputedStyle(document.documentElement).getPropertyValue("--color-" + name).trim();
    paint.clearRect(0, 0, 1, 1);
    paint.fillStyle = "#000";
    paint.fillStyle = value || "#000";
    paint.fillRect(0, 0, 1, 1);
    var d = paint.getImageData(0, 0, 1, 1).data;
    return "rgb(" + d[0] + ", " + d[1] + ", " + d[2] + ")";
  }
  function theme() {
    var sans = getComputedStyle(document.body).fontFamily;
    var mono = "ui-monospace, SFMono-Regular, Menlo, Monaco, Consolas, 'Liberation Mono', 'Courier New', monospace";
    var dark = matchMedia("(prefers-color-scheme: dark)").matches;
    // The right-hand panel (examples) is dark in both schemes, as Redoc's is (slate 800; in dark, a panel's colour
    // on the page's), its code blocks darker still (slate 950: Redoc's red booleans need it for 4.5:1).
    var panel = dark ? colour("white") : "rgb(30, 41, 59)";
    var code = "rgb(2, 6, 23)";
    return {
      colors: {
        primary: { main: colour("brand-700") },
        success: { main: colour("emerald-700") },
        warning: { main: colour("amber-700") },
        error: { main: colour("red-700") },
        gray: { 50: colour("slate-50"), 100: colour("slate-100") },
        border: { dark: colour("slate-300"), light: colour("slate-200") },
        text: { primary: colour("slate-900"), secondary: colour("slate-600") },
        responses: {
          success: { color: colour("emerald-800"), backgroundColor: colour("emerald-50"), tabTextColor: "#86efac" },
          error: { color: colour("red-800"), backgroundColor: colour("red-50"), tabTextColor: "#fca5a5" },
          redirect: { color: colour("amber-800"), backgroundColor: colour("amber-50"), tabTextColor: "#fcd34d" },
          info: { color: colour("brand-800"), backgroundColor: colour("brand-50"), tabTextColor: "#a5b4fc" },
        },
      },
      schema: {
        linesColor: colour("slate-300"),
        typeNameColor: colour("slate-600"),
        typeTitleColor: colour("slate-600"),
        requireLabelColor: colour("red-700"),
        nestedBackground: colour("slate-50"),
        arrow: { color: colour("slate-600") },
      },
      typography: {
        fontFamily: sans,
        headings: { fontFamily: sans, fontWeight: "600" },
        code: { fontFamily: mono, color: colour("red-800"), backgroundColor: colour("slate-100") },
        links: { color: colour("brand-700"), visited: colour("brand-700"), hover: colour("brand-600") },
      },
      sidebar: {
        backgroundColor: colour("white"),
        textColor: colour("slate-800"),
        activeTextColor: colour("brand-700"),
        arrow: { color: colour("slate-600") },
      },
      rightPanel: { backgroundColor: panel, textColor: "rgb(241, 245, 249)" },
      codeBlock: { backgroundColor: code },
      fab: { backgroundColor: colour("white"), color: colour("brand-700") },
      // "Request body schema" and the like: Redoc gives them fixed dark greys, unreadable in dark.
      extensionsHook: function (name) {
        if (name !== "UnderlinedHeader") return "";
        return (
          "color: " + colour("slate-600") + "; border-bottom-color: " + colour("slate-200") + ";" +
          "& span, & label { color: " + colour("slate-800") + "; }"
        );
      },
    };
  }
  function start(el, done) {
    window.Redoc.init(
      el.dataset.spec,
      {
        nonce: nonce,
        disableSearch: true,
        expandResponses: "200,201,202",
        requiredPropsFirst: true,
        hideHostname: true,
        hideDownloadButton: true,
        theme: theme(),
      },
      el,
      done,
    );
  }
  bundle.onload = function () {
    var el = document.getElementById("redoc");
    start(el, function () {
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
    // The system switching between light and dark: the reference follows, as the rest of the page does.
    matchMedia("(prefers-color-scheme: dark)").addEventListener("change", function () {
      start(el);
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
