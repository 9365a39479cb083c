// Reads a PDF on stdin and prints { pages, text, size } of it with pdfjs-dist. A separate process because
// pdfjs-dist is an ES module, which jest's CommonJS runtime cannot load.
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const doc = await getDocument({ data: new Uint8Array(Buffer.concat(chunks)), useSystemFonts: true, verbosity: 0 }).promise;
let text = '';
for (let i = 1; i <= doc.numPages; i++) {
  const content = await (await doc.getPage(i)).getTextContent();
  text += `${content.items.map((item) => item.str ?? '').join(' ')}\n`;
}
const [, , width, height] = (await doc.getPage(1)).view;
process.stdout.write(JSON.stringify({ pages: doc.numPages, text, size: [Math.round(width), Math.round(height)] }));
