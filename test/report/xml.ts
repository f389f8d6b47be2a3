/**
 * A strict little XML parser for the tests: it accepts only well-formed XML (one root, matched and
 * nested tags, quoted unique attributes, valid entity references, no stray `<` or `&`, comments
 * without `--`) and returns the element tree. Enough to check Graphviz's SVG without a dependency.
 */
export interface XmlElement {
  readonly name: string;
  readonly attrs: Record<string, string>;
  readonly children: XmlElement[];
  /** The element's own text (entities decoded), children's text excluded. */
  text: string;
}

const NAME = /^[A-Za-z_:][-A-Za-z0-9_:.]*/;
const ENTITY = /^&(?:amp|lt|gt|quot|apos|#[0-9]+|#x[0-9a-fA-F]+);/;

function decode(raw: string, where: number): string {
  for (let i = raw.indexOf("&"); i >= 0; i = raw.indexOf("&", i + 1)) {
    if (!ENTITY.test(raw.slice(i))) throw new Error(`bad entity reference at ${where + i}: ${raw.slice(i, i + 12)}`);
  }
  return raw.replace(/&(amp|lt|gt|quot|apos|#[0-9]+|#x[0-9a-fA-F]+);/g, (_, e: string) =>
    e === "amp" ? "&" : e === "lt" ? "<" : e === "gt" ? ">" : e === "quot" ? '"' : e === "apos" ? "'" : String.fromCodePoint(e[1] === "x" ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10)),
  );
}

export function parseXml(src: string): XmlElement {
  let i = 0;
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  const fail = (msg: string): never => {
    throw new Error(`not well-formed XML at offset ${i}: ${msg}`);
  };
  while (i < src.length) {
    if (src.startsWith("<?", i)) {
      const end = src.indexOf("?>", i);
      if (end < 0) fail("unterminated processing instruction");
      i = end + 2;
    } else if (src.startsWith("<!--", i)) {
      const end = src.indexOf("-->", i + 4);
      if (end < 0) fail("unterminated comment");
      if (src.slice(i + 4, end).includes("--")) fail("`--` inside a comment");
      i = end + 3;
    } else if (src.startsWith("<![CDATA[", i)) {
      const end = src.indexOf("]]>", i);
      if (end < 0 || !stack.length) fail("bad CDATA");
      stack[stack.length - 1].text += src.slice(i + 9, end);
      i = end + 3;
    } else if (src.startsWith("<!DOCTYPE", i)) {
      if (root) fail("DOCTYPE after the root element");
      const end = src.indexOf(">", i);
      if (end < 0) fail("unterminated DOCTYPE");
      i = end + 1;
    } else if (src.startsWith("</", i)) {
      const m = NAME.exec(src.slice(i + 2));
      if (!m) fail("bad end tag");
      const open = stack.pop();
      if (!open || open.name !== m![0]) fail(`</${m![0]}> closes <${open?.name ?? "nothing"}>`);
      i += 2 + m![0].length;
      while (/\s/.test(src[i])) i++;
      if (src[i] !== ">") fail("bad end tag");
      i++;
    } else if (src[i] === "<") {
      const m = NAME.exec(src.slice(i + 1));
      if (!m) fail("bad start tag");
      const el: XmlElement = { name: m![0], attrs: {}, children: [], text: "" };
      i += 1 + m![0].length;
      for (;;) {
        const ws = /^\s*/.exec(src.slice(i))![0].length;
        i += ws;
        if (src.startsWith("/>", i) || src[i] === ">") break;
        if (!ws) fail("attributes must be separated by white space");
        const a = NAME.exec(src.slice(i));
        if (!a) fail("bad attribute name");
        i += a![0].length;
        if (src[i] !== "=") fail(`attribute ${a![0]} has no value`);
        const q = src[i + 1];
        if (q !== '"' && q !== "'") fail(`attribute ${a![0]} is not quoted`);
        const end = src.indexOf(q, i + 2);
        if (end < 0) fail("unterminated attribute value");
        const raw = src.slice(i + 2, end);
        if (raw.includes("<")) fail(`< in attribute ${a![0]}`);
        if (a![0] in el.attrs) fail(`duplicate attribute ${a![0]}`);
        el.attrs[a![0]] = decode(raw, i + 2);
        i = end + 1;
      }
      if (stack.length) stack[stack.length - 1].children.push(el);
      else if (root) fail("a second root element");
      else root = el;
      if (src.startsWith("/>", i)) i += 2;
      else {
        i++;
        stack.push(el);
      }
    } else {
      const end = src.indexOf("<", i);
      const raw = src.slice(i, end < 0 ? src.length : end);
      if (!stack.length && raw.trim()) fail("text outside the root element");
      if (stack.length) stack[stack.length - 1].text += decode(raw, i);
      i = end < 0 ? src.length : end;
    }
  }
  if (stack.length) fail(`<${stack[stack.length - 1].name}> is never closed`);
  if (!root) fail("no root element");
  return root!;
}

/** Every element below (and including) `el`, depth first. */
export function allElements(el: XmlElement): XmlElement[] {
  return [el, ...el.children.flatMap(allElements)];
}

/** All text inside `el`, children included, lines joined with "\n". */
export function deepText(el: XmlElement): string {
  return [el.text, ...el.children.map(deepText)].filter((t) => t.trim()).join("\n");
}
