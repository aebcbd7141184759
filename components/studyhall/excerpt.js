// Excerpts of a message as people read them (reply quotes, the pinned banner), made in the browser from a message it
// has, the same way services/excerpts.py makes them on the server: text and inline code stay, links become their
// text, blocks become spaces, formulas stay MathML (inline); about `limit` characters, '…' where cut.
const BLOCKS = new Set(["P", "BR", "HR", "LI", "UL", "OL", "DIV", "PRE", "BLOCKQUOTE", "TR", "TD", "TH", "TABLE",
  "H1", "H2", "H3", "H4", "H5", "H6"]);

/** {text, html} of the message's (sanitised) HTML; `html` is safe to insert once DOMPurify has seen it. */
export function excerptOf(messageHtml, limit) {
  const pieces = [];
  const add = (kind, text, html = "") => {
    const last = pieces[pieces.length - 1];
    if (kind !== "math" && last && last.kind === kind) last.text = (last.text + text).replace(/\s+/g, " ");
    else if (kind !== "text" || text !== " " || (last && !last.text.endsWith(" "))) pieces.push({ kind, text, html });
  };
  const walk = (node, inCode) => {
    for (const child of node.childNodes) {
      if (child.nodeType === Node.TEXT_NODE) {
        add(inCode ? "code" : "text", child.textContent.replace(/\s+/g, " "));
      } else if (child.nodeType === Node.ELEMENT_NODE) {
        const tag = child.tagName.toUpperCase();
        if (tag === "MATH") {
          const math = child.cloneNode(true);
          math.setAttribute("display", "inline");
          add("math", child.textContent.replace(/\s+/g, "") || "∎", math.outerHTML);
        } else if (!child.classList.contains("sh-plain-note") && !child.classList.contains("sh-poll-note")) {
          if (BLOCKS.has(tag)) add("text", " ");
          walk(child, inCode || tag === "CODE");
          if (BLOCKS.has(tag)) add("text", " ");
        }
      }
    }
  };
  const template = document.createElement("template");
  template.innerHTML = messageHtml || "";
  walk(template.content, false);
  const kept = pieces.filter((p) => p.text);
  if (kept.length && kept[0].kind !== "math") kept[0].text = kept[0].text.trimStart();
  if (kept.length && kept[kept.length - 1].kind !== "math") kept[kept.length - 1].text = kept[kept.length - 1].text.trimEnd();
  const shown = [];
  let used = 0;
  for (const piece of kept.filter((p) => p.text)) {
    const room = limit - used;
    if (piece.text.length > room) {
      if (piece.kind !== "math" && room > 1) shown.push({ ...piece, text: piece.text.slice(0, room - 1).trimEnd() });
      else if (room < 1 && shown.length) shown.pop();
      shown.push({ kind: "text", text: "…" });
      break;
    }
    shown.push(piece);
    used += piece.text.length;
  }
  return {
    text: shown.map((p) => p.text).join(""),
    html: shown.map((p) => (p.kind === "math" ? p.html : p.kind === "code" ? `<code>${escape(p.text)}</code>`
      : escape(p.text))).join(""),
  };
}

function escape(text) {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}
