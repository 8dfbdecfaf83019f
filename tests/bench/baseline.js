// The benchmark's vanilla-JavaScript baseline (`cargo xtask bench`): the same stored data as the
// app reads (taawun.head and its parts, see core/src/storage_layout), read, inflated, parsed with
// JSON.parse, and the same summary table rendered. No framework, no wasm: the floor to compare to.
'use strict';
const BASE = 0x3400;

// A packed value (after its 'z'): a 30-bit byte count in two characters, then 15 bits a character.
function unpack(s) {
  const count = ((s.charCodeAt(0) - BASE) << 15) | (s.charCodeAt(1) - BASE);
  const out = new Uint8Array(count);
  let buffer = 0, bits = 0, n = 0;
  for (let i = 2; i < s.length && n < count; i++) {
    buffer = (buffer << 15) | (s.charCodeAt(i) - BASE);
    bits += 15;
    while (bits >= 8 && n < count) { bits -= 8; out[n++] = (buffer >> bits) & 0xff; }
    buffer &= (1 << bits) - 1;
  }
  return out;
}

async function text(value) {
  if (value[0] === 'j') return value.slice(1);
  const inflated = new Blob([unpack(value.slice(1))]).stream().pipeThrough(new DecompressionStream('deflate-raw'));
  return new Response(inflated).text();
}

async function load() {
  const head = JSON.parse(localStorage.getItem('taawun.head'));
  // The records, not the dashboard's outline (core/src/outline.rs, which is not JSON).
  const parts = head.parts.filter((part) => !part.name.startsWith('outline.'));
  const texts = await Promise.all(parts.map((part) => text(localStorage.getItem(part.key))));
  const doc = { cooperatives: [], projects: [] };
  parts.forEach((part, i) => {
    if (part.name === 'document') return Object.assign(doc, JSON.parse(texts[i]));
    const list = part.name.split('.')[0];
    for (const line of texts[i].split('\n')) if (line) (doc[list] ||= []).push(JSON.parse(line));
  });
  return doc;
}

// Funded: a live project with an INDH contribution; figures over funded projects and their cooperatives.
function summary(doc) {
  const rural = new Set(doc.reference.communes.filter((c) => c.kind.startsWith('rural')).map((c) => c.code));
  const cooperatives = new Map(doc.cooperatives.filter((c) => !c.meta.deleted).map((c) => [c.id, c]));
  const funded = new Set();
  let projects = 0, total = 0, indh = 0, jobs = 0;
  for (const p of doc.projects) {
    if (p.meta.deleted || !p.contributions.some((c) => c.funder === 'INDH') || !cooperatives.has(p.cooperative)) continue;
    projects++;
    funded.add(p.cooperative);
    for (const c of p.contributions) { total += Number(c.amount); if (c.funder === 'INDH') indh += Number(c.amount); }
    jobs += p.jobs.total;
  }
  let ruralCount = 0, women = 0, members = 0;
  for (const id of funded) {
    const c = cooperatives.get(id);
    if (rural.has(c.commune)) ruralCount++;
    if (c.president_gender === 'female') women++;
    members += c.members.total;
  }
  return [
    ['Coopératives financées', funded.size], ['Rural', ruralCount], ['Urbain', funded.size - ruralCount],
    ['Projets financés', projects], ['Soutien total (DH)', total], ['Contribution INDH (DH)', indh],
    ['Part INDH (%)', total ? (100 * indh) / total : 0], ['Présidées par des femmes', women],
    ['Membres', members], ['Emplois', jobs],
  ];
}

function render(rows) {
  const number = new Intl.NumberFormat('fr-MA', { maximumFractionDigits: 1 });
  const main = document.querySelector('main');
  const headline = document.createElement('p');
  headline.id = 'headline';
  headline.textContent = `${number.format(rows[0][1])} coopératives financées, ${number.format(rows[4][1])} DH`;
  const table = document.createElement('table');
  for (const [label, value] of rows) {
    const tr = table.insertRow();
    tr.insertCell().textContent = label;
    tr.insertCell().textContent = number.format(value);
  }
  main.append(headline, table);
}

load().then((doc) => render(summary(doc)), (error) => {
  document.querySelector('main').textContent = `baseline: ${error}`;
});
