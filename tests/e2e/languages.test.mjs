// The interface in English and Spanish (docs/ARCHITECTURE.md#languages): a browser that
// prefers Spanish gets every screen in Spanish (the library, the reader with its menus and
// overlay, the export, the compare page, the assignment pages), with no English sentence of
// the interface left on it and no accessibility violation; the files it writes keep the
// labels `claim`, `quote`, `opinion`; the header switches the language and the choice is
// remembered, and the lasting warnings are said again in it; an English browser gets
// English; and a page whose words cannot be had says so in both languages and leaves the
// stored work alone.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {
  appUnderTest, openApp, openDocument, downloadOf, dragOver, axeViolations, screenshot, ROOT,
} from './helpers.mjs';

const app = appUnderTest();

const OPINION_PIECE = 'Bukele to visit Trump: an opinion piece with embedded posts';

/** A language file as translators write it: name → text. */
function words(code) {
  const out = new Map();
  for (const line of fs.readFileSync(path.join(ROOT, 'static/i18n', `${code}.txt`), 'utf8').split('\n')) {
    const entry = line.trim();
    if (!entry || entry.startsWith('#')) continue;
    const at = entry.indexOf('=');
    out.set(entry.slice(0, at).trim(), entry.slice(at + 1).trim());
  }
  return out;
}
const EN = words('en');
const ES = words('es');

// The English sentences a Spanish screen must not show: of every entry whose Spanish differs,
// the runs of more than two words between its placeholders.
const ENGLISH = [...EN].filter(([name, text]) => ES.get(name) !== text).flatMap(([, text]) =>
  text.split(/\{[^}]*\}/).map((s) => s.trim()).filter((s) => s.split(/\s+/).length > 2));

/** What the page says, in its text and its labels, titles and placeholders, without the
 * articles' own (English) texts and titles. */
async function interfaceText(page) {
  return page.evaluate(() => {
    const body = document.body.cloneNode(true);
    body.querySelectorAll('script, style, #doc-text, .doc-excerpt, .agree-text, .feedback-text, .item-text, .details-quote, q, h1, .doc-card h2, option')
      .forEach((e) => e.remove());
    const attributes = [...body.querySelectorAll('[aria-label], [title], [placeholder]')]
      .flatMap((e) => ['aria-label', 'title', 'placeholder'].map((a) => e.getAttribute(a) ?? ''));
    return [body.innerText, body.textContent, ...attributes, document.title].join('\n');
  });
}

/** Asserts that `page` shows no English sentence of the interface, and no placeholder. */
async function noEnglish(page, where) {
  const text = await interfaceText(page);
  for (const sentence of ENGLISH) {
    assert.ok(!text.includes(sentence), `${where} shows the English “${sentence}”`);
  }
  assert.doesNotMatch(text, /\{[a-z_0-9]+(:[^}]*)?\}/, `${where} shows a placeholder`);
}

async function accessible(page, where) {
  assert.deepEqual(await axeViolations(page), [], `${where}: axe-core`);
}

// (Where service workers are blocked, the release's registration of its worker fails; that
// is the one error such a page may have.)
const unexpected = (errors) =>
  errors.filter((e) => !e.includes('Failed to load resource') && !e.includes("reading 'installing'"));

/** A new browser context in `locale`, Discern open in it (`options`: more of the context's). */
async function fresh(locale, options = {}) {
  const context = await app.browser.newContext({
    viewport: { width: 1280, height: 900 }, acceptDownloads: true, locale, ...options,
  });
  const page = await openApp(context, app.server.url);
  return { context, page };
}

test('a Spanish browser: the library, the reader, the keys, export and compare speak Spanish; the files keep their labels', async () => {
  const { context, page } = await fresh('es-ES');
  assert.deepEqual(await page.evaluate(() => navigator.languages), ['es-ES']);
  assert.equal(await page.getAttribute('html', 'lang'), 'es');
  assert.equal(await page.title(), 'Discern');

  // The first visit asks for a name, in Spanish.
  await page.getByRole('form', { name: 'Bienvenida' }).waitFor();
  await noEnglish(page, 'the name prompt');
  await page.getByLabel('Te damos la bienvenida a Discern.', { exact: false }).fill('Lucía');
  await page.getByRole('button', { name: 'Guardar' }).click();

  // The library.
  await page.getByRole('heading', { name: 'Biblioteca', level: 1 }).waitFor();
  await page.getByText('Elige un artículo para leerlo y etiquetar sus afirmaciones, citas y opiniones.').waitFor();
  assert.equal(await page.getByRole('link', { name: 'Comparar' }).count(), 1);
  assert.match(await page.locator('.doc-card').first().innerText(), /\d+ caracteres/);
  await page.getByText('Añadir un artículo propio').click();
  await page.getByLabel('Fuente (opcional)').waitFor();
  assert.equal(await page.getByLabel('Texto', { exact: true }).getAttribute('placeholder'), 'Pega aquí el texto del artículo');
  await noEnglish(page, 'the library');
  await accessible(page, 'the library');
  await screenshot(page, 'es-library');
  await page.getByText('Añadir un artículo propio').click();

  // The reader: tag by a mouse drag, the notice, the details, the list, the keys overlay.
  await openDocument(page, OPINION_PIECE);
  await page.getByText('Ajustar a palabras completas').waitFor();
  assert.equal(await page.locator('.hint').innerText(), 'Selecciona palabras y pulsa 1 afirmación, 2 cita, 3 opinión (o C, Q, O).');
  await dragOver(page, 'official visit');
  await page.keyboard.press('1');
  await page.waitForSelector('#doc-text mark[data-labels~=claim]');
  assert.equal(await page.locator('.notice').innerText(), 'Etiquetado como afirmación');
  await dragOver(page, 'official visit');
  await page.keyboard.press('1');
  await page.waitForSelector('.notice[data-refused]');
  assert.equal(await page.locator('.notice').innerText(),
    'No se etiquetó: este pasaje ya está etiquetado como afirmación');
  await page.locator('#doc-text mark').first().click();
  await page.getByRole('region', { name: 'Anotación seleccionada' }).waitFor();
  await page.getByRole('radio', { name: 'Cita' }).click();
  await page.getByLabel('¿Por qué? (nota)').fill('Son palabras del presidente.');
  await page.getByLabel('Quién habla').fill('Bukele');
  assert.equal(await page.locator('#doc-text mark').first().getAttribute('title'), 'cita');
  await page.getByRole('group', { name: 'Mostrar' }).getByRole('button', { name: 'Cita' }).waitFor();
  await noEnglish(page, 'the reader');
  await accessible(page, 'the reader');
  await screenshot(page, 'es-reader');
  await page.locator('#doc-text').click();
  await page.keyboard.press('?');
  await page.getByRole('dialog', { name: 'Teclas y etiquetas' }).waitFor();
  await page.getByText('etiquetar la selección como afirmación, cita, opinión').waitFor();
  await page.getByText('Un enunciado sobre hechos que se podría comprobar', { exact: false }).waitFor();
  await noEnglish(page, 'the keys overlay');
  await accessible(page, 'the keys overlay');
  await screenshot(page, 'es-keys');
  await page.getByRole('dialog').getByRole('button', { name: 'Cerrar' }).click();
  // The header's button opens it too.
  await page.getByRole('button', { name: '? Teclas' }).click();
  await page.getByText('el control siguiente, el anterior').waitFor();
  await page.getByRole('dialog').getByRole('button', { name: 'Cerrar' }).click();

  // The printed handout: who and when, the legend, the list.
  await page.emulateMedia({ media: 'print' });
  await page.waitForFunction(() => document.querySelector('.handout-list li'));
  const today = new Date().toLocaleDateString('es', { dateStyle: 'long' });
  assert.equal(await page.locator('.handout-by').innerText(), `Anotado por Lucía · ${today}`);
  assert.match(await page.locator('.handout-legend').innerText(),
    /^Afirmación\s*C línea continua\n+Cita\s*Q línea discontinua\n+Opinión\s*O línea de puntos\n+1 donde empieza la anotación 1$/);
  assert.match(await page.locator('.handout-list ol > li').first().innerText(), /^Q\s*Cita [\s\S]*\n+Quién habla: Bukele$/);
  await noEnglish(page, 'the handout');
  await screenshot(page, 'es-handout');
  await page.emulateMedia({ media: 'screen' });

  // Export: the menu speaks Spanish; the files keep their labels and field names.
  const menu = page.locator('details.menu');
  await menu.locator('summary').click();
  await menu.getByText('Incluir los textos (un paquete de lectura)').waitFor();
  await noEnglish(page, 'the export menu');
  await accessible(page, 'the export menu');
  await menu.getByLabel('JSON de Discern').check();
  const native = await downloadOf(page, () => menu.getByRole('button', { name: 'Descargar' }).click());
  assert.match(await page.locator('.notice').innerText(), /^Se exportó discern-Lucía-\d{4}-\d\d-\d\d\.json$/);
  const file = JSON.parse(native.text);
  assert.equal(file.format, 'discern.annotations');
  assert.equal(file.annotator, 'Lucía');
  assert.deepEqual(file.annotations.map((a) => [a.label, a.note, a.speaker]), [['quote', 'Son palabras del presidente.', 'Bukele']]);
  // (The annotation record's fields, then its quote: docs/FORMATS.md#native-format.)
  assert.deepEqual(Object.keys(file.annotations[0]), ['id', 'document', 'label', 'start', 'end', 'note', 'speaker', 'annotator', 'created', 'modified', 'text', 'prefix', 'suffix']);
  await menu.getByLabel('CSV para hojas de cálculo').check();
  const csv = await downloadOf(page, () => menu.getByRole('button', { name: 'Descargar' }).click());
  const [header, row] = csv.text.replace(/^\uFEFF/, '').split('\r\n');
  assert.equal(header, 'annotator,document,label,start,end,text,note');
  assert.match(row, /^Lucía,.*,quote,\d+,\d+,/);
  await menu.locator('summary').click();

  // The import report: what is wrong with each bad file, and where, in Spanish.
  const bad = (over) => JSON.stringify({ ...file, annotations: [{ ...file.annotations[0], id: 'otra', ...over }] });
  await page.getByLabel('Importar archivos de anotaciones').setInputFiles([
    ['notas.json', '{"format": "discern.annotations",\n  "version": 1,'],
    ['texto.json', bad({ start: '5' })],
    ['negativo.json', bad({ start: -1 })],
    ['sin-fin.json', bad({ end: undefined })],
  ].map(([name, text]) => ({ name, mimeType: 'application/json', buffer: Buffer.from(text) })));
  const report = page.locator('.import-report');
  await report.waitFor();
  assert.equal(await report.getByRole('heading').innerText(), 'Importación');
  assert.deepEqual(await report.locator('li').allInnerTexts(), [
    'No se importó «notas.json»: no es JSON (el texto termina antes de tiempo, en la línea 2, columna 15).',
    'No se importó «texto.json»: no tiene la forma de un archivo de Discern (anotación 1: hay un texto donde va un número entero).',
    'No se importó «negativo.json»: no tiene la forma de un archivo de Discern (anotación 1: hay un número negativo donde va un número mayor o igual que 0).',
    'No se importó «sin-fin.json»: no tiene la forma de un archivo de Discern (anotación 1: falta el campo «end»).',
  ]);
  await noEnglish(page, 'the import report');
  await accessible(page, 'the import report');
  // The Spanish header wraps to two rows at this width: what floats or sticks below it
  // starts where it ends, and covers none of it.
  assert.ok((await page.locator('.app-head').boundingBox()).height > 70, 'the header has two rows');
  const below = (selector) => page.evaluate((s) => document.querySelector(s).getBoundingClientRect().top
    - document.querySelector('.app-head').getBoundingClientRect().bottom, selector);
  assert.ok(await below('.import-report') >= 0, 'the report floats below the header');
  await report.getByRole('button', { name: 'Cerrar' }).click();
  await page.mouse.move(640, 600);
  await page.mouse.wheel(0, 900);
  await page.waitForFunction(() => scrollY > 600);
  await page.waitForFunction(() => document.querySelector('.side').getBoundingClientRect().top < 200);
  assert.ok(await below('.side') >= 0, 'the side panel sticks below the header');
  await page.evaluate(() => scrollTo(0, 0));

  // A share under 10 % is written with a decimal comma.
  await page.getByRole('button', { name: '← Biblioteca' }).click();
  assert.match(await page.locator('.doc-card .tagged').nth(2).innerText(), /^\d,\d[\u00a0 ]% etiquetado$/);

  // The compare page: two files, the figures with decimal commas, the feedback, the key.
  const compare = await context.newPage();
  compare.errors = [];
  compare.on('pageerror', (e) => compare.errors.push(e.message));
  await compare.goto(app.server.url + 'teach.html');
  await compare.getByRole('heading', { name: 'Comparar', level: 1 }).waitFor();
  assert.equal(await compare.title(), 'Discern: docente');
  await noEnglish(compare, 'the empty compare page');
  const other = structuredClone(file);
  other.annotator = 'Mateo';
  other.annotations[0].id = 'a-mateo';
  other.annotations[0].label = 'claim';
  other.annotations[0].end -= 3;
  other.annotations[0].text = other.annotations[0].text.slice(0, -3);
  await compare.getByLabel('Cargar archivos de anotaciones para comparar').setInputFiles([
    { name: 'lucia.json', mimeType: 'application/json', buffer: Buffer.from(native.text) },
    { name: 'mateo.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(other)) },
  ]);
  await compare.getByText('«lucia.json»: 1 fragmento de Lucía cargado para comparar.').waitFor();
  await compare.getByRole('radio', { name: 'Lucía es la clave' }).check();
  const scores = compare.locator('table.scores');
  await scores.waitFor();
  assert.deepEqual(await scores.locator('th').allInnerTexts(),
    ['Anotador', 'Etiqueta', 'Fragmentos', 'Fragmentos de la clave', 'Coincidencias', 'Precisión', 'Exhaustividad', 'F1', 'Kappa']);
  const claim = await scores.locator('tr[data-label=claim] td').allInnerTexts();
  assert.deepEqual(claim.slice(0, 2), ['Mateo', 'afirmación']);
  assert.equal(claim[5], '0,00');
  assert.match(await compare.locator('.class-agreement').textContent(), /^Acuerdo entre los 2 anotadores .*: afirmación (—|-?\d,\d\d), cita (—|-?\d,\d\d), opinión (—|-?\d,\d\d)$/);
  // (Attributes and files keep the full stop.)
  assert.match(await compare.locator('.class-agreement').getAttribute('data-kappas'), /^[^,]*$/);
  await compare.getByLabel('Retroalimentación para', { exact: true }).selectOption({ label: 'Mateo' });
  await compare.getByRole('heading', { name: 'Retroalimentación para Mateo' }).waitFor();
  assert.equal(await compare.locator('.sheet-counts').textContent(), '0 aciertos, 1 etiqueta equivocada, 0 parciales, 0 de más, 0 omitidos');
  await noEnglish(compare, 'the compare page');
  await accessible(compare, 'the compare page');
  await compare.locator('.class-agreement').scrollIntoViewIfNeeded();
  await screenshot(compare, 'es-compare');
  await compare.locator('.sheet').scrollIntoViewIfNeeded();
  await screenshot(compare, 'es-feedback');
  await compare.getByRole('button', { name: 'Construir una clave con estos archivos' }).click();
  await compare.locator('.key-summary').waitFor();
  assert.match(await compare.locator('.key-summary').textContent(), /^\d+ grupos?: \d+ en la clave, \d+ fuera; la clave tiene \d+ fragmentos?; decidiste 0\.$/);
  await noEnglish(compare, 'the key builder');
  await accessible(compare, 'the key builder');
  await screenshot(compare, 'es-key');
  assert.deepEqual(compare.errors, []);
  await compare.close();

  // The pages for assignments.
  const set = await context.newPage();
  await set.goto(app.server.url + 'set.html');
  await set.getByRole('heading', { name: 'Nueva tarea', level: 1 }).waitFor();
  assert.match(await set.locator('textarea').nth(1).inputValue(), /^Un enunciado sobre hechos/);
  await set.getByRole('button', { name: 'Descargar la tarea' }).click();
  await set.getByText('Ponle un título a la tarea.').waitFor();
  await noEnglish(set, 'the new-assignment page');
  await accessible(set, 'the new-assignment page');
  await set.goto(app.server.url + 'assignment.html');
  await set.getByText('No hay ninguna tarea abierta.', { exact: false }).waitFor();
  await noEnglish(set, 'the assignment page');
  await accessible(set, 'the assignment page');
  await set.close();

  assert.deepEqual(page.errors, []);
  await context.close();
});

test('the header switches the language, without a reload, and the choice is remembered', async () => {
  const { context, page } = await fresh('es-MX');
  await page.getByRole('button', { name: 'Ahora no' }).click();
  await openDocument(page, OPINION_PIECE);
  await dragOver(page, 'Diet Coke');
  await page.keyboard.press('2');
  await page.waitForSelector('#doc-text mark[data-labels~=quote]');
  const language = page.getByLabel('Idioma');
  assert.deepEqual(await language.locator('option').allInnerTexts(), ['English', 'Español']);
  await language.selectOption('en');
  await page.getByText('Snap to whole words').waitFor();
  assert.equal(await page.getAttribute('html', 'lang'), 'en');
  assert.equal(await page.getByLabel('Language').inputValue(), 'en');
  // Drawn again, not reloaded: the undo history is still there, and the highlight's title.
  assert.equal(await page.locator('#doc-text mark').first().getAttribute('title'), 'quote');
  await page.getByRole('button', { name: '↶ Undo' }).click();
  await page.waitForSelector('#doc-text mark', { state: 'detached' });
  await page.getByRole('button', { name: '↷ Redo' }).click();
  await page.waitForSelector('#doc-text mark');
  assert.deepEqual(JSON.parse(await page.evaluate(() => localStorage.getItem('discern/v1/language'))), { schema: 1, language: 'en' });
  await page.getByLabel('Language').selectOption('es');
  await page.getByText('Ajustar a palabras completas').waitFor();
  assert.equal(await page.getAttribute('html', 'lang'), 'es');
  await noEnglish(page, 'the reader after switching back');
  // A reload keeps the choice, over the browser's language too.
  await page.getByLabel('Idioma').selectOption('en');
  await page.getByText('Snap to whole words').waitFor();
  await page.reload();
  await page.getByText('Snap to whole words').waitFor();
  assert.equal(await page.getAttribute('html', 'lang'), 'en');
  // Every page of this browser speaks it.
  await page.goto(app.server.url + 'teach.html');
  await page.getByRole('heading', { name: 'Compare', level: 1 }).waitFor();
  assert.deepEqual(page.errors, []);
  await context.close();
});

test('the lasting warnings are said again in the language switched to', async () => {
  // Without the service worker, which would answer from its cache, out of the test's routing.
  const { context, page } = await fresh('es-ES', { serviceWorkers: 'block' });
  await page.getByRole('button', { name: 'Ahora no' }).click();
  // On the next visit a built-in article is not served, and a stored value cannot be read.
  await page.evaluate((title) => {
    const doc = window.discern.documents().find((d) => d.title === title).id;
    localStorage.setItem(`discern/v1/ann/${doc}`, '{not json');
  }, OPINION_PIECE);
  await context.route('**/corpus/001_*', (route) => route.fulfill({ status: 404, body: 'gone' }));
  await page.reload();
  const warning = page.locator('.storage-warning');
  await warning.waitFor();
  const spanish = await warning.locator('p').innerText();
  assert.match(spanish, /^No se pudo cargar el artículo incluido «001_[^»]+» \(el servidor respondió 404\)\./);
  assert.match(spanish, /Los datos guardados «discern\/v1\/ann\/[^»]+» no se cargaron: no se pudieron leer \(no es JSON válido, en la línea 1, columna 2\);/);
  assert.match(spanish, /se apartan como «discern\/aside\//);
  await warning.getByRole('button', { name: 'Exportar mi trabajo ahora' }).waitFor();
  await noEnglish(page, 'the warnings');
  await screenshot(page, 'es-warnings');
  // Switched in place: the same warnings, in English.
  await page.getByLabel('Idioma').selectOption('en');
  await page.getByText('Export my work now').waitFor();
  const english = await warning.locator('p').innerText();
  assert.match(english, /^The built-in article “001_[^”]+” could not be loaded \(the server answered 404\)\./);
  assert.match(english, /Saved data “discern\/v1\/ann\/[^”]+” was not loaded: it could not be read \(not valid JSON, at line 1, column 2\);/);
  assert.match(english, /it is kept aside as “discern\/aside\//);
  assert.equal(await page.getByRole('button', { name: 'Download the data kept aside' }).count(), 1);
  assert.deepEqual(unexpected(page.errors), []);
  await context.close();
});

test('an English browser gets English; a language that cannot be loaded leaves the page as it was', async () => {
  // Without the service worker, which would answer from its cache, out of the test's routing.
  const { context, page } = await fresh('en-US', { serviceWorkers: 'block' });
  assert.equal(await page.getAttribute('html', 'lang'), 'en');
  await page.getByRole('heading', { name: 'Library', level: 1 }).waitFor();
  assert.equal(await page.getByLabel('Language').inputValue(), 'en');
  // The Spanish words cannot be had: the notice says so, and nothing changes.
  await page.route('**/i18n/es/**', (route) => route.abort());
  await page.getByLabel('Language').selectOption('es');
  await page.locator('.notice[data-refused]').waitFor();
  assert.equal(await page.locator('.notice').innerText(),
    'Español could not be loaded; the page stays as it is. Try again when the connection is back.');
  assert.equal(await page.getByLabel('Language').inputValue(), 'en');
  assert.equal(await page.evaluate(() => localStorage.getItem('discern/v1/language')), null);
  assert.deepEqual(unexpected(page.errors), []);
  await context.close();
});

test('a first visit whose words cannot be fetched says so in both languages and leaves the stored work alone', async () => {
  // Without the service worker, which would answer from its cache, out of the test's
  // routing: the words are missing as on a first visit.
  const { context, page } = await fresh('es-ES', { serviceWorkers: 'block' });
  await page.getByRole('button', { name: 'Ahora no' }).click();
  await openDocument(page, OPINION_PIECE);
  await dragOver(page, 'first time');
  await page.keyboard.press('3');
  await page.waitForSelector('#doc-text mark[data-labels~=opinion]');
  await page.waitForFunction(() => Object.keys(localStorage).some((k) => k.startsWith('discern/v1/ann/')));
  const stored = await page.evaluate(() => JSON.stringify(Object.entries(localStorage).sort()));
  await page.route('**/i18n/**', (route) => route.abort());
  await page.reload();
  const alert = page.getByRole('alert');
  await alert.waitFor();
  assert.match(await alert.innerText(), /Discern could not load the words of its interface \(i18n\/es\/reading\.txt\)/);
  assert.match(await alert.innerText(), /Discern no pudo cargar los textos de su interfaz/);
  assert.equal(await alert.locator('[lang=en]').count(), 2);
  assert.equal(await alert.locator('[lang=es]').count(), 2);
  await accessible(page, 'the page without words');
  await screenshot(page, 'no-words');
  await page.waitForTimeout(500);
  assert.equal(await page.evaluate(() => JSON.stringify(Object.entries(localStorage).sort())), stored);
  assert.equal(await page.locator('.app-head').count(), 0);
  // Once the connection is back, the button brings the page back, in Spanish.
  await page.unroute('**/i18n/**');
  await alert.getByRole('button').click();
  await page.getByText('Ajustar a palabras completas').waitFor();
  assert.equal(await page.locator('#doc-text mark[data-labels~=opinion]').count(), 1);
  assert.deepEqual(unexpected(page.errors), []);
  await context.close();
});
