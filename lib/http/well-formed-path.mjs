// Plain JavaScript so that scripts/server.mjs can import it (like static-headers.mjs).

const decoder = new TextDecoder("utf-8", { fatal: false });
const encoder = new TextEncoder();

/** A path segment decoded the lenient way URLs are (WHATWG): bytes that are not UTF-8 become U+FFFD, a stray "%" stays. */
function lenientDecode(segment) {
  const bytes = [];
  for (let i = 0; i < segment.length;) {
    if (segment[i] === "%" && /^[0-9A-Fa-f]{2}$/.test(segment.slice(i + 1, i + 3))) {
      bytes.push(parseInt(segment.slice(i + 1, i + 3), 16));
      i += 3;
    } else {
      const codePoint = segment.codePointAt(i);
      const char = String.fromCodePoint(codePoint);
      bytes.push(...encoder.encode(char));
      i += char.length;
    }
  }
  return decoder.decode(new Uint8Array(bytes));
}

function decodes(text) {
  try {
    decodeURIComponent(text);
    return true;
  } catch {
    return false;
  }
}

/**
 * The request target with every path segment that does not percent-decode (`%ED%A0%80`, a lone
 * surrogate as bytes; `%zz`; `%C3`) re-encoded from its lenient decoding, so `/u/%ED%A0%80` becomes
 * `/u/%EF%BF%BD`. Next.js answers a path it cannot decode with a bare 500 before any of our code runs;
 * re-encoded, the request reaches the route, whose parameter schema answers 404. The query string is
 * left as it is (it is decoded leniently already). Well-formed targets come back unchanged.
 */
export function wellFormedTarget(target) {
  const q = target.indexOf("?");
  const path = q < 0 ? target : target.slice(0, q);
  if (decodes(path)) return target;
  const fixed = path
    .split("/")
    .map((segment) => (decodes(segment) ? segment : encodeURIComponent(lenientDecode(segment))))
    .join("/");
  return fixed + (q < 0 ? "" : target.slice(q));
}
