// Builds the benchmark texts in bench/out/ (never committed):
//   corpus.txt       ~4 MB of news-like English: the seed article, the labelled sentences and the
//                    filler sentences below, shuffled into paragraphs with their figures varied;
//   adversarial-1mb.txt, adversarial-5mb.txt
//                    inputs built to hurt a backtracking matcher: unclosed quotation marks, runs of
//                    digits and separators, month names and currency signs with nothing after them.
// Deterministic: a fixed seed, so every run measures the same text.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const out = path.join(here, 'out');
fs.mkdirSync(out, { recursive: true });

let seed = 0x2545f491;
const rand = () => {
  seed ^= seed << 13; seed >>>= 0;
  seed ^= seed >>> 17;
  seed ^= seed << 5; seed >>>= 0;
  return seed / 0x100000000;
};
const pick = (xs) => xs[Math.floor(rand() * xs.length)];

const seedArticle = fs.readFileSync(path.join(here, '..', '..', 'shared', 'seed-article.txt'), 'utf8');
const seedParagraphs = seedArticle.split(/\n\s*\n/).map((p) => p.trim()).filter((p) => p.length > 60);
const labelled = fs.readFileSync(path.join(here, 'labelled.jsonl'), 'utf8')
  .split('\n').filter(Boolean).map((l) => JSON.parse(l).text);
// Most sentences in news carry no figure at all; these keep the density realistic.
const filler = [
  'The talks were described by both sides as frank and constructive.',
  'Officials said the measures would be reviewed at the next meeting of the committee.',
  'Opposition parties criticised the decision and called for a debate in parliament.',
  'Analysts cautioned that the outlook remained uncertain because of global conditions.',
  'The minister told reporters that the government was committed to reform.',
  'Residents of the area complained about power cuts and water shortages.',
  'The delegation also met business leaders and representatives of civil society.',
  'A spokesman for the ministry declined to comment on the report.',
  'The court adjourned the hearing and asked the government to submit a reply.',
  'Critics argue that the policy has done little to help ordinary families.',
  'The new road is expected to cut travel times between the two cities.',
  'Teachers have been protesting outside the press club for several weeks.',
  'The company said it would invest in new plants and hire local workers.',
  '“We are determined to see this through to the end,” the prime minister said.',
  'The report called for better coordination between federal and provincial agencies.',
  'Farmers say the delay in rains has damaged crops across the province.',
  'The visit is seen as a sign of improving ties between the two neighbours.',
  'Security was tightened across the capital ahead of the rally.',
  'The central bank said it would keep a close watch on prices.',
  'Experts believe the reforms will take years to show results.',
  'He said that the country could not afford another round of instability.',
  'The mayor promised to clear the backlog of complaints within weeks.',
  'According to the statement, the two sides agreed to meet again soon.',
  'Human rights groups have raised concerns about the new law.',
];

// Varies digits so that the corpus is not one paragraph repeated, keeping the number's shape.
const vary = (s) => s.replace(/\d/g, (d) => (rand() < 0.3 ? String(Math.floor(rand() * 10)) : d));

const target = 4 * 1024 * 1024;
const paragraphs = [];
let size = 0;
while (size < target) {
  let p;
  const r = rand();
  if (r < 0.35) {
    p = vary(pick(seedParagraphs));
  } else {
    const n = 2 + Math.floor(rand() * 4);
    const parts = [];
    for (let i = 0; i < n; i++) parts.push(rand() < 0.45 ? vary(pick(labelled)) : pick(filler));
    p = parts.join(' ');
  }
  paragraphs.push(p);
  size += Buffer.byteLength(p) + 2;
}
fs.writeFileSync(path.join(out, 'corpus.txt'), paragraphs.join('\n\n'));

function adversarial(bytes) {
  const blocks = [
    '“' + 'word '.repeat(20),             // opening marks that never close
    '"' + 'a"b'.repeat(10) + ' ',         // straight quotes in odd places
    '‘' + 'it’s '.repeat(10),             // single marks and apostrophes
    '1-'.repeat(40) + ' ',                // a hyphenated digit run
    '1,'.repeat(40) + ' ',                // a comma-separated digit run
    '1.'.repeat(40) + ' ',                // a dotted digit run
    '9'.repeat(200) + ' ',                // one long number
    'May '.repeat(30),                    // month names with no day or year
    'from $1 in 2000 to '.repeat(10),     // trend openings that never finish
    '$'.repeat(50) + ' Rs Rs Rs ',        // currency signs with no number
    'per '.repeat(30) + 'percent ',       // "per" with no number before it
    '2019 '.repeat(30),                   // bare years with no context
    'early mid-late '.repeat(10),
    '\n\n”'.repeat(10),                   // closing marks after paragraph breaks
  ];
  const parts = [];
  let n = 0;
  let i = 0;
  while (n < bytes) {
    const b = blocks[i++ % blocks.length];
    parts.push(b);
    n += Buffer.byteLength(b);
  }
  return parts.join('');
}
fs.writeFileSync(path.join(out, 'adversarial-1mb.txt'), adversarial(1_000_000));
fs.writeFileSync(path.join(out, 'adversarial-5mb.txt'), adversarial(5_000_000));
console.log(`corpus: ${(size / 1e6).toFixed(2)} MB in ${paragraphs.length} paragraphs; adversarial: 1 MB and 5 MB`);
